// The text/template parser: trees (rendered back as template source, as Go's Node.String()
// does), the templates a parse defines, number constants, and parse errors with positions.
#include "compiler/template/template_parser.h"

#include <doctest/doctest.h>

#include <string>

#include "compiler/template/template_test_util.h"

using namespace cfgc::tmpl;
using cfgc::tmpl::testing::parse_error;
using cfgc::tmpl::testing::render;

namespace {

// The tree of template `which` after parsing `text` as "t", rendered as source.
std::string tree(std::string_view text, std::string_view which = "t") {
  TemplateSet set;
  TemplateError err;
  if (!parse_template("t", std::string(text), set, err)) return "error: " + err.message;
  const Tree* t = set.lookup(which);
  if (!t) return "no template " + std::string(which);
  return t->root->str();
}

struct Row {
  const char* input;
  const char* want;
};

const NumberNode& number_of(const TemplateSet& set) {
  const auto* action = static_cast<const ActionNode*>(set.lookup("t")->root->nodes.at(0).get());
  return *static_cast<const NumberNode*>(action->pipe->cmds.at(0)->args.at(0).get());
}

}  // namespace

TEST_CASE("template parser: trees render back as source") {
  const Row rows[] = {
      {"", ""},
      {"a{{.x}}b", "a{{.x}}b"},
      {"{{- .x -}}", "{{.x}}"},
      {"{{.a.b.c}}", "{{.a.b.c}}"},
      {"{{$}} {{$.a}}", "{{$}} {{$.a}}"},
      {"{{.x | printf \"%d\" | len}}", "{{.x | printf \"%d\" | len}}"},
      {"{{$x := 1}}{{$x = 2}}{{$x.y}}", "{{$x := 1}}{{$x = 2}}{{$x.y}}"},
      {"{{(.a).b}}", "{{(.a).b}}"},
      {"{{(index . 1).name.first}}", "{{(index . 1).name.first}}"},
      {"{{print (len .x) `raw` 'c' 1.5 true nil}}", "{{print (len .x) `raw` 'c' 1.5 true nil}}"},
      {"{{if .x}}a{{end}}", "{{if .x}}a{{end}}"},
      {"{{if .x}}a{{else}}b{{end}}", "{{if .x}}a{{else}}b{{end}}"},
      // else if is an if inside the else branch, closed by the same {{end}}.
      {"{{if .x}}a{{else if .y}}b{{else}}c{{end}}",
       "{{if .x}}a{{else}}{{if .y}}b{{else}}c{{end}}{{end}}"},
      {"{{with .x}}a{{else with .y}}b{{end}}", "{{with .x}}a{{else}}{{with .y}}b{{end}}{{end}}"},
      {"{{range $i, $v := .list}}{{$i}}:{{$v}}{{else}}none{{end}}",
       "{{range $i, $v := .list}}{{$i}}:{{$v}}{{else}}none{{end}}"},
      {"{{range .}}{{if .}}{{break}}{{end}}{{continue}}{{end}}",
       "{{range .}}{{if .}}{{break}}{{end}}{{continue}}{{end}}"},
      {"{{with $x := .a}}{{$x.b}}{{end}}", "{{with $x := .a}}{{$x.b}}{{end}}"},
      {"{{template \"x\"}}{{template `y` .z}}", "{{template \"x\"}}{{template \"y\" .z}}"},
      {"a{{/* note */}}b", "a{{/* note */}}b"},
      {"{{block \"b\" .}}inner{{end}}", "{{template \"b\" .}}"},
  };
  for (const Row& r : rows) CHECK_MESSAGE(tree(r.input) == r.want, r.input);
}

TEST_CASE("template parser: define and block make templates") {
  CHECK(tree("{{define \"T\"}}<{{.}}>{{end}}main", "T") == "<{{.}}>");
  CHECK(tree("{{define \"T\"}}<{{.}}>{{end}}main") == "main");
  CHECK(tree("{{block \"b\" .x}}in{{.}}{{end}}", "b") == "in{{.}}");
  // A template of only white space and definitions leaves a same-named definition in place.
  CHECK(tree("{{define \"t\"}}body{{end}}\n") == "body");
  // An empty definition does not replace a full one.
  CHECK(tree("{{define \"a\"}}x{{end}}{{define \"a\"}} {{end}}", "a") == "x");
  TemplateSet set;
  TemplateError err;
  REQUIRE(parse_template("t", "{{define \"a\"}}{{end}}{{define \"b\"}}{{end}}x", set, err));
  CHECK(set.trees.size() == 3);
  CHECK(set.lookup("a")->parse_name == "t");
}

