#include "compiler/syntax/parser.h"

#include <doctest/doctest.h>

#include "compiler/syntax/ast_dump.h"

using namespace cfgc;
using namespace cfgc::syntax;

namespace {

struct Parsed {
  std::string tree;
  std::string errors;  // "line:col: message" lines
};

Parsed parse(std::string_view src) {
  FileSet fs;
  const SourceFile& f = fs.add("t.cue", std::string(src));
  Arena arena;
  Diagnostics diags;
  File* file = parse_file(arena, f, diags);
  Parsed p;
  std::string t = dump(file);
  // Strip the "(file " wrapper for brevity.
  p.tree = t.substr(6, t.size() - 7);
  for (auto& d : diags.list()) {
    auto loc = fs.resolve(d.pos);
    p.errors += std::to_string(loc.line) + ":" + std::to_string(loc.col) + ": " + d.message + "\n";
  }
  return p;
}

std::string tree(std::string_view src) {
  Parsed p = parse(src);
  INFO("source: " << src);
  CHECK(p.errors == "");
  return p.tree;
}

std::string errors(std::string_view src) { return parse(src).errors; }

}  // namespace

TEST_CASE("fields and labels") {
  CHECK(tree("a: 1") == "(field a 1)");
  CHECK(tree("a?: 1") == "(field a? 1)");
  CHECK(tree("a!: int") == "(field a! int)");
  CHECK(tree("\"a-b\": 1") == "(field \"a-b\" 1)");
  CHECK(tree("(x): 1") == "(field (paren x) 1)");
  CHECK(tree("[=~\"^swp\"]: 1") == "(field (list (=~u \"^swp\")) 1)");
  CHECK(tree("[Name=string]: {name: Name}") ==
        "(field (list (= Name string)) (struct (field name Name)))");
  CHECK(tree("X=a: 1") == "(field X=a 1)");
  CHECK(tree("a: b: c: 1") == "(field a (struct (field b (struct (field c 1)))))");
  CHECK(tree("#Def: {x: int}") == "(field #Def (struct (field x int)))");
  CHECK(tree("_#h: 1\n_h: 2\n$x: 3") == "(field _#h 1) (field _h 2) (field $x 3)");
  CHECK(tree("if: 1\nfor: 2\nlet: 3\nin: 4\ntrue: 5\nnull: 6") ==
        "(field if 1) (field for 2) (field let 3) (field in 4) (field true 5) (field null 6)");
  CHECK(tree("\"\\(x)-y\": 1") == "(field (interp \"\" x \"-y\") 1)");
  CHECK(tree("a: 1 @go(A) @json(\"a,omitempty\")") == "(field a 1 @go(A) @json(\"a,omitempty\"))");
  CHECK(tree("a: X={b: 1}") == "(field a (= X (struct (field b 1))))");
}

TEST_CASE("package, imports, attributes") {
  CHECK(tree("@if(prod)\npackage foo\nimport \"strings\"\nimport (\n  \"list\"\n  j \"encoding/json\"\n)\na: 1") ==
        "@if(prod) (package foo) (import (spec \"strings\")) (import (spec \"list\") (spec j \"encoding/json\")) (field a 1)");
  CHECK(tree("import \"example.com/fabric/schemas/nvidia:schema\"") ==
        "(import (spec \"example.com/fabric/schemas/nvidia:schema\"))");
  CHECK(tree("package: 1") == "(field package 1)");
}

