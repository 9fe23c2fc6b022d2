#include "compiler/syntax/scanner.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "compiler/base/arena.h"
#include "compiler/syntax/ast_dump.h"
#include "compiler/syntax/parser.h"

using namespace cfgc;
using namespace cfgc::syntax;

namespace {

// Token kinds by their enumerator names, so that a row reads like the token stream.
std::string_view kind_name(Tok t) {
  switch (t) {
    case Tok::Illegal: return "Illegal";
    case Tok::Eof: return "Eof";
    case Tok::Ident: return "Ident";
    case Tok::Int: return "Int";
    case Tok::Float: return "Float";
    case Tok::String: return "String";
    case Tok::Attribute: return "Attribute";
    case Tok::Bottom: return "Bottom";
    case Tok::Package: return "Package";
    case Tok::Import: return "Import";
    case Tok::For: return "For";
    case Tok::In: return "In";
    case Tok::If: return "If";
    case Tok::Let: return "Let";
    case Tok::True: return "True";
    case Tok::False: return "False";
    case Tok::Null: return "Null";
    case Tok::Add: return "Add";
    case Tok::Sub: return "Sub";
    case Tok::Mul: return "Mul";
    case Tok::Quo: return "Quo";
    case Tok::IDiv: return "IDiv";
    case Tok::IMod: return "IMod";
    case Tok::IQuo: return "IQuo";
    case Tok::IRem: return "IRem";
    case Tok::And: return "And";
    case Tok::Or: return "Or";
    case Tok::LAnd: return "LAnd";
    case Tok::LOr: return "LOr";
    case Tok::Eql: return "Eql";
    case Tok::Neq: return "Neq";
    case Tok::Lss: return "Lss";
    case Tok::Leq: return "Leq";
    case Tok::Gtr: return "Gtr";
    case Tok::Geq: return "Geq";
    case Tok::Mat: return "Mat";
    case Tok::NMat: return "NMat";
    case Tok::Not: return "Not";
    case Tok::Bind: return "Bind";
    case Tok::LParen: return "LParen";
    case Tok::RParen: return "RParen";
    case Tok::LBrack: return "LBrack";
    case Tok::RBrack: return "RBrack";
    case Tok::LBrace: return "LBrace";
    case Tok::RBrace: return "RBrace";
    case Tok::Comma: return "Comma";
    case Tok::Period: return "Period";
    case Tok::Ellipsis: return "Ellipsis";
    case Tok::Colon: return "Colon";
    case Tok::Option: return "Option";
    case Tok::Count_: break;
  }
  return "?";
}

struct Scanned {
  std::string tokens;     // e.g. "Ident(a) Colon Int(1) Comma* Eof"
  std::string positions;  // e.g. "Ident@0+1 Colon@1+1 Int@3+1 Comma*@4+0 Eof@5+0"
  std::string errors;     // "line:col: message" lines
  std::vector<Scanner::Range> interpolations;
  std::vector<Comment> comments;
};

// Renders one token: literals and identifiers with their text, string flags as /i
// (interpolation) and /m (multi-line), and an implicit comma as Comma*.
std::string render(const Token& t, std::string_view content) {
  std::string s(kind_name(t.kind));
  switch (t.kind) {
    case Tok::String:
      if (t.flags & (kTokInterp | kTokMultiline)) {
        s += '/';
        if (t.flags & kTokInterp) s += 'i';
        if (t.flags & kTokMultiline) s += 'm';
      }
      [[fallthrough]];
    case Tok::Ident:
    case Tok::Int:
    case Tok::Float:
    case Tok::Attribute:
    case Tok::Illegal:
      s += '(';
      s += content.substr(t.offset, t.length);
      s += ')';
      break;
    case Tok::Comma:
      if (t.implicit()) s += '*';
      break;
    default: break;
  }
  return s;
}

Scanned scan(std::string_view src, uint32_t begin = 0, uint32_t end = UINT32_MAX) {
  FileSet fs;
  const SourceFile& f = fs.add("t.cue", std::string(src));
  Diagnostics diags;
  Scanner sc(f, diags, begin, end);
  std::vector<Token> toks;
  sc.scan_all(toks);
  Scanned r;
  for (const Token& t : toks) {
    if (!r.tokens.empty()) {
      r.tokens += ' ';
      r.positions += ' ';
    }
    r.tokens += render(t, f.content());
    r.positions += std::string(kind_name(t.kind)) + (t.implicit() ? "*" : "") + "@" +
                   std::to_string(t.offset) + "+" + std::to_string(t.length);
  }
  diags.sort();
  for (const Diagnostic& d : diags.list()) {
    auto loc = fs.resolve(d.pos);
    r.errors += std::to_string(loc.line) + ":" + std::to_string(loc.col) + ": " + d.message + "\n";
  }
  r.interpolations = sc.interpolations();
  r.comments = sc.comments();
  return r;
}

struct Row {
  std::string_view src;
  std::string_view want;
};

// Every row must scan to `want` without diagnostics.
void check_tokens(std::initializer_list<Row> rows) {
  for (const Row& r : rows) {
    CAPTURE(r.src);
    Scanned s = scan(r.src);
    CHECK(s.tokens == r.want);
    CHECK(s.errors == "");
  }
}

// Every row must give exactly the diagnostics `want` ("line:col: message\n" each).
void check_errors(std::initializer_list<Row> rows) {
  for (const Row& r : rows) {
    CAPTURE(r.src);
    CHECK(scan(r.src).errors == r.want);
  }
}

}  // namespace

