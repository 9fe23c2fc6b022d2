#include "compiler/format/format.h"

#include <doctest/doctest.h>

#include <filesystem>

#include "compiler/base/file_io.h"
#include "compiler/syntax/ast_dump.h"
#include "compiler/syntax/parser.h"

using namespace cfgc;

namespace {

// Formats src; checks it parsed cleanly, that formatting is idempotent and that the output
// parses to the same tree (formatting never changes meaning).
std::string fmt_checked(const std::string& src, const std::string& name = "t.cue") {
  FileSet fs;
  Arena arena;
  Diagnostics diags;
  const SourceFile& f1 = fs.add(name, src);
  syntax::File* t1 = syntax::parse_file(arena, f1, diags);
  INFO("file: " << name);
  REQUIRE_MESSAGE(!diags.has_errors(), "input does not parse");
  std::string out1 = format::format_file(*t1);
  const SourceFile& f2 = fs.add(name + " (formatted)", out1);
  syntax::File* t2 = syntax::parse_file(arena, f2, diags);
  INFO("formatted:\n" << out1);
  REQUIRE_MESSAGE(!diags.has_errors(), "formatted output does not parse");
  CHECK_MESSAGE(syntax::dump(t1) == syntax::dump(t2), "formatting changed the meaning");
  std::string out2 = format::format_file(*t2);
  CHECK_MESSAGE(out1 == out2, "formatting is not idempotent");
  return out1;
}

}  // namespace

TEST_CASE("indentation with tabs and value alignment") {
  CHECK(fmt_checked("bgp: {\n  asn: int\n  router_id: string\n}\n") ==
        "bgp: {\n\tasn:       int\n\trouter_id: string\n}\n");
  // Struct or list values, blank lines and comment lines end an aligned run.
  CHECK(fmt_checked("a: 1\nbbbbbb: [1]\ncc: 2\nddddd: {x: 1}\ne: 3\nffffffff: 4\n") ==
        "a: 1\nbbbbbb: [1]\ncc: 2\nddddd: {x: 1}\ne:        3\nffffffff: 4\n");
  CHECK(fmt_checked("a: 1\n\nbbb: 2\n") == "a: 1\n\nbbb: 2\n");
  CHECK(fmt_checked("a: 1\n// c\nbbb: 2\n") == "a: 1\n// c\nbbb: 2\n");
  // A trailing comment does not end the run.
  CHECK(fmt_checked("a: 1 // one\nbbb: 2\n") == "a:   1 // one\nbbb: 2\n");
  CHECK(fmt_checked("u?: int\nvvv!: string\n#W: 1\n") == "u?:   int\nvvv!: string\n#W:   1\n");
  CHECK(fmt_checked("y: 1 @a(x)\nzzzzz: 2\n") == "y:     1 @a(x)\nzzzzz: 2\n");
  // A value spanning lines that is no struct, list or string literal (a disjunction of
  // structs, a conjunction ending in one) lines its first line up with the fields before it,
  // and ends the run; a multi-line string does not (as cue fmt).
  CHECK(fmt_checked("ffff: 1\ng: {\n\th: 1\n} | {\n\ti: 2\n}\njj: 2\nk: 1\n") ==
        "ffff: 1\ng:    {\n\th: 1\n} | {\n\ti: 2\n}\njj: 2\nk:  1\n");
  CHECK(fmt_checked("a: 1\ns: \"\"\"\n\tx\n\t\"\"\"\n") == "a: 1\ns: \"\"\"\n\tx\n\t\"\"\"\n");
}

TEST_CASE("blanks around binary operators follow cue fmt (Go's printer rule)") {
  // Each expectation is cue fmt's output for the same line.
  CHECK(fmt_checked("a: x + y & >=5\n") == "a: x+y & >=5\n");
  CHECK(fmt_checked("b: x * y + z\n") == "b: x*y + z\n");
  CHECK(fmt_checked("c: x + y\n") == "c: x + y\n");
  CHECK(fmt_checked("d: (x + y) * z\n") == "d: (x + y) * z\n");
  CHECK(fmt_checked("f: x + y * z - w\n") == "f: x + y*z - w\n");
  CHECK(fmt_checked("h: x.y + z[0] * f(a + b)\n") == "h: x.y + z[0]*f(a+b)\n");
  CHECK(fmt_checked("i: [x + y, x * y + 1]\n") == "i: [x + y, x*y + 1]\n");
  CHECK(fmt_checked("k: x == y || y * 2 > z\n") == "k: x == y || y*2 > z\n");
  CHECK(fmt_checked("o: f(a + b, c * d + e)\n") == "o: f(a+b, c*d+e)\n");
  CHECK(fmt_checked("q: (a + b * c) * d\n") == "q: (a + b*c) * d\n");
  CHECK(fmt_checked("r: {s: a + b * c} & t\n") == "r: {s: a + b*c} & t\n");
}

TEST_CASE("structs and lists keep one-line or multi-line form") {
  CHECK(fmt_checked("n: {a:1,b:2}\n") == "n: {a: 1, b: 2}\n");
  CHECK(fmt_checked("n: {a:1\nb:2}\n") == "n: {\n\ta: 1\n\tb: 2\n}\n");
  CHECK(fmt_checked("l: [1,2,3]\n") == "l: [1, 2, 3]\n");
  CHECK(fmt_checked("l: [1,\n2]\n") == "l: [\n\t1,\n\t2,\n]\n");
  CHECK(fmt_checked("l: [\n]\ns: {\n}\n") == "l: []\ns: {}\n");
  CHECK(fmt_checked("a: b: c: 1\n") == "a: b: c: 1\n");
  CHECK(fmt_checked("x: {\n\n\n  a: 1\n\n\n\n  b: 2\n\n}\n") == "x: {\n\ta: 1\n\n\tb: 2\n}\n");
}

