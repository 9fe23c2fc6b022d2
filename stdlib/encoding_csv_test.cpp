// Package encoding/csv, end to end. Expected values are cue v0.4's answers (Go's encoding/csv).
#include "stdlib/test_util.h"

using cfgc::stdlib::testing::eval_expr;

TEST_CASE("encoding/csv Decode") {
  CHECK(eval_expr(R"(csv.Decode("a,b,c\n1,2,3\n"))") == R"([["a","b","c"],["1","2","3"]])");
  // Quoted fields: commas, doubled quotes, CRLF, empty lines skipped, no final newline.
  CHECK(eval_expr(R"(csv.Decode("a,\"b,x\",\"c\"\"q\"\r\n\n1,2,3"))") ==
        R"([["a","b,x","c\"q"],["1","2","3"]])");
  CHECK(eval_expr(R"(csv.Decode(""))") == "[]");
  CHECK(eval_expr(R"(csv.Decode('x,y\n'))") == R"([["x","y"]])");
  CHECK(eval_expr(R"(csv.Decode("a,\"multi\nline\"\n"))") == R"([["a","multi\nline"]])");
  CHECK(eval_expr(R"(csv.Decode(" a , b \n"))") == R"([[" a "," b "]])");
  CHECK(eval_expr(R"(csv.Decode("a,\n,b\n"))") == R"([["a",""],["","b"]])");
}

TEST_CASE("encoding/csv Decode errors") {
  CHECK_CONTAINS(eval_expr(R"(csv.Decode("a,b\n1\n"))"),
                 "record on line 2: wrong number of fields");
  CHECK_CONTAINS(eval_expr(R"(csv.Decode("a\"b,c\n"))"),
                 "parse error on line 1, column 1: bare \" in non-quoted-field");
  CHECK_CONTAINS(eval_expr(R"(csv.Decode("\"abc\n"))"),
                 "record on line 1; parse error on line 2, column 0: extraneous or missing \" in "
                 "quoted-field");
  CHECK_CONTAINS(eval_expr(R"(csv.Decode("a,\"b\"c\n"))"),
                 "parse error on line 1, column 4: extraneous or missing \" in quoted-field");
  CHECK_CONTAINS(eval_expr(R"(csv.Decode("x\n\"ab\"c\n"))"),
                 "parse error on line 2, column 3: extraneous or missing \" in quoted-field");
}

TEST_CASE("encoding/csv Encode") {
  CHECK(eval_expr(
            R"(csv.Encode([["a", "b,c", "d\"e"], [1, 2.5, true, null], ["", " lead", "x\ny"]]))") ==
        R"("a,\"b,c\",\"d\"\"e\"\n1,2.5,true,null\n,\" lead\",\"x\ny\"\n")");
  CHECK(eval_expr(R"(csv.Encode([]))") == R"("")");
  CHECK(eval_expr(R"(csv.Encode([[{a: 1}, [1, 2]]]))") == R"("\"{\"\"a\"\":1}\",\"[1,2]\"\n")");
  CHECK_CONTAINS(eval_expr(R"(csv.Encode([1]))"), "want a list");
  CHECK_CONTAINS(eval_expr(R"(csv.Encode([[int]]))"), "not concrete");
}
