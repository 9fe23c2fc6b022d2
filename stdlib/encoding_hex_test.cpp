// Package encoding/hex, end to end (Dump checked against CUE v0.4).
#include "stdlib/test_util.h"

using cfgc::stdlib::testing::eval_expr;

TEST_CASE("encoding/hex") {
  CHECK(eval_expr(R"(hex.Encode("hi"))") == R"("6869")");
  CHECK(eval_expr(R"(hex.Decode("6869") == 'hi')") == "true");
  CHECK(eval_expr(R"(hex.Decode("4A4b") == 'JK')") == "true");
  CHECK_CONTAINS(eval_expr(R"(hex.Decode("686"))"), "hex.Decode: odd length hex string");
  CHECK_CONTAINS(eval_expr(R"(hex.Decode("6g"))"), "hex.Decode: invalid byte 'g' at offset 1");
  CHECK(eval_expr(R"(hex.Dump("hi"))") ==
        R"("00000000  68 69                                             |hi|\n")");
  CHECK(eval_expr(R"(hex.Dump("Go is an open source programming"))") ==
        R"("00000000  47 6f 20 69 73 20 61 6e  20 6f 70 65 6e 20 73 6f  |Go is an open so|\n)"
        R"(00000010  75 72 63 65 20 70 72 6f  67 72 61 6d 6d 69 6e 67  |urce programming|\n")");
  CHECK(eval_expr("hex.EncodedLen(3)") == "6");
  CHECK(eval_expr("hex.DecodedLen(6)") == "3");
}