TEST_CASE("scanner: comments") {
  check_tokens({
      {"", "Eof"},
      {"// only a comment", "Eof"},
      {"//a\n//b\n", "Eof"},
      {"a // c\nb", "Ident(a) Comma* Ident(b) Comma* Eof"},
      {"a: 1 // c", "Ident(a) Colon Int(1) Comma* Eof"},
      // A comment after a token that takes no comma does not add one.
      {"a: // c\n  1", "Ident(a) Colon Int(1) Comma* Eof"},
      {"a: 1 // é ∀ 😀\n", "Ident(a) Colon Int(1) Comma* Eof"},
      {"a/b / c", "Ident(a) Quo Ident(b) Quo Ident(c) Comma* Eof"},
      // No block comments in CUE.
      {"/* c */", "Quo Mul Ident(c) Mul Quo Eof"},
      {"\"// not a comment\"", "String(\"// not a comment\") Comma* Eof"},
  });
  Scanned s = scan("a: 1 // one\n// two\nb: 2");
  REQUIRE(s.comments.size() == 2);
  CHECK(s.comments[0].offset == 5);
  CHECK(s.comments[0].length == 6);
  CHECK(s.comments[1].offset == 12);
  CHECK(s.comments[1].length == 6);
  check_errors({
      {"// a \xff b", "1:6: invalid UTF-8 byte 0xff\n"},
      {std::string_view("// a \0 b", 8), "1:6: illegal NUL byte in comment\n"},
  });
}

TEST_CASE("scanner: identifiers and keywords") {
  check_tokens({
      {"a _ _x $x x$ $ a1 a_b",
       "Ident(a) Ident(_) Ident(_x) Ident($x) Ident(x$) Ident($) "
       "Ident(a1) Ident(a_b) Comma* Eof"},
      {"#Def _#hiddenDef _hidden #a1 _#$x",
       "Ident(#Def) Ident(_#hiddenDef) Ident(_hidden) "
       "Ident(#a1) Ident(_#$x) Comma* Eof"},
      {"__x", "Ident(__x) Comma* Eof"},
      // Unicode letters (Ll, Lu, Lt, Lm, Lo) and, after the first character, digits (Nd).
      {"αβ naïve 日本語 ǅx ʰa Ωmega",
       "Ident(αβ) Ident(naïve) Ident(日本語) Ident(ǅx) Ident(ʰa) "
       "Ident(Ωmega) Comma* Eof"},
      {"x٣ a𝟘", "Ident(x٣) Ident(a𝟘) Comma* Eof"},
      {"#π _#ß", "Ident(#π) Ident(_#ß) Comma* Eof"},
      {"package import for in if let true false null",
       "Package Import For In If Let True False Null Comma* Eof"},
      {"packages imports fore inn iff lets truex nullable falsey _true",
       "Ident(packages) Ident(imports) Ident(fore) Ident(inn) Ident(iff) Ident(lets) "
       "Ident(truex) Ident(nullable) Ident(falsey) Ident(_true) Comma* Eof"},
      {"#for _if", "Ident(#for) Ident(_if) Comma* Eof"},
      {"_|_", "Bottom Comma* Eof"},
      {"a: _|_", "Ident(a) Colon Bottom Comma* Eof"},
      {"_|_x", "Bottom Ident(x) Comma* Eof"},
      {"_ | _", "Ident(_) Or Ident(_) Comma* Eof"},
      {"_|x", "Ident(_) Or Ident(x) Comma* Eof"},
      {"_||_", "Ident(_) LOr Ident(_) Comma* Eof"},
      {"x.#y._z", "Ident(x) Period Ident(#y) Period Ident(_z) Comma* Eof"},
      // `#` alone is a definition's name too (cue's JSON Schema importer writes `#: "a-b": …`).
      {"#: x", "Ident(#) Colon Ident(x) Comma* Eof"},
      {"#[\"a-b\"]", "Ident(#) LBrack String(\"a-b\") RBrack Comma* Eof"},
      // A byte-order mark is skipped at the start of a file.
      {"\xEF\xBB\xBFx", "Ident(x) Comma* Eof"},
  });
  CHECK(scan("\xEF\xBB\xBFx").positions == "Ident@3+1 Comma*@4+0 Eof@4+0");
  check_errors({
      {"#1", "1:1: invalid identifier: '#' must be followed by a letter\n"},
      {"_#1x", "1:1: invalid identifier: '#' must be followed by a letter\n"},
      // A Unicode digit cannot start an identifier; other symbols are not letters at all.
      {"٣x", "1:1: illegal character U+0663 '٣'\n"},
      {"a×b", "1:2: illegal character U+00D7 '×'\n"},
      {"a\u00A0b", "1:2: illegal character U+00A0 '\u00A0'\n"},
      {"a\u0310", "1:2: illegal character U+0310 '\u0310'\n"},
      {"“a”", "1:1: illegal character U+201C '“'\n1:5: illegal character U+201D '”'\n"},
      {"a\xEF\xBB\xBF", "1:2: illegal byte order mark (allowed only at the start of a file)\n"},
      {"a\xff", "1:2: invalid UTF-8 byte 0xff\n"},
      {"a\xc3(", "1:2: invalid UTF-8 byte 0xc3\n"},
      // One error for a run of bad bytes: an encoded surrogate, a Latin-1 word.
      {"\xed\xa0\x80", "1:1: invalid UTF-8 byte 0xed\n"},
      {"a: caf\xe9s\xe9\xe9", "1:7: invalid UTF-8 byte 0xe9\n1:9: invalid UTF-8 byte 0xe9\n"},
      {"\"caf\xe9\xe9\"", "1:5: invalid UTF-8 byte 0xe9\n"},
  });
  // The bad identifier stays one token; junk is one Illegal token.
  CHECK(scan("#1a: 1").tokens == "Ident(#1a) Colon Int(1) Comma* Eof");
  CHECK(scan("a×b").tokens == "Ident(a) Illegal(×) Ident(b) Comma* Eof");
}

