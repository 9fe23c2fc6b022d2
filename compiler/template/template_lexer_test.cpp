// The text/template lexer: items as Go's lexer produces them (Type:text), trim markers,
// comments and lexical errors.
#include "compiler/template/template_lexer.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace cfgc::tmpl;

namespace {

// "Type:text" per item, space separated; the Eof item is "Eof".
std::string items(std::string_view input, const LexOptions& opts = {}) {
  std::string out;
  for (const Item& it : lex_template(input, opts)) {
    if (!out.empty()) out += ' ';
    out += item_type_name(it.type);
    if (it.type != ItemType::Eof) {
      out += ':';
      out += it.val;
    }
  }
  return out;
}

struct Row {
  const char* input;
  const char* want;
};

}  // namespace

TEST_CASE("template lexer: items") {
  const Row rows[] = {
      {"", "Eof"},
      {"plain text", "Text:plain text Eof"},
      {"a{{.x}}b", "Text:a LeftDelim:{{ Field:.x RightDelim:}} Text:b Eof"},
      {"{{.}}", "LeftDelim:{{ Dot:. RightDelim:}} Eof"},
      {"{{.a.b}}", "LeftDelim:{{ Field:.a Field:.b RightDelim:}} Eof"},
      {"{{$}}", "LeftDelim:{{ Variable:$ RightDelim:}} Eof"},
      {"{{$x.y}}", "LeftDelim:{{ Variable:$x Field:.y RightDelim:}} Eof"},
      {"{{$x := 1}}", "LeftDelim:{{ Variable:$x Space:  Declare::= Space:  Number:1 RightDelim:}} Eof"},
      {"{{$x = 1}}", "LeftDelim:{{ Variable:$x Space:  Assign:= Space:  Number:1 RightDelim:}} Eof"},
      {"{{range $i, $v := .}}",
       "LeftDelim:{{ Range:range Space:  Variable:$i Char:, Space:  Variable:$v Space:  Declare::= "
       "Space:  Dot:. RightDelim:}} Eof"},
      {"{{.x | printf \"%d\"}}",
       "LeftDelim:{{ Field:.x Space:  Pipe:| Space:  Identifier:printf Space:  String:\"%d\" "
       "RightDelim:}} Eof"},
      {"{{(len .)}}", "LeftDelim:{{ LeftParen:( Identifier:len Space:  Dot:. RightParen:) RightDelim:}} Eof"},
      {"{{(.a).b}}", "LeftDelim:{{ LeftParen:( Field:.a RightParen:) Field:.b RightDelim:}} Eof"},
      {"{{`raw\nstr`}}", "LeftDelim:{{ RawString:`raw\nstr` RightDelim:}} Eof"},
      {"{{'a' '\\n'}}", "LeftDelim:{{ CharConstant:'a' Space:  CharConstant:'\\n' RightDelim:}} Eof"},
      {"{{true false nil}}", "LeftDelim:{{ Bool:true Space:  Bool:false Space:  Nil:nil RightDelim:}} Eof"},
      {"{{1 -2 +3 0x1F 1_000 .5 1e3 0x1p-2 'x'}}",
       "LeftDelim:{{ Number:1 Space:  Number:-2 Space:  Number:+3 Space:  Number:0x1F Space:  "
       "Number:1_000 Space:  Number:.5 Space:  Number:1e3 Space:  Number:0x1p-2 Space:  "
       "CharConstant:'x' RightDelim:}} Eof"},
      {"{{1+2i}}", "LeftDelim:{{ Complex:1+2i RightDelim:}} Eof"},
      {"{{if}}{{else}}{{end}}{{with}}{{range}}{{define}}{{template}}{{block}}{{break}}{{continue}}",
       "LeftDelim:{{ If:if RightDelim:}} LeftDelim:{{ Else:else RightDelim:}} LeftDelim:{{ End:end "
       "RightDelim:}} LeftDelim:{{ With:with RightDelim:}} LeftDelim:{{ Range:range RightDelim:}} "
       "LeftDelim:{{ Define:define RightDelim:}} LeftDelim:{{ Template:template RightDelim:}} "
       "LeftDelim:{{ Block:block RightDelim:}} LeftDelim:{{ Break:break RightDelim:}} LeftDelim:{{ "
       "Continue:continue RightDelim:}} Eof"},
      {"{{héllo_1}}", "LeftDelim:{{ Identifier:héllo_1 RightDelim:}} Eof"},
      {"{{,@#}}", "LeftDelim:{{ Char:, Char:@ Char:# RightDelim:}} Eof"},
      // Newlines are white space inside actions.
      {"{{.a\n|\nprint}}",
       "LeftDelim:{{ Field:.a Space:\n Pipe:| Space:\n Identifier:print RightDelim:}} Eof"},
  };
  for (const Row& r : rows) CHECK_MESSAGE(items(r.input) == r.want, r.input);
}

