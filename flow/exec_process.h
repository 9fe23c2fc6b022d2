#pragma once
// Runs a program with arguments, an optional environment, working directory and standard
// input, and collects its output and exit code (tool/exec.Run). Blocks the calling thread.

#include <optional>
#include <string>
#include <vector>

#include "compiler/base/result.h"

namespace cfgc::flow {

struct ProcessRun {
  int exit_code = -1;  // -1: killed by a signal (see signal)
  int signal = 0;
  std::string stdout_text;
  std::string stderr_text;
};

// Error when the program cannot be started (not found, not executable, bad directory).
Result<ProcessRun> run_process(const std::vector<std::string>& argv,
                               const std::optional<std::vector<std::string>>& env, const std::string& dir,
                               const std::string& stdin_text);

}  // namespace cfgc::flow
