// Executing templates: every text/template feature against the output Go produces for the same
// data decoded into interface{} values, errors with their positions, and the limits.
#include "compiler/template/template_exec.h"

#include <doctest/doctest.h>

#include <string>

#include "compiler/template/template_test_util.h"

using namespace cfgc::tmpl;
using cfgc::tmpl::testing::json;
using cfgc::tmpl::testing::render;

namespace {

const char* const kData = R"({
  "name": "leaf1", "asn": 65001, "mtu": 9000, "ratio": 1.50, "up": true, "down": false,
  "empty": "", "zero": 0, "nothing": null,
  "list": [1, 2, 3], "strs": ["a", "b"], "none": [], "four": [1, 2, 3, 4],
  "m": {"b": 2, "a": 1, "c": 3}, "emptymap": {},
  "nested": {"x": {"y": "deep"}},
  "peers": [{"ip": "10.0.0.1", "asn": 65002}, {"ip": "10.0.0.2", "asn": 65003}]
})";

std::string run(std::string_view text) { return render(text, json(kData)); }

struct Row {
  const char* text;
  const char* want;
};

void check_rows(std::initializer_list<Row> rows) {
  for (const Row& r : rows) CHECK_MESSAGE(run(r.text) == r.want, r.text);
}

}  // namespace

TEST_CASE("template exec: text, fields and printing") {
  check_rows({
      {"hello", "hello"},
      {"{{.name}}", "leaf1"},
      {"{{.asn}} {{.mtu}}", "65001 9000"},
      {"{{.ratio}}", "1.50"},  // a float keeps its decimal text
      {"{{.up}} {{.down}}", "true false"},
      {"{{.nested.x.y}}", "deep"},
      {"{{.list}} {{.strs}} {{.none}}", "[1 2 3] [a b] []"},
      {"{{.m}}", "map[a:1 b:2 c:3]"},
      {"{{.peers}}", "[map[asn:65002 ip:10.0.0.1] map[asn:65003 ip:10.0.0.2]]"},
      // Missing keys and null print as <no value>; as function arguments they are nil.
      {"{{.missing}}|{{.missing.deeper}}|{{.nothing}}", "<no value>|<no value>|<no value>"},
      {"{{print .missing}} {{print .nothing}}", "<nil> <nil>"},
      {"{{.missing | print}}", "<nil>"},
      // Constants.
      {"{{1.5}} {{1.0}} {{1e6}} {{0x10}} {{'a'}} {{-0}} {{\"s\"}} {{true}}",
       "1.5 1 1e+06 16 97 0 s true"},
      {"{{print 1.5 2}}", "1.5 2"},
  });
  CHECK(render("{{.}}", TemplateValue::string("hi")) == "hi");
  CHECK(render("{{.}}") == "<no value>");  // nil data
  CHECK(render("{{.x}}") == "<no value>");
  CHECK(render("{{.}}", json("[1, null]")) == "[1 <nil>]");
}

TEST_CASE("template exec: trim markers and comments") {
  check_rows({
      {"a  {{- .name -}}  b", "aleaf1b"},
      {"a {{- /* comment */ -}} b", "ab"},
      {"a{{/* multi\nline */}}b", "ab"},
      {"{{- range .peers}}\n neighbor {{.ip}} remote-as {{.asn}}\n{{- end}}\n",
       "\n neighbor 10.0.0.1 remote-as 65002\n neighbor 10.0.0.2 remote-as 65003\n"},
      {"{{3 -}} \n\t x", "3x"},
      {"{{-3}}", "-3"},
  });
}

TEST_CASE("template exec: truthiness as Go defines it") {
  for (const char* yes : {"up", "name", "asn", "ratio", "list", "m", "nested"}) {
    CHECK_MESSAGE(run(std::string("{{if .") + yes + "}}T{{else}}F{{end}}") == "T", yes);
  }
  for (const char* no : {"down", "empty", "zero", "nothing", "missing", "none", "emptymap"}) {
    CHECK_MESSAGE(run(std::string("{{if .") + no + "}}T{{else}}F{{end}}") == "F", no);
  }
  check_rows({
      {"{{if 0.0}}T{{else}}F{{end}}", "F"},
      {"{{if .down}}a{{else if .zero}}b{{else if .up}}c{{else}}d{{end}}", "c"},
      {"{{if .down}}a{{else if .zero}}b{{end}}", ""},
      {"{{if and .up (not .down)}}yes{{end}}", "yes"},
  });
}

