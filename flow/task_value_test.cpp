#include "flow/task_value.h"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>

#include "compiler/eval/label.h"
#include "stdlib/test_util.h"

using namespace cfgc;

TEST_CASE("task value: concrete fields as JSON, open ones listed") {
  stdlib::testing::Program p(R"(
t: {
	$id: "tool/exec.Run"
	cmd: ["echo", "hi"]
	stdout: *null | string
	stderr: string
	success: bool
	n: 3
	env: {A: "1"}
}
)");
  flow::TaskValue tv = flow::read_task_value(p.evaluator(), p.field("t"));
  CHECK_FALSE(tv.has_errors);
  CHECK(tv.json["cmd"] == nlohmann::json::array({"echo", "hi"}));
  CHECK(tv.json["stdout"].is_null());
  CHECK(tv.json["n"] == 3);
  CHECK(tv.json["env"]["A"] == "1");
  CHECK_FALSE(tv.json.contains("stderr"));
  CHECK(tv.open == std::vector<std::string>{"stderr", "success"});
}

TEST_CASE("task value: paths below a field") {
  CHECK(flow::path_within("response.body", "response"));
  CHECK(flow::path_within("response", "response"));
  CHECK_FALSE(flow::path_within("responses", "response"));
}

TEST_CASE("references: a field's references, through selectors and comprehensions") {
  stdlib::testing::Program p(R"(
a: {out: "x"}
b: {in: a.out}
c: {n: [for k, _ in a {k}][0]}
d: {after: b, self: d.after}
)");
  auto names = [&](const char* f) {
    std::vector<std::string> out;
    for (eval::Vertex* v : p.evaluator().references(p.field(f))) out.push_back(eval::Evaluator::path_of(v));
    return out;
  };
  CHECK(names("b") == std::vector<std::string>{"a.out"});
  CHECK(names("c") == std::vector<std::string>{"a"});
  // d.after is d's own: left out; b is there, and what b's fields refer to (d.after.in is
  // a.out: a copy of b's field, with its conjuncts).
  std::vector<std::string> d = names("d");
  INFO(fmt::format("{}", fmt::join(d, " ")));
  CHECK(std::find(d.begin(), d.end(), "b") != d.end());
  CHECK(std::find(d.begin(), d.end(), "d.after") == d.end());
}