TEST_CASE("template parser: number constants") {
  struct Num {
    const char* text;
    bool is_int, is_uint, is_float;
    int64_t i;
    double f;
  };
  const Num nums[] = {
      {"0", true, true, true, 0, 0},
      {"-0", true, true, true, 0, 0},
      {"42", true, true, true, 42, 42},
      {"-7", true, false, true, -7, -7},
      {"+7", true, false, true, 7, 7},
      {"0x1F", true, true, true, 31, 31},
      {"0o17", true, true, true, 15, 15},
      {"017", true, true, true, 15, 15},
      {"0b101", true, true, true, 5, 5},
      {"1_000", true, true, true, 1000, 1000},
      {"1.5", false, false, true, 0, 1.5},
      {"2.0", true, true, true, 2, 2},
      {"1e3", true, true, true, 1000, 1000},
      {".5", false, false, true, 0, 0.5},
      {"0x1p-2", false, false, true, 0, 0.25},
      {"'a'", true, true, true, 97, 97},
      {"'\\n'", true, true, true, 10, 10},
      {"'é'", true, true, true, 233, 233},
      {"18446744073709551615", false, true, true, 0, 18446744073709551615.0},
  };
  for (const Num& n : nums) {
    TemplateSet set;
    TemplateError err;
    REQUIRE_MESSAGE(parse_template("t", std::string("{{") + n.text + "}}", set, err), n.text);
    const NumberNode& node = number_of(set);
    CHECK_MESSAGE(node.is_int == n.is_int, n.text);
    CHECK_MESSAGE(node.is_uint == n.is_uint, n.text);
    CHECK_MESSAGE(node.is_float == n.is_float, n.text);
    if (n.is_int) CHECK_MESSAGE(node.int64 == n.i, n.text);
    CHECK_MESSAGE(node.float64 == n.f, n.text);
    CHECK(node.text == n.text);
  }
}

TEST_CASE("template parser: errors") {
  const Row rows[] = {
      // Lexical errors, at the failing token.
      {"{{.x", "template: t:1:4: unclosed action"},
      {"{{3x}}", "template: t:1:2: bad number syntax: \"3x\""},
      {"{{\"abc}}", "template: t:1:2: unterminated quoted string"},
      {"{{(1}}", "template: t:1:4: unclosed left paren"},
      {"{{1)}}", "template: t:1:3: unexpected right paren"},
      {"{{/* a */ }}", "template: t:1:2: comment ends before closing delimiter"},
      {"{{.x\n\n\"abc", "template: t:3:0: unterminated quoted string in action started at t:1"},
      {"{{.x\n\n", "template: t:3:0: unclosed action started at t:1"},
      // Structure.
      {"{{if .x}}a", "template: t:1:10: unexpected EOF"},
      {"{{end}}", "template: t:1:5: unexpected {{end}}"},
      {"a{{else}}", "template: t:1:7: unexpected {{else}}"},
      {"{{if .x}}{{else}}{{else}}{{end}}", "template: t:1:23: expected end; found {{else}}"},
      {"{{define \"a\"}}x{{else}}y{{end}}", "template: t:1:21: unexpected {{else}} in define clause"},
      {"{{define a}}{{end}}", "template: t:1:9: unexpected \"a\" in define clause"},
      {"{{define \"a\" .}}{{end}}", "template: t:1:13: unexpected <.> in define clause"},
      {"{{if .x}}{{define \"a\"}}{{end}}{{end}}", "template: t:1:11: unexpected <define> in command"},
      {"{{define \"a\"}}x{{end}}{{define \"a\"}}y{{end}}",
       "template: t:1:42: template: multiple definition of template \"a\""},
      {"{{template .x}}", "template: t:1:11: unexpected \".x\" in template clause"},
      {"{{block \"b\"}}{{end}}", "template: t:1:11: missing value for block clause"},
      // Pipelines and operands.
      {"{{}}", "template: t:1:2: missing value for command"},
      {"{{if}}{{end}}", "template: t:1:4: missing value for if"},
      {"{{range}}{{end}}", "template: t:1:7: missing value for range"},
      {"{{.x | 1}}", "template: t:1:7: non executable command in pipeline stage 2"},
      {"{{1 | .x | \"s\"}}", "template: t:1:11: non executable command in pipeline stage 3"},
      {"{{#}}", "template: t:1:2: unexpected \"#\" in command"},
      {"{{.x #}}", "template: t:1:5: unexpected \"#\" in operand"},
      {"{{.x.}}", "template: t:1:4: unexpected <.> in operand"},
      {"{{\"a\".b}}", "template: t:1:5: unexpected . after term \"\\\"a\\\"\""},
      {"{{foo}}", "template: t:1:2: function \"foo\" not defined"},
      {"line1\n{{if .x}}\n{{.y | nofunc}}\n{{end}}", "template: t:3:7: function \"nofunc\" not defined"},
      // Variables.
      {"{{$x}}", "template: t:1:2: undefined variable \"$x\""},
      {"{{if true}}{{$x := 1}}{{end}}{{$x}}", "template: t:1:31: undefined variable \"$x\""},
      {"{{$x := 1}}{{define \"d\"}}{{$x}}{{end}}", "template: t:1:27: undefined variable \"$x\""},
      {"{{with $a, $b := .}}{{end}}", "template: t:1:9: too many declarations in with"},
      {"{{range $a, $b, $c := .}}{{end}}", "template: t:1:14: too many declarations in range"},
      {"{{range $a, 3}}{{end}}", "template: t:1:12: range can only initialize variables"},
      // break and continue.
      {"{{range .}}{{end}}{{break}}", "template: t:1:20: {{break}} outside {{range}}"},
      {"{{continue}}", "template: t:1:2: {{continue}} outside {{range}}"},
      {"{{range .}}{{else}}{{break}}{{end}}", "template: t:1:21: {{break}} outside {{range}}"},
      {"{{range .}}{{break 1}}{{end}}", "template: t:1:19: unexpected \"1\" in {{break}}"},
      {"{{range .}}{{template \"d\"}}{{end}}{{define \"d\"}}{{break}}{{end}}",
       "template: t:1:50: {{break}} outside {{range}}"},
      // Constants.
      {"{{99999999999999999999}}", "template: t:1:2: integer overflow: \"99999999999999999999\""},
      {"{{09}}", "template: t:1:2: integer overflow: \"09\""},
      {"{{1e400}}", "template: t:1:2: illegal number syntax: \"1e400\""},
      {"{{0x1.8}}", "template: t:1:2: illegal number syntax: \"0x1.8\""},
      {"{{-}}", "template: t:1:2: illegal number syntax: \"-\""},
      {"{{'ab'}}", "template: t:1:2: malformed character constant: 'ab'"},
      {"{{''}}", "template: t:1:2: invalid syntax"},
      {"{{\"\\q\"}}", "template: t:1:2: invalid syntax"},
      {"{{1i}}", "template: t:1:2: complex number 1i is not supported"},
  };
  for (const Row& r : rows) CHECK_MESSAGE(parse_error(r.input) == r.want, r.input);
}

