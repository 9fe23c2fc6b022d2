#include <doctest/doctest.h>
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "compiler/base/quote.h"
#include "compiler/eval/compile.h"
#include "compiler/export/export.h"
#include "compiler/syntax/literal.h"
#include "compiler/syntax/parser.h"

using namespace cfgc;

namespace {

// Exports `src` as YAML.
std::string export_yaml(const std::string& src) {
  FileSet fs;
  Arena arena;
  Diagnostics diags;
  syntax::File* f = syntax::parse_file(arena, fs.add("t.cue", src), diags);
  REQUIRE(!diags.has_errors());
  eval::Compiler c(arena, diags);
  syntax::File* files[] = {f};
  auto pkg = c.compile_package(files);
  REQUIRE(!diags.has_errors());
  eval::Evaluator ev(arena);
  eval::Vertex* root = ev.add_package(pkg);
  REQUIRE(ev.errors(root, true).empty());
  std::string out;
  exporter::write_yaml(ev, root, out);
  return out;
}

// Strings a YAML 1.1 (Ansible) or YAML 1.2 reader would take for something else.
const char* kTricky[] = {
    "on",   "off",  "yes",  "no",    "y",     "n",      "true", "False", "NULL", "null",
    "~",    "",     "1e3",  "0x10",  "0o17",  "0755",   "1_000", "22:30", ".inf", "-.Inf",
    ".nan", "+1",   "-2.5", "*star", "&anch", "!tag",   "@at",  "`tick", "%pct", "- dash",
    "a: b", "#c",   "x #y", "ends:", " lead", "trail ", "2001-12-14", "<<",  "=",   "{a}",
    "[1]",  "|",    ">",    "'q'",   "\"dq\"", "tab\there", "new\nline", "ok", "hello world",
};

}  // namespace

TEST_CASE("yaml_needs_quotes flags every ambiguous plain scalar") {
  for (const char* s : {"on", "Yes", "NO", "y", "true", "null", "~", "1e3", "0x10", "0755", "22:30",
                        "*x", "&a", "!t", "@a", "", "- x", "a: b", "#c", "2001-12-14", "<<"}) {
    INFO(s);
    CHECK(exporter::yaml_needs_quotes(s));
  }
  for (const char* s : {"leaf1", "swp1", "hello world", "10.0.0.1/31", "Ethernet1/1", "bond-lacp-bypass-allow yes"}) {
    INFO(s);
    CHECK_FALSE(exporter::yaml_needs_quotes(s));
  }
}

TEST_CASE("YAML output round-trips through yaml-cpp to the same strings and types") {
  std::string src;
  int i = 0;
  for (const char* s : kTricky) src += fmt::format("k{}: {}\n", i++, cue_quote(s));
  src += "num: 1.5E+3\nint: 42\nflag: true\nnothing: null\nlist: [\"on\", 2, [\"x\"]]\nnested: {\"yes\": {a: \"0x1\"}}\n";
  std::string yaml = export_yaml(src);
  INFO("yaml:\n" << yaml);
  YAML::Node doc = YAML::Load(yaml);
  i = 0;
  for (const char* s : kTricky) {
    YAML::Node n = doc[fmt::format("k{}", i++)];
    INFO("value: " << s);
    REQUIRE(n.IsScalar());
    CHECK(n.as<std::string>() == s);
    // A plain (untagged "?") scalar must be one no resolver would change.
    if (n.Tag() == "?") CHECK_FALSE(exporter::yaml_needs_quotes(s));
  }
  CHECK(doc["num"].as<double>() == 1500);
  CHECK(doc["int"].as<int>() == 42);
  CHECK(doc["flag"].as<bool>() == true);
  CHECK(doc["nothing"].IsNull());
  CHECK(doc["list"][0].as<std::string>() == "on");
  CHECK(doc["list"][0].Tag() == "!");
  CHECK(doc["list"][2][0].as<std::string>() == "x");
  CHECK(doc["nested"]["yes"]["a"].as<std::string>() == "0x1");
}