TEST_CASE("operators and precedence") {
  CHECK(tree("a: 1 + 2 * 3") == "(field a (+ 1 (* 2 3)))");
  CHECK(tree("a: int & >=0 & <10 | *5") == "(field a (| (& (& int (>=u 0)) (<u 10)) (*u 5)))");
  CHECK(tree("a: x || y && !z") == "(field a (|| x (&& y (!u z))))");
  CHECK(tree("a: x =~ \"a\" && y !~ \"b\"") == "(field a (&& (=~ x \"a\") (!~ y \"b\")))");
  CHECK(tree("a: -x.y[0](1, 2)") == "(field a (-u (call (index (sel x y) 0) 1 2)))");
  // Slices, either bound left out.
  CHECK(tree("a: l[1:n]") == "(field a (slice l 1 n))");
  CHECK(tree("a: l[:2]") == "(field a (slice l nil 2))");
  CHECK(tree("a: l[1:]") == "(field a (slice l 1 nil))");
  CHECK(tree("a: (1 + 2) * 3") == "(field a (* (paren (+ 1 2)) 3))");
  CHECK(tree("a: x.\"quoted-sel\"") == "(field a (sel x \"quoted-sel\"))");
  CHECK(tree("a: _|_\nb: _") == "(field a _|_) (field b _)");
  CHECK(tree("a: 1 - 2 - 3") == "(field a (- (- 1 2) 3))");
  CHECK(tree("a: x != _|_") == "(field a (!= x _|_))");
}

TEST_CASE("lists, ellipsis, embedding") {
  CHECK(tree("a: [1, 2, ...int]") == "(field a (list 1 2 (... int)))");
  CHECK(tree("a: [...]") == "(field a (list (...)))");
  CHECK(tree("a: {b: 1, ...}") == "(field a (struct (field b 1) (...)))");
  CHECK(tree("#A: {#B, c: 1}") == "(field #A (struct (embed #B) (field c 1)))");
  CHECK(tree("a: [\n  1,\n  2\n]") == "(field a (list 1 2))");
  CHECK(tree("[1, 2]") == "(embed (list 1 2))");
  CHECK(tree("a: [for x in y {x}]") == "(field a (list (comprehension (for x in y) (struct (embed x)))))");
}

TEST_CASE("comprehensions and let") {
  CHECK(tree("for k, v in x if v > 1 let y = v {\"\\(k)\": y}") ==
        "(embed (comprehension (for k v in x) (if (> v 1)) (let y v) (struct (field (interp \"\" k \"\") y))))");
  CHECK(tree("if x {a: 1}") == "(embed (comprehension (if x) (struct (field a 1))))");
  CHECK(tree("let x = 1\na: x") == "(let x 1) (field a x)");
  CHECK(tree("for x in y\nif x {a: 1}") ==
        "(embed (comprehension (for x in y) (if x) (struct (field a 1))))");
}

