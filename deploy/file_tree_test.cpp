#include "deploy/file_tree.h"

#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include "stdlib/test_util.h"

using namespace cfgc;
using deploy::OutputFile;

namespace {

// The files of the `files` struct in `src`, and the messages of any errors.
std::vector<OutputFile> collect(const std::string& src,
                                std::vector<std::string>* errors = nullptr) {
  stdlib::testing::Program p(src);
  REQUIRE(p.errors() == "");
  std::vector<OutputFile> out;
  Diagnostics errs;
  deploy::collect_files(p.evaluator(), p.field("files"), out, errs);
  if (errors) {
    for (const auto& d : errs.list()) errors->push_back(d.path + ": " + d.message);
  } else {
    CHECK(!errs.has_errors());
  }
  return out;
}

}  // namespace

TEST_CASE("file tree: paths") {
  CHECK(deploy::check_output_path("leaf1/frr.conf") == "");
  CHECK(deploy::check_output_path("a") == "");
  CHECK(deploy::check_output_path("") != "");
  CHECK(deploy::check_output_path("/etc/x") != "");
  CHECK(deploy::check_output_path("a/../b") != "");
  CHECK(deploy::check_output_path("./a") != "");
  CHECK(deploy::check_output_path("a/") != "");
  CHECK(deploy::check_output_path("a\\b") != "");
  CHECK(deploy::check_output_path(std::string("a\0b", 3)) != "");
  CHECK(deploy::check_output_path(std::string(256, 'x')) != "");
}

TEST_CASE("file tree: strings verbatim, data by extension") {
  auto files = collect(R"(files: {
	"a/t.conf": "x\ny"
	"b/d.json": {k: [1, "two"]}
	"c/d.yaml": [{set: on: "on"}]
})");
  REQUIRE(files.size() == 3);
  CHECK(files[0].path == "a/t.conf");
  CHECK(files[0].content == "x\ny");  // no newline added
  CHECK(files[1].content == "{\n    \"k\": [\n        1,\n        \"two\"\n    ]\n}\n");
  YAML::Node y = YAML::Load(files[2].content);
  CHECK(y[0]["set"]["on"].as<std::string>() == "on");
  CHECK(files[2].content.find("\"on\"") !=
        std::string::npos);  // quoted: YAML 1.1 reads on as a bool
}

TEST_CASE("file tree: errors") {
  std::vector<std::string> errors;
  auto files = collect(R"(files: {"x/conf": {a: 1}, "../y": "z", "ok": "fine"})", &errors);
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].find("is not text") != std::string::npos);
  CHECK(errors[1].find("\"..\"") != std::string::npos);
  CHECK(files.size() == 1);
}
