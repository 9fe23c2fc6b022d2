#pragma once
// The task runner of `cfgc cmd`: finds the tasks of a command (structs whose `$id` names a
// task kind, at any depth below `command: NAME`), orders them by the references between
// them (the evaluator's own: `b: cli.Print & {text: a.stdout}` runs b after a) and `$after`,
// runs the ready ones concurrently on worker threads (at most `parallel`), and fills each
// task's results back into the instance, re-evaluating it when a waiting task may need them,
// so that tasks and comprehensions that depend on results see them.

#include <string>
#include <vector>

#include "compiler/load/build.h"

namespace cfgc::flow {

struct CommandInfo {
  std::string name;
  std::string short_help;  // $short
  std::string usage;       // $usage
  std::string long_help;   // $long
};

// The commands of an evaluated instance (the fields of `command`), in order.
std::vector<CommandInfo> list_commands(eval::Evaluator& ev, eval::Vertex* root);

// The vertex of command `name` (command.NAME), or null.
eval::Vertex* find_command(eval::Evaluator& ev, eval::Vertex* root, std::string_view name);

struct RunOptions {
  std::string command;
  size_t parallel = 20;
  long http_timeout_ms = 30000;
  std::vector<std::string> secrets;  // -t values: masked in every message
  bool verbose = false;              // a line per task as it starts and ends
};

// Runs the command; returns the exit code (0 all tasks succeeded, 1 a task failed or could
// never run). Failures are printed on stderr with the task's path and position.
int run_command(load::Build& build, eval::Vertex* root, const RunOptions& opts);

}  // namespace cfgc::flow
