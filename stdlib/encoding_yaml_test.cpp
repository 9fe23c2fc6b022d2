// Package encoding/yaml, end to end.
#include "stdlib/test_util.h"

using cfgc::stdlib::testing::eval_expr;
using cfgc::stdlib::testing::run;

TEST_CASE("encoding/yaml: Marshal") {
  // cue v0.6's layout (yaml.v3, indent 2): sequences indented under their key; YAML 1.1's
  // words (on, f) and strings YAML reads as numbers double-quoted, keys too.
  CHECK(
      eval_expr(
          R"(yaml.Marshal({a: 1, b: [1, "x"], c: {d: "on", e: "1.5", f: ""}, g: [], h: {}, i: "multi\nline\n"}))") ==
      R"("a: 1\nb:\n  - 1\n  - x\nc:\n  d: \"on\"\n  e: \"1.5\"\n  \"f\": \"\"\ng: []\nh: {}\ni: |\n  multi\n  line\n")");
  // Strings a plain scalar cannot hold are single-quoted; control characters double-quoted.
  CHECK(eval_expr(R"(yaml.Marshal({a: "x: y", b: "#c", c: " lead", d: "it's: x", e: "t\tab", f1: "12:30", g: "-"}))") ==
        R"("a: 'x: y'\nb: '#c'\nc: ' lead'\nd: 'it''s: x'\ne: \"t\\tab\"\nf1: \"12:30\"\ng: '-'\n")");
  CHECK(eval_expr("yaml.Marshal({a: [[1, 2], {b: [3]}]})") == R"("a:\n  - - 1\n    - 2\n  - b:\n      - 3\n")");
  CHECK(eval_expr(R"(yaml.Marshal("x"))") == R"("x\n")");
  CHECK(eval_expr("yaml.Marshal(5)") == R"("5\n")");
  CHECK(eval_expr("yaml.Marshal([{a: 1, b: 2}])") == R"("- a: 1\n  b: 2\n")");
  CHECK_CONTAINS(run("import \"encoding/yaml\"\nx: yaml.Marshal({a: string})\n"),
                 "yaml.Marshal: incomplete value string (at a)");
  CHECK(eval_expr("yaml.MarshalStream([{a: 1}, 2])") == R"("a: 1\n---\n2\n")");
}

TEST_CASE("encoding/yaml: Unmarshal") {
  CHECK(eval_expr(R"(yaml.Unmarshal("a: 1\nb: [x, 2.5, true, ~]\nc: {d: on}\n"))") ==
        R"({"a":1,"b":["x",2.5,true,null],"c":{"d":"on"}})");
  // Scalars: YAML 1.2 core schema, plus yaml.v3's 0b/0o/0x, _ and 0755 octal.
  CHECK(
      eval_expr(
          R"(yaml.Unmarshal("a: 0777\nb: 0x1F\nc: 1_000\nd: 0o17\nh: 0b101\nm: -0x1F\ne: +5\nf: .5\ng: 1e3\n"))") ==
      R"({"a":511,"b":31,"c":1000,"d":15,"h":5,"m":-31,"e":5,"f":0.5,"g":1E+3})");
  CHECK(
      eval_expr(
          R"(yaml.Unmarshal("i: 12:30\nj: yes\nk: 2001-01-01\nq: 08\nn: \"1\"\no: !!str 5\np: ~\nr: TRUE\n"))") ==
      R"({"i":"12:30","j":"yes","k":"2001-01-01","q":"08","n":"1","o":"5","p":null,"r":true})");
  CHECK(
      eval_expr(
          R"(yaml.Unmarshal("s: &x {a: 1}\nt: *x\nu:\n  <<: *x\n  b: 2\nv:\n  <<: *x\n  a: 3\n"))") ==
      R"({"s":{"a":1},"t":{"a":1},"u":{"b":2,"a":1},"v":{"a":3}})");
  CHECK(eval_expr(R"(yaml.Unmarshal("100: {name: mgmt}\ntrue: x\n"))") ==
        R"({"100":{"name":"mgmt"},"true":"x"})");
  CHECK(eval_expr(R"(yaml.Unmarshal("b: !!binary aGk=\n"))") == R"({"b":"aGk="})");
  CHECK(eval_expr(R"(yaml.Unmarshal(""))") == "null");
  CHECK(eval_expr(R"(yaml.Unmarshal("- 1\n- 2\n"))") == "[1,2]");
  CHECK_CONTAINS(eval_expr(R"(yaml.Unmarshal("a: .inf"))"),
                 "yaml.Unmarshal: .inf is not a CUE number");
  CHECK_CONTAINS(eval_expr(R"(yaml.Unmarshal("a: 1\na: 2\n"))"),
                 "mapping key \"a\" already defined");
  CHECK_CONTAINS(eval_expr(R"(yaml.Unmarshal("a: [1, 2\n"))"), "yaml.Unmarshal: line");
  CHECK_CONTAINS(eval_expr(R"(yaml.Unmarshal("a: !!int x"))"), "cannot read \"x\" as int");
  CHECK_CONTAINS(eval_expr(R"(yaml.Unmarshal("a: 1\n---\nb: 2\n"))"),
                 "2 documents in the input (use yaml.UnmarshalStream)");
  CHECK(eval_expr(R"(yaml.UnmarshalStream("a: 1\n---\nb: 2\n"))") == R"([{"a":1},{"b":2}])");
}

TEST_CASE("encoding/yaml: Validate and ValidatePartial") {
  CHECK(eval_expr(R"(yaml.Validate("a: 1", {a: int}))") == "true");
  CHECK_CONTAINS(eval_expr(R"(yaml.Validate("a: x", {a: int}))"),
                 "yaml.Validate: a: conflicting values");
  CHECK_CONTAINS(eval_expr(R"(yaml.Validate("b: 1", {a: int, b: int}))"),
                 "yaml.Validate: a: incomplete value int");
  CHECK(eval_expr(R"(yaml.ValidatePartial("b: 1", {a: int, b: int}))") == "true");
  CHECK_CONTAINS(eval_expr(R"(yaml.ValidatePartial("b: x", {a: int, b: int}))"),
                 "b: conflicting values");
  // Every document of a stream must match.
  CHECK_CONTAINS(eval_expr(R"(yaml.Validate("a: 1\n---\na: x\n", {a: int}))"),
                 "conflicting values");
  CHECK(run("import \"encoding/yaml\"\n#V: {vlan: >=1 & <=4094}\ndata: yaml.Validate(#V)\ndata: "
            "\"vlan: 10\"\n") == R"({"data":"vlan: 10"})");
  CHECK_CONTAINS(run("import \"encoding/yaml\"\n#V: {vlan: >=1 & <=4094}\ndata: "
                     "yaml.Validate(#V)\ndata: \"vlan: 5000\"\n"),
                 "invalid value 5000 (out of bound <=4094)");
}
