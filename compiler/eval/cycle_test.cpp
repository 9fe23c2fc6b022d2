// Cycles: reference cycles (incomplete, not errors), structural cycles, self references.
#include "compiler/eval/eval_test_util.h"

using cfgc::eval::testing::EvalProgram;
using cfgc::eval::testing::run;

TEST_CASE("eval cycle: a reference cycle is incomplete, not an error") {
  EvalProgram p("a: b\nb: a\n");
  CHECK(p.errors(false) == "");
  std::string incomplete = p.errors(true);
  CHECK_CONTAINS(incomplete, "a: ");
  CHECK_CONTAINS(incomplete, "b: ");
  CHECK(p.value_str("a") == "_");
  CHECK(p.value_str("b") == "_");
}

TEST_CASE("eval cycle: a reference cycle resolved by a value") {
  CHECK(run("a: b\nb: a\na: 3\n") == R"({"a":3,"b":3})");
  CHECK(run("a: b\nb: c\nc: a\nb: \"x\"\n") == R"({"a":"x","b":"x","c":"x"})");
  // Arithmetic cycles: CUE solves them once one side is given.
  CHECK(run("a: b + 1\nb: a - 1\na: 5\n") == R"({"a":5,"b":4})");
  CHECK(run("a: b + 1\nb: a - 1\nb: 5\n") == R"({"a":6,"b":5})");
}

TEST_CASE("eval cycle: an arithmetic cycle with no value is incomplete") {
  EvalProgram p("a: b + 1\nb: a - 1\n");
  CHECK(p.errors(false) == "");
  CHECK_CONTAINS(p.errors(true), "a: ");
}

TEST_CASE("eval cycle: a reference cycle that disagrees is an error") {
  // a is 5, so b is 4, so a is 5 == b + 1; but with b given as 7, a must be both 5 and 8.
  EvalProgram p("a: b + 1\nb: a - 1\na: 5\nb: 7\n");
  CHECK_CONTAINS(p.errors(false), "conflicting values");
}

TEST_CASE("eval cycle: structural cycles") {
  for (const char* src : {"a: b: a", "a: {b: a}", "#T: {x: #T}"}) {
    CAPTURE(src);
    CHECK_CONTAINS(EvalProgram(src).errors(false), "structural cycle");
  }
  EvalProgram p("a: b: a");
  CHECK_CONTAINS(p.errors(false), "a.b: structural cycle");
  // An optional field stops the recursion: only what is given is expanded.
  CHECK(run("#T: {x?: #T}\nt: #T & {x: {x: {}}}\n") == R"({"t":{"x":{"x":{}}}})");
  CHECK(run("#L: {v: int, next?: #L}\nl: #L & {v: 1, next: {v: 2}}\n") ==
        R"({"l":{"v":1,"next":{"v":2}}})");
}

TEST_CASE("eval cycle: self references resolved through unification") {
  CHECK(run("a: {x: 1, y: a.x}") == R"({"a":{"x":1,"y":1}})");
  CHECK(run("a: b & {c: 1}\nb: {d: a.c}\n") == R"({"a":{"d":1,"c":1},"b":{"d":1}})");
  CHECK(run("x: [x[1], 2]") == R"({"x":[2,2]})");
  CHECK(run("a: {x: y + 1, y: 1}\nb: a & {y: 1}\n") == R"({"a":{"x":2,"y":1},"b":{"x":2,"y":1}})");
  // A field referring to a sibling of a struct that embeds it.
  CHECK(run("#A: {n: int, m: n * 2}\nv: #A & {n: 3}\n") == R"({"v":{"n":3,"m":6}})");
}