TEST_CASE("template exec: with") {
  check_rows({
      {"{{with .nested.x}}{{.y}}{{end}}", "deep"},
      {"{{with .missing}}x{{else}}none{{end}}", "none"},
      {"{{with .down}}x{{else with .name}}{{.}}{{end}}", "leaf1"},
      {"{{with .down}}x{{else with .zero}}y{{else}}z{{end}}", "z"},
      {"{{with $x := .asn}}{{$x}}-{{.}}{{end}}", "65001-65001"},
      {"{{with .peers}}{{len .}}{{end}}", "2"},
  });
}

TEST_CASE("template exec: range") {
  check_rows({
      {"{{range .list}}[{{.}}]{{end}}", "[1][2][3]"},
      {"{{range $i, $v := .strs}}{{$i}}={{$v}} {{end}}", "0=a 1=b "},
      {"{{range $v := .strs}}{{$v}}{{end}}", "ab"},
      // Maps are visited in key order.
      {"{{range $k, $v := .m}}{{$k}}={{$v}};{{end}}", "a=1;b=2;c=3;"},
      {"{{range .m}}{{.}}{{end}}", "123"},
      {"{{range .none}}x{{else}}empty{{end}}", "empty"},
      {"{{range .missing}}x{{else}}nothing{{end}}", "nothing"},
      {"{{range .nothing}}x{{else}}null{{end}}", "null"},
      {"{{range .emptymap}}x{{else}}e{{end}}", "e"},
      {"{{range .four}}{{if eq . 2}}{{continue}}{{end}}{{if eq . 4}}{{break}}{{end}}{{.}}{{end}}",
       "13"},
      {"{{range .four}}{{break}}{{else}}never{{end}}", ""},
      // Integers range from 0.
      {"{{range 3}}{{.}}{{end}}", "012"},
      {"{{range $i := 3}}{{$i}}{{end}}", "012"},
      {"{{range 0}}x{{else}}none{{end}}", "none"},
      // $ is the data; variables of enclosing scopes stay visible.
      {"{{range .strs}}{{$.name}}-{{.}} {{end}}", "leaf1-a leaf1-b "},
      {"{{range $p := .peers}}{{range $.strs}}{{$p.ip}}{{.}} {{end}}{{end}}",
       "10.0.0.1a 10.0.0.1b 10.0.0.2a 10.0.0.2b "},
      // Assignment reaches variables outside the range.
      {"{{$last := \"\"}}{{range .strs}}{{$last = .}}{{end}}{{$last}}", "b"},
      {"{{$n := 0}}{{range .four}}{{if gt . 2}}{{$n = .}}{{break}}{{end}}{{end}}{{$n}}", "3"},
      {"{{$i := 0}}{{$v := \"\"}}{{range $i, $v = .strs}}{{end}}{{$i}}{{$v}}", "1b"},
  });
}

TEST_CASE("template exec: variables") {
  check_rows({
      {"{{$x := .name}}{{$x}}", "leaf1"},
      {"{{$x := 5}}", ""},  // a declaration prints nothing
      {"{{$x := 1}}{{$x = 2}}{{$x}}", "2"},
      {"{{$p := index .peers 0}}{{$p.asn}} {{$p.ip}}", "65002 10.0.0.1"},
      {"{{$.name}} {{$.nested.x.y}}", "leaf1 deep"},
      {"{{$x := 1}}{{if true}}{{$x := 2}}{{$x}}{{end}}{{$x}}", "21"},
      {"{{$x := 1}}{{if true}}{{$x = 2}}{{end}}{{$x}}", "2"},
      {"{{with $x := 1}}{{end}}{{$y := 3}}{{$y}}", "3"},
  });
}

