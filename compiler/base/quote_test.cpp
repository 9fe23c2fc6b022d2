// Quoting and unquoting: JSON, CUE and Go literals.
#include "compiler/base/quote.h"

#include <doctest/doctest.h>

using namespace cfgc;

TEST_CASE("quote: JSON escapes as encoding/json, without HTML escaping") {
  CHECK(json_quote("a\"b\\c") == R"("a\"b\\c")");
  CHECK(json_quote("\b\f\n\r\t") == R"("\b\f\n\r\t")");
  CHECK(json_quote(std::string("\x01\x1f", 2)) == R"("\u0001\u001f")");
  CHECK(json_quote("<&>\x7f") == "\"<&>\x7f\"");
  CHECK(json_quote("\u2028\u2029é") == "\"\\u2028\\u2029é\"");
  CHECK(json_quote("a\xff") == R"("a\ufffd")");
}

TEST_CASE("quote: CUE strings and bytes") {
  CHECK(cue_quote("a\"b\\c\n") == R"("a\"b\\c\n")");
  CHECK(cue_quote("\b\x7f") == R"("\u0008\u007f")");
  CHECK(cue_quote("\u2028é") == "\"\u2028é\"");
  CHECK(cue_quote("\xc3") == R"("\ufffd")");
  CHECK(cue_quote_bytes("a'\\\n\t\x01\xff") == R"('a\'\\\n\t\x01\xff')");
}

TEST_CASE("quote: Go's strconv.Quote, QuoteToASCII and QuoteRune") {
  CHECK(go_quote("a\tb") == "\"a\\tb\"");
  CHECK(go_quote("é😀") == "\"é😀\"");
  CHECK(go_quote("é", true) == "\"\\u00e9\"");
  CHECK(go_quote("😀", true) == "\"\\U0001f600\"");
  CHECK(go_quote("\u200b") == "\"\\u200b\"");  // a format character is not printable
  CHECK(go_quote("\a\b\f\r\v\\") == "\"\\a\\b\\f\\r\\v\\\\\"");
  CHECK(go_quote("\x7f\x01") == "\"\\x7f\\x01\"");
  CHECK(go_quote("a\xffz") == "\"a\\xffz\"");  // invalid UTF-8, byte by byte
  CHECK(go_quote_rune('\'') == "'\\''");
  CHECK(go_quote_rune('"') == "'\"'");
  CHECK(go_quote_rune(0xD800) == "'\xEF\xBF\xBD'");
}

TEST_CASE("quote: Go's strconv.Unquote") {
  CHECK(go_unquote("\"a\\tb\\x41\\u00e9\\U0001F600\\101\\\\\\\"\"") == "a\tbAé😀A\\\"");
  CHECK(go_unquote("`a\\n\r\nb`") == "a\\n\nb");  // raw: no escapes, carriage returns dropped
  CHECK(go_unquote("\"\\xff\"") == "\xff");
  CHECK(go_unquote("'\\''") == "'");
  CHECK(go_unquote("'é'") == "é");
  CHECK_FALSE(go_unquote("\"\\ud800\""));  // a surrogate
  CHECK_FALSE(go_unquote("\"\\'\""));      // \' only inside '…'
  CHECK_FALSE(go_unquote("'ab'"));         // one character only
  CHECK_FALSE(go_unquote("''"));
  CHECK_FALSE(go_unquote("\"a\nb\""));
  CHECK_FALSE(go_unquote("\"\\q\""));
  CHECK_FALSE(go_unquote("\"\\400\""));  // octal beyond a byte
  CHECK_FALSE(go_unquote("\"abc"));
}

TEST_CASE("quote: one-letter escapes") {
  CHECK(simple_escape('n') == '\n');
  CHECK(simple_escape('v') == '\v');
  CHECK(simple_escape('q') == 0);
}

TEST_CASE("quote: CUE multi-line literals") {
  CHECK(cue_quote_multiline("a\"b\nc\td") == "\"\"\"\n\ta\"b\n\tc\\td\n\t\"\"\"");
  CHECK(cue_quote_multiline("x\n") == "\"\"\"\n\tx\n\t\n\t\"\"\"");
  CHECK(cue_quote_multiline("by\n'te", true) == "'''\n\tby\n\t'te\n\t'''");
  // Three quotes in the text: the #""" form, whose escapes carry a #.
  CHECK(cue_quote_multiline("q\"\"\"\nback\\slash\ttab") ==
        "#\"\"\"\n\tq\"\"\"\n\tback\\#\\slash\\#ttab\n\t\"\"\"#");
}