TEST_CASE("template lexer: trim markers and comments") {
  const Row rows[] = {
      {"a  {{- .x -}}  b", "Text:a LeftDelim:{{ Field:.x RightDelim:}} Text:b Eof"},
      {"a \n\t{{- 3}}", "Text:a LeftDelim:{{ Number:3 RightDelim:}} Eof"},
      {"{{3 -}}\n\n b", "LeftDelim:{{ Number:3 RightDelim:}} Text:b Eof"},
      // Two spaces before -}}: one separates, the other belongs to the marker.
      {"{{3  -}} b", "LeftDelim:{{ Number:3 Space:  RightDelim:}} Text:b Eof"},
      // Without a space, '-' is a sign.
      {"{{-3}}", "LeftDelim:{{ Number:-3 RightDelim:}} Eof"},
      {"{{- -3 -}}", "LeftDelim:{{ Number:-3 RightDelim:}} Eof"},
      // Text trimmed away entirely is not an item.
      {"{{1}}  \n  {{- 2}}", "LeftDelim:{{ Number:1 RightDelim:}} LeftDelim:{{ Number:2 RightDelim:}} Eof"},
      {"a{{/* comment */}}b", "Text:a Comment:/* comment */ Text:b Eof"},
      {"a {{- /* multi\nline */ -}} b", "Text:a Comment:/* multi\nline */ Text:b Eof"},
  };
  for (const Row& r : rows) CHECK_MESSAGE(items(r.input) == r.want, r.input);
}

TEST_CASE("template lexer: other delimiters") {
  LexOptions o;
  o.left_delim = "<<";
  o.right_delim = ">>";
  CHECK(items("a<<.x>>{{b}}", o) == "Text:a LeftDelim:<< Field:.x RightDelim:>> Text:{{b}} Eof");
  CHECK(items("a <<- .x ->> b", o) == "Text:a LeftDelim:<< Field:.x RightDelim:>> Text:b Eof");
}

TEST_CASE("template lexer: errors end the items") {
  const Row rows[] = {
      {"{{.x", "LeftDelim:{{ Field:.x Error:unclosed action"},
      {"{{", "LeftDelim:{{ Error:unclosed action"},
      {"{{\"abc}}", "LeftDelim:{{ Error:unterminated quoted string"},
      {"{{\"a\nb\"}}", "LeftDelim:{{ Error:unterminated quoted string"},
      {"{{`abc}}", "LeftDelim:{{ Error:unterminated raw quoted string"},
      {"{{'a}}", "LeftDelim:{{ Error:unterminated character constant"},
      {"{{3x}}", "LeftDelim:{{ Error:bad number syntax: \"3x\""},
      {"{{1-1}}", "LeftDelim:{{ Error:bad number syntax: \"1-1\""},
      {"{{.x!}}", "LeftDelim:{{ Error:bad character U+0021 '!'"},
      {"{{a!}}", "LeftDelim:{{ Error:bad character U+0021 '!'"},
      {"{{\x01}}", "LeftDelim:{{ Error:unrecognized character in action: U+0001"},
      {"{{x:y}}", "LeftDelim:{{ Identifier:x Error:expected :="},
      {"{{(1}}", "LeftDelim:{{ LeftParen:( Number:1 Error:unclosed left paren"},
      {"{{1)}}", "LeftDelim:{{ Number:1 Error:unexpected right paren"},
      {"{{/* a }}", "Error:unclosed comment"},
      {"{{/* a */ }}", "Error:comment ends before closing delimiter"},
  };
  for (const Row& r : rows) CHECK_MESSAGE(items(r.input) == r.want, r.input);
}

TEST_CASE("template lexer: positions and lines") {
  auto its = lex_template("ab\n{{.x\n| len}}\nc");
  REQUIRE(its.size() == 10);
  CHECK(its[0].pos == 0);
  CHECK(its[0].line == 1);
  CHECK(its[1].type == ItemType::LeftDelim);
  CHECK(its[1].pos == 3);
  CHECK(its[1].line == 2);
  CHECK(its[2].val == ".x");
  CHECK(its[2].pos == 5);
  CHECK(its[4].type == ItemType::Pipe);
  CHECK(its[4].line == 3);
  CHECK(its[8].type == ItemType::Text);
  CHECK(its[8].line == 3);  // the text starts with the newline that ends line 3
}

TEST_CASE("template lexer: item strings for parse errors") {
  auto s = [](ItemType t, std::string v) { return item_string(Item{t, 0, 1, std::move(v)}); };
  CHECK(s(ItemType::Eof, "") == "EOF");
  CHECK(s(ItemType::Error, "unclosed action") == "unclosed action");
  CHECK(s(ItemType::End, "end") == "<end>");
  CHECK(s(ItemType::Dot, ".") == "<.>");
  CHECK(s(ItemType::Char, "#") == "\"#\"");
  CHECK(s(ItemType::Text, "0123456789abc") == "\"0123456789\"...");
}
