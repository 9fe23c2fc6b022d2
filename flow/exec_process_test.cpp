#include "flow/exec_process.h"

#include <doctest/doctest.h>

using namespace cfgc;

TEST_CASE("exec process: output, exit code, stdin, environment and directory") {
  Result<flow::ProcessRun> r = flow::run_process({"sh", "-c", "cat; echo err >&2; exit 4"}, std::nullopt, "", "in\n");
  REQUIRE(r.ok());
  CHECK(r->stdout_text == "in\n");
  CHECK(r->stderr_text == "err\n");
  CHECK(r->exit_code == 4);
  r = flow::run_process({"sh", "-c", "echo $X; pwd"}, std::vector<std::string>{"X=1", "PATH=/usr/bin:/bin"}, "/", "");
  REQUIRE(r.ok());
  CHECK(r->stdout_text == "1\n/\n");
  CHECK(r->exit_code == 0);
}

TEST_CASE("exec process: a program that is not there is an error, not a crash") {
  Result<flow::ProcessRun> r = flow::run_process({"/nonexistent/program"}, std::nullopt, "", "");
  CHECK_FALSE(r.ok());
  CHECK(r.error().message.find("cannot run /nonexistent/program") != std::string::npos);
  CHECK_FALSE(flow::run_process({}, std::nullopt, "", "").ok());
}

TEST_CASE("exec process: large output and input do not block") {
  std::string big(1 << 20, 'x');
  Result<flow::ProcessRun> r = flow::run_process({"cat"}, std::nullopt, "", big);
  REQUIRE(r.ok());
  CHECK(r->stdout_text.size() == big.size());
}