TEST_CASE("template exec: pipelines and chains") {
  check_rows({
      {"{{.name | len | printf \"%03d\"}}", "005"},
      {"{{\"x\" | printf \"%s-%s\" \"y\"}}", "y-x"},
      {"{{(len .list) | printf \"%d!\"}}", "3!"},
      {"{{(index .peers 0).ip}}", "10.0.0.1"},
      {"{{(.nested).x.y}}", "deep"},
      {"{{1 | and 2}}", "1"},
      {"{{.name | printf \"%q\"}}", "\"leaf1\""},
  });
}

TEST_CASE("template exec: define, template and block") {
  check_rows({
      {"{{define \"T\"}}<{{.}}>{{end}}{{template \"T\" .name}}", "<leaf1>"},
      {"{{define \"T\"}}<{{.}}>{{end}}{{template \"T\"}}", "<<no value>>"},
      {"{{define \"T\"}}{{$}}/{{.}}{{end}}{{template \"T\" 5}}", "5/5"},
      {"{{define \"peer\"}}{{.ip}}:{{.asn}}{{end}}{{range .peers}}{{template \"peer\" .}} {{end}}",
       "10.0.0.1:65002 10.0.0.2:65003 "},
      {"{{block \"b\" .name}}[{{.}}]{{end}}", "[leaf1]"},
      {"{{template \"b\" 1}}{{block \"b\" 2}}<{{.}}>{{end}}", "<1><2>"},
  });
  auto tree = json(R"({"name": "a", "kids": [{"name": "b", "kids": [{"name": "c", "kids": []}]},
                                            {"name": "d", "kids": []}]})");
  CHECK(render("{{define \"n\"}}{{.name}}({{range .kids}}{{template \"n\" .}}{{end}}){{end}}"
               "{{template \"n\" .}}",
               tree) == "a(b(c())d())");
  // A defined template can be executed by name.
  TemplateSet set;
  TemplateError err;
  REQUIRE(parse_template("t", "{{define \"T\"}}<{{.}}>{{end}}main", set, err));
  std::string out;
  REQUIRE(execute_template(set, "T", TemplateValue::integer(7), out, err));
  CHECK(out == "<7>");
  CHECK_FALSE(execute_template(set, "zz", {}, out, err));
  CHECK(err.message == "template: no template \"zz\" associated with template \"t\"");
}

TEST_CASE("template exec: logic and comparison builtins") {
  check_rows({
      {"{{and 1 0 2}} {{and 1 2}} {{or 0 \"\" \"x\"}} {{or 0 \"\"}}|", "0 2 x |"},
      {"{{and .up .name}} {{or .missing \"default\"}}", "leaf1 default"},
      {"{{and .missing 1}}", "<no value>"},
      // and / or stop at the deciding argument: the failing index is not evaluated.
      {"{{or 1 (index .list 10)}} {{and 0 (index .list 10)}}", "1 0"},
      {"{{not .up}} {{not .missing}} {{not 0}} {{not \"\"}}", "false true true true"},
      {"{{eq .asn 65001}} {{eq .name \"x\" \"leaf1\"}} {{eq .ratio 1.5}}", "true true true"},
      {"{{ne 1 2}} {{lt 1 2}} {{le 2 2}} {{gt \"b\" \"a\"}} {{ge 1.5 2.5}}", "true true true true false"},
      {"{{eq .missing .nothing}} {{eq .name .missing}} {{eq .missing nil}}", "true false true"},
      {"{{eq (index .strs 0) \"a\"}}", "true"},
  });
}

TEST_CASE("template exec: len, index and slice") {
  check_rows({
      {"{{len .name}} {{len \"héllo\"}} {{len .list}} {{len .m}} {{len .none}}", "5 6 3 3 0"},
      {"{{index .list 1}} {{index .m \"b\"}} {{index .peers 1 \"ip\"}} {{index \"abc\" 1}}",
       "2 2 10.0.0.2 98"},
      {"{{index .m \"zz\"}}", "<no value>"},
      {"{{index .list}}", "[1 2 3]"},
      {"{{slice \"abcde\" 1 3}} {{slice .list 1}} {{slice .list}} {{slice .four 1 2 3}} {{slice .list 3}}",
       "bc [2 3] [1 2 3] [2] []"},
      {"{{slice .name 2}}", "af1"},
  });
}

