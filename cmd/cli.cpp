#include "cmd/cli.h"

#include <fmt/format.h>

#include <cstdio>
#include <exception>

#include "stdlib/register.h"

namespace cfgc::cli {

int run(int argc, char** argv) {
  stdlib::register_all();
  CLI::App app{
      "cfgc compiles typed network configuration: it unifies CUE, YAML and JSON values with\n"
      "schemas, checks every value, and renders per-device configs.\n",
      "cfgc"};
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "Show help for every command");
  app.footer(
      "Exit codes: 0 success, 1 invalid input (errors reported), 2 usage or I/O error.\n"
      "Run `cfgc COMMAND --help` for a command's flags and examples.");

  CommandContext ctx;

  add_eval_commands(app, ctx);
  add_fmt_command(app, ctx);
  add_version_command(app, ctx);
  add_vet_command(app, ctx);

  // An unknown command word gets a clear message (CLI11 would only say one is required).
  if (argc > 1 && argv[1][0] != '-') {
    std::string word = argv[1];
    bool known = false;
    for (const CLI::App* sub : app.get_subcommands({})) known |= sub->get_name() == word;
    if (!known) {
      std::fprintf(stderr, "cfgc: unknown command \"%s\"\nRun `cfgc --help` for the list of commands.\n",
                   word.c_str());
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
    std::fprintf(stderr, "cfgc: %s\nRun `cfgc --help` for usage.\n", e.what());
    return kExitUsage;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "cfgc: internal error: %s\n", e.what());
    return kExitUsage;
  }
  std::fflush(stdout);
  return ctx.exit_code;
}

}  // namespace cfgc::cli
