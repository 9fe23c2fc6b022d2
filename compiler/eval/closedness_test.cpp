// Closedness (CloseCtx, check_closedness): definitions, embedding, `...`, close(), patterns.
#include "compiler/eval/eval_test_util.h"

using cfgc::eval::testing::EvalProgram;
using cfgc::eval::testing::run;

namespace {

// The errors of a program, without incomplete values (what `cue eval` reports).
std::string hard_errors(std::string_view src) { return EvalProgram(src).errors(false); }

}  // namespace

TEST_CASE("eval closedness: a definition closes recursively") {
  EvalProgram p(R"(
#D: {a: int, b: {c: int}}
ok: #D & {a: 1, b: {c: 2}}
top: #D & {z: 1}
nested: #D & {a: 1, b: {c: 2, d: 3}}
)");
  CHECK(p.json("ok") == R"({"a":1,"b":{"c":2}})");
  std::string errs = p.errors(false);
  CHECK_CONTAINS(errs, "top.z: field not allowed");
  CHECK_CONTAINS(errs, "nested.b.d: field not allowed");
  CHECK_NOT_CONTAINS(errs, "ok.");
  // The rejected field is an error on its own vertex, the accepted ones keep their values.
  REQUIRE(p.field("nested.b.d"));
  CHECK(p.field("nested.b.d")->err != nullptr);
  CHECK(p.field("nested.b.c")->err == nullptr);
}

TEST_CASE("eval closedness: fields added to a vertex that refers to a definition") {
  CHECK_CONTAINS(hard_errors("#D: {a: int}\nx: #D\nx: b: 1\n"), "x.b: field not allowed");
  CHECK(run("#D: {a: int}\nx: #D\nx: a: 1\n") == R"({"x":{"a":1}})");
  // Optional fields of the definition are allowed, and their structs are closed too.
  CHECK(run("#D: {a?: int}\nx: #D & {a: 1}\ny: #D & {}\n") == R"({"x":{"a":1},"y":{}})");
  CHECK_CONTAINS(hard_errors("#D: {a: int, b?: {c: int}}\nx: #D & {a: 1, b: {c: 1, e: 2}}\n"),
                 "x.b.e: field not allowed");
}

TEST_CASE("eval closedness: embedding a definition in a struct literal closes that struct") {
  // The literal may add its own fields, but nothing can be added from outside.
  // Field order as cue v0.4-v0.6 give it: the literal's own field first.
  CHECK(run("#D: {a: int}\nx: {#D, b: 1}\nx: a: 2\n") == R"({"x":{"b":1,"a":2}})");
  CHECK_CONTAINS(hard_errors("#D: {a: int}\nx: {#D, b: 1}\ny: x & {c: 2}\n"),
                 "y.c: field not allowed");
  // cue/testdata/definitions/defembed.txtar
  CHECK_CONTAINS(hard_errors("a: {#A}\na: c: 1\n#A: b: 1\n"), "a.c: field not allowed");
  // cue/testdata/definitions/embed.txtar, recloseSimple
  CHECK_CONTAINS(hard_errors("#foo: {}\na: {#foo} & {b: int}\n"), "a.b: field not allowed");
}

