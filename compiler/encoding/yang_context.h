#pragma once
// A libyang context loaded with the modules a user names, for the YANG importer
// (yang_import.cpp) and validator (yang_validate.cpp). Internal to compiler/encoding: it is the
// one header that includes libyang, which the layer links privately.
//
// The context is created with LY_CTX_REF_IMPLEMENTED (every referenced module is implemented,
// so leafrefs and identities across modules resolve) and without the current directory in the
// search path (the output must depend on the inputs named, not on where cfgc runs). libyang's
// log is captured for the whole life of the object; when loading fails, every message is
// turned into a `file:line: message` line (libyang gives a line for syntax errors only; for the
// others the statement is looked up in the module's file).

#include <libyang/libyang.h>

#include <utility>
#include <string>
#include <vector>

#include "compiler/base/result.h"

namespace cfgc::encoding {

struct YangSources {
  std::vector<std::string> search_dirs;  // -p DIR, searched recursively
  std::vector<std::string> modules;      // module names or .yang/.yin files
  std::vector<std::string> features;     // MOD:F1,F2 or MOD:* (repeatable, comma-separated)
};

// One message libyang logged.
struct YangLogMessage {
  LY_LOG_LEVEL level;
  std::string text;
  std::string path;  // "Line number N.", a schema or data path, or empty
};

class YangContext {
 public:
  YangContext() = default;
  ~YangContext();
  YangContext(const YangContext&) = delete;
  YangContext& operator=(const YangContext&) = delete;

  // Creates the context and loads every module (a name is looked up in the search
  // directories; a path is parsed as a file, and its directory joins the search path).
  // Submodule files are skipped with a note (their module includes them). An error holds one
  // line per libyang message, each with the file (and line where known).
  Result<> load(const YangSources& sources);

  ly_ctx* ctx() const { return ctx_; }
  // The modules named on the command line, in order (after load).
  const std::vector<const lys_module*>& main_modules() const { return main_; }
  // Implemented modules that were loaded for the user's modules (the named ones first, then
  // those they imported, augmented or deviated from), without libyang's built-in ones.
  std::vector<const lys_module*> user_modules() const;
  // Notes for the user (skipped submodule files).
  const std::vector<std::string>& notes() const { return notes_; }

  // Messages logged since the last call (moves them out).
  std::vector<YangLogMessage> take_messages();
  // Where a schema path (/mod:a/b) is written: "file:line" (best effort: the statements are
  // looked up by keyword and name), "file", or "" when the module's file is unknown.
  std::string locate(std::string_view schema_path) const;
  // The file a module was read from, or "" when unknown.
  std::string module_file(std::string_view module) const;

 private:
  std::string error_lines(std::vector<YangLogMessage> messages, const std::string& input) const;
  std::string find_in_search_dirs(std::string_view module) const;

  ly_ctx* ctx_ = nullptr;
  std::vector<std::string> dirs_;
  std::vector<const lys_module*> main_;
  std::vector<std::string> builtin_;  // modules present in a fresh context
  std::vector<std::string> notes_;
  std::vector<std::pair<std::string, std::string>> inputs_;  // module name → file argument
  std::vector<YangLogMessage> messages_;
};

// The line (from 1) of the first statement `KEYWORD NAME` in a YANG file's text at or after
// `from` (a byte offset, updated to the match), or 0. KEYWORD may be a '|'-separated list.
int yang_statement_line(const std::string& text, std::string_view keywords, std::string_view name,
                        size_t& from);

}  // namespace cfgc::encoding

namespace cfgc::encoding {

// The nearest ancestor that is a data node (choice and case are not), or null at the top.
const lysc_node* yang_data_parent(const lysc_node* n);

// A node's member name as RFC 7951 writes it in JSON_IETF, and as the generated CUE labels it:
// `module:name` at the top level and where the node's module differs from its data parent's
// (an augment), else `name`.
std::string yang_member_name(const lysc_node* n);

// The node's schema path for messages (/mod:a/b).
std::string yang_schema_path(const lysc_node* n);

}  // namespace cfgc::encoding
