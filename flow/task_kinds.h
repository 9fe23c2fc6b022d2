#pragma once
// The task kinds of `cfgc cmd` (tool/exec.Run, tool/http.Do, tool/file.*, tool/cli.*,
// tool/os.*): for each, which fields are results (filled in when the task has run, so they
// may stay open before), and how to run it. A runner gets the task's concrete fields as JSON
// and returns the results to fill in, or an error saying why the task failed.

#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "compiler/base/result.h"
#include "deploy/push/http_client.h"

namespace cfgc::flow {

// What runners share: where printed output goes (whole lines, under a lock), the HTTP
// timeout, the directory relative paths start from.
struct TaskEnv {
  std::mutex* out_lock = nullptr;
  long http_timeout_ms = 30000;
  std::vector<std::string> secrets;  // -t values: masked in what tasks print
  // Writes text to standard output (or error) at once, never mixed with other tasks' output,
  // secrets masked.
  void print(const std::string& text, bool to_stderr = false) const;
};

struct TaskKind {
  std::string id;                            // "tool/exec.Run"
  std::vector<std::string> results;          // fields filled in by the run ("stdout", "response")
  bool results_are_fields = false;           // tool/os: every field is a result
  std::vector<std::string> optional_inputs;  // inputs that may stay open ("env": not given)
  std::function<Result<nlohmann::json>(const nlohmann::json& task, const TaskEnv& env)> run;
  bool http = false;  // tool/http: the runner may send it on its HTTP loop (http_request)
};

// tool/http in two halves, for a runner that sends the request itself (on an HttpLoop): the
// request a task describes, and the results its answer fills in (or the error).
Result<push::HttpRequest> http_request(const nlohmann::json& task, const TaskEnv& env);
Result<nlohmann::json> http_result(const push::HttpRequest& req, const push::HttpResponse& r);

// The kind named by a task's $id (with cue's short legacy names: "exec", "http", "print"),
// or null.
const TaskKind* find_task_kind(const std::string& id);

}  // namespace cfgc::flow
