#pragma once
// One build: the files named on a command line, parsed, compiled and evaluated as a single
// package instance. Owns everything that lives for the build (files, arena, evaluator).
//
// Inputs: .cue files, .json files (JSON is CUE syntax) and directories (their .cue files).
// Module trees, imports between packages and YAML data come with the loader (issue 5).

#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "compiler/base/arena.h"
#include "compiler/base/diagnostic.h"
#include "compiler/base/source.h"
#include "compiler/eval/compile.h"
#include "compiler/eval/evaluator.h"
#include "compiler/load/instance.h"
#include "compiler/load/inventory.h"
#include "compiler/syntax/ast.h"

namespace cfgc::load {

class Build {
 public:
  Build();
  ~Build();

  FileSet& files() { return files_; }
  Diagnostics& diagnostics() { return diags_; }
  eval::Evaluator& evaluator() { return *evaluator_; }
  size_t arena_bytes() const { return arena_.bytes_allocated(); }

  // Reads and parses the inputs: .cue/.json/.yaml files, or one package instance given as a
  // directory (`dir`, `dir:pkg`; see instance.h). Problems go to diagnostics(): files that
  // cannot be read as ErrorKind::Io (exit code 2), syntax errors as input errors. Returns false
  // if nothing can be evaluated.
  bool load(const std::vector<std::string>& args);

  // vet: embedded YAML files also get warnings where YAML 1.1 (Ansible) reads them differently.
  void set_yaml11_warnings(bool on) { yaml11_warnings_ = on; }

  // `cfgc cmd`: a package directory's *_tool.cue files are part of the instance.
  void set_tool_files(bool on) { tool_files_ = on; }
  // CUE text parsed into this build (the task runner's results, as data to unify).
  syntax::File* parse_text(const std::string& name, std::string text);

  // Values for @tag fields (-t name=value), applied by instantiate().
  void set_tags(std::vector<std::string> tags) { tags_ = std::move(tags); }

  // An Ansible inventory read into this build's files (inventory.h); `files_read`, if given,
  // gets the names of the files read, in the order Ansible reads them.
  std::optional<Inventory> read_inventory(const std::string& path,
                                          std::vector<std::string>* files_read = nullptr);

  // A file parsed elsewhere (an inventory host's variables) joins the package, before
  // instantiate(): its fields are then in scope for -e like any file's.
  void add_parsed(syntax::File* f) { parsed_.push_back(f); }
  // The instance's files as parsed (their imports name the packages eval output refers to).
  std::span<syntax::File* const> parsed() const { return parsed_; }

  // Compiles and creates the root vertex (not yet evaluated). Null on compile errors.
  eval::Vertex* instantiate();

  // For `vet`: another root for the same compiled package (instantiate() first), and a data
  // document compiled on its own (it has no references) to unify into such a root.
  eval::Vertex* new_root();
  // Such a root unified with a data document (vet's data files, eval's inventory host).
  eval::Vertex* new_root(eval::StructExpr* doc);
  eval::StructExpr* compile_data(syntax::File* doc);
  // compile_data for inventory hosts, whose documents share their groups' variables (the same
  // syntax::Field in every host of a group): each variable is compiled once and its IR shared
  // (data holds no references, so its IR does not depend on the document around it). 1,000
  // hosts of 20 groups compile 1,000 group variables instead of 50,000.
  eval::StructExpr* compile_host_data(syntax::File* doc);
  // Reads a data file (.yaml, .yml, .json): one syntax tree per document.
  // A file that cannot be read is an ErrorKind::Io diagnostic.
  std::vector<syntax::File*> read_data(const std::string& path);
  Arena& arena() { return arena_; }

  // Evaluates an expression (a `-e` selection) in the root's scope and returns a vertex for
  // it. Null with diagnostics on errors.
  // `flag` names where the expression came from in messages ("-e", "-d").
  eval::Vertex* select(eval::Vertex* root, const std::string& expr, std::string_view flag = "-e");

  // The name shown for a path in messages: "./bonds.cue" for "bonds.cue", as cue does.
  static std::string display_name(const std::string& path);

 private:
  FileSet files_;
  Arena arena_;
  Diagnostics diags_;
  std::vector<syntax::File*> parsed_;
  std::unordered_map<const syntax::Node*, eval::Decl> host_data_decls_;  // compile_host_data
  std::vector<std::string> tags_;
  std::vector<std::string> if_tags_;               // names used by @if file attributes
  std::map<std::string, std::string> qualifiers_;  // input → "json", "yaml" or "cue"
  std::optional<Module> module_;
  // Imported packages: "dir:pkg" → evaluator package number; -1 while being loaded (a cycle).
  std::vector<std::pair<std::string, int>> imported_;
  std::vector<std::unique_ptr<eval::Compiler>> import_compilers_;
  std::vector<std::unique_ptr<eval::CompiledPackage>> import_packages_;

  // Reads and parses one file into out; syntax errors go to diagnostics().
  Result<> parse_into(const std::string& path, std::vector<syntax::File*>& out);
  // @embed attributes (embed.cpp): reads the named files and unifies them into their fields.
  bool resolve_embeds(std::span<syntax::File* const> files);
  void embed_into(syntax::Field* field, syntax::Attribute* a, const std::string& file_path,
                  bool allowed);
  syntax::Expr* embed_one(const std::string& path, const std::string& type, Pos at);
  std::unordered_map<const SourceFile*, std::string> real_paths_;
  bool yaml11_warnings_ = false;
  bool tool_files_ = false;  // where each parsed file was read from
  bool shipped_missing_reported_ = false;
  Result<int> load_import(std::string_view path);
  std::vector<std::string> tag_names() const;
  std::unique_ptr<eval::Compiler> compiler_;
  std::unique_ptr<eval::CompiledPackage> package_;
  std::unique_ptr<eval::Evaluator> evaluator_;
};

}  // namespace cfgc::load
