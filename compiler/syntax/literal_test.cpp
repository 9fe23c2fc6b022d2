#include "compiler/syntax/literal.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "compiler/base/quote.h"
#include "compiler/syntax/scanner.h"

using namespace cfgc;
using namespace cfgc::syntax;

namespace {

std::string error_text(const LiteralError& err) {
  return "error@" + std::to_string(err.offset) + ": " + err.message;
}

// The decoded value of a literal without interpolations, or "error@offset: message".
std::string uq(std::string_view raw) {
  std::string out;
  LiteralError err;
  if (!unquote(raw, out, err)) return error_text(err);
  return out;
}

// Decodes a literal with simple interpolations (no parentheses inside them) the way the parser
// does: each segment between two interpolations on its own, only the first one at a line
// start. An interpolation `\(x)` shows as `{x}`.
std::string decode_interp(std::string_view raw) {
  LiteralError err;
  auto q = parse_quote(raw, err);
  if (!q) return error_text(err);
  std::string out;
  std::string open_delim = "\\";
  open_delim.append(q->hashes, '#');
  open_delim += '(';
  size_t seg_begin = q->content_begin;
  bool line_start = true;
  for (;;) {
    size_t open = raw.find(open_delim, seg_begin);
    if (open == std::string_view::npos || open >= q->content_end) break;
    size_t close = raw.find(')', open);
    if (!decode_segment(raw.substr(seg_begin, open - seg_begin), seg_begin, *q, line_start, out,
                        err)) {
      return error_text(err);
    }
    size_t expr = open + open_delim.size();
    out += '{';
    out += raw.substr(expr, close - expr);
    out += '}';
    seg_begin = close + 1;
    line_start = false;
  }
  size_t seg_end = std::max(seg_begin, q->content_end);
  if (!decode_segment(raw.substr(seg_begin, seg_end - seg_begin), seg_begin, *q, line_start, out,
                      err)) {
    return error_text(err);
  }
  return out;
}

struct Row {
  std::string_view raw;
  std::string_view want;
};

void check_unquote(std::initializer_list<Row> rows) {
  for (const Row& r : rows) {
    CAPTURE(r.raw);
    CHECK(uq(r.raw) == r.want);
  }
}

// Scans src as one file and returns "" if it is exactly one string literal without errors.
std::string scan_problems(const std::string& src) {
  FileSet fs;
  const SourceFile& f = fs.add("t.cue", src);
  Diagnostics diags;
  Scanner sc(f, diags);
  std::vector<Token> toks;
  sc.scan_all(toks);
  std::string problems;
  for (const Diagnostic& d : diags.list()) problems += d.message + "\n";
  if (toks.empty() || toks[0].kind != Tok::String || toks[0].length != src.size()) {
    problems += "not one string token\n";
  }
  return problems;
}

}  // namespace

