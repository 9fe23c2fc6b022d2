#pragma once
// Writers that turn an evaluated vertex into JSON, YAML or CUE text.
//
// JSON and YAML need concrete values (run Evaluator::errors(v, true) first; anything not
// concrete is written as null). CUE output (`cfgc eval`) also prints constraints such as
// `int`, `>=0 & <10` or `*"on" | "off"`.

#include <span>
#include <string>
#include <vector>

#include "compiler/base/result.h"
#include "compiler/eval/evaluator.h"
#include "compiler/export/sink.h"
#include "compiler/syntax/ast.h"

namespace cfgc::exporter {

struct CueOptions {
  const FileSet* files = nullptr;  // to print incomplete expressions as written
  // The parsed files, to find the imports that expressions printed as written use; write_cue
  // then starts with those import declarations, so that its output is valid CUE.
  std::span<syntax::File* const> syntax_files;
  // Set by write_cue: the import paths used so far, in order of first use.
  std::vector<std::string>* imports_used = nullptr;
  bool definitions = false;  // #D
  bool hidden = false;       // _h
  bool optional = false;     // a?: / a!:
};

// Portable: quoted for YAML 1.1 and 1.2 readers alike (export, generated files); CueMarshal:
// what cue v0.6's yaml.Marshal writes (yaml_writer.cpp).
enum class YamlStyle { Portable, CueMarshal };

// escape_html: <, > and & as \u003c, \u003e, \u0026 (export --escape).
void write_json(eval::Evaluator& ev, eval::Vertex* v, Sink& out, bool escape_html = false);
void write_yaml(eval::Evaluator& ev, eval::Vertex* v, Sink& out, YamlStyle style = YamlStyle::Portable);
// The same into a string (small values: builtins, tests).
void write_json(eval::Evaluator& ev, eval::Vertex* v, std::string& out);
void write_yaml(eval::Evaluator& ev, eval::Vertex* v, std::string& out,
                YamlStyle style = YamlStyle::Portable);
// Compact JSON without a final newline, as cue's json.Marshal writes it (v0.6: without Go's
// HTML escaping of <, > and &; v0.4 escaped them).
void write_json_compact(eval::Evaluator& ev, eval::Vertex* v, std::string& out);
void write_cue(eval::Evaluator& ev, eval::Vertex* v, std::string& out, const CueOptions& opts);
// Every value below v (leaves: scalars, empty structs and lists), one per line as
// "path: value", followed by the positions of the declarations that contributed to it
// (`cfgc eval --origin`).
void write_origins(eval::Evaluator& ev, eval::Vertex* v, const FileSet& files, Sink& out);
// The string value of v (for --out text): fails if v is not a string, number or bool.
Result<> write_text(eval::Evaluator& ev, eval::Vertex* v, Sink& out);

// Whether a YAML 1.1 or 1.2 reader could take this plain scalar for something other than the
// string (a bool, null, number, timestamp…) or fail to read it: such strings are quoted.
bool yaml_needs_quotes(std::string_view s);


}  // namespace cfgc::exporter
