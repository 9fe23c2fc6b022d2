// Package strconv, end to end (expected values checked against CUE v0.4 / Go).
#include "stdlib/test_util.h"

using cfgc::stdlib::testing::eval_expr;

TEST_CASE("strconv: integers") {
  CHECK(eval_expr(R"(strconv.Atoi("42"))") == "42");
  CHECK(eval_expr(R"(strconv.Atoi("-7"))") == "-7");
  CHECK_CONTAINS(eval_expr(R"(strconv.Atoi("4x"))"),
                 R"(strconv.Atoi: parsing "4x": invalid syntax)");
  CHECK_CONTAINS(eval_expr(R"(strconv.Atoi(""))"), "invalid syntax");
  CHECK(eval_expr(R"(strconv.ParseInt("-ff", 16, 64))") == "-255");
  CHECK(eval_expr(R"(strconv.ParseInt("0x1f", 0, 64))") == "31");
  CHECK(eval_expr(R"(strconv.ParseInt("0755", 0, 64))") == "493");
  CHECK(eval_expr(R"(strconv.ParseInt("0b101", 0, 8))") == "5");
  CHECK(eval_expr(R"(strconv.ParseInt("1_000", 0, 64))") == "1000");
  CHECK_CONTAINS(eval_expr(R"(strconv.ParseInt("1_000", 10, 64))"), "invalid syntax");
  CHECK_CONTAINS(eval_expr(R"(strconv.ParseInt("_1000", 0, 64))"), "invalid syntax");
  CHECK(eval_expr(R"(strconv.ParseInt("-128", 10, 8))") == "-128");
  CHECK_CONTAINS(eval_expr(R"(strconv.ParseInt("128", 10, 8))"),
                 R"(parsing "128": value out of range)");
  CHECK_CONTAINS(eval_expr(R"(strconv.ParseInt("9223372036854775808", 10, 64))"),
                 "value out of range");
  CHECK(eval_expr(R"(strconv.ParseInt("9223372036854775807", 10, 0))") == "9223372036854775807");
  CHECK_CONTAINS(eval_expr(R"(strconv.ParseInt("1", 1, 64))"), "strconv.ParseInt: invalid base 1");
  CHECK_CONTAINS(eval_expr(R"(strconv.ParseInt("1", 10, 65))"), "invalid bit size 65");
  CHECK(eval_expr(R"(strconv.ParseUint("255", 10, 8))") == "255");
  CHECK_CONTAINS(eval_expr(R"(strconv.ParseUint("256", 10, 8))"), "value out of range");
  CHECK_CONTAINS(eval_expr(R"(strconv.ParseUint("-1", 10, 8))"), "invalid syntax");
  CHECK(eval_expr("strconv.FormatInt(255, 16)") == R"("ff")");
  CHECK(eval_expr("strconv.FormatInt(-255, 2)") == R"("-11111111")");
  CHECK(eval_expr("strconv.FormatInt(35, 36)") == R"("z")");
  CHECK_CONTAINS(eval_expr("strconv.FormatInt(1, 37)"), "invalid base 37");
  CHECK(eval_expr("strconv.FormatUint(255, 2)") == R"("11111111")");
  CHECK_CONTAINS(eval_expr("strconv.FormatUint(-1, 10)"), "negative value -1");
  CHECK(eval_expr("strconv.Itoa(7)") == R"("7")");
  CHECK_CONTAINS(eval_expr(R"(strconv.Itoa("7"))"), "cannot use \"7\" (type string) as int");
}