TEST_CASE("template exec: print, printf, println and escapers") {
  check_rows({
      {"{{print 1 2 \"a\" 3 \"b\" \"c\"}}", "1 2a3bc"},
      {"{{println 1 \"a\"}}", "1 a\n"},
      {"{{printf \"%s=%d\" .name .asn}}", "leaf1=65001"},
      {"{{printf \"%5.1f|%-6s|%03d\" .ratio \"x\" 7}}", "  1.5|x     |007"},
      {"{{printf \"%v %v\" .nothing .missing}}", "<nil> <nil>"},
      {"{{printf \"%d\"}} {{printf \"%d %s\" \"x\" 5}}", "%!d(MISSING) %!d(string=x) %!s(int=5)"},
      {"{{printf \"%v|%T\" .list .m}}", "[1 2 3]|map[string]interface {}"},
      {R"({{html "<a href=\"x\">'&'</a>"}})", "&lt;a href=&#34;x&#34;&gt;&#39;&amp;&#39;&lt;/a&gt;"},
      {"{{html .missing}} {{.missing | html}} {{html 1 2}} {{html \"a\" 1}}",
       "&lt;no value&gt; &lt;no value&gt; 1 2 a1"},
      {R"({{js "it's <b>\"x\" & y=1\\\n"}})", R"(it\'s \u003Cb\u003E\"x\" \u0026 y\u003D1\\\u000A)"},
      {"{{urlquery \"a b&c=d/é\"}} {{.name | urlquery}}", "a+b%26c%3Dd%2F%C3%A9 leaf1"},
  });
}

TEST_CASE("template exec: errors carry the template, line, column and action") {
  check_rows({
      {"{{.name.first}}",
       "error: template: t:1:7: executing \"t\" at <.name.first>: can't evaluate field first in "
       "type interface {}"},
      {"{{.nothing.x}}",
       "error: template: t:1:10: executing \"t\" at <.nothing.x>: nil pointer evaluating "
       "interface {}.x"},
      {"{{$x := .name}}{{$x.y}}",
       "error: template: t:1:19: executing \"t\" at <$x.y>: can't evaluate field y in type string"},
      {"{{.name 1}}", "error: template: t:1:2: executing \"t\" at <.name>: name is not a method but has arguments"},
      {"{{1 2}}", "error: template: t:1:2: executing \"t\" at <1>: can't give argument to non-function 1"},
      {"{{nil}}", "error: template: t:1:2: executing \"t\" at <nil>: nil is not a command"},
      {"{{template \"nope\"}}",
       "error: template: t:1:11: executing \"t\" at <{{template \"nope\"}}>: template \"nope\" not defined"},
      {"{{index .list 3}}",
       "error: template: t:1:2: executing \"t\" at <index .list 3>: error calling index: index out of range: 3"},
      {"{{index .list 1 2 3 4 5 6}}",
       "error: template: t:1:2: executing \"t\" at <index .list 1 2 3 4 ...>: error calling index: "
       "can't index item of type int"},
      {"{{range .name}}{{end}}",
       "error: template: t:1:8: executing \"t\" at <.name>: range can't iterate over leaf1"},
      {"{{range $i, $j := 3}}{{end}}",
       "error: template: t:1:18: executing \"t\" at <3>: can't use 3 to iterate over more than one variable"},
      {"{{printf 3}}", "error: template: t:1:9: executing \"t\" at <3>: expected string; found 3"},
      {"{{printf .asn}}",
       "error: template: t:1:9: executing \"t\" at <.asn>: wrong type for value; expected string; got int"},
      {"{{printf .missing}}",
       "error: template: t:1:9: executing \"t\" at <.missing>: invalid value; expected string"},
      {"{{printf nil}}", "error: template: t:1:9: executing \"t\" at <nil>: cannot assign nil to string"},
      {"{{len}}", "error: template: t:1:2: executing \"t\" at <len>: wrong number of args for len: want 1 got 0"},
      {"{{not 1 2}}", "error: template: t:1:2: executing \"t\" at <not>: wrong number of args for not: want 1 got 2"},
      {"{{and}}", "error: template: t:1:2: executing \"t\" at <and>: wrong number of args for and: want at least 1 got 0"},
      {"{{printf}}", "error: template: t:1:2: executing \"t\" at <printf>: wrong number of args for printf: want at least 1 got 0"},
      {"{{print len}}",
       "error: template: t:1:8: executing \"t\" at <len>: wrong number of args for len: want 1 got 0"},
  });
}

