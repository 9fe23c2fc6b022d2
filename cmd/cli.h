#pragma once
// The cfgc command line: a thin layer that parses flags and calls into the compiler.
//
// Exit codes, shared by every command:
//   0  success
//   1  the input is invalid (validation errors, files that need formatting)
//   2  usage errors, unreadable files, internal errors

#include <CLI/CLI.hpp>

namespace cfgc::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInvalid = 1;
inline constexpr int kExitUsage = 2;

int run(int argc, char** argv);

// Each command adds itself to the app; the callback's exit code is stored in `exit_code`.
struct CommandContext {
  int exit_code = kExitOk;
};
void add_version_command(CLI::App& app, CommandContext& ctx);
void add_fmt_command(CLI::App& app, CommandContext& ctx);
void add_eval_commands(CLI::App& app, CommandContext& ctx);
void add_vet_command(CLI::App& app, CommandContext& ctx);


}  // namespace cfgc::cli