TEST_CASE("expressions") {
  CHECK(fmt_checked("o: a*2+3\n") == "o: a*2 + 3\n");
  CHECK(fmt_checked("o: 1+2+3\n") == "o: 1 + 2 + 3\n");
  CHECK(fmt_checked("o: (1+2)*3\n") == "o: (1 + 2) * 3\n");
  CHECK(fmt_checked("p: >=0&<=10\n") == "p: >=0 & <=10\n");
  CHECK(fmt_checked("e: *1|2\n") == "e: *1 | 2\n");
  CHECK(fmt_checked("k: len(x)>1&&y==2\n") == "k: len(x) > 1 && y == 2\n");
  CHECK(fmt_checked("f: a.b[0](\"x\",{z:1})\n") == "f: a.b[0](\"x\", {z: 1})\n");
  CHECK(fmt_checked("f: l[1 : n]\ng: l[:2]\nh: l[1:]\n") == "f: l[1:n]\ng: l[:2]\nh: l[1:]\n");
  CHECK(fmt_checked("t: [for x in l if x>1 {x}]\n") == "t: [ for x in l if x > 1 {x}]\n");  // as cue fmt
  CHECK(fmt_checked("h: [N=string]: {n: N}\nX=i: 1\nv: Y=(1)\n") ==
        "h: [N=string]: {n: N}\nX=i: 1\nv:   Y=(1)\n");
  CHECK(fmt_checked("#enum:\n  #A |\n  #B\n") == "#enum:\n\t#A |\n\t#B\n");
  CHECK(fmt_checked("x: #A |\n  #B |\n  #C\n") == "x: #A |\n\t#B |\n\t#C\n");
}

TEST_CASE("comments are kept") {
  CHECK(fmt_checked("// doc\na: 1 // trailing\n") == "// doc\na: 1 // trailing\n");
  CHECK(fmt_checked("a: {\n  // first\n\n  b: 1\n  // last\n}\n") ==
        "a: {\n\t// first\n\n\tb: 1\n\t// last\n}\n");
  CHECK(fmt_checked("l: [\n  // lead\n  1, // one\n  2\n  // tail\n]\n") ==
        "l: [\n\t// lead\n\t1, // one\n\t2,\n\t// tail\n]\n");
  CHECK(fmt_checked("a: 1\n\n\n// end\n") == "a: 1\n\n// end\n");
  CHECK(fmt_checked("s: {a: 1 // c\n}\n") == "s: {\n\ta: 1 // c\n}\n");
}

TEST_CASE("package, imports and clauses") {
  CHECK(fmt_checked("package   x\nimport \"strings\"\nimport (\"list\"\n  j \"encoding/json\")\na: 1\n") ==
        "package x\nimport \"strings\"\nimport (\n\t\"list\"\n\tj \"encoding/json\"\n)\na: 1\n");
  CHECK(fmt_checked("let k = 10\nif k > 1 {kk: k}\nfor i, v in l {\"\\(i)\": v}\n") ==
        "let k = 10\nif k > 1 {kk: k}\nfor i, v in l {\"\\(i)\": v}\n");
  CHECK(fmt_checked("@if(prod)\npackage x\n") == "@if(prod)\npackage x\n");
}

TEST_CASE("multi-line strings are re-indented, values unchanged") {
  CHECK(fmt_checked("m: {\n    y: \"\"\"\n        hello\n          more\n\n        \"\"\"\n}\n") ==
        "m: {\n\ty: \"\"\"\n\t\thello\n\t\t  more\n\n\t\t\"\"\"\n}\n");
  CHECK(fmt_checked("s: '''\n  \\(x) bytes\n  '''\n") == "s: '''\n\t\\(x) bytes\n\t'''\n");
}

TEST_CASE("every .cue file in the repository formats idempotently without changing meaning") {
  std::vector<Error> errors;
  auto files = expand_paths({CFGC_SOURCE_DIR "/examples", CFGC_SOURCE_DIR "/tests/testdata",
                             CFGC_SOURCE_DIR "/schemas"},
                            {".cue"}, errors);
  for (const std::string& path : files) {
    auto content = read_file(path);
    REQUIRE(content);
    fmt_checked(*content, path);
  }
}

TEST_CASE("comprehension clauses keep their line breaks") {
  CHECK(fmt_checked("x: {\n\tfor k, v in a\n\tlet p = v.b\n\tif p > 1 {\n\t\t(k): p\n\t}\n}\n") ==
        "x: {\n\tfor k, v in a\n\tlet p = v.b\n\tif p > 1 {\n\t\t(k): p\n\t}\n}\n");
  CHECK(fmt_checked("x: [for v in a if v > 1 {v}]\n") == "x: [ for v in a if v > 1 {v}]\n");
}

TEST_CASE("a trailing comment stays with the field it follows on a shared line") {
  CHECK(fmt_checked("a: {x: 1, y: 2 // about y\n}\n") == "a: {\n\tx: 1\n\ty: 2 // about y\n}\n");
  CHECK(fmt_checked("a: {x: 1 // about x\n\ty: 2\n}\n") == "a: {\n\tx: 1 // about x\n\ty: 2\n}\n");
}

TEST_CASE("fields written on one line are aligned like the others: a second pass changes nothing") {
  CHECK(fmt_checked("a: 1, bb: 2\nccc: 3\n") == "a:   1\nbb:  2\nccc: 3\n");
  CHECK(fmt_checked("x: {a: 1, bbb: 2\n\tc: 3}\n") == "x: {\n\ta:   1\n\tbbb: 2\n\tc:   3\n}\n");
}
