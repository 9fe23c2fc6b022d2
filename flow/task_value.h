#pragma once
// A task's value as its runner sees it: the concrete fields as JSON; the fields not concrete
// yet listed by path (a task waits while an input is among them); the errors in it.

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "compiler/base/diagnostic.h"
#include "compiler/eval/evaluator.h"

namespace cfgc::flow {

struct TaskValue {
  nlohmann::json json = nlohmann::json::object();
  std::vector<std::string> open;  // "stdout", "response.body", ...
  // The kinds an open field may still take (eval::Kind bits), by path: cli.Ask answers a
  // `response: bool` with true or false, a `response: string` with the line.
  std::map<std::string, uint16_t> open_kinds;
  bool has_errors = false;
};

TaskValue read_task_value(eval::Evaluator& ev, eval::Vertex* task);

// Whether `path` is `field` or below it ("response.body" is below "response").
bool path_within(const std::string& path, const std::string& field);

}  // namespace cfgc::flow