TEST_CASE("scanner: numbers") {
  check_tokens({
      {"0 1 42 1_000 0x1F 0X1f 0xBad_Face 0o755 0b0101_0001",
       "Int(0) Int(1) Int(42) Int(1_000) Int(0x1F) Int(0X1f) Int(0xBad_Face) Int(0o755) "
       "Int(0b0101_0001) Comma* Eof"},
      {"170_141_183_460_469_231_731_687_303_715_884_105_727",
       "Int(170_141_183_460_469_231_731_687_303_715_884_105_727) Comma* Eof"},
      // The spec's float examples.
      {"0. 72.40 072.40 2.71828 1.e+0 6.67428e-11 1E6 .25 .12345E+5",
       "Float(0.) Float(72.40) Float(072.40) Float(2.71828) Float(1.e+0) Float(6.67428e-11) "
       "Float(1E6) Float(.25) Float(.12345E+5) Comma* Eof"},
      {"1_000.000_1e1_0 0e5 00.5 09.5 1e3 1E-3 0.5e+3",
       "Float(1_000.000_1e1_0) Float(0e5) Float(00.5) Float(09.5) Float(1e3) Float(1E-3) "
       "Float(0.5e+3) Comma* Eof"},
      // SI multipliers make integers, also of fractions.
      {"1K 1Ki 1M 1Mi 1G 1Gi 1T 1Ti 1P 1Pi",
       "Int(1K) Int(1Ki) Int(1M) Int(1Mi) Int(1G) Int(1Gi) Int(1T) Int(1Ti) Int(1P) Int(1Pi) "
       "Comma* Eof"},
      {"1.5M 1.5Gi .5K 0.5Mi 1.3Ki 1_000K",
       "Int(1.5M) Int(1.5Gi) Int(.5K) Int(0.5Mi) Int(1.3Ki) Int(1_000K) Comma* Eof"},
      // Where a number ends: what follows is another token (the parser rejects most of these).
      {"1Kx", "Int(1K) Ident(x) Comma* Eof"},
      {"1k", "Int(1) Ident(k) Comma* Eof"},
      {"1e3K", "Float(1e3) Ident(K) Comma* Eof"},
      {"0x1K", "Int(0x1) Ident(K) Comma* Eof"},
      {"0x1.5", "Int(0x1) Float(.5) Comma* Eof"},
      {"1.5.5", "Float(1.5) Float(.5) Comma* Eof"},
      {"0B1 0O7", "Int(0) Ident(B1) Int(0) Ident(O7) Comma* Eof"},  // only 0x, 0X, 0o, 0b
      {"1a", "Int(1) Ident(a) Comma* Eof"},
      {"1..2", "Int(1) Period Float(.2) Comma* Eof"},
      {"1...", "Int(1) Ellipsis Comma* Eof"},
      {"-1 +.5 -0x1", "Sub Int(1) Add Float(.5) Sub Int(0x1) Comma* Eof"},
      {"x.y", "Ident(x) Period Ident(y) Comma* Eof"},
      {"[1,2.]", "LBrack Int(1) Comma Float(2.) RBrack Comma* Eof"},
  });
  check_errors({
      {"1_", "1:2: '_' must separate successive digits\n"},
      {"1__0", "1:3: '_' must separate successive digits\n"},
      {"1_000_", "1:6: '_' must separate successive digits\n"},
      {"1_.5", "1:2: '_' must separate successive digits\n"},
      {"1._5", "1:3: '_' must separate successive digits\n"},
      {"1.5_", "1:4: '_' must separate successive digits\n"},
      {"0x1F_", "1:5: '_' must separate successive digits\n"},
      // cue v0.4 accepts a '_' right after a base prefix (as Go does); the spec does not.
      {"0x_1F", "1:3: '_' must separate successive digits\n"},
      {"0b_1", "1:3: '_' must separate successive digits\n"},
      {"0x", "1:1: hexadecimal literal has no digits\n"},
      {"0o", "1:1: octal literal has no digits\n"},
      {"0b", "1:1: binary literal has no digits\n"},
      {"0xg", "1:1: hexadecimal literal has no digits\n"},
      {"0o8", "1:3: invalid digit '8' in octal literal\n"},
      {"0o758", "1:5: invalid digit '8' in octal literal\n"},
      {"0b102", "1:5: invalid digit '2' in binary literal\n"},
      {"0755",
       "1:1: invalid number: leading zeros are not allowed (write 0o755 for an octal "
       "number)\n"},
      {"00",
       "1:1: invalid number: leading zeros are not allowed (write 0o755 for an octal "
       "number)\n"},
      {"0_1",
       "1:1: invalid number: leading zeros are not allowed (write 0o755 for an octal "
       "number)\n"},
      {"01K",
       "1:1: invalid number: leading zeros are not allowed (write 0o755 for an octal "
       "number)\n"},
      {"1e", "1:2: exponent has no digits\n"},
      {"1e+", "1:2: exponent has no digits\n"},
      {"1.5E-", "1:4: exponent has no digits\n"},
      {"1Ei", "1:2: exponent has no digits\n"},
      // cue v0.4 accepts 1e_5; the spec's exponent starts with a digit.
      {"1e_5", "1:2: exponent has no digits\n"},
      {"1e5_", "1:4: '_' must separate successive digits\n"},
  });
  // An exponent without digits still ends the number.
  CHECK(scan("1Ei").tokens == "Float(1E) Ident(i) Comma* Eof");
}