TEST_CASE("eval closedness: embedding closes one level only") {
  // cue/testdata/definitions/embed.txtar, reclose1 and reclose2: a struct declared beside an
  // embedded definition is closed inside a definition, open outside one.
  EvalProgram p(R"(
reclose1: {
  #D: {x: int, y: int}
  #a: {#D, b: {c: int}}
  z: #a.b
  z: d: 3
}
reclose2: {
  #D: {x: int, y: int}
  a: {#D, b: {c: int}}
  z: a.b
  z: d: 3
}
)");
  std::string errs = p.errors(false);
  CHECK_CONTAINS(errs, "reclose1.z.d: field not allowed");
  CHECK_NOT_CONTAINS(errs, "reclose2");
  CHECK(p.value_str("reclose2.z.d") == "3");
  REQUIRE(p.field("reclose2.z.d"));
  CHECK(p.field("reclose2.z.d")->err == nullptr);
}

TEST_CASE("eval closedness: `...` opens a definition") {
  CHECK(run("#D: {a: int, ...}\nx: #D & {a: 1, b: 2}\n") == R"({"x":{"a":1,"b":2}})");
  // Only the level that has `...`.
  CHECK(run("#D: {a: {b: int, ...}}\nx: #D & {a: {b: 1, c: 2}}\n") ==
        R"({"x":{"a":{"b":1,"c":2}}})");
  CHECK_CONTAINS(hard_errors("#D: {a: {b: int, ...}}\nx: #D & {a: {b: 1}, c: 2}\n"),
                 "x.c: field not allowed");
}

TEST_CASE("eval closedness: close()") {
  EvalProgram p("x: close({a: 1})\ny: x & {b: 2}\nz: x & {a: 1}\n");
  std::string errs = p.errors(false);
  CHECK_CONTAINS(errs, "y.b: field not allowed");
  CHECK_NOT_CONTAINS(errs, "z");
  CHECK(EvalProgram("x: close({a: 1})\nz: x & {a: 1}\n").json() == R"({"x":{"a":1},"z":{"a":1}})");
  // close() is not recursive.
  CHECK(run("x: close({a: {b: 1}})\ny: x & {a: {c: 2}}\n") ==
        R"({"x":{"a":{"b":1}},"y":{"a":{"b":1,"c":2}}})");
}

TEST_CASE("eval closedness: pattern constraints allow fields") {
  CHECK(run("#D: {[string]: int}\nx: #D & {a: 1, b: 2}\n") == R"({"x":{"a":1,"b":2}})");
  EvalProgram p(R"(
#D: {[=~"^x"]: int, y: string}
a: #D & {x1: 1, y: "s"}
b: #D & {z: 1, y: "s"}
)");
  CHECK(p.json("a") == R"({"x1":1,"y":"s"})");
  std::string errs = p.errors(false);
  CHECK_CONTAINS(errs, "b.z: field not allowed");
  CHECK_NOT_CONTAINS(errs, "a.");
  // The pattern's value still applies to the fields it allows.
  CHECK_CONTAINS(hard_errors("#D: {[string]: int}\nx: #D & {a: \"s\"}\n"),
                 "x.a: conflicting values");
}

TEST_CASE("eval closedness: closed list element types") {
  EvalProgram p("#D: [...{a: int}]\nx: #D & [{a: 1}, {a: 2, b: 3}]\n");
  std::string errs = p.errors(false);
  CHECK_CONTAINS(errs, "x.1.b: field not allowed");
  CHECK_NOT_CONTAINS(errs, "x.0");
  CHECK(run("#D: [...{a: int}]\nx: #D & [{a: 1}, {a: 2}]\n") == R"({"x":[{"a":1},{"a":2}]})");
}

TEST_CASE("eval closedness: fields allowed through embedding and nested definitions") {
  // A definition embedding another allows the fields of both.
  EvalProgram p(R"(
#A: {a: int}
#B: {#A, b: int}
x: #B & {a: 1, b: 2}
y: #B & {a: 1, b: 2, c: 3}
)");
  CHECK(p.json("x") == R"({"a":1,"b":2})");
  CHECK_CONTAINS(p.errors(false), "y.c: field not allowed");
  CHECK_NOT_CONTAINS(p.errors(false), "x.");
  // A field whose value is another definition is closed by that definition.
  EvalProgram q(R"(
#D: {a: #E}
#E: {e: int}
x: #D & {a: {e: 1}}
y: #D & {a: {e: 1, f: 1}}
)");
  CHECK(q.json("x") == R"({"a":{"e":1}})");
  CHECK_CONTAINS(q.errors(false), "y.a.f: field not allowed");
  // A definition's disjunction of definitions: the matching one decides what is allowed.
  CHECK(run(R"(
#A: {kind: "a", v: int}
#B: {kind: "b", w: string}
x: #A | #B
x: {kind: "b", w: "s"}
)") == R"({"x":{"kind":"b","w":"s"}})");
}

TEST_CASE("eval closedness: only regular fields are checked") {
  // Hidden fields and definitions may be added to a closed struct.
  CHECK(run("#D: {a: int}\nx: #D & {a: 1, _g: 2, #F: 3}\n") == R"({"x":{"a":1}})");
  CHECK(hard_errors("#D: {a: int}\nx: #D & {a: 1, _g: 2, #F: 3}\n") == "");
}