TEST_CASE("template exec: builtin errors") {
  auto err = [](std::string_view text) {
    std::string out = run(text);
    size_t at = out.find(">: ");
    return at == std::string::npos ? out : out.substr(at + 3);
  };
  CHECK(err("{{len .asn}}") == "error calling len: len of type int");
  CHECK(err("{{len .nothing}}") == "error calling len: len of nil pointer");
  CHECK(err("{{index .list -1}}") == "error calling index: index out of range: -1");
  CHECK(err("{{index .list \"a\"}}") == "error calling index: cannot index slice/array with type string");
  CHECK(err("{{index .list .missing}}") == "error calling index: cannot index slice/array with nil");
  CHECK(err("{{index .m 1}}") == "error calling index: value has type int; should be string");
  CHECK(err("{{index .asn 1}}") == "error calling index: can't index item of type int");
  CHECK(err("{{index .missing 1}}") == "error calling index: index of untyped nil");
  CHECK(err("{{index .peers 0 \"nope\" \"x\"}}") == "error calling index: index of nil pointer");
  CHECK(err("{{slice .list 2 1}}") == "error calling slice: invalid slice index: 2 > 1");
  CHECK(err("{{slice .list 0 4}}") == "error calling slice: index out of range: 4");
  CHECK(err("{{slice .name 0 1 2}}") == "error calling slice: cannot 3-index slice a string");
  CHECK(err("{{slice .asn 1}}") == "error calling slice: can't slice item of type int");
  CHECK(err("{{slice .missing}}") == "error calling slice: slice of untyped nil");
  CHECK(err("{{eq 1 1.0}}") == "error calling eq: incompatible types for comparison");
  CHECK(err("{{eq 1}}") == "error calling eq: missing argument for comparison");
  CHECK(err("{{eq .list .list}}") == "error calling eq: non-comparable type [1 2 3]: []interface {}");
  CHECK(err("{{lt true false}}") == "error calling lt: invalid type for comparison");
  CHECK(err("{{lt 1 \"a\"}}") == "error calling lt: incompatible types for comparison");
  CHECK(err("{{lt .missing 1}}") == "error calling lt: invalid type for comparison");
  CHECK(err("{{call .name}}") == "error calling call: non-function of type string");
}

TEST_CASE("template exec: field access on other types") {
  CHECK(render("{{.x}}", TemplateValue::string("s")) ==
        "error: template: t:1:2: executing \"t\" at <.x>: can't evaluate field x in type string");
  CHECK(render("{{.x}}", json("[1]")) ==
        "error: template: t:1:2: executing \"t\" at <.x>: can't evaluate field x in type []interface {}");
  CHECK(render("{{range .}}{{.x}}{{end}}", json("[1]")) ==
        "error: template: t:1:13: executing \"t\" at <.x>: can't evaluate field x in type interface {}");
}

TEST_CASE("template exec: errors on later lines and in defined templates") {
  std::string frr =
      "router bgp {{.asn}}\n"
      " neighbor {{.bgp.asn}} remote-as 1\n";
  CHECK(render(frr, json(R"({"asn": 1, "bgp": "x"})"), {}, {}, "frr.conf") ==
        "error: template: frr.conf:2:16: executing \"frr.conf\" at <.bgp.asn>: can't evaluate "
        "field asn in type interface {}");
  CHECK(render("{{define \"inner\"}}\n  {{len .}}{{end}}{{template \"inner\" 3}}") ==
        "error: template: t:2:4: executing \"inner\" at <len .>: error calling len: len of type int");
}