TEST_CASE("scanner: string literals") {
  check_tokens({
      {R"~("a")~", R"~(String("a") Comma* Eof)~"},
      {R"~('b')~", R"~(String('b') Comma* Eof)~"},
      {R"~("" '')~", R"~(String("") String('') Comma* Eof)~"},
      {R"~("a""b")~", R"~(String("a") String("b") Comma* Eof)~"},
      {R"~("say \"hi\" it's")~", R"~(String("say \"hi\" it's") Comma* Eof)~"},
      {R"~('it\'s "x"')~", R"~(String('it\'s "x"') Comma* Eof)~"},
      {R"~("\a\b\f\n\r\t\v\/\\")~", R"~(String("\a\b\f\n\r\t\v\/\\") Comma* Eof)~"},
      {R"~("\u00e9\U0001F600\u0000")~", R"~(String("\u00e9\U0001F600\u0000") Comma* Eof)~"},
      {R"~("\U0010FFFF\uD7FF\uE000")~", R"~(String("\U0010FFFF\uD7FF\uE000") Comma* Eof)~"},
      {R"~('\x41\xff\101\000\377\u00e9')~", R"~(String('\x41\xff\101\000\377\u00e9') Comma* Eof)~"},
      {"\"日本語 😀\"", "String(\"日本語 😀\") Comma* Eof"},
      {"\"tab\there\"", "String(\"tab\there\") Comma* Eof"},
      // Raw strings: the escape delimiter is a backslash and as many '#' as surround the quotes.
      {R"~(#"a"b"#)~", R"~(String(#"a"b"#) Comma* Eof)~"},
      {R"~(#"\n \q \x \("#)~", R"~(String(#"\n \q \x \("#) Comma* Eof)~"},
      {R"~(#"\#n\#t\#u00e9"#)~", R"~(String(#"\#n\#t\#u00e9"#) Comma* Eof)~"},
      {R"~(##"a"#b\#n"##)~", R"~(String(##"a"#b\#n"##) Comma* Eof)~"},
      {R"~(##"\##n\##(x)"##)~", R"~(String/i(##"\##n\##(x)"##) Comma* Eof)~"},
      {R"~(#'\#x41'#)~", R"~(String(#'\#x41'#) Comma* Eof)~"},
      {R"~(#"\"#)~", R"~(String(#"\"#) Comma* Eof)~"},
      {R"~(#"\(x)"# #"\#(x)"#)~", R"~(String(#"\(x)"#) String/i(#"\#(x)"#) Comma* Eof)~"},
      // Interpolations are scanned to their matching parenthesis, at any depth, with strings
      // (holding parentheses and quotes) inside.
      {R"~("\(x)")~", R"~(String/i("\(x)") Comma* Eof)~"},
      {R"~("a\(1)b\(2)c")~", R"~(String/i("a\(1)b\(2)c") Comma* Eof)~"},
      {R"~('\(x)')~", R"~(String/i('\(x)') Comma* Eof)~"},
      {R"~("a\(b + "c\(d)")e")~", R"~(String/i("a\(b + "c\(d)")e") Comma* Eof)~"},
      {R"~("1\("2\("3\("4\(x)")")")")~", R"~(String/i("1\("2\("3\("4\(x)")")")") Comma* Eof)~"},
      {R"~("\(f("(") + ")")")~", R"~(String/i("\(f("(") + ")")") Comma* Eof)~"},
      {R"~("\( [1, (2)][0] )")~", R"~(String/i("\( [1, (2)][0] )") Comma* Eof)~"},
      {R"~("\({a: ")"}.a)")~", R"~(String/i("\({a: ")"}.a)") Comma* Eof)~"},
      {R"~("\('x')" '\("y")')~", R"~(String/i("\('x')") String/i('\("y")') Comma* Eof)~"},
      {R"~("\(#"\#(1)"#)" #"\#("\(1)")"#)~",
       R"~(String/i("\(#"\#(1)"#)") String/i(#"\#("\(1)")"#) Comma* Eof)~"},
      // An interpolation may span lines, even in a single-line string (cue agrees).
      {"\"\\(1 +\n  2)\"\nb", "String/i(\"\\(1 +\n  2)\") Comma* Ident(b) Comma* Eof"},
      {"\"\\({\n b: 1\n}.b)\"", "String/i(\"\\({\n b: 1\n}.b)\") Comma* Eof"},
      // Multi-line strings and bytes.
      {"\"\"\"\n  a\n  \"\"\"", "String/m(\"\"\"\n  a\n  \"\"\") Comma* Eof"},
      {"'''\n  a\\x41\n  '''", "String/m('''\n  a\\x41\n  ''') Comma* Eof"},
      {"\"\"\"\n  say \"hi\" \"\" ''\n  \"\"\"",
       "String/m(\"\"\"\n  say \"hi\" \"\" ''\n  \"\"\") Comma* Eof"},
      {"\"\"\"\n  a\\\"\"\"\n  \"\"\"", "String/m(\"\"\"\n  a\\\"\"\"\n  \"\"\") Comma* Eof"},
      {"#\"\"\"\n  a\"\"\"b\n  \"\"\"#", "String/m(#\"\"\"\n  a\"\"\"b\n  \"\"\"#) Comma* Eof"},
      {"\"\"\"\n  \\(x)\n  \"\"\"", "String/im(\"\"\"\n  \\(x)\n  \"\"\") Comma* Eof"},
      {"\"\"\"\n  \\(\"\"\"\n    x\n    \"\"\")\n  \"\"\"",
       "String/im(\"\"\"\n  \\(\"\"\"\n    x\n    \"\"\")\n  \"\"\") Comma* Eof"},
      {"\"\"\"\r\n  a\r\n  \"\"\"\r\n", "String/m(\"\"\"\r\n  a\r\n  \"\"\") Comma* Eof"},
      {"\"\"\"\n\"\"\"", "String/m(\"\"\"\n\"\"\") Comma* Eof"},
      {"a: \"\"\"\n  x\n  \"\"\"\nb: 1",
       "Ident(a) Colon String/m(\"\"\"\n  x\n  \"\"\") Comma* Ident(b) Colon Int(1) Comma* Eof"},
  });
}

TEST_CASE("scanner: string literal errors") {
  check_errors({
      {"\"abc", "1:1: string literal not terminated\n"},
      {"'abc", "1:1: string literal not terminated\n"},
      {"\"abc\nb: 1", "1:1: string literal not terminated\n"},
      {R"~(#"abc")~", "1:1: string literal not terminated\n"},
      {R"~(##"abc"#)~", "1:1: string literal not terminated\n"},
      {"\"\"\"\n  abc\n", "1:1: string literal not terminated\n"},
      {"\"\"\"\n  abc\"\"\n", "1:1: string literal not terminated\n"},
      {R"~("\q")~", "1:2: unknown escape sequence '\\q'\n"},
      {R"~("\ ")~", "1:2: unknown escape sequence '\\ '\n"},
      {R"~("\é")~", "1:2: unknown escape sequence '\\é'\n"},
      {R"~(#"\#q"#)~", "1:3: unknown escape sequence '\\q'\n"},
      {R"~("\x41")~", "1:2: invalid escape sequence: \\x is only allowed in bytes literals\n"},
      {R"~(#"\#x41"#)~", "1:3: invalid escape sequence: \\x is only allowed in bytes literals\n"},
      {R"~("\101")~",
       "1:2: invalid escape sequence: octal escapes are only allowed in bytes literals\n"},
      {R"~("\0")~",
       "1:2: invalid escape sequence: octal escapes are only allowed in bytes literals\n"
       "1:2: invalid escape sequence: octal escape needs three digits\n"},
      {R"~('\400')~", "1:2: invalid escape sequence: octal value over 255\n"},
      {R"~('\777')~", "1:2: invalid escape sequence: octal value over 255\n"},
      {R"~('\10')~", "1:2: invalid escape sequence: octal escape needs three digits\n"},
      {R"~('\1')~", "1:2: invalid escape sequence: octal escape needs three digits\n"},
      {R"~('\x4')~", "1:2: invalid escape sequence: too few hexadecimal digits\n"},
      {R"~('\x')~", "1:2: invalid escape sequence: too few hexadecimal digits\n"},
      {R"~("\u00e")~", "1:2: invalid escape sequence: too few hexadecimal digits\n"},
      {R"~("\U0001F60")~", "1:2: invalid escape sequence: too few hexadecimal digits\n"},
      {R"~("\uD800")~", "1:2: invalid escape sequence: not a valid Unicode code point\n"},
      {R"~("\uDFFF")~", "1:2: invalid escape sequence: not a valid Unicode code point\n"},
      {R"~("\U00110000")~", "1:2: invalid escape sequence: not a valid Unicode code point\n"},
      {R"~(#"\#uD800"#)~", "1:3: invalid escape sequence: not a valid Unicode code point\n"},
      // A quote can only be escaped in its own kind of literal (spec; cue agrees).
      {R"~("\'")~", "1:2: invalid escape sequence: \\' is only allowed in bytes literals\n"},
      {R"~('\"')~", "1:2: invalid escape sequence: \\\" is only allowed in string literals\n"},
      {"\"\"\"\n  \\'\n  \"\"\"",
       "2:3: invalid escape sequence: \\' is only allowed in bytes literals\n"},
      // No line continuation (cue v0.4 has none either).
      {"\"\"\"\n  a\\\n  b\n  \"\"\"",
       "2:4: invalid escape sequence: a backslash cannot escape a newline\n"},
      {"\"a\\\nb\"",
       "1:1: string literal not terminated\n"
       "1:3: invalid escape sequence: a backslash cannot escape a newline\n"
       "2:2: string literal not terminated\n"},
      // The opening quotes of a multi-line literal must end their line.
      {R"~("""abc""")~", "1:4: expected newline after multiline quote \"\"\"\n"},
      {"\"\"\" \n  a\n  \"\"\"", "1:4: expected newline after multiline quote \"\"\"\n"},
      {"'''x\n  '''", "1:4: expected newline after multiline quote '''\n"},
      // #""" opens a multi-line literal too (as in cue), so this one never closes.
      {"#\"\"\"#", "1:1: string literal not terminated\n"
                   "1:5: expected newline after multiline quote \"\"\"\n"},
      {std::string_view("\"a\0b\"", 5), "1:3: illegal NUL byte in string literal\n"},
      {"\"a\xff\"", "1:3: invalid UTF-8 byte 0xff\n"},
      {"'a\xff'", "1:3: invalid UTF-8 byte 0xff\n"},
      // Errors inside interpolations are found, at any depth.
      {R"~("\(0755)")~",
       "1:4: invalid number: leading zeros are not allowed (write 0o755 for an "
       "octal number)\n"},
      {R"~("\("\("\q")")")~", "1:8: unknown escape sequence '\\q'\n"},
      {R"~("\(%)")~", "1:4: illegal character U+0025 '%'\n"},
      // A missing ')' ends the interpolation, and a single-line literal, at the end of the line.
      {R"~("\(x")~", "1:2: interpolation not terminated: missing ')'\n"},
      {R"~("\(")")~", "1:2: interpolation not terminated: missing ')'\n"},
      {R"~(#"\#(x"#)~", "1:3: interpolation not terminated: missing ')'\n"},
      {"\"a\\(f(x)\"\nb: 1\nc: \"\\(\"",
       "1:3: interpolation not terminated: missing ')'\n"
       "3:5: interpolation not terminated: missing ')'\n"},
      {"\"\"\"\n  \\(x\n  \"\"\"", "2:3: interpolation not terminated: missing ')'\n"},
      {R"~("\()")~", ""},  // an empty interpolation is the parser's to report
  });
  // Recovery: the rest of the file after a broken interpolation scans as usual.
  CHECK(scan("a: \"\\(x\"\nb: 1").tokens ==
        "Ident(a) Colon String(\"\\(x\") Comma* Ident(b) Colon Int(1) Comma* Eof");
  CHECK(scan("\"\"\"\n  \\(x\n  \"\"\"\nb: 1").tokens ==
        "String/m(\"\"\"\n  \\(x\n  \"\"\") Comma* Ident(b) Colon Int(1) Comma* Eof");
}

TEST_CASE("scanner: interpolation nesting limit") {
  auto nested = [](int depth) {
    std::string s = "x";
    for (int i = 0; i < depth; ++i) s = "\"\\(" + s + ")\"";
    return s;
  };
  Scanned ok = scan(nested(Scanner::kMaxInterpolationDepth));
  CHECK(ok.errors == "");
  CHECK(ok.tokens.rfind("String/i(", 0) == 0);
  Scanned deep = scan(nested(Scanner::kMaxInterpolationDepth + 1));
  CHECK(deep.errors == "1:" + std::to_string(3 * Scanner::kMaxInterpolationDepth + 2) +
                           ": string interpolations nested too deeply (limit 64)\n");
  Scanned huge = scan(nested(5000));
  CHECK(huge.errors.find("nested too deeply") != std::string::npos);
}

TEST_CASE("scanner: attributes") {
  check_tokens({
      {"@go(A)", "Attribute(@go(A)) Comma* Eof"},
      {"a: 1 @go(A) @json(\"a,omitempty\")",
       "Ident(a) Colon Int(1) Attribute(@go(A)) Attribute(@json(\"a,omitempty\")) Comma* Eof"},
      {"a: 1 @x(y)@z(w)", "Ident(a) Colon Int(1) Attribute(@x(y)) Attribute(@z(w)) Comma* Eof"},
      {"@x()", "Attribute(@x()) Comma* Eof"},
      {"@_x(y) @x1(y) @1x(y) @$x(y)",
       "Attribute(@_x(y)) Attribute(@x1(y)) Attribute(@1x(y)) Attribute(@$x(y)) Comma* Eof"},
      // Balanced (), [] and {}; parentheses and quotes inside strings do not count.
      {R"~(@x(f(g)"d)",[1,{2}],'a)',#"b)"#))~",
       R"~(Attribute(@x(f(g)"d)",[1,{2}],'a)',#"b)"#)) Comma* Eof)~"},
      {R"~(@x("\"" ')'))~", R"~(Attribute(@x("\"" ')')) Comma* Eof)~"},
      {"@x(é, 😀)", "Attribute(@x(é, 😀)) Comma* Eof"},
      // An attribute may span lines (cue agrees).
      {"a: 1 @x(a,\n  b)\nb: 2",
       "Ident(a) Colon Int(1) Attribute(@x(a,\n  b)) Comma* Ident(b) Colon Int(2) Comma* Eof"},
  });
  check_errors({
      {"@x", "1:3: invalid attribute: expected '(' after the attribute name\n"},
      {"@x (y)", "1:3: invalid attribute: expected '(' after the attribute name\n"},
      {"@(x)", "1:1: invalid attribute: expected a name after '@'\n"},
      {"@", "1:1: invalid attribute: expected a name after '@'\n"},
      {"@x(y", "1:1: attribute not terminated: missing ')'\n"},
      {"@x(y]", "1:5: invalid attribute: expected ')', found ']'\n"},
      {"@x([)])", "1:5: invalid attribute: expected ']', found ')'\n"},
      {"@x(\"a)",
       "1:1: attribute not terminated: missing ')'\n1:4: string literal not terminated\n"},
      {R"~(@x("\(1)"))~", "1:4: interpolation not allowed in an attribute\n"},
      {std::string_view("@x(\0)", 5), "1:4: illegal NUL byte in attribute\n"},
  });
  // A missing ')' most likely belongs on the first line: the next lines scan as tokens again.
  CHECK(scan("a: 1 @x(y\nb: 2").tokens ==
        "Ident(a) Colon Int(1) Attribute(@x(y) Comma* Ident(b) Colon Int(2) Comma* Eof");
  // Interpolations in attributes are not recorded.
  CHECK(scan(R"~(@x("\(1)"))~").interpolations.empty());
}

TEST_CASE("scanner: operators and punctuation") {
  check_tokens({
      {"+ - * / & | && || == != < <= > >= =~ !~ ! = ( ) [ ] { } , . ... : ?",
       "Add Sub Mul Quo And Or LAnd LOr Eql Neq Lss Leq Gtr Geq Mat NMat Not Bind LParen RParen "
       "LBrack RBrack LBrace RBrace Comma Period Ellipsis Colon Option Comma* Eof"},
      // The longest sequence that forms a token wins.
      {"a&&b||c&d|e", "Ident(a) LAnd Ident(b) LOr Ident(c) And Ident(d) Or Ident(e) Comma* Eof"},
      {"x=~y!~z", "Ident(x) Mat Ident(y) NMat Ident(z) Comma* Eof"},
      {"=== !== <== >== =>", "Eql Bind Neq Bind Leq Bind Geq Bind Bind Gtr Eof"},
      {"!!x", "Not Not Ident(x) Comma* Eof"},
      {"&|", "And Or Eof"},
      {".... . . .", "Ellipsis Period Period Period Period Eof"},
      {"[...int]", "LBrack Ellipsis Ident(int) RBrack Comma* Eof"},
      {"a?: 1 b!: 2", "Ident(a) Option Colon Int(1) Ident(b) Not Colon Int(2) Comma* Eof"},
      {"[=~\"^x\"]: int", "LBrack Mat String(\"^x\") RBrack Colon Ident(int) Comma* Eof"},
      {"x: >=0 & <10 | *5", "Ident(x) Colon Geq Int(0) And Lss Int(10) Or Mul Int(5) Comma* Eof"},
      {"a:b", "Ident(a) Colon Ident(b) Comma* Eof"},
      {"{a:1,b:2}", "LBrace Ident(a) Colon Int(1) Comma Ident(b) Colon Int(2) RBrace Comma* Eof"},
      {"X=a: 1", "Ident(X) Bind Ident(a) Colon Int(1) Comma* Eof"},
      {"\ta\t:\r1", "Ident(a) Colon Int(1) Comma* Eof"},
  });
  check_errors({
      {"%", "1:1: illegal character U+0025 '%'\n"},
      {"a ^ b ~ c", "1:3: illegal character U+005E '^'\n1:7: illegal character U+007E '~'\n"},
      {"a; b", "1:2: illegal character U+003B ';'\n"},
      {"`a`", "1:1: illegal character U+0060 '`'\n1:3: illegal character U+0060 '`'\n"},
      {"\\", "1:1: illegal character U+005C '\\'\n"},
      {"a\x01", "1:2: illegal control character U+0001\n"},
      {"a\x7f", "1:2: illegal control character U+007F\n"},
      {std::string_view("a\0", 2), "1:2: illegal NUL byte\n"},
  });
  CHECK(scan("a; b").tokens == "Ident(a) Illegal(;) Ident(b) Comma* Eof");
  // Junk stands where an operand would: a newline after it still ends the line.
  CHECK(scan("%\nb").tokens == "Illegal(%) Comma* Ident(b) Comma* Eof");
}

TEST_CASE("scanner: automatic commas") {
  // A newline or EOF ends a line after an identifier, keyword, literal, _|_, ), ], }, ?, ...
  // or an attribute.
  check_tokens({
      {"a\n", "Ident(a) Comma* Eof"},
      {"#A\n", "Ident(#A) Comma* Eof"},
      {"1\n", "Int(1) Comma* Eof"},
      {"1.5\n", "Float(1.5) Comma* Eof"},
      {"1Ki\n", "Int(1Ki) Comma* Eof"},
      {"\"s\"\n", "String(\"s\") Comma* Eof"},
      {"'b'\n", "String('b') Comma* Eof"},
      {"#\"r\"#\n", "String(#\"r\"#) Comma* Eof"},
      {"\"\\(x)\"\n", "String/i(\"\\(x)\") Comma* Eof"},
      {"'''\n  b\n  '''\n", "String/m('''\n  b\n  ''') Comma* Eof"},
      {"true\n", "True Comma* Eof"},
      {"false\n", "False Comma* Eof"},
      {"null\n", "Null Comma* Eof"},
      {"_|_\n", "Bottom Comma* Eof"},
      {")\n", "RParen Comma* Eof"},
      {"]\n", "RBrack Comma* Eof"},
      {"}\n", "RBrace Comma* Eof"},
      {"?\n", "Option Comma* Eof"},
      {"...\n", "Ellipsis Comma* Eof"},
      {"@a(b)\n", "Attribute(@a(b)) Comma* Eof"},
      // The spec names every keyword here, and cue v0.4 agrees (`x: in` at a line end is a
      // reference to a field named `in`).
      {"for\n", "For Comma* Eof"},
      {"if\n", "If Comma* Eof"},
      {"in\n", "In Comma* Eof"},
      {"let\n", "Let Comma* Eof"},
      {"package\n", "Package Comma* Eof"},
      {"import\n", "Import Comma* Eof"},
      // Not after operators, ':', ',', '=', '.', or opening brackets.
      {"+\n-\n*\n/\n", "Add Sub Mul Quo Eof"},
      {"&\n|\n&&\n||\n", "And Or LAnd LOr Eof"},
      {"==\n!=\n<\n<=\n>\n>=\n=~\n!~\n!\n=\n", "Eql Neq Lss Leq Gtr Geq Mat NMat Not Bind Eof"},
      {":\n,\n.\n", "Colon Comma Period Eof"},
      {"{\n(\n[\n", "LBrace LParen LBrack Eof"},
      // At EOF too, and only once for several newlines.
      {"a", "Ident(a) Comma* Eof"},
      {"a:", "Ident(a) Colon Eof"},
      {"a\n\n\n\nb", "Ident(a) Comma* Ident(b) Comma* Eof"},
      {"a,\nb,", "Ident(a) Comma Ident(b) Comma Eof"},
      {"a\r\nb\r\n", "Ident(a) Comma* Ident(b) Comma* Eof"},
      {"a: 1 +\n  2", "Ident(a) Colon Int(1) Add Int(2) Comma* Eof"},
      {"a: {\n  b: 1\n}\n", "Ident(a) Colon LBrace Ident(b) Colon Int(1) Comma* RBrace Comma* Eof"},
      {"a: [\n  1,\n  2\n]", "Ident(a) Colon LBrack Int(1) Comma Int(2) Comma* RBrack Comma* Eof"},
      {"for x in y\nif x {}",
       "For Ident(x) In Ident(y) Comma* If Ident(x) LBrace RBrace Comma* Eof"},
  });
}

TEST_CASE("scanner: positions") {
  CHECK(scan("a: 1\n").positions == "Ident@0+1 Colon@1+1 Int@3+1 Comma*@4+0 Eof@5+0");
  CHECK(scan("a: 1").positions == "Ident@0+1 Colon@1+1 Int@3+1 Comma*@4+0 Eof@4+0");
  CHECK(scan("x: 'ab' // c\n").positions == "Ident@0+1 Colon@1+1 String@3+4 Comma*@12+0 Eof@13+0");
  CHECK(scan("  _|_ ... >= @a(b)\n").positions ==
        "Bottom@2+3 Ellipsis@6+3 Geq@10+2 Attribute@13+5 Comma*@18+0 Eof@19+0");
  CHECK(scan("s: \"\"\"\n  a\n  \"\"\"\nt: 1").positions ==
        "Ident@0+1 Colon@1+1 String@3+13 Comma*@16+0 Ident@17+1 Colon@18+1 Int@20+1 "
        "Comma*@21+0 Eof@21+0");
  CHECK(scan("αβ: 1.5e3").positions == "Ident@0+4 Colon@4+1 Float@6+5 Comma*@11+0 Eof@11+0");

  // Interpolation ranges: the expression between "\(" and its ')', outer ones only.
  Scanned s = scan(R"~(ab: "x\(y)z\( f(1) )")~");
  REQUIRE(s.interpolations.size() == 2);
  CHECK(s.interpolations[0].begin == 8);
  CHECK(s.interpolations[0].end == 9);
  CHECK(s.interpolations[1].begin == 13);
  CHECK(s.interpolations[1].end == 19);
  s = scan(R"~("\(a + "\(b)")" #"\#(c)"#)~");
  REQUIRE(s.interpolations.size() == 2);
  CHECK(s.interpolations[0].begin == 3);
  CHECK(s.interpolations[0].end == 13);
  CHECK(s.interpolations[1].begin == 21);
  CHECK(s.interpolations[1].end == 22);

  // A scanner over a byte range of the file (as the parser scans an interpolation).
  Scanned part = scan("ab: cd + ef", 4, 8);
  CHECK(part.tokens == "Ident(cd) Add Eof");  // ends at the range, like a file would
  CHECK(part.positions == "Ident@4+2 Add@7+1 Eof@8+0");
}

TEST_CASE("scanner: keyword and operator tables") {
  CHECK(lookup_keyword("package") == Tok::Package);
  CHECK(lookup_keyword("null") == Tok::Null);
  CHECK(lookup_keyword("nul") == Tok::Ident);
  CHECK(lookup_keyword("_") == Tok::Ident);
  CHECK(lookup_keyword("packages") == Tok::Ident);
  for (int k = 0; k < static_cast<int>(Tok::Count_); ++k) {
    Tok t = static_cast<Tok>(k);
    CAPTURE(kind_name(t));
    CHECK(!tok_spelling(t).empty());
    // Keywords and fixed tokens scan back to themselves (div, mod, quo, rem scan as
    // identifiers: the parser reads them as operators between operands).
    bool word = t == Tok::IDiv || t == Tok::IMod || t == Tok::IQuo || t == Tok::IRem;
    if (word) CHECK(infix_word(tok_spelling(t)) == t);
    if ((is_keyword(t) || t >= Tok::Add) && !word) {
      std::string src(tok_spelling(t));
      CHECK(scan(src).tokens.rfind(std::string(kind_name(t)), 0) == 0);
    }
  }
  CHECK(binary_precedence(Tok::Or) < binary_precedence(Tok::And));
  CHECK(binary_precedence(Tok::And) < binary_precedence(Tok::LOr));
  CHECK(binary_precedence(Tok::LOr) < binary_precedence(Tok::LAnd));
  CHECK(binary_precedence(Tok::LAnd) < binary_precedence(Tok::Eql));
  CHECK(binary_precedence(Tok::Mat) == binary_precedence(Tok::Lss));
  CHECK(binary_precedence(Tok::Eql) < binary_precedence(Tok::Add));
  CHECK(binary_precedence(Tok::Sub) < binary_precedence(Tok::Mul));
  CHECK(binary_precedence(Tok::IDiv) == binary_precedence(Tok::Mul));
  CHECK(infix_word("divide") == Tok::Ident);
  CHECK(binary_precedence(Tok::Quo) < kUnaryPrec);
  CHECK(binary_precedence(Tok::Not) == 0);
  CHECK(binary_precedence(Tok::Colon) == 0);
}

// How the parser sees the scanner's output: each lexical error once, keyword references, and
// recovery after broken literals.
namespace {

std::string parse_errors(std::string_view src, std::string* tree = nullptr) {
  FileSet fs;
  const SourceFile& f = fs.add("t.cue", std::string(src));
  Arena arena;
  Diagnostics diags;
  File* file = parse_file(arena, f, diags);
  if (tree) *tree = dump(file);
  std::string out;
  for (const Diagnostic& d : diags.list()) {
    auto loc = fs.resolve(d.pos);
    out += std::to_string(loc.line) + ":" + std::to_string(loc.col) + ": " + d.message + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("scanner: as the parser sees it") {
  // Errors inside interpolations are reported once, however deep.
  CHECK(parse_errors(R"~(a: "\(0755)")~") ==
        "1:7: invalid number: leading zeros are not allowed (write 0o755 for an octal number)\n");
  CHECK(parse_errors(R"~(a: "\("\(%)")")~") == "1:10: illegal character U+0025 '%'\n");
  CHECK(parse_errors(R"~(a: "\("\q")")~") == "1:8: unknown escape sequence '\\q'\n");
  // Keywords at a line end take a comma, and refer to fields of that name.
  std::string tree;
  CHECK(parse_errors("in: 1\nx: in\ny: for\nz: let\nw: if", &tree) == "");
  CHECK(tree == "(file (field in 1) (field x in) (field y for) (field z let) (field w if))");
  CHECK(parse_errors("for x in y\nif x {a: 1}", &tree) == "");
  CHECK(tree == "(file (embed (comprehension (for x in y) (if x) (struct (field a 1)))))");
  // A broken interpolation spoils its own line only.
  CHECK(parse_errors("a: \"\\(x\"\nb: 1\nc: 2", &tree) ==
        "1:5: interpolation not terminated: missing ')'\n");
  CHECK(tree == "(file (field a \"\") (field b 1) (field c 2))");
  // So does an attribute without its ')'.
  CHECK(parse_errors("a: 1 @x(y\nb: 2", &tree) == "1:6: attribute not terminated: missing ')'\n");
  CHECK(tree == "(file (field a 1 @x(y) (field b 2))");
  // Multi-line attributes and strings.
  CHECK(parse_errors("a: 1 @x(p,\n  q)\nb: \"\"\"\n  \\(a)\n  \"\"\"", &tree) == "");
  CHECK(tree == "(file (field a 1 @x(p,\n  q)) (field b (interp \"\" a \"\")))");
}

TEST_CASE("scanner: a file of unterminated interpolations is read a bounded number of times") {
  // Each unterminated `\(` is scanned to the end of the file for its ')', and each line here
  // nests in the one before: without a bound on that rereading, 3,000 lines took minutes. The
  // first error is still at the first line.
  std::string src;
  for (int i = 0; i < 3000; ++i) {
    src += 'a';
    src += std::to_string(i);
    src += ": \"x\\(y\n";
  }
  FileSet files;
  const SourceFile& f = files.add("t.cue", src);
  Arena arena;
  Diagnostics diags;
  parse_file(arena, f, diags);
  REQUIRE(diags.has_errors());
  diags.sort();
  CHECK(f.line_col(f.file_offset(diags.list().front().pos)).line == 1);
}
