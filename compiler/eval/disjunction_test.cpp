// Disjunctions: elimination of failed disjuncts, merging equal ones, defaults, empty disjunctions.
#include "compiler/eval/eval_test_util.h"

using cfgc::eval::testing::EvalProgram;
using cfgc::eval::testing::run;

TEST_CASE("eval disjunction: failed disjuncts are dropped") {
  CHECK(run(R"(a: (1 | "x") & int)") == R"({"a":1})");
  CHECK(run(R"(a: (int | string) & "s")") == R"({"a":"s"})");
  CHECK(run(R"(a: (1 | 2 | 3) & >=3)") == R"({"a":3})");
  EvalProgram p("a: (1 | 2 | 3) & >1");
  CHECK(p.value_str("a") == "2 | 3");
}

TEST_CASE("eval disjunction: equal disjuncts are merged") {
  CHECK(run("a: 1 | 1") == R"({"a":1})");
  CHECK(run("a: {x: 1} | {x: 1}") == R"({"a":{"x":1}})");
  EvalProgram p("a: (1 | 2 | 1) & int");
  CHECK(p.value_str("a") == "1 | 2");
}

TEST_CASE("eval disjunction: default marks") {
  EvalProgram p("c: *1 | int\nd: (*1 | int) & 2\nf: (*1 | 2 | 3) & (*1 | 2)\n");
  CHECK(p.value_str("c") == "*1 | int");
  CHECK(p.json() == R"({"c":1,"d":2,"f":1})");
  // Examples of the CUE spec, "Default values".
  CHECK(run(R"(a: *"tcp" | "udp")") == R"({"a":"tcp"})");
  CHECK(run("a: float | *1") == R"({"a":1})");
  CHECK(run("a: *1 | *1") == R"({"a":1})");
  CHECK(run("a: (* >=5 | int) & (* <=5 | int)") == R"({"a":5})");
  CHECK(run(R"(a: (*"tcp" | "udp") & ("udp" | *"tcp"))") == R"({"a":"tcp"})");
  CHECK(run(R"(a: (*"tcp" | "udp") & ("udp" | "tcp"))") == R"({"a":"tcp"})");
  CHECK(run(R"(a: (*"tcp" | "udp") & "tcp")") == R"({"a":"tcp"})");
  // A default is used where the value is an operand.
  CHECK(run("x: *1 | 2\ny: x + 1\n") == R"({"x":1,"y":2})");
}

TEST_CASE("eval disjunction: ambiguous defaults") {
  // The spec: (*1|2|3) & (1|*2|3) is 1|2|3 with no default; likewise for strings.
  for (const char* src : {"a: (*1 | 2) & (1 | *2)", "a: (*1 | 2 | 3) & (1 | *2 | 3)",
                          R"(a: (*"tcp" | "udp") & (*"udp" | "tcp"))"}) {
    CAPTURE(src);
    EvalProgram p(src);
    CHECK(p.errors(false) == "");  // not an error: only not concrete
    CHECK_CONTAINS(p.errors(true), "a: ");
  }
  CHECK(EvalProgram("a: (*1 | 2) & (1 | *2)").value_str("a") == "1 | 2");
  // (*1|2|3) | (1|*2|3): the defaults 1 and 2 are both kept, so there is no single one.
  CHECK_CONTAINS(EvalProgram("a: (*1 | 2 | 3) | (1 | *2 | 3)").errors(true), "a: ");
  CHECK_CONTAINS(EvalProgram(R"(a: *"a" | *"b" | "c")").errors(true), "a: ");
  // A default that is not concrete: *string | 1.0 is string.
  CHECK_CONTAINS(EvalProgram("a: *string | 1.0").errors(true), "a: incomplete value string");
  // Several disjuncts and no default.
  EvalProgram q("a: int | string");
  CHECK(q.errors(false) == "");
  CHECK_CONTAINS(q.errors(true), "a: incomplete value int | string");
}

TEST_CASE("eval disjunction: an empty disjunction lists each alternative's error") {
  EvalProgram p("x: (1 | 2) & 3");
  std::vector<std::string> errs = p.error_list(false);
  REQUIRE(errs.size() == 3);
  CHECK(errs[0] == "x: 2 errors in empty disjunction");
  CHECK(errs[1] == "  x: conflicting values 1 and 3");  // the alternative first, as cue
  CHECK(errs[2] == "  x: conflicting values 2 and 3");
  EvalProgram q("x: ({a: 1} | {a: 2}) & {a: 3}");
  errs = q.error_list(false);
  REQUIRE(errs.size() == 3);
  CHECK(errs[0] == "x: 2 errors in empty disjunction");
  CHECK(errs[1] == "  x.a: conflicting values 1 and 3");
  CHECK(errs[2] == "  x.a: conflicting values 2 and 3");
}

TEST_CASE("eval disjunction: struct disjunctions") {
  // Both structs accept {a: int}: two alternatives remain, and no default.
  EvalProgram p("h: ({a: 1} | {b: 2}) & {a: int}");
  CHECK(p.errors(false) == "");
  CHECK_CONTAINS(p.errors(true), "h: ");
  // A field decides between them.
  CHECK(run("x: ({a: 1, b: string} | {a: 2, b: int}) & {b: 3}") == R"({"x":{"a":2,"b":3}})");
  CHECK(run("x: ({a: 1} | {a: 2}) & {a: 2}") == R"({"x":{"a":2}})");
  // Closed alternatives: the one that allows the fields wins.
  CHECK(run(R"(
#A: {kind: "a", v: int}
#B: {kind: "b", w: string}
x: #A | #B
x: {kind: "b", w: "s"}
y: #A | #B
y: {v: 1}
)") == R"({"x":{"kind":"b","w":"s"},"y":{"kind":"a","v":1}})");
  // A default struct is used for export.
  CHECK(run("x: *{a: 1} | {a: 2}") == R"({"x":{"a":1}})");
}