TEST_CASE("literal: escapes") {
  check_unquote({
      {R"~("")~", ""},
      {R"~('')~", ""},
      {R"~("abc")~", "abc"},
      {R"~('abc')~", "abc"},
      {R"~("\a\b\f\n\r\t\v\/\\\"")~", "\a\b\f\n\r\t\v/\\\""},
      {R"~('\a\b\f\n\r\t\v\/\\\'')~", "\a\b\f\n\r\t\v/\\'"},
      {R"~("it's")~", "it's"},
      {R"~('say "hi"')~", "say \"hi\""},
      {R"~("\u00e9\u00E9")~", "éé"},
      {R"~("\U0001F600")~", "😀"},
      {R"~("\u65e5本\U00008a9e")~", "日本語"},
      {R"~("\u0000")~", std::string_view("\0", 1)},
      {R"~("\uD7FF\uE000\uFFFF")~", "\uD7FF\uE000\uFFFF"},
      {R"~("\U0010FFFF")~", "\U0010FFFF"},
      {"\"日本語 😀\"", "日本語 😀"},
      {"\"tab\there\"", "tab\there"},
      // Bytes: \x and octal escapes give single bytes, \u the UTF-8 encoding.
      {R"~('\x41\x00\xff\xFF')~", std::string_view("A\0\xff\xff", 4)},
      {R"~('\101\000\377\041')~", std::string_view("A\0\xff!", 4)},
      {R"~('\u00e9')~", "é"},
      {R"~('\xe6\x97\xa5')~", "日"},
      {"'日本'", "日本"},
      // The spec discards carriage returns in literals.
      {"\"a\rb\"", "ab"},
      // Raw strings: only a backslash with the literal's number of '#' escapes.
      {R"~(#"\n"#)~", "\\n"},
      {R"~(#"\#n"#)~", "\n"},
      {R"~(#"\(x)"#)~", "\\(x)"},
      {R"~(#"a"b"#)~", "a\"b"},
      {R"~(#"\"#)~", "\\"},
      {R"~(#"\#u00e9\#\\#""#)~", "é\\\""},
      {R"~(##"\#n\##t"#"##)~", "\\#n\t\"#"},
      {R"~(#'\#x41\x41'#)~", "A\\x41"},
  });
}

TEST_CASE("literal: escape errors") {
  check_unquote({
      {R"~("\q")~", "error@1: unknown escape sequence '\\q'"},
      {R"~("ab\ ")~", "error@3: unknown escape sequence '\\ '"},
      {R"~("\é")~", "error@1: unknown escape sequence '\\é'"},
      {R"~(#"\#q"#)~", "error@2: unknown escape sequence '\\q'"},
      {R"~("\x41")~", "error@1: invalid escape sequence: \\x is only allowed in bytes literals"},
      {R"~("\101")~",
       "error@1: invalid escape sequence: octal escapes are only allowed in bytes literals"},
      {R"~('\400')~", "error@1: invalid escape sequence: octal value over 255"},
      {R"~('\10')~", "error@1: invalid escape sequence: octal escape needs three digits"},
      {R"~('\x4')~", "error@1: invalid escape sequence: too few hexadecimal digits"},
      {R"~("\u00e")~", "error@1: invalid escape sequence: too few hexadecimal digits"},
      {R"~("\U0001F60")~", "error@1: invalid escape sequence: too few hexadecimal digits"},
      {R"~("\uD800")~", "error@1: invalid escape sequence: not a valid Unicode code point"},
      {R"~("\uDC00")~", "error@1: invalid escape sequence: not a valid Unicode code point"},
      {R"~("\U00110000")~", "error@1: invalid escape sequence: not a valid Unicode code point"},
      {R"~("\UFFFFFFFF")~", "error@1: invalid escape sequence: not a valid Unicode code point"},
      {R"~("\'")~", "error@1: invalid escape sequence: \\' is only allowed in bytes literals"},
      {R"~('\"')~", "error@1: invalid escape sequence: \\\" is only allowed in string literals"},
      {"\"\"\"\n  a\\\n  \"\"\"",
       "error@7: invalid escape sequence: a backslash cannot escape a newline"},
      // unquote is for literals without interpolations.
      {R"~("\(x)")~", "error@1: unknown escape sequence '\\('"},
      {"abc", "error@0: malformed string literal"},
      {"#abc", "error@0: malformed string literal"},
  });
}

TEST_CASE("literal: parse_quote") {
  LiteralError err;
  auto q = parse_quote(R"~(##"abc"##)~", err);
  REQUIRE(q);
  CHECK(q->hashes == 2);
  CHECK(q->quote == '"');
  CHECK(!q->multiline);
  CHECK(!q->is_bytes());
  CHECK(q->content_begin == 3);
  CHECK(q->content_end == 6);

  q = parse_quote("'''\n\t  x\n\t  '''", err);
  REQUIRE(q);
  CHECK(q->is_bytes());
  CHECK(q->multiline);
  CHECK(q->indent == "\t  ");
  CHECK(q->content_begin == 4);
  CHECK(q->content_end == 8);  // the final newline and the closing line are not contents

  q = parse_quote("\"\"\"\n\"\"\"", err);
  REQUIRE(q);
  CHECK(q->multiline);
  CHECK(q->indent == "");
  CHECK(q->content_begin == q->content_end);

  // Three quotes without a newline are not a multi-line literal (the scanner reports it).
  q = parse_quote(R"~("""abc""")~", err);
  REQUIRE(q);
  CHECK(!q->multiline);

  CHECK(!parse_quote("\"\"\"\n  a\n  b \"\"\"", err));
  CHECK(error_text(err) ==
        "error@12: closing quote of a multi-line string must be on its own line");
  CHECK(!parse_quote("x", err));
}

TEST_CASE("literal: multi-line strings") {
  check_unquote({
      {"\"\"\"\n  a\n  \"\"\"", "a"},
      {"\"\"\"\na\n\"\"\"", "a"},
      {"\"\"\"\n    line1\n      line2\n    \"\"\"", "line1\n  line2"},
      // Blank lines inside, and lines longer than the indentation, keep their text.
      {"\"\"\"\n  a\n   b\n\n  c\n  \"\"\"", "a\n b\n\nc"},
      {"\"\"\"\n  a\n    \n  b\n  \"\"\"", "a\n  \nb"},
      {"\"\"\"\n\n  a\n\n  \"\"\"", "\na\n"},
      {"\"\"\"\n  \"\"\"", ""},
      {"\"\"\"\n\n  \"\"\"", ""},
      {"\"\"\"\n\n\n  \"\"\"", "\n"},
      // Tabs, and mixed tabs and spaces, when every line has the same ones.
      {"\"\"\"\n\ta\n\t\tb\n\t\"\"\"", "a\n\tb"},
      {"\"\"\"\n \ta\n \t\"\"\"", "a"},
      // The closing quotes may be less indented than the text.
      {"\"\"\"\n  a\n \"\"\"", " a"},
      // CRLF line ends read as LF; a blank CRLF line is empty.
      {"\"\"\"\r\n  a\r\n  b\r\n  \"\"\"", "a\nb"},
      {"\"\"\"\r\n  a\r\n\r\n  b\r\n  \"\"\"", "a\n\nb"},
      // Escapes: an escaped newline is not a line start; escaped quotes; \t is not indentation.
      {"\"\"\"\n  a\\nb\n  \"\"\"", "a\nb"},
      {"\"\"\"\n  say \"hi\" \"\" \\\"\"\"\n  \"\"\"", "say \"hi\" \"\" \"\"\""},
      {"\"\"\"\n  \\ta\n  \"\"\"", "\ta"},
      {"'''\n  a\\x41\\101\n  '''", "aAA"},
      {"'''\n  it's ''\n  '''", "it's ''"},
      {"#\"\"\"\n  a\"\"\"b\\n\n  \"\"\"#", "a\"\"\"b\\n"},
      {"#\"\"\"\n  a\\#nb\n  \"\"\"#", "a\nb"},
      {"\"\"\"\n  日本\n  😀\n  \"\"\"", "日本\n😀"},
  });
  // Wrong indentation: reported where the line leaves the closing line's whitespace.
  check_unquote({
      {"\"\"\"\n  a\n b\n  \"\"\"",
       "error@9: invalid indentation in multi-line string: each line must start with the "
       "whitespace before the closing quotes"},
      {"\"\"\"\n\ta\n  \"\"\"",
       "error@4: invalid indentation in multi-line string: each line must start with the "
       "whitespace before the closing quotes"},
      {"\"\"\"\n  a\n\t\"\"\"",
       "error@4: invalid indentation in multi-line string: each line must start with the "
       "whitespace before the closing quotes"},
      // A line of blanks shorter than the indentation is not empty (cue v0.4 agrees).
      {"\"\"\"\n  a\n \n  b\n  \"\"\"",
       "error@9: invalid indentation in multi-line string: each line must start with the "
       "whitespace before the closing quotes"},
      {"\"\"\"\n  a\n  b \"\"\"",
       "error@12: closing quote of a multi-line string must be on its own line"},
      {"\"\"\"\n  a\"\"\"",
       "error@7: closing quote of a multi-line string must be on its own line"},
  });
}

TEST_CASE("literal: segments between interpolations") {
  CHECK(decode_interp(R"~("a\(x)b\(y)c")~") == "a{x}b{y}c");
  CHECK(decode_interp(R"~("\(x)")~") == "{x}");
  CHECK(decode_interp(R"~('\(x)\x41')~") == "{x}A");
  CHECK(decode_interp(R"~(#"\#(x)\(y)"#)~") == "{x}\\(y)");
  CHECK(decode_interp("\"\"\"\n  a\\(x)b\n  c\\(y)\n  \"\"\"") == "a{x}b\nc{y}");
  CHECK(decode_interp("\"\"\"\n  \\(x)\n  \"\"\"") == "{x}");
  CHECK(decode_interp("\"\"\"\n  a\n  \\(x)\n  \"\"\"") == "a\n{x}");
  CHECK(decode_interp("\"\"\"\n  \\(x)\n\n  \\(y)\n  \"\"\"") == "{x}\n\n{y}");
  CHECK(decode_interp("\"\"\"\n  \\(x)  \\(y)\n  \"\"\"") == "{x}  {y}");
  CHECK(decode_interp("\"\"\"\r\n  a\\(x)\r\n  \"\"\"") == "a{x}");
  // An interpolation that starts a line needs the indentation before it as well.
  CHECK(decode_interp("\"\"\"\n  a\n\\(x)\n  \"\"\"") ==
        "error@8: invalid indentation in multi-line string: each line must start with the "
        "whitespace before the closing quotes");
  CHECK(decode_interp("\"\"\"\n  a\n \\(x)\n  \"\"\"") ==
        "error@9: invalid indentation in multi-line string: each line must start with the "
        "whitespace before the closing quotes");
  CHECK(decode_interp("\"\"\"\n\\(x)\n\"\"\"") == "{x}");
  // Escape errors are reported at their offset in the whole literal.
  CHECK(decode_interp(R"~("\(x)ab\q")~") == "error@7: unknown escape sequence '\\q'");
}

TEST_CASE("literal: quote_string and quote_bytes") {
  CHECK(cue_quote("") == R"~("")~");
  CHECK(cue_quote("abc") == R"~("abc")~");
  CHECK(cue_quote("a\"b\\c") == R"~("a\"b\\c")~");
  CHECK(cue_quote("\n\t\r") == R"~("\n\t\r")~");
  CHECK(cue_quote(std::string_view("\x01\x1f\x7f\0", 4)) == R"~("\u0001\u001f\u007f\u0000")~");
  CHECK(cue_quote("it's") == R"~("it's")~");
  CHECK(cue_quote("é😀日本") == R"~("é😀日本")~");
  CHECK(cue_quote("\\(x)") == R"~("\\(x)")~");  // never an interpolation
  CHECK(cue_quote("#\"") == R"~("#\"")~");
  // Strings are UTF-8: an invalid byte becomes U+FFFD (the one lossy case).
  CHECK(cue_quote("a\xff") == R"~("a\ufffd")~");

  CHECK(cue_quote_bytes("") == "''");
  CHECK(cue_quote_bytes("it's \"x\"") == R"~('it\'s "x"')~");
  CHECK(cue_quote_bytes(std::string_view("\\\n\t\0\x7f\xff", 6)) == R"~('\\\n\t\x00\x7f\xff')~");
  // UTF-8 text stays readable, as cue eval prints it; a non-printable character as \u.
  CHECK(cue_quote_bytes("é") == "'é'");
  CHECK(cue_quote_bytes("\xc2\xa0x") == R"~('\u00a0x')~");
  CHECK(cue_quote_bytes("\xc3") == R"~('\xc3')~");
}

TEST_CASE("literal: quoting round-trips") {
  std::vector<std::string> strings = {
      "",
      "a",
      "\"",
      "\\",
      "\\\\",
      "'",
      "\"\"\"",
      "'''",
      "\\(x)",
      "\\#(x)",
      "#",
      "\"#",
      "line1\nline2\n",
      "\r\n",
      "\t",
      "é",
      "日本語",
      "😀",
      "\u2028\u2029",
      "\uFEFF",
      "a\u0310",
      "\U0010FFFF",
      std::string("\0", 1),
      "tab\there\\nnot a newline",
  };
  for (int c = 0; c < 128; ++c) {
    std::string s = "a";
    s += static_cast<char>(c);
    s += 'b';
    strings.push_back(s);
  }
  // A deterministic mix of every kind of character.
  const std::vector<std::string> pieces = {"a",    " ", "\"", "\\",  "'",     "(",
                                           ")",    "#", "\n", "\r",  "\t",    "\x01",
                                           "\x7f", "é", "😀",  "\\(", "\"\"\""};
  uint32_t seed = 12345;
  for (int i = 0; i < 200; ++i) {
    std::string s;
    int n = i % 12;
    for (int k = 0; k < n; ++k) {
      seed = seed * 1103515245 + 12345;
      s += pieces[(seed >> 16) % pieces.size()];
    }
    strings.push_back(s);
  }
  for (const std::string& s : strings) {
    CAPTURE(s);
    std::string q = cue_quote(s);
    std::string out;
    LiteralError err;
    REQUIRE(unquote(q, out, err));
    CHECK(out == s);
    CHECK(scan_problems(q) == "");
  }

  std::vector<std::string> bytes;
  for (int b = 0; b < 256; ++b) bytes.push_back(std::string(1, char(b)));
  std::string all;
  for (int b = 255; b >= 0; --b) all += char(b);
  bytes.push_back(all);
  bytes.push_back("\\(x)'''\"\"\"");
  for (const std::string& b : bytes) {
    CAPTURE(b);
    std::string q = cue_quote_bytes(b);
    std::string out;
    LiteralError err;
    REQUIRE(unquote(q, out, err));
    CHECK(out == b);
    CHECK(scan_problems(q) == "");
  }
}
