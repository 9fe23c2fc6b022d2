// `cfgc import`: data files (JSON, JSON Lines, YAML), JSON Schemas, OpenAPI documents and YANG
// modules as formatted CUE files.
#include <fmt/core.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "cmd/command.h"
#include "cmd/cue_output.h"
#include "cmd/report_format.h"
#include "compiler/base/file_io.h"
#include "compiler/encoding/data_import.h"
#include "compiler/encoding/data_labels.h"
#include "compiler/encoding/jsonschema_import.h"
#include "compiler/encoding/openapi_import.h"
#include "compiler/encoding/yang_import.h"
#include "compiler/eval/value.h"
#include "compiler/format/format.h"
#include "compiler/load/build.h"
#include "compiler/syntax/parser.h"

namespace cfgc::cli {

namespace {

namespace fs = std::filesystem;

struct ImportOptions {
  std::vector<std::string> args;      // [jsonschema|openapi|data|yang] FILE...
  std::vector<std::string> p;         // -p: the package, or search directories (yang)
  std::string package;                // --package
  std::vector<std::string> features;  // yang: --features MOD:F,...
  bool config_false = false;          // yang: --config-false
  std::string outfile;
  std::vector<std::string> labels;  // -l
  std::string path;                 // --path
  std::string root;                 // --root
  bool force = false;
  bool list = false;
};

enum class Mode { Auto, Data, JsonSchema, OpenApi };

// The packages a -l expression may use without importing them (`strings.ToLower(kind)`).
constexpr std::string_view kLabelPackages[] = {"strings", "strconv", "list", "math",
                                               "regexp",  "struct",  "net"};

// The labels the -l expressions give a document: each expression is evaluated in the
// document's scope (its top-level fields, and the packages above without an import), as a
// hidden field added to it, and must give a string (or an integer).
Result<std::vector<std::string>> document_labels(const encoding::DataDocument& doc,
                                                 const std::vector<std::string>& exprs) {
  if (!syntax::as<syntax::StructLit>(doc.value)) {
    return Error{"-l: the document is not a struct, so it has no fields to compute a label from",
                 doc.value->pos};
  }
  std::string text;
  for (std::string_view p : kLabelPackages) {
    bool used = std::any_of(exprs.begin(), exprs.end(), [&](const std::string& e) {
      return e.find(std::string(p) + ".") != std::string::npos;
    });
    if (used) text += fmt::format("import \"{}\"\n", p);
  }
  text += encoding::data_file_text(doc);
  for (size_t i = 0; i < exprs.size(); ++i) text += fmt::format("_cfgc_label{}: {}\n", i, exprs[i]);
  load::Build b;
  const SourceFile& src = b.files().add("<document>", std::move(text));
  syntax::File* f = syntax::parse_file(b.arena(), src, b.diagnostics());
  b.add_parsed(f);
  eval::Vertex* root = b.instantiate();
  auto first_error = [&]() -> std::string {
    for (const Diagnostic& d : b.diagnostics().list()) {
      if (d.severity == Severity::Error) return d.message;
    }
    return "cannot be evaluated";
  };
  std::vector<std::string> labels;
  for (size_t i = 0; i < exprs.size(); ++i) {
    const std::string& expr = exprs[i];
    eval::Vertex* v = root ? b.select(root, fmt::format("_cfgc_label{}", i), "-l") : nullptr;
    if (!v) return Error{fmt::format("-l {}: {}", expr, first_error()), doc.value->pos};
    eval::Evaluator& ev = b.evaluator();
    const eval::Value* val = ev.concrete_value(v);
    if (val && val->vk == eval::VK::String) {
      labels.push_back(encoding::label_text(val->str));
      continue;
    }
    if (val && val->vk == eval::VK::Num && (eval::kind_of(val) & eval::kInt)) {
      labels.push_back(encoding::label_text(ev.value_str(val)));
      continue;
    }
    std::string why;
    if (val && val->vk == eval::VK::Bottom) {
      std::vector<Diagnostic> errs = ev.errors(v, true);
      why = errs.empty() ? ev.value_str(val) : errs[0].message;
    } else {
      why = fmt::format("gives {}, not a string", val ? ev.value_str(val) : "nothing");
    }
    return Error{fmt::format("-l {}: {}", expr, why), doc.value->pos};
  }
  return labels;
}

void print_diagnostics(const FileSet& files, Diagnostics& diags) {
  diags.sort();
  for (const Diagnostic& d : diags.list()) fmt::print(stderr, "{}", format_with_source(files, d));
}

// The file a YANG package goes to: -o FILE, -o - (standard output), -o DIR (an existing
// directory, or a path ending in '/') or, without -o, PACKAGE.cue here.
std::string yang_output_path(const std::string& outfile, const std::string& package) {
  if (outfile.empty()) return package + ".cue";
  if (outfile == "-") return outfile;
  std::error_code ec;
  if (outfile.ends_with('/') || fs::is_directory(outfile, ec)) {
    return (fs::path(outfile) / (package + ".cue")).string();
  }
  return outfile;
}

// `cfgc import yang`: the modules, read by libyang, as one CUE package.
int run_import_yang(const ImportOptions& o, std::vector<std::string> modules) {
  if (modules.empty()) {
    fmt::print(stderr,
               "cfgc import yang: no modules (cfgc import yang [-p DIR]... MODULE|FILE...)\n");
    return kExitUsage;
  }
  if (!o.labels.empty() || o.list || !o.path.empty() || !o.root.empty()) {
    fmt::print(stderr,
               "cfgc import yang: -l, --list, --path and --root are for data and JSON "
               "Schema imports\n");
    return kExitUsage;
  }
  if (!o.package.empty() && !encoding::is_identifier_key(o.package)) {
    fmt::print(stderr, "cfgc import yang: --package {}: a package name must be an identifier\n",
               o.package);
    return kExitUsage;
  }
  encoding::YangImportOptions yo;
  yo.search_dirs = o.p;
  yo.modules = std::move(modules);
  yo.features = o.features;
  yo.package = o.package;
  yo.config_false = o.config_false;
  Result<encoding::YangImport> r = encoding::import_yang(yo);
  if (!r) {
    fmt::print(stderr, "cfgc import yang: the YANG modules cannot be read:\n");
    print_indented(stderr, r.error().message);
    return kExitUsage;
  }
  for (const std::string& w : r->warnings) fmt::print(stderr, "cfgc import yang: {}\n", w);
  std::string out = yang_output_path(o.outfile, r->package);
  Result<std::string> text = formatted_cue(r->text, out);
  if (!text) {
    fmt::print(stderr, "cfgc import yang: {}\n", text.error().message);
    return kExitUsage;
  }
  if (out == "-") {
    fmt::print("{}", *text);
    return kExitOk;
  }
  if (!o.force && fs::exists(out)) {
    fmt::print(stderr, "cfgc import yang: a file already exists; use -f to overwrite: {}\n", out);
    return kExitUsage;
  }
  std::error_code ec;
  if (fs::path parent = fs::path(out).parent_path(); !parent.empty())
    fs::create_directories(parent, ec);
  if (Result<> w = write_file_atomic(out, *text); !w) {
    fmt::print(stderr, "cfgc import yang: {}\n", w.error().message);
    return kExitUsage;
  }
  return kExitOk;
}

int run_import(const ImportOptions& opts) {
  std::vector<std::string> inputs = opts.args;
  if (!inputs.empty() && inputs[0] == "yang") {
    inputs.erase(inputs.begin());
    return run_import_yang(opts, std::move(inputs));
  }
  ImportOptions o = opts;
  if (!o.features.empty() || o.config_false) {
    fmt::print(stderr, "cfgc import: --features and --config-false are for `cfgc import yang`\n");
    return kExitUsage;
  }
  if (o.p.size() > 1 || (!o.p.empty() && !o.package.empty() && o.p[0] != o.package)) {
    fmt::print(stderr,
               "cfgc import: -p names the package once (several -p are search "
               "directories, for `cfgc import yang`)\n");
    return kExitUsage;
  }
  if (!o.p.empty()) o.package = o.p[0];
  Mode mode = Mode::Auto;
  if (!inputs.empty() &&
      (inputs[0] == "jsonschema" || inputs[0] == "openapi" || inputs[0] == "data")) {
    mode = inputs[0] == "data"      ? Mode::Data
           : inputs[0] == "openapi" ? Mode::OpenApi
                                    : Mode::JsonSchema;
    inputs.erase(inputs.begin());
  }
  if (inputs.empty()) {
    fmt::print(stderr,
               "cfgc import: no input files (cfgc import [jsonschema|openapi|data] FILE...)\n");
    return kExitUsage;
  }
  if (mode == Mode::OpenApi && !o.root.empty()) {
    fmt::print(stderr,
               "cfgc import openapi: --root is for JSON Schema; each definition is "
               "named after its components.schemas key\n");
    return kExitUsage;
  }
  if (!o.package.empty() && !encoding::is_identifier_key(o.package)) {
    fmt::print(stderr, "cfgc import: -p {}: a package name must be an identifier\n", o.package);
    return kExitUsage;
  }
  if (!o.root.empty() && (!encoding::is_identifier_key(o.root) || o.root[0] == '$')) {
    fmt::print(stderr, "cfgc import: --root {}: the definition name must be an identifier\n",
               o.root);
    return kExitUsage;
  }
  encoding::Placement placement;
  placement.list = o.list;
  if (!o.path.empty()) {
    auto p = encoding::parse_label_path(o.path);
    if (!p) {
      fmt::print(stderr, "cfgc import: {}\n", p.error().message);
      return kExitUsage;
    }
    placement.prefix = std::move(*p);
  }
  bool placing = !o.labels.empty() || o.list || !o.path.empty();
  bool to_one_file = !o.outfile.empty();
  if (to_one_file && inputs.size() > 1 && (mode == Mode::JsonSchema || mode == Mode::OpenApi)) {
    fmt::print(stderr, "cfgc import: -o takes one schema; import schemas one at a time\n");
    return kExitUsage;
  }

  FileSet files;
  Arena arena;
  Diagnostics diags;
  struct Output {
    std::string path;
    std::string header;  // comment lines before the package clause
    std::string text;    // unformatted
    bool schema = false;
  };
  std::vector<Output> outputs;
  bool failed = false;
  for (const std::string& input : inputs) {
    auto format = encoding::data_format_of(input);
    if (!format) {
      fmt::print(stderr, "cfgc import: {}\n", format.error().message);
      return kExitUsage;
    }
    auto content = read_file(input);
    if (!content) {
      fmt::print(stderr, "cfgc import: {}\n", content.error().message);
      return kExitUsage;
    }
    const SourceFile& src = files.add(load::Build::display_name(input), std::move(*content));
    size_t errors_before = diags.error_count();
    std::vector<encoding::DataDocument> docs =
        encoding::read_data_documents(arena, src, *format, diags);
    if (diags.error_count() > errors_before) {
      failed = true;
      continue;
    }
    bool openapi = mode == Mode::OpenApi;
    bool schema = mode == Mode::JsonSchema;
    if (mode == Mode::Auto && docs.size() == 1 && encoding::is_openapi(docs[0])) {
      openapi = true;
      fmt::print(stderr,
                 "cfgc import: {}: its \"openapi\" names OpenAPI 3: importing its "
                 "components.schemas as definitions (`cfgc import data {}` imports it as data)\n",
                 src.name(), input);
    } else if (mode == Mode::Auto && docs.size() == 1 && encoding::is_json_schema(docs[0])) {
      schema = true;
      fmt::print(stderr,
                 "cfgc import: {}: its $schema names JSON Schema: importing it as a schema "
                 "(`cfgc import data {}` imports it as data)\n",
                 src.name(), input);
    }
    Output out;
    out.path = to_one_file ? o.outfile : fs::path(input).replace_extension(".cue").string();
    out.schema = schema || openapi;
    if (openapi) {
      if (placing) {
        fmt::print(stderr,
                   "cfgc import: {}: -l, --list and --path place data documents, not an "
                   "OpenAPI document\n",
                   src.name());
        return kExitUsage;
      }
      if (docs.size() != 1) {
        diags.error(docs.empty() ? src.pos(0) : docs[1].value->pos,
                    fmt::format("an OpenAPI file holds one document, not {}", docs.size()));
        failed = true;
        continue;
      }
      Result<encoding::OpenApiImport> imp = encoding::import_openapi(docs[0], diags);
      if (!imp) {
        diags.error(imp.error().pos, imp.error().message);
        failed = true;
        continue;
      }
      out.header = std::move(imp->header);
      out.text = std::move(imp->text);
    } else if (schema) {
      if (placing) {
        fmt::print(stderr,
                   "cfgc import: {}: -l, --list and --path place data documents, not a "
                   "JSON Schema\n",
                   src.name());
        return kExitUsage;
      }
      if (docs.size() != 1) {
        diags.error(docs.empty() ? src.pos(0) : docs[1].value->pos,
                    fmt::format("a JSON Schema file holds one document, not {}", docs.size()));
        failed = true;
        continue;
      }
      encoding::JsonSchemaOptions jo;
      if (!o.root.empty()) jo.root = o.root;
      Result<std::string> text = encoding::import_json_schema(docs[0], jo, diags);
      if (!text) {
        diags.error(text.error().pos, text.error().message);
        failed = true;
        continue;
      }
      out.text = std::move(*text);
    } else {
      std::vector<encoding::PlacedDocument> placed;
      bool bad = false;
      for (const encoding::DataDocument& d : docs) {
        encoding::PlacedDocument p{d, {}};
        if (!o.labels.empty()) {
          Result<std::vector<std::string>> l = document_labels(d, o.labels);
          if (!l) {
            diags.error(l.error().pos, l.error().message);
            bad = true;
            continue;
          }
          p.labels = std::move(*l);
        }
        placed.push_back(std::move(p));
      }
      if (bad) {
        failed = true;
        continue;
      }
      Result<std::string> text = encoding::place_documents(placed, placement);
      if (!text) {
        diags.error(text.error().pos.valid() ? text.error().pos : src.pos(0), text.error().message);
        failed = true;
        continue;
      }
      out.text = std::move(*text);
    }
    if (to_one_file && !outputs.empty()) {
      if (out.schema || outputs.back().schema) {
        fmt::print(stderr, "cfgc import: -o takes one schema, or data files only\n");
        return kExitUsage;
      }
      outputs.back().text += "\n" + out.text;
    } else {
      outputs.push_back(std::move(out));
    }
  }
  print_diagnostics(files, diags);
  if (failed || diags.has_errors()) return kExitInvalid;

  // Everything is converted: format, then write (nothing is written when anything failed).
  for (Output& out : outputs) {
    std::string text = out.text;
    if (!o.package.empty()) text = fmt::format("package {}\n\n{}", o.package, text);
    if (!out.header.empty()) text = out.header + "\n" + text;
    Result<std::string> f = formatted_cue(text, out.path);
    if (!f) {
      fmt::print(stderr, "cfgc import: {}\n", f.error().message);
      return kExitUsage;
    }
    out.text = std::move(*f);
  }
  if (!o.force) {
    std::vector<std::string> existing;
    for (const Output& out : outputs) {
      if (out.path != "-" && fs::exists(out.path)) existing.push_back(out.path);
    }
    if (!existing.empty()) {
      std::string list;
      for (const std::string& e : existing) {
        if (!list.empty()) list += ", ";
        list += e;
      }
      fmt::print(stderr, "cfgc import: {} already exist{}; use -f to overwrite: {}\n",
                 existing.size() == 1 ? "a file" : "files", existing.size() == 1 ? "s" : "", list);
      return kExitUsage;
    }
  }
  for (const Output& out : outputs) {
    if (out.path == "-") {
      fmt::print("{}", out.text);
      continue;
    }
    if (Result<> w = write_file_atomic(out.path, out.text); !w) {
      fmt::print(stderr, "cfgc import: {}\n", w.error().message);
      return kExitUsage;
    }
  }
  return kExitOk;
}

}  // namespace

Command import_command() {
  auto o = std::make_shared<ImportOptions>();
  Command c;
  c.name = "import";
  c.summary = "Convert JSON, YAML and JSON Lines data, JSON Schema or OpenAPI to CUE files";
  c.footer =
      "Each FILE (.json, .jsonl, .ndjson, .yaml, .yml) becomes FILE.cue beside it, formatted;\n"
      "an existing file is kept unless -f is given. `-o -` prints to standard output.\n"
      "A file whose top-level \"$schema\" names json-schema.org is imported as a JSON Schema\n"
      "(say so with `cfgc import jsonschema FILE`; `cfgc import data FILE` forces data).\n"
      "A file with a top-level `openapi: \"3.x\"` is an OpenAPI 3.0/3.1 document (or say\n"
      "`cfgc import openapi FILE`): its components.schemas become definitions #NAME;\n"
      "paths and operations are not converted.\n"
      "Several documents (YAML ---, JSON Lines) need -l, --list or --path to place them.\n"
      "docs/import.md has the details and the JSON Schema and OpenAPI mappings.\n"
      "`cfgc import yang [-p DIR]... MODULE|FILE...` reads YANG modules with libyang and writes\n"
      "one CUE package (PACKAGE.cue here, or -o FILE, -o DIR, -o -); see docs/yang.md.\n"
      "\n"
      "Examples:\n"
      "  cfgc import hosts.yaml                          (writes hosts.cue)\n"
      "  cfgc import -o - -p k8s -l kind -l metadata.name manifests.yaml\n"
      "  cfgc import --list --path devices inventory.jsonl\n"
      "  cfgc import jsonschema --root Device device.schema.json\n"
      "  cfgc import openapi -p netapi -o api.cue device-api.yaml\n"
      "  cfgc import yang -p models -o schema/ ietf-interfaces ietf-ip";
  c.flags = {
      {"args", "[jsonschema|openapi|data|yang] then the files (or YANG modules) to import",
       &o->args, "FILE"},
      {"-p",
       "Add a package clause to the output; with yang: a directory to find modules in "
       "(repeatable)",
       &o->p, "PKG|DIR"},
      {"--package", "The package clause of the output", &o->package, "PKG"},
      {"--features", "yang: the features to enable, MOD:F1,F2 (MOD:* for all; repeatable)",
       &o->features, "MOD:F,..."},
      {"--config-false", "yang: keep config false (state) nodes", &o->config_false},
      {"-f,--force", "Overwrite existing output files", &o->force},
      {"-o,--outfile,--out",
       "Write all output to this file (- for standard output; yang: a directory too)", &o->outfile,
       "FILE"},
      {"-l,--label",
       "Place each document under the label this expression gives, evaluated in "
       "the document (repeatable: a path)",
       &o->labels, "EXPR"},
      {"--list", "Gather the documents into a list (with -l: a list at each path)", &o->list},
      {"--path", "Place everything under this label path (CUE syntax: a.b, \"x-y\".c)", &o->path,
       "PATH"},
      {"--root", "JSON Schema: the name of the root schema's definition (default Schema)", &o->root,
       "NAME"},
  };
  c.run = [o] { return run_import(*o); };
  return c;
}

}  // namespace cfgc::cli
