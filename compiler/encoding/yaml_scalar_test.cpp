// CUE's reading of plain YAML scalars (yaml_scalar.h).
#include "compiler/encoding/yaml_scalar.h"

#include <doctest/doctest.h>

using cfgc::encoding::CueYamlScalar;
using cfgc::encoding::resolve_cue_yaml_scalar;
using K = CueYamlScalar::Kind;

namespace {

// "int 0o755", "-float 0.5", "string", "bool true"…
std::string describe(std::string_view s) {
  CueYamlScalar r = resolve_cue_yaml_scalar(s);
  std::string sign = r.negative ? "-" : "";
  switch (r.kind) {
    case K::String: return "string";
    case K::Null: return "null";
    case K::Bool: return "bool " + r.literal;
    case K::Int: return sign + "int " + r.literal;
    case K::Float: return sign + "float " + r.literal;
    case K::NotFinite: return "not finite";
  }
  return "?";
}

}  // namespace

TEST_CASE("yaml scalar: nulls and bools as cue reads them") {
  CHECK(describe("") == "null");
  CHECK(describe("~") == "null");
  CHECK(describe("NULL") == "null");
  CHECK(describe("True") == "bool true");
  CHECK(describe("FALSE") == "bool false");
  CHECK(describe("yes") == "string");
  CHECK(describe("on") == "string");
  CHECK(describe("n") == "string");
  CHECK(describe("tRUE") == "string");
}

TEST_CASE("yaml scalar: integers as Go's ParseInt with base 0 reads them") {
  CHECK(describe("0755") == "int 0o755");
  CHECK(describe("012") == "int 0o12");
  CHECK(describe("0b101") == "int 0b101");
  CHECK(describe("0o17") == "int 0o17");
  CHECK(describe("0x1F") == "int 0x1F");
  CHECK(describe("1_000") == "int 1000");
  CHECK(describe("+5") == "int 5");
  CHECK(describe("-0x10") == "-int 0x10");
  CHECK(describe("0") == "int 0");
  CHECK(describe("18446744073709551615") == "int 18446744073709551615");  // uint64
  CHECK(describe("-9223372036854775808") == "-int 9223372036854775808");
  CHECK(describe("08") == "string");
  CHECK(describe("0x") == "string");
  CHECK(describe("22:30") == "string");
  CHECK(describe("2001-12-14") == "string");
}

TEST_CASE("yaml scalar: floats, and what CUE has no number for") {
  CHECK(describe("1.5") == "float 1.5");
  CHECK(describe("1e3") == "float 1e3");
  CHECK(describe("1.") == "float 1.0");
  CHECK(describe(".5") == "float 0.5");
  CHECK(describe("-.5") == "-float 0.5");
  CHECK(describe("18446744073709551616") == "float 18446744073709551616");  // past uint64
  CHECK(describe("-9223372036854775809") == "-float 9223372036854775809");
  CHECK(describe("1e") == "string");
  CHECK(describe(".") == "string");
  CHECK(describe(".inf") == "not finite");
  CHECK(describe("-.Inf") == "not finite");
  CHECK(describe(".nan") == "not finite");
}
