// `cfgc eval` and `cfgc export`: evaluate CUE and JSON inputs and print the result.
#include <fmt/core.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "cmd/cli.h"
#include "compiler/base/file_io.h"
#include "compiler/export/export.h"
#include "compiler/format/format.h"
#include "compiler/syntax/parser.h"
#include "compiler/load/build.h"
#include "compiler/load/instance.h"
#include "compiler/load/inventory.h"

namespace cfgc::cli {

namespace {

struct EvalOptions {
  std::vector<std::string> inputs;
  std::vector<std::string> exprs;
  std::vector<std::string> tags;
  std::string inventory;
  std::string host;
  std::string out;
  std::string output_file;
  bool concrete = false;
  bool all = false;
  bool hidden = false;
  bool is_export = false;
};

// CUE output in the layout `cfgc fmt` gives it (aligned values), so `cfgc eval` output passes
// `cfgc fmt --check`. Falls back to the raw text if it does not parse (it always should).
std::string canonical_cue(const std::string& raw) {
  FileSet fs;
  Arena arena;
  Diagnostics diags;
  const SourceFile& src = fs.add("<eval>", raw);
  syntax::File* f = syntax::parse_file(arena, src, diags);
  if (diags.has_errors()) return raw;
  return format::format_file(*f);
}

void print_diagnostics(const FileSet& fs, Diagnostics& diags) {
  diags.sort();
  for (const Diagnostic& d : diags.list()) {
    fmt::print(stderr, "{}", d.path.empty() ? format_with_source(fs, d) : format_cue_style(fs, d));
  }
}

int run_one(const EvalOptions& o, const std::vector<std::string>& inputs, bool announce);

// `dir/...` names several package instances: each is evaluated on its own, in directory order.
int run_eval(const EvalOptions& o) {
  std::vector<std::string> expanded = load::expand_instance_patterns(o.inputs);
  bool had_pattern = false;
  for (const auto& a : o.inputs) had_pattern |= a == "..." || (a.size() >= 4 && a.compare(a.size() - 4, 4, "/...") == 0);
  if (!had_pattern) return run_one(o, o.inputs, false);
  std::vector<std::string> dirs, others;
  std::error_code ec;
  for (const auto& a : expanded) (std::filesystem::is_directory(a, ec) ? dirs : others).push_back(a);
  if (dirs.empty()) {
    fmt::print(stderr, "cfgc: no CUE packages below the given directories\n");
    return kExitUsage;
  }
  int status = kExitOk;
  for (const auto& d : dirs) {
    std::vector<std::string> inputs{d};
    inputs.insert(inputs.end(), others.begin(), others.end());
    status = std::max(status, run_one(o, inputs, dirs.size() > 1));
  }
  return status;
}

int run_one(const EvalOptions& o, const std::vector<std::string>& inputs, bool announce) {
  std::string out_format = o.out.empty() ? (o.is_export ? "json" : "cue") : o.out;
  if (out_format != "json" && out_format != "yaml" && out_format != "cue" && out_format != "text") {
    fmt::print(stderr, "cfgc: unknown --out format \"{}\" (want json, yaml, cue or text)\n", out_format);
    return kExitUsage;
  }
  if (inputs.empty() && o.inventory.empty()) {
    fmt::print(stderr, "cfgc: no input files (give .cue or .json files, or a directory)\n");
    return kExitUsage;
  }
  if (!o.inventory.empty() && o.host.empty()) {
    fmt::print(stderr, "cfgc: --inventory needs --host NAME (the host whose variables to print)\n");
    return kExitUsage;
  }
  load::Build build;
  build.set_tags(o.tags);
  std::vector<std::string> io_errors;
  bool ok = inputs.empty() || build.load(inputs, io_errors);
  for (const auto& e : io_errors) fmt::print(stderr, "cfgc: {}\n", e);
  if (!io_errors.empty()) return kExitUsage;
  if (build.diagnostics().has_errors() || !ok) {
    print_diagnostics(build.files(), build.diagnostics());
    return kExitInvalid;
  }
  size_t parsed_bytes = build.arena_bytes();
  eval::Vertex* root = build.instantiate();
  size_t compiled_bytes = build.arena_bytes();
  if (!root) {
    print_diagnostics(build.files(), build.diagnostics());
    return kExitInvalid;
  }
  if (!o.inventory.empty()) {
    // One host's variables, merged as Ansible merges them, unified with the inputs (if any).
    auto inv = load::load_inventory(o.inventory, build.files(), build.arena(), build.diagnostics());
    if (!inv || !inv->has_host(o.host)) {
      if (inv) fmt::print(stderr, "cfgc: host {} is not in inventory {}\n", o.host, o.inventory);
      print_diagnostics(build.files(), build.diagnostics());
      return kExitUsage;
    }
    syntax::File* vars = inv->host_vars(o.host, build.arena(), build.diagnostics());
    eval::StructExpr* doc = vars ? build.compile_data(vars) : nullptr;
    if (!doc || build.diagnostics().has_errors()) {
      print_diagnostics(build.files(), build.diagnostics());
      return kExitInvalid;
    }
    root = build.new_root();
    root->conjuncts.push_back(build.arena(), eval::Conjunct{doc, nullptr, nullptr, doc->pos});
  }
  eval::Evaluator& ev = build.evaluator();
  std::vector<eval::Vertex*> selected;
  if (o.exprs.empty()) {
    selected.push_back(root);
  } else {
    for (const std::string& e : o.exprs) {
      eval::Vertex* v = build.select(root, e);
      if (!v) {
        print_diagnostics(build.files(), build.diagnostics());
        return kExitInvalid;
      }
      selected.push_back(v);
    }
  }
  bool need_concrete = o.is_export || o.concrete || out_format != "cue";
  Diagnostics errs;
  for (eval::Vertex* v : selected) {
    for (Diagnostic& d : ev.errors(v, need_concrete)) errs.add(std::move(d));
  }
  if (errs.has_errors()) {
    print_diagnostics(build.files(), errs);
    return kExitInvalid;
  }
  // Output streams to stdout or to a temporary file renamed over the target at the end.
  AtomicFileWriter file;
  std::string err;
  if (!o.output_file.empty() && !file.open(o.output_file, err)) {
    fmt::print(stderr, "cfgc: {}\n", err);
    return kExitUsage;
  }
  exporter::Sink out([&](std::string_view chunk) {
    if (!o.output_file.empty()) return file.write(chunk, err);
    return std::fwrite(chunk.data(), 1, chunk.size(), stdout) == chunk.size();
  });
  if (announce && out_format == "yaml") out += "---\n";
  if (announce && out_format == "cue") out += "// " + inputs.front() + "\n";
  for (eval::Vertex* v : selected) {
    if (out_format == "json") {
      exporter::write_json(ev, v, out);
    } else if (out_format == "yaml") {
      if (v != selected.front()) out += "---\n";
      exporter::write_yaml(ev, v, out);
    } else if (out_format == "text") {
      if (!exporter::write_text(ev, v, out, err)) {
        fmt::print(stderr, "cfgc: {}\n", err);
        return kExitInvalid;
      }
    } else {
      exporter::CueOptions co;
      co.files = &build.files();
      co.definitions = o.all;
      co.hidden = o.all || o.hidden;
      co.optional = o.all;
      std::string raw;
      exporter::write_cue(ev, v, raw, co);
      out += canonical_cue(raw);
    }
    out.maybe_flush();
  }
  if (!out.finish()) {
    fmt::print(stderr, "cfgc: {}\n", err.empty() ? "cannot write the output" : err);
    return kExitUsage;
  }
  if (!o.output_file.empty() && !file.commit(err)) {
    fmt::print(stderr, "cfgc: {}\n", err);
    return kExitUsage;
  }
  if (std::getenv("CFGC_STATS")) {
    fmt::print(stderr, "cfgc stats: arena {:.1f} MB\n", build.arena_bytes() / 1e6);
    fmt::print(stderr, "cfgc stats: {}; arena after parse {:.1f} MB, after compile {:.1f} MB\n", ev.stats(),
               parsed_bytes / 1e6, compiled_bytes / 1e6);
  }
  return kExitOk;
}

void add_common(CLI::App* cmd, EvalOptions& o) {
  cmd->add_option("inputs", o.inputs, "CUE, JSON and YAML files, or package directories (dir, dir:pkg, dir/...)");
  cmd->add_option("--inventory", o.inventory, "An Ansible inventory (directory or file): print one host's variables");
  cmd->add_option("--host", o.host, "With --inventory: the host, e.g. --host leaf01");
  // Repeatable options take one value each, so `-e a x.cue` leaves x.cue an input.
  cmd->add_option("-e,--expression", o.exprs, "Print only this expression (repeatable), e.g. -e bgp.neighbors")
      ->allow_extra_args(false);
  cmd->add_option("-o,--outfile", o.output_file, "Write to this file (atomically) instead of standard output");
  cmd->add_option("-t,--inject", o.tags,
                  "Set a @tag(name) field: -t name=value (repeatable). For secrets use -t pwd=\"$PWD_ENV\"; "
                  "injected values never appear in messages")
      ->allow_extra_args(false);
}

}  // namespace

void add_eval_commands(CLI::App& app, CommandContext& ctx) {
  auto eo = std::make_shared<EvalOptions>();
  auto* eval = app.add_subcommand("eval", "Evaluate and print values and constraints (CUE syntax by default)");
  eval->footer(
      "Evaluate the inputs as one package and print the result. Values need not be concrete:\n"
      "constraints such as `int` or `>=0 & <10` are printed as they are.\n\n"
      "Examples:\n"
      "  cfgc eval schema.cue values.cue\n"
      "  cfgc eval -e bgp.neighbors bgp.cue\n"
      "  cfgc eval -c --out yaml fabric.cue     (fail unless every value is concrete)");
  add_common(eval, *eo);
  eval->add_option("--out", eo->out, "Output format: cue (default), json, yaml, text");
  eval->add_flag("-c,--concrete", eo->concrete, "Require every value to be concrete (as export does)");
  eval->add_flag("-A,--all", eo->all, "Also show definitions, hidden and optional fields");
  eval->add_flag("-H,--show-hidden", eo->hidden, "Also show hidden fields (_name)");
  eval->callback([eo, &ctx] { ctx.exit_code = run_eval(*eo); });

  auto xo = std::make_shared<EvalOptions>();
  xo->is_export = true;
  auto* exp = app.add_subcommand("export", "Evaluate and print concrete data (JSON by default)");
  exp->footer(
      "Evaluate the inputs as one package and print concrete data. Every exported field must be\n"
      "concrete; each one that is not is reported with its position, and the exit code is 1.\n"
      "Definitions (#D), hidden (_h), optional (a?) fields and lets are not exported.\n\n"
      "Examples:\n"
      "  cfgc export fabric.cue\n"
      "  cfgc export --out yaml -e devices.leaf1 fabric.cue\n"
      "  cfgc export -o out.json fabric.cue");
  add_common(exp, *xo);
  exp->add_option("--out", xo->out, "Output format: json (default), yaml, cue, text");
  exp->callback([xo, &ctx] { ctx.exit_code = run_eval(*xo); });
}

}  // namespace cfgc::cli