TEST_CASE("strconv: floats") {
  CHECK(eval_expr(R"(strconv.ParseFloat("1.5e3", 64))") == "1500");
  CHECK(eval_expr(R"(strconv.ParseFloat("0.1", 64))") == "0.1");
  CHECK(eval_expr(R"(strconv.ParseFloat("0.1", 32))") == "0.10000000149011612");
  CHECK(eval_expr(R"(strconv.ParseFloat("-2", 64))") == "-2");
  CHECK(eval_expr(R"(strconv.ParseFloat("1_000.5", 64))") == "1000.5");
  CHECK(eval_expr(R"(strconv.ParseFloat("0x1p-2", 64))") == "0.25");
  CHECK(eval_expr(R"(strconv.ParseFloat("1e-400", 64))") == "0");
  CHECK_CONTAINS(eval_expr(R"(strconv.ParseFloat("1e400", 64))"),
                 R"(parsing "1e400": value out of range)");
  CHECK_CONTAINS(eval_expr(R"(strconv.ParseFloat("1.2.3", 64))"), "invalid syntax");
  CHECK_CONTAINS(eval_expr(R"(strconv.ParseFloat("inf", 64))"), "infinity is not a CUE number");
  CHECK_CONTAINS(eval_expr(R"(strconv.ParseFloat("1", 16))"), "invalid bit size 16");
  CHECK(eval_expr("strconv.FormatFloat(3.14159, 102, 2, 64)") == R"("3.14")");
  CHECK(eval_expr("strconv.FormatFloat(1234.5678, 101, -1, 64)") == R"("1.2345678e+03")");
  CHECK(eval_expr("strconv.FormatFloat(1234.5678, 69, 3, 64)") == R"("1.235E+03")");
  CHECK(eval_expr("strconv.FormatFloat(1234.5678, 103, -1, 32)") == R"("1234.5677")");
  CHECK(eval_expr("strconv.FormatFloat(1e21, 103, -1, 64)") == R"("1e+21")");
  CHECK(eval_expr("strconv.FormatFloat(100000, 103, -1, 64)") == R"("100000")");
  CHECK(eval_expr("strconv.FormatFloat(1000000, 103, -1, 64)") == R"("1e+06")");
  CHECK(eval_expr("strconv.FormatFloat(0.5, 102, -1, 64)") == R"("0.5")");
  CHECK(eval_expr("strconv.FormatFloat(2, 102, 1, 64)") == R"("2.0")");
  CHECK_CONTAINS(eval_expr("strconv.FormatFloat(2, 98, -1, 64)"), "unsupported format 98");
}

TEST_CASE("strconv: booleans") {
  CHECK(eval_expr(R"(strconv.ParseBool("TRUE"))") == "true");
  CHECK(eval_expr(R"(strconv.ParseBool("0"))") == "false");
  CHECK_CONTAINS(eval_expr(R"(strconv.ParseBool("yes"))"),
                 R"(strconv.ParseBool: parsing "yes": invalid syntax)");
  CHECK(eval_expr("strconv.FormatBool(false)") == R"("false")");
}

TEST_CASE("strconv: quoting") {
  CHECK(eval_expr(R"(strconv.Quote("a\"b\n☺"))") == R"("\"a\\\"b\\n☺\"")");
  CHECK(eval_expr(R"(strconv.Quote("\u00a0\u0007"))") == R"("\"\\u00a0\\a\"")");
  CHECK(eval_expr(R"(strconv.QuoteToASCII("☺"))") == R"("\"\\u263a\"")");
  CHECK(eval_expr("strconv.QuoteRune(9786)") == R"("'☺'")");
  CHECK(eval_expr("strconv.QuoteRune(39)") == R"("'\\''")");
  CHECK(eval_expr(R"(strconv.Unquote("\"a\\tb\""))") == R"("a\tb")");
  CHECK(eval_expr(R"(strconv.Unquote("\"\\u263a\\x41\\101\""))") == R"("☺AA")");
  CHECK(eval_expr(R"(strconv.Unquote("`raw\\n`"))") == R"("raw\\n")");
  CHECK(eval_expr(R"(strconv.Unquote("'a'"))") == R"("a")");
  CHECK_CONTAINS(eval_expr(R"(strconv.Unquote("'ab'"))"), "strconv.Unquote: invalid syntax");
  CHECK_CONTAINS(eval_expr(R"(strconv.Unquote("\"a"))"), "invalid syntax");
  CHECK_CONTAINS(eval_expr(R"(strconv.Unquote("\"\\'\""))"), "invalid syntax");
  CHECK_CONTAINS(eval_expr(R"(strconv.Unquote("\"\\xff\""))"), "invalid syntax");  // not UTF-8
}

TEST_CASE("strconv: graphic quoting and character classes") {
  // Checked against cue v0.4.
  // The no-break space (U+00A0, "\xc2\xa0" in UTF-8) is graphic, so kept; U+2028 is not.
  CHECK(eval_expr(R"(strconv.QuoteToGraphic("a\u00a0b\tc\u2028\""))") ==
        "\"\\\"a\xc2\xa0"
        "b\\\\tc\\\\u2028\\\\\\\"\\\"\"");
  CHECK(eval_expr("strconv.QuoteRuneToASCII(0x263a)") == R"("'\\u263a'")");
  CHECK(eval_expr("strconv.QuoteRuneToGraphic(0xa0)") == "\"'\xc2\xa0'\"");
  CHECK(eval_expr("strconv.QuoteRuneToGraphic(39)") == R"("'\\''")");
  CHECK(eval_expr("strconv.IsPrint(0xa0)") == "false");
  CHECK(eval_expr("strconv.IsGraphic(0xa0)") == "true");
  CHECK(eval_expr("strconv.IsPrint(65)") == "true");
  CHECK(eval_expr("strconv.IntSize") == "64");
}
