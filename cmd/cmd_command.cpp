// `cfgc cmd NAME`: runs a command of the instance's *_tool.cue files (flow/runner.h), as
// `cue cmd` does; `cfgc NAME` is the short form when NAME is no built-in command.
#include <fmt/core.h>

#include <filesystem>
#include <memory>
#include <thread>

#include "cmd/command.h"
#include "cmd/duration_flag.h"
#include "cmd/report_format.h"
#include "compiler/load/build.h"
#include "compiler/syntax/ast.h"
#include "deploy/push/transport_api.h"
#include "flow/runner.h"

namespace cfgc::cli {

namespace {

struct CmdFlags {
  std::vector<std::string> args;  // NAME, then the instance
  std::vector<std::string> tags;
  std::string parallel = "20";
  std::string timeout = "30s";
  bool verbose = false;
};

// Whether a file of the instance imports the package `path`.
bool imports_package(load::Build& build, std::string_view path) {
  for (const syntax::File* file : build.parsed()) {
    for (const syntax::Decl* d : file->decls) {
      auto* id = syntax::as<syntax::ImportDecl>(d);
      if (!id) continue;
      for (const syntax::ImportSpec* s : id->specs) {
        std::string_view p = s->path ? s->path->value : std::string_view();
        if (p.size() >= 2 && p.front() == '"' && p.back() == '"') p = p.substr(1, p.size() - 2);
        if (p == path) return true;
      }
    }
  }
  return false;
}

int run_cmd(const CmdFlags& f) {
  long timeout = parse_duration_ms(f.timeout);
  if (timeout < 1) {
    fmt::print(stderr, "cfgc: --timeout takes a duration such as 30s, 500ms or 2m\n");
    return kExitUsage;
  }
  size_t parallel = 0;
  try {
    parallel = std::stoul(f.parallel);
  } catch (...) {
  }
  if (parallel < 1) {
    fmt::print(stderr, "cfgc: --parallel takes a positive count\n");
    return kExitUsage;
  }
  std::string name = f.args.empty() ? "" : f.args[0];
  std::vector<std::string> inputs(f.args.begin() + (f.args.empty() ? 0 : 1), f.args.end());
  if (inputs.empty()) inputs.push_back(".");
  load::Build build;
  build.set_tool_files(true);
  build.set_tags(f.tags);
  bool ok = build.load(inputs);
  // The device transports (libcurl, for tool/http) load on another core while the instance
  // is evaluated and checked: loading them takes about as long as checking a thousand tasks.
  std::jthread preload;
  if (ok && !name.empty() && imports_package(build, "tool/http")) {
    preload = std::jthread([] {
      std::string ignored;  // reported by the first task that needs them
      push::transport(ignored);
    });
  }
  if (build.diagnostics().has_io_errors()) {
    for (const Diagnostic& d : build.diagnostics().list()) {
      if (d.kind == ErrorKind::Io) fmt::print(stderr, "cfgc: {}\n", d.message);
    }
    return kExitUsage;
  }
  if (build.diagnostics().has_errors() || !ok) {
    print_diagnostics(build.files(), build.diagnostics());
    return kExitInvalid;
  }
  eval::Vertex* root = build.instantiate();
  if (!root) {
    print_diagnostics(build.files(), build.diagnostics());
    return kExitInvalid;
  }
  eval::Evaluator& ev = build.evaluator();
  std::vector<flow::CommandInfo> cmds = flow::list_commands(ev, root);
  bool found = std::any_of(cmds.begin(), cmds.end(), [&](const flow::CommandInfo& c) { return c.name == name; });
  if (!found) {
    if (!name.empty()) fmt::print(stderr, "cfgc: no command \"{}\" in {}\n", name, inputs.front());
    if (cmds.empty()) {
      fmt::print(stderr, "cfgc: {} defines no commands: write `command: NAME: {{...}}` in a *_tool.cue file\n",
                 inputs.front());
    } else {
      fmt::print(stderr, "Commands of {}:\n", inputs.front());
      size_t w = 0;
      for (const auto& c : cmds) w = std::max(w, c.name.size());
      for (const auto& c : cmds) {
        fmt::print(stderr, "  {:<{}}  {}\n", c.name, w, c.short_help);
        if (!c.usage.empty()) fmt::print(stderr, "  {:<{}}  usage: {}\n", "", w, c.usage);
      }
    }
    return name.empty() ? kExitOk : kExitUsage;
  }
  // As cue cmd (v0.4-v0.6): the package without its _tool.cue files must be valid, and so
  // must the command; the rest of the tool files matters only where the command refers to
  // it. Either stops the command before any task runs.
  std::string command_path = eval::Evaluator::path_of(flow::find_command(ev, root, name));
  auto in_tool_file = [&](Pos p) {
    const SourceFile* f = p.valid() ? build.files().file_of(p) : nullptr;
    return f && f->name().ends_with("_tool.cue");
  };
  Diagnostics errs;
  for (Diagnostic& d : ev.errors(root, false)) {
    bool in_command = d.path == command_path || d.path.starts_with(command_path + ".");
    bool in_package =
        !(d.path == "command" || d.path.starts_with("command.")) &&
        !(in_tool_file(d.pos) && std::all_of(d.related.begin(), d.related.end(), in_tool_file));
    if (in_command || in_package) errs.add(std::move(d));
  }
  if (errs.has_errors()) {
    print_diagnostics(build.files(), errs);
    fmt::print(stderr, "cfgc: command {} not run: fix the errors above first\n", name);
    return kExitInvalid;
  }
  flow::RunOptions o;
  o.command = name;
  o.parallel = parallel;
  o.http_timeout_ms = timeout;
  o.verbose = f.verbose;
  for (const std::string& t : f.tags) {
    if (auto eq = t.find('='); eq != std::string::npos) o.secrets.push_back(t.substr(eq + 1));
  }
  return flow::run_command(build, root, o);
}

}  // namespace

Command cmd_command() {
  auto o = std::make_shared<CmdFlags>();
  Command c{"cmd", "Run a command of the instance's *_tool.cue files (tasks, concurrently)"};
  c.footer =
      "Run the command NAME: the field `command: NAME` of the instance's *_tool.cue files (they\n"
      "see the package's other files). Its tasks are the structs below it whose $id names a task\n"
      "kind: import \"tool/exec\", \"tool/http\", \"tool/file\", \"tool/cli\", \"tool/os\" and write\n"
      "`fetch: http.Get & {url: ...}`. A task that refers to another one's fields runs after it\n"
      "and sees its results (fetch.response.body); `$after: task` orders without a reference.\n"
      "Independent tasks run at the same time (--parallel). A task that fails stops the tasks\n"
      "that depend on it; the others finish, and the exit code is 1.\n\n"
      "Without NAME (or with an unknown one), the commands are listed with their $short text.\n"
      "`cfgc NAME` is short for `cfgc cmd NAME` when NAME is not a cfgc command.\n\n"
      "Examples:\n"
      "  cfgc cmd                       (list the commands of the package in .)\n"
      "  cfgc cmd deploy ./fabric -t env=lab\n"
      "  cfgc deploy -t token=\"$TOKEN\"  (values from -t never appear in messages)";
  c.flags = {
      {"args", "NAME [instance...]: the command, then the package (default .)", &o->args},
      {"-t,--inject", "Set a @tag(name) field: -t name=value (repeatable); never printed", &o->tags},
      {"--parallel", "At most N tasks at once (default 20)", &o->parallel, "N"},
      {"--timeout", "Timeout of each HTTP request (default 30s)", &o->timeout, "D"},
      {"-v,--verbose", "A line on stderr as each task starts and ends", &o->verbose},
  };
  c.run = [o] { return run_cmd(*o); };
  return c;
}

}  // namespace cfgc::cli
