// Package encoding/json, end to end (expected values checked against CUE v0.4, which escapes
// <, > and & as \u003c…; cfgc does not, as current CUE).
#include "stdlib/test_util.h"

using cfgc::stdlib::testing::eval_expr;
using cfgc::stdlib::testing::run;

TEST_CASE("encoding/json: Marshal") {
  CHECK(eval_expr(R"(json.Marshal({a: 1, b: [1, "x<>&"], c: {d: null, e: 1.50}}))") ==
        R"("{\"a\":1,\"b\":[1,\"x<>&\"],\"c\":{\"d\":null,\"e\":1.50}}")");
  CHECK(eval_expr(R"(json.Marshal("a\nb"))") == R"("\"a\\nb\"")");
  CHECK(eval_expr("json.Marshal([])") == R"("[]")");
  CHECK(eval_expr("json.Marshal({})") == R"("{}")");
  CHECK(eval_expr("json.Marshal('hi')") == R"("\"aGk=\"")");  // bytes as base64
  // Definitions, hidden and optional fields are not data.
  CHECK(eval_expr("json.Marshal({a: 1, #b: 2, _c: 3, d?: 4})") == R"("{\"a\":1}")");
  CHECK(eval_expr(R"(json.Marshal({a: *"x" | "y"}))") == R"("{\"a\":\"x\"}")");
  CHECK_CONTAINS(run("import \"encoding/json\"\nv: {a: int}\nx: json.Marshal(v)\n"),
                 "json.Marshal: incomplete value int (at a)");
  CHECK_CONTAINS(run("import \"encoding/json\"\nx: json.Marshal({a!: int})\n"),
                 "field a is required but not present");
  CHECK(eval_expr("json.MarshalStream([{a: 1}, 2])") == R"("{\"a\":1}\n2\n")");
  CHECK_CONTAINS(eval_expr("json.MarshalStream({a: 1})"), "cannot use {a:1} (type struct) as list");
}

TEST_CASE("encoding/json: Unmarshal keeps numbers exact") {
  CHECK(eval_expr(
            R"(json.Unmarshal("{\"a\": [1, 2.5, true, null, \"x\"], \"b\": 1e3, \"c\": 1.50}"))") ==
        R"({"a":[1,2.5,true,null,"x"],"b":1E+3,"c":1.50})");
  CHECK(eval_expr(R"(json.Unmarshal("\"\\u263a\\ud83d\\ude00\""))") == R"("☺😀")");
  CHECK(eval_expr(R"(json.Unmarshal('[1]'))") == "[1]");
  CHECK(eval_expr(R"(json.Unmarshal("123456789012345678901234567890"))") ==
        "123456789012345678901234567890");
  CHECK(eval_expr(R"(json.Unmarshal("{\"a\": 1, \"a\": 1}"))") == R"({"a":1})");
  CHECK_CONTAINS(eval_expr(R"(json.Unmarshal("{\"a\": 1, \"a\": 2}"))"),
                 "duplicate key \"a\" with different values");
  CHECK_CONTAINS(
      eval_expr(R"(json.Unmarshal("{\"a\": }"))"),
      "json.Unmarshal: invalid character '}' looking for beginning of value (line 1, column 7)");
  CHECK_CONTAINS(eval_expr(R"(json.Unmarshal("[1, 2"))"), "unexpected end of JSON input");
  CHECK_CONTAINS(eval_expr(R"(json.Unmarshal("{} x"))"),
                 "invalid character 'x' after top-level value");
  CHECK_CONTAINS(eval_expr(R"(json.Unmarshal("01"))"), "after top-level value");
  CHECK_CONTAINS(eval_expr(R"(json.Unmarshal("tru"))"), "unexpected end of JSON input");
  CHECK_CONTAINS(eval_expr(R"(json.Unmarshal("nul!"))"),
                 "invalid character '!' in literal null (expecting 'l')");
  CHECK_CONTAINS(eval_expr("json.Unmarshal(1)"), "cannot use 1 (type int) as string|bytes");
  CHECK(eval_expr(R"(json.UnmarshalStream("{\"a\":1} 2\n[3]"))") == R"([{"a":1},2,[3]])");
  // The result unifies like any value.
  CHECK(run("import \"encoding/json\"\nx: json.Unmarshal(\"{\\\"mtu\\\": 9000}\") & {mtu: "
            "<=9216}\n") == R"({"x":{"mtu":9000}})");
  CHECK_CONTAINS(
      run("import \"encoding/json\"\nx: json.Unmarshal(\"{\\\"mtu\\\": 9500}\") & {mtu: <=9216}\n"),
      "invalid value 9500 (out of bound <=9216)");
}

TEST_CASE("encoding/json: Indent, Compact, Valid") {
  CHECK(eval_expr(R"(json.Indent("{\"a\":[1,2]}", "", "  "))") ==
        R"("{\n  \"a\": [\n    1,\n    2\n  ]\n}")");
  CHECK(eval_expr(R"(json.Indent("{\"a\":[1,2], \"b\": {}}", ">", "\t"))") ==
        R"("{\n>\t\"a\": [\n>\t\t1,\n>\t\t2\n>\t],\n>\t\"b\": {}\n>}")");
  CHECK(eval_expr(R"(json.Indent("[1.50, \"\\u0041\"]\n", "", " "))") ==
        R"("[\n 1.50,\n \"\\u0041\"\n]\n")");
  CHECK(eval_expr(R"(json.Compact("{ \"a\" : [1, 2] }"))") == R"("{\"a\":[1,2]}")");
  CHECK_CONTAINS(eval_expr(R"(json.Compact("{"))"), "json.Compact: unexpected end of JSON input");
  CHECK(eval_expr(R"(json.Valid("{\"a\":1}"))") == "true");
  CHECK(eval_expr(R"(json.Valid("{"))") == "false");
  CHECK(eval_expr(R"(json.Valid("[1,]"))") == "false");
}

TEST_CASE("encoding/json: Validate") {
  CHECK(eval_expr(R"(json.Validate("{\"a\": 1}", {a: int}))") == "true");
  CHECK_CONTAINS(eval_expr(R"(json.Validate("{\"a\": \"x\"}", {a: int}))"),
                 "json.Validate: a: conflicting values");
  CHECK_CONTAINS(eval_expr(R"(json.Validate("{\"b\": 1}", {a: int}))"),
                 "json.Validate: a: incomplete value int");
  CHECK_CONTAINS(eval_expr(R"(json.Validate("{", {}))"), "unexpected end of JSON input");
  // As a constraint; a closed schema rejects unknown fields.
  CHECK(run("import \"encoding/json\"\n#C: {mtu: int}\ncfg: json.Validate(#C)\ncfg: "
            "\"{\\\"mtu\\\": 9000}\"\n") == R"({"cfg":"{\"mtu\": 9000}"})");
  CHECK_CONTAINS(run("import \"encoding/json\"\n#C: {mtu: int}\ncfg: json.Validate(#C)\ncfg: "
                     "\"{\\\"mtu\\\": 1, \\\"x\\\": 2}\"\n"),
                 "json.Validate: x: field not allowed");
}