TEST_CASE("template parser: strings are unquoted as Go does") {
  CHECK(render("{{\"a\\tb\\x41\\u00e9\\U0001F600\\101\\\\\\\"\"}}") == "a\tbAé😀A\\\"");
  CHECK(render("{{`a\\n\r\nb`}}") == "a\\n\nb");  // raw: no escapes, carriage returns dropped
}

TEST_CASE("template parser: nesting is bounded") {
  std::string deep_parens = "{{" + std::string(600, '(') + "1" + std::string(600, ')') + "}}";
  CHECK(parse_error(deep_parens) == "template: t:1:502: max expression depth exceeded");
  std::string ok_parens = "{{" + std::string(400, '(') + "1" + std::string(400, ')') + "}}";
  CHECK(render(ok_parens) == "1");
  std::string deep_ifs;
  for (int i = 0; i < 600; ++i) deep_ifs += "{{if 1}}";
  for (int i = 0; i < 600; ++i) deep_ifs += "{{end}}";
  CHECK(parse_error(deep_ifs) == "template: t:1:4002: max nesting depth exceeded");
  std::string ok_ifs;
  for (int i = 0; i < 400; ++i) ok_ifs += "{{if 1}}";
  ok_ifs += "x";
  for (int i = 0; i < 400; ++i) ok_ifs += "{{end}}";
  CHECK(render(ok_ifs) == "x");
  ParseOptions shallow;
  shallow.max_depth = 2;
  TemplateSet set;
  TemplateError err;
  CHECK_FALSE(parse_template("t", "{{(((1)))}}", set, err, shallow));
  CHECK(err.message == "template: t:1:4: max expression depth exceeded");
  CHECK(err.line == 1);
  CHECK(err.col == 4);
}

TEST_CASE("template parser: extra functions") {
  ParseOptions opts;
  opts.functions = {"upper"};
  TemplateSet set;
  TemplateError err;
  CHECK(parse_template("t", "{{upper .x}}", set, err, opts));
  CHECK_FALSE(parse_template("t", "{{lower .x}}", set, err, opts));
  // A function named break makes break an identifier.
  opts.functions = {"break"};
  CHECK(parse_template("t", "{{break}}", set, err, opts));
}
