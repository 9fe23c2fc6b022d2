// Package encoding/base64, end to end.
#include "stdlib/test_util.h"

using cfgc::stdlib::testing::eval_expr;

TEST_CASE("encoding/base64") {
  CHECK(eval_expr(R"(base64.Encode(null, "hello"))") == R"("aGVsbG8=")");
  CHECK(eval_expr(R"(base64.Encode(null, 'hi'))") == R"("aGk=")");
  CHECK(eval_expr(R"(base64.Encode(null, ""))") == R"("")");
  CHECK(eval_expr(R"(base64.Decode(null, "aGVsbG8="))") ==
        R"("aGVsbG8=")");  // bytes, shown as base64
  CHECK(eval_expr(R"(base64.Decode(null, "aGVs\nbG8="))") == R"("aGVsbG8=")");
  CHECK(eval_expr(R"(base64.Decode(null, "aGk=") == 'hi')") == "true");
  CHECK(eval_expr(R"(base64.Decode(null, "aGVsbA==") == 'hell')") == "true");
  CHECK_CONTAINS(eval_expr(R"(base64.Decode(null, "aGk"))"),
                 "base64.Decode: illegal base64 data at input byte 3");
  CHECK_CONTAINS(eval_expr(R"(base64.Decode(null, "a*k="))"),
                 "illegal base64 data at input byte 1");
  CHECK_CONTAINS(eval_expr(R"(base64.Decode(null, "aG=k"))"),
                 "illegal base64 data at input byte 3");
  CHECK_CONTAINS(eval_expr(R"(base64.Encode("std", "x"))"),
                 "cannot use \"std\" (type string) as null in argument 1");
  CHECK(eval_expr("base64.EncodedLen(null, 5)") == "8");
  CHECK(eval_expr("base64.DecodedLen(null, 8)") == "6");
}
