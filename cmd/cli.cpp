// The command line: turns the commands' descriptions (command.h) into CLI11 subcommands,
// parses, and runs the chosen command. The only file that includes CLI11.
#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <new>

#include "cmd/command.h"
#include "compiler/base/arena.h"
#include "compiler/base/suggest.h"
#include "stdlib/register.h"

namespace cfgc::cli {

std::string argument_parser_version() { return CLI11_VERSION; }

namespace {

CLI::Option* add_flag(CLI::App* app, const Flag& f) {
  CLI::Option* o = std::visit(
      [&](auto* target) -> CLI::Option* {
        using T = std::remove_pointer_t<decltype(target)>;
        if constexpr (std::is_same_v<T, bool>) {
          return app->add_flag(f.names, *target, f.help);
        } else {
          CLI::Option* opt = app->add_option(f.names, *target, f.help);
          // A repeatable option takes one value each time, so `-e a x.cue` leaves x.cue an
          // argument.
          if constexpr (std::is_same_v<T, std::vector<std::string>>) {
            if (f.names.front() == '-') opt->allow_extra_args(false);
          }
          return opt;
        }
      },
      f.target);
  if (!f.type_name.empty()) o->type_name(f.type_name);
  if (f.required) o->required();
  return o;
}

}  // namespace

namespace {
// The memory limit of all evaluation (Arena::set_memory_limit): CFGC_MAX_MEMORY in MiB, else
// three quarters of the machine's memory, so that a program whose evaluation explodes stops
// with a message before the kernel kills it (or the machine swaps).
void set_memory_limit() {
  size_t limit = 0;
  if (const char* env = std::getenv("CFGC_MAX_MEMORY"); env && *env) {
    limit = static_cast<size_t>(std::strtoull(env, nullptr, 10)) << 20;
  } else {
    long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
    if (pages > 0 && page > 0)
      limit = static_cast<size_t>(pages) * static_cast<size_t>(page) / 4 * 3;
  }
  Arena::set_memory_limit(limit);
}

// Whether the current directory has *_tool.cue files (for the short form `cfgc NAME`).
bool has_tool_files() {
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(".", ec)) {
    std::string n = e.path().filename().string();
    if (n.size() > 9 && n.ends_with("_tool.cue")) return true;
  }
  return false;
}
}  // namespace

void print_memory_limit_error(std::FILE* to, size_t limit) {
  std::fprintf(to,
               "cfgc: evaluation stopped: it needs more than %zu MiB of memory (the limit; set "
               "CFGC_MAX_MEMORY to a number of MiB to change it)\n",
               limit >> 20);
}

int run(int argc, char** argv) {
  stdlib::register_all();
  set_memory_limit();
  CLI::App app{
      "cfgc compiles typed network configuration: it unifies CUE, YAML and JSON values with\n"
      "schemas, checks every value, and renders per-device configs.\n",
      "cfgc"};
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "Show help for every command");
  app.footer(
      "Exit codes: 0 success, 1 invalid input (errors reported), 2 usage or I/O error.\n"
      "CFGC_MAX_MEMORY=MiB caps the memory evaluation may use (default: 3/4 of the machine's).\n"
      "Run `cfgc COMMAND --help` for a command's flags and examples.");

  std::vector<Command> commands = {eval_command(),    export_command(), fmt_command(),
                                   version_command(), vet_command(),    push_command(),
                                   import_command(),  infer_command(),  cmd_command()};
  commands.push_back(completion_command(&commands));
  commands.push_back(man_command(&commands));
  int exit_code = kExitOk;
  for (Command& c : commands) {
    CLI::App* sub = app.add_subcommand(c.name, c.summary);
    if (!c.footer.empty()) sub->footer(c.footer);
    std::vector<std::pair<CLI::Option*, bool*>> given;
    for (const Flag& f : c.flags) {
      CLI::Option* o = add_flag(sub, f);
      if (f.given) given.emplace_back(o, f.given);
    }
    sub->callback([&c, &exit_code, given] {
      for (auto [o, flag] : given) *flag = o->count() > 0;
      exit_code = c.run();
    });
  }

  // An unknown command word gets a clear message (CLI11 would only say one is required).
  if (argc > 1 && argv[1][0] != '-') {
    std::string word = argv[1];
    bool known = false;
    for (const Command& c : commands) known |= c.name == word;
    if (!known && word != "cmd" && has_tool_files()) {
      // `cfgc NAME ...` is `cfgc cmd NAME ...` where *_tool.cue files define commands.
      std::vector<char*> args(argv, argv + argc);
      static char cmd_word[] = "cmd";
      args.insert(args.begin() + 1, cmd_word);
      return run(static_cast<int>(args.size()), args.data());
    }
    if (!known) {
      std::vector<std::string_view> names;
      for (const Command& c : commands) names.push_back(c.name);
      fmt::print(stderr,
                 "cfgc: unknown command \"{}\"{}\nRun `cfgc --help` for the list of commands.\n",
                 word, did_you_mean(word, names));
      return kExitUsage;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);
    std::string msg = e.what();
    // A misspelt flag: suggest the command's closest one.
    const Command* cmd = nullptr;
    for (const Command& c : commands) {
      if (argc > 1 && c.name == argv[1]) cmd = &c;
    }
    if (cmd && msg.find("not expected: ") != std::string::npos) {
      std::string arg = msg.substr(msg.find("not expected: ") + 14);
      arg = arg.substr(0, arg.find(' '));
      std::vector<std::string> names;
      for (const Flag& f : cmd->flags) {
        for (size_t start = 0; f.names.front() == '-' && start <= f.names.size();) {
          size_t comma = f.names.find(',', start);
          names.push_back(f.names.substr(
              start, comma == std::string::npos ? std::string::npos : comma - start));
          if (comma == std::string::npos) break;
          start = comma + 1;
        }
      }
      std::vector<std::string_view> views(names.begin(), names.end());
      if (arg.starts_with("-")) msg += did_you_mean(arg.substr(0, arg.find('=')), views);
    }
    fmt::print(stderr, "cfgc: {}\nRun `cfgc {}--help` for usage.\n", msg,
               cmd ? cmd->name + " " : "");
    return kExitUsage;
  } catch (const MemoryLimitExceeded& e) {
    std::fflush(stdout);
    print_memory_limit_error(stderr, e.limit_bytes);
    return kExitInvalid;
  } catch (const std::bad_alloc&) {
    std::fflush(stdout);
    std::fprintf(stderr,
                 "cfgc: out of memory (set CFGC_MAX_MEMORY, in MiB, below what the machine has)\n");
    return kExitInvalid;
  } catch (const std::exception& e) {
    // Exceptions are not an error channel in cfgc (docs/architecture.md); one that reaches
    // here is a bug, reported as such rather than as a crash.
    std::fprintf(stderr, "cfgc: internal error: %s\n", e.what());
    return kExitUsage;
  }
  std::fflush(stdout);
  return exit_code;
}

}  // namespace cfgc::cli