TEST_CASE("literals") {
  CHECK(tree("a: 0x1F\nb: 0o17\nc: 0b101\nd: 1_000\ne: 1.5e3\nf: .5\ng: 1Ki\nh: 1.5M") ==
        "(field a 0x1F) (field b 0o17) (field c 0b101) (field d 1_000) (field e 1.5e3) (field f .5) "
        "(field g 1Ki) (field h 1.5M)");
  CHECK(tree(R"(a: "tab\tnl\n\u00e9\U0001F600")") == "(field a \"tab\\tnl\\né😀\")");
  CHECK(tree(R"(a: 'by\x41\101')") == "(field a 'byAA')");
  CHECK(tree(R"X(a: #"raw \n \#(x)"#)X") == "(field a (interp \"raw \\\\n \" x \"\"))");
  CHECK(tree("a: \"\"\"\n    line1\n      line2\n    \"\"\"") == "(field a \"line1\\n  line2\")");
  CHECK(tree("a: '''\n  x\n  '''") == "(field a 'x')");
  CHECK(tree(R"X(a: "a\(b + "c\(d)")e")X") == "(field a (interp \"a\" (+ b (interp \"c\" d \"\")) \"e\"))");
  CHECK(tree("a: true\nb: false\nc: null") == "(field a true) (field b false) (field c null)");
}

TEST_CASE("JSON is valid source") {
  CHECK(tree(R"({"a": [1, 2.5, "x", true, null], "b": {"c": {}}})") ==
        "(embed (struct (field \"a\" (list 1 2.5 \"x\" true null)) (field \"b\" (struct (field \"c\" (struct))))))");
}

TEST_CASE("syntax errors have positions") {
  CHECK(errors("a: {b: 1") == "1:9: expected '}' to close the '{' at line 1:4, found 'EOF'\n");
  CHECK(errors("a: 1 +") == "1:7: expected expression, found 'EOF'\n");
  CHECK(errors("a: [1 2]") == "1:7: expected ',' or ']' after a list element, found integer literal 2\n");
  CHECK(errors("a: \"abc") == "1:4: string literal not terminated\n");
  CHECK(errors("a: 0755") == "1:4: invalid number: leading zeros are not allowed (write 0o755 for an octal number)\n");
  CHECK(errors("a: \"\\q\"") == "1:5: unknown escape sequence '\\q'\n");
  CHECK(errors("a: 1\nb: %\nc: }\n") == "2:4: illegal character U+0025 '%'\n3:4: expected expression, found '}'\n");
  CHECK(errors("1: x") == "1:1: invalid field label: expected an identifier, a string, (expression) or [pattern]\n");
  CHECK(errors("a: [...int, 1]") == "1:13: an ellipsis must be the last element of a list\n");
  CHECK(errors("a: 1\nimport \"x\"") == "2:1: imports must appear before other declarations\n");
  CHECK(errors(std::string("a: 1\0", 5)) == "1:5: illegal NUL byte\n");
  CHECK(errors("a: \"\xff\"") == "1:5: invalid UTF-8 byte 0xff\n");
  CHECK(errors("a: \"\"\"\n  x\n y\n  \"\"\"") ==
        "3:2: invalid indentation in multi-line string: each line must start with the whitespace "
        "before the closing quotes\n");
}

TEST_CASE("nesting limit instead of stack overflow") {
  std::string deep(100000, '[');
  Parsed p = parse("a: " + deep);
  CHECK(p.errors.find("nesting too deep") != std::string::npos);
  std::string parens = "a: " + std::string(50000, '(') + "1" + std::string(50000, ')');
  CHECK(parse(parens).errors.find("nesting too deep") != std::string::npos);
  std::string unary = "a: " + std::string(50000, '-') + "1";
  CHECK(parse(unary).errors.find("nesting too deep") != std::string::npos);
  std::string ok = "a: " + std::string(200, '[') + std::string(200, ']');
  CHECK(parse(ok).errors == "");
}

TEST_CASE("the whole file is scanned, even where parsing stopped") {
  // The parser takes tokens as it goes; lexical errors past the point where it stops are
  // reported all the same.
  FileSet fs;
  const SourceFile& f = fs.add("e.cue", std::string("a b\nc: \"x\0y\"", 12));
  Arena arena;
  Diagnostics diags;
  parse_expr(arena, f, diags);
  diags.sort();
  REQUIRE(diags.size() == 2);
  CHECK(diags.list()[0].message == "expected end of expression, found identifier b");
  CHECK(diags.list()[1].message == "illegal NUL byte in string literal");

  std::string deep = "a: " + std::string(2000, '[') + "\n// note\nb: \"\\q\"\n";
  const SourceFile& g = fs.add("g.cue", deep);
  Diagnostics gdiags;
  File* file = parse_file(arena, g, gdiags);
  std::string messages;
  for (const Diagnostic& d : gdiags.list()) messages += d.message + "\n";
  CHECK(messages.find("nesting too deep") != std::string::npos);
  CHECK(messages.find("unknown escape sequence '\\q'") != std::string::npos);
  REQUIRE(file->comments.size() == 1);
  CHECK(g.content().substr(file->comments[0].offset, file->comments[0].length) == "// note");
}

TEST_CASE("fields with and without aliases and attributes") {
  FileSet fs;
  const SourceFile& f = fs.add("f.cue", "a: 1\nX=b: 2\nc: 3 @go(C)");
  Arena arena;
  Diagnostics diags;
  File* file = parse_file(arena, f, diags);
  REQUIRE(file->decls.size() == 3);
  auto* a = as<Field>(file->decls[0]);
  auto* b = as<Field>(file->decls[1]);
  auto* c = as<Field>(file->decls[2]);
  REQUIRE((a && b && c));
  CHECK(a->alias() == nullptr);
  CHECK(a->attrs().empty());
  REQUIRE(b->alias() != nullptr);
  CHECK(b->alias()->name == "X");
  CHECK(b->attrs().empty());
  CHECK(c->alias() == nullptr);
  REQUIRE(c->attrs().size() == 1);
  CHECK(c->attrs()[0]->text == "@go(C)");
}