TEST_CASE("template exec: missingkey=error") {
  ExecOptions strict;
  strict.missing_key_error = true;
  auto data = json(kData);
  CHECK(render("{{.name}}", data, strict) == "leaf1");
  CHECK(render("{{.missing}}", data, strict) ==
        "error: template: t:1:2: executing \"t\" at <.missing>: map has no entry for key \"missing\"");
  CHECK(render("{{.nested.zz}}", data, strict) ==
        "error: template: t:1:9: executing \"t\" at <.nested.zz>: map has no entry for key \"zz\"");
  CHECK(render("{{.x}}", {}, strict) ==
        "error: template: t:1:2: executing \"t\" at <.x>: nil data; no entry for key \"x\"");
}

TEST_CASE("template exec: custom functions") {
  FuncMap funcs;
  funcs["upper"] = [](std::span<const TemplateValue> args) -> cfgc::Result<TemplateValue> {
    if (args.size() != 1 || args[0].kind() != TemplateValue::Kind::String) {
      return cfgc::Error{"upper wants one string"};
    }
    std::string s = args[0].as_string();
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return TemplateValue::string(s);
  };
  ExecOptions exec;
  exec.funcs = &funcs;
  ParseOptions parse;
  parse.functions = {"upper"};
  auto data = json(kData);
  CHECK(render("{{.name | upper}} {{upper \"x\"}}", data, exec, parse) == "LEAF1 X");
  CHECK(render("{{upper 1}}", data, exec, parse) ==
        "error: template: t:1:2: executing \"t\" at <upper 1>: error calling upper: upper wants one string");
}

TEST_CASE("template exec: limits") {
  // Infinite recursion is an error, not a stack overflow.
  CHECK(render("{{define \"r\"}}{{template \"r\" .}}{{end}}{{template \"r\" .}}") ==
        "error: template: t:1:25: executing \"r\" at <{{template \"r\" .}}>: exceeded maximum "
        "template depth (1000)");
  ExecOptions small;
  small.max_output = 10;
  CHECK(render("{{range 100}}x{{end}}", {}, small) ==
        "error: template: t:1:13: executing \"t\" at <x>: output exceeds the limit of 10 bytes");
  CHECK(render("{{printf \"%1000000d\" 1}}", {}, small) ==
        "error: template: t:1:2: executing \"t\" at <printf \"%1000000d\" 1>: output exceeds the "
        "limit of 10 bytes");
  ExecOptions few;
  few.max_steps = 1000;
  CHECK(render("{{range 1000000}}{{end}}", {}, few) ==
        "error: template: t:1:8: executing \"t\" at <{{range 1000000}}{{e...>: execution stopped "
        "after 1000 steps (the step limit)");
  // Templates calling each other twice per level: exponential work, stopped by the step limit.
  std::string expo = "{{define \"a0\"}}{{end}}";
  for (int i = 1; i <= 40; ++i) {
    expo += "{{define \"a" + std::to_string(i) + "\"}}{{template \"a" + std::to_string(i - 1) +
            "\"}}{{template \"a" + std::to_string(i - 1) + "\"}}{{end}}";
  }
  expo += "{{template \"a40\"}}";
  ExecOptions steps;
  steps.max_steps = 100000;
  CHECK(render(expo, {}, steps).find("execution stopped after 100000 steps") != std::string::npos);
  // A string doubled in a loop hits the output limit, not the memory limit.
  ExecOptions mb;
  mb.max_output = 1 << 20;
  CHECK(render("{{$s := \"ab\"}}{{range 100}}{{$s = printf \"%s%s\" $s $s}}{{end}}", {}, mb)
            .find("output exceeds the limit of 1048576 bytes") != std::string::npos);
  // Strings rebuilt in a loop count their bytes as work: quadratic copying stops at the limit.
  ExecOptions work;
  work.max_steps = 100000;
  CHECK(render("{{$s := \"ab\"}}{{range 100000}}{{$s = printf \"%s.\" $s}}{{end}}", {}, work)
            .find("execution stopped after 100000 steps") != std::string::npos);
  // A long range over data is fine.
  TemplateValue::List big(200000, TemplateValue::integer(1));
  std::string out = render("{{range .}}{{.}}{{end}}", TemplateValue::list(std::move(big)));
  CHECK(out.size() == 200000);
}
