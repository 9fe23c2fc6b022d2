// `cfgc vet`: checks data files against a CUE package, each data document on its own — the
// CI gate. Exit 0 when everything is valid, 1 on validation errors, 2 on usage or I/O errors.
#include <fmt/core.h>

#include <filesystem>

#include "cmd/cli.h"
#include "compiler/load/build.h"
#include "compiler/syntax/parser.h"

namespace cfgc::cli {

namespace {

struct VetOptions {
  std::vector<std::string> inputs;
  std::string definition;
  std::vector<std::string> tags;
  bool concrete = false;
};

bool is_data_file(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  return ext == ".yaml" || ext == ".yml" || ext == ".json";
}

int run_vet(const VetOptions& o) {
  std::vector<std::string> schema_args, data_args;
  for (const auto& a : o.inputs) (is_data_file(a) ? data_args : schema_args).push_back(a);
  if (schema_args.empty()) {
    fmt::print(stderr, "cfgc vet: no schema: give at least one .cue file or package directory\n");
    return kExitUsage;
  }
  load::Build build;
  build.set_tags(o.tags);
  std::vector<std::string> io_errors;
  build.load(schema_args, io_errors);
  for (const auto& e : io_errors) fmt::print(stderr, "cfgc vet: {}\n", e);
  if (!io_errors.empty()) return kExitUsage;
  auto fail = [&](Diagnostics& d) {
    d.sort();
    for (const Diagnostic& x : d.list()) {
      fmt::print(stderr, "{}", x.path.empty() ? format_with_source(build.files(), x) : format_cue_style(build.files(), x));
    }
  };
  eval::Vertex* root = build.instantiate();
  if (!root) {
    fail(build.diagnostics());
    return kExitInvalid;
  }
  eval::Evaluator& ev = build.evaluator();
  // The definition data files are checked against (-d '#Bond'), or the package itself.
  const eval::Expr* def = nullptr;
  if (!o.definition.empty()) {
    eval::Vertex* target = build.select(root, o.definition);
    if (!target) {
      fail(build.diagnostics());
      return kExitUsage;
    }
    auto* vx = build.arena().make<eval::VertexExpr>(eval::Op::VertexValue);
    vx->vertex = target;
    def = vx;
  }
  Diagnostics all;
  auto check = [&](eval::Vertex* v) {
    for (Diagnostic& d : ev.errors(v, o.concrete)) {
      bool dup = false;
      for (const Diagnostic& x : all.list()) dup |= x.pos == d.pos && x.message == d.message && x.path == d.path;
      if (!dup) all.add(std::move(d));
    }
  };
  if (data_args.empty()) {
    check(root);  // no data: vet the package itself
  }
  for (const std::string& path : data_args) {
    std::vector<syntax::File*> docs = build.read_data(path, io_errors);
    for (const auto& e : io_errors) fmt::print(stderr, "cfgc vet: {}\n", e);
    if (!io_errors.empty()) return kExitUsage;
    if (build.diagnostics().has_errors()) {
      fail(build.diagnostics());
      return kExitInvalid;
    }
    for (syntax::File* doc : docs) {
      eval::StructExpr* data = build.compile_data(doc);
      if (!data) continue;
      if (def) {
        // Unify the document with the definition instead of the whole package.
        eval::Vertex* v = ev.new_struct({});
        v->status = eval::Status::Unevaluated;
        v->kinds = eval::kTop;
        v->has_struct = false;
        v->conjuncts.push_back(build.arena(), eval::Conjunct{def, nullptr, nullptr, data->pos});
        v->conjuncts.push_back(build.arena(), eval::Conjunct{data, nullptr, nullptr, data->pos});
        check(v);
      } else {
        eval::Vertex* r = build.new_root();
        r->conjuncts.push_back(build.arena(), eval::Conjunct{data, nullptr, nullptr, data->pos});
        check(r);
      }
    }
  }
  if (all.has_errors()) {
    fail(all);
    return kExitInvalid;
  }
  return kExitOk;
}

}  // namespace

void add_vet_command(CLI::App& app, CommandContext& ctx) {
  auto o = std::make_shared<VetOptions>();
  auto* cmd = app.add_subcommand("vet", "Check data files against a CUE schema (the CI gate)");
  cmd->footer(
      "The .cue files (or directories) form the schema package; every document of every data\n"
      "file (.yaml, .yml, .json) is unified with it on its own. Errors name the value's path, the\n"
      "schema position and the data position. Exit code 0 when valid, 1 on validation errors,\n"
      "2 on usage or I/O errors.\n\n"
      "Examples:\n"
      "  cfgc vet bonds.cue group_vars/leaf/common.yml\n"
      "  cfgc vet -d '#Host' schema.cue host_vars/*.yml     (check each file against #Host)\n"
      "  cfgc vet -c schema.cue values.yaml                 (also require concrete values)");
  cmd->add_option("inputs", o->inputs, "Schema .cue files or directories, then data files")->required();
  cmd->add_option("-d,--schema", o->definition, "Check data files against this expression, e.g. '#Bond'");
  cmd->add_flag("-c,--concrete", o->concrete, "Require every value to be concrete");
  cmd->add_option("-t,--inject", o->tags, "Set a @tag(name) field: -t name=value (repeatable)");
  cmd->callback([o, &ctx] { ctx.exit_code = run_vet(*o); });
}

}  // namespace cfgc::cli
