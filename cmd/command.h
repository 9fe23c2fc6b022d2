#pragma once
// A command as data: its name, help text, flags and what it runs. Each command file builds one
// (eval_command.cpp, vet_command.cpp, ...); cli.cpp turns them into the command line. Only
// cli.cpp includes the argument parser (CLI11), so a command file compiles quickly.
//
// Exit codes, shared by every command:
//   0  success
//   1  the input is invalid (validation errors, files that need formatting)
//   2  usage errors, unreadable files, internal errors

#include <cstdio>
#include <functional>
#include <string>
#include <variant>
#include <vector>

namespace cfgc::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInvalid = 1;
inline constexpr int kExitUsage = 2;

// A flag (`-c,--concrete`), an option taking a value (`-o,--outfile`, repeatable when its
// target is a vector: `-t a=1 -t b=2`) or, when `names` has no leading '-', the positional
// arguments.
struct Flag {
  std::string names;
  std::string help;
  std::variant<bool*, std::string*, std::vector<std::string>*> target;
  std::string type_name = {};  // shown in --help: FILE, FORMAT, WHEN
  bool required = false;
  bool* given = nullptr;  // set when the flag appears on the command line (even with "")
};

struct Command {
  std::string name;
  std::string summary;  // one line, in `cfgc --help`
  std::string footer;   // the rest of `cfgc NAME --help`: what it does, examples
  std::vector<Flag> flags;
  std::function<int()> run;  // called after parsing; returns the exit code
};

Command version_command();
Command fmt_command();
Command eval_command();
Command export_command();
Command vet_command();
Command push_command();
Command cmd_command();
Command import_command();
Command infer_command();
// These two describe the others (`commands` is the whole list, themselves included).
Command completion_command(const std::vector<Command>* commands);
Command man_command(const std::vector<Command>* commands);

// The version of CLI11, the argument parser, for `cfgc version`.
std::string argument_parser_version();

// Parses the command line and runs the command; returns the process exit code.
// "cfgc: evaluation stopped: it needs more than N MiB of memory ..." (MemoryLimitExceeded).
void print_memory_limit_error(std::FILE* to, size_t limit);
int run(int argc, char** argv);

}  // namespace cfgc::cli
