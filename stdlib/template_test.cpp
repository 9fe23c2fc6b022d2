// Package text/template, end to end: CUE data rendered through Go's text/template semantics.
#include "stdlib/test_util.h"

using cfgc::stdlib::testing::eval_expr;
using cfgc::stdlib::testing::Program;
using cfgc::stdlib::testing::run;

TEST_CASE("text/template: Execute") {
  CHECK(eval_expr(R"(template.Execute("Hello {{.name}}!", {name: "world"}))") == R"("Hello world!")");
  CHECK(eval_expr(R"(template.Execute("{{range $k, $v := .}}{{$k}}={{$v}} {{end}}", {b: 2, a: 1}))") ==
        R"("a=1 b=2 ")");
  CHECK(eval_expr(R"(template.Execute("{{range .}}[{{.}}]{{end}}", [1, "x", true, null]))") ==
        R"("[1][x][true][<no value>]")");
  CHECK(eval_expr(R"(template.Execute("{{.missing}}|{{if .missing}}y{{else}}n{{end}}", {}))") ==
        R"("<no value>|n")");
  CHECK(eval_expr(R"(template.Execute("{{.}}", null))") == R"("<no value>")");
  CHECK(eval_expr(R"(template.Execute("plain", 1))") == R"("plain")");
  CHECK(eval_expr(R"(template.Execute("{{.}}", *"a" | "b"))") == R"("a")");  // the default
  CHECK(eval_expr(R"(template.Execute("{{.}}", 'bytes'))") == R"("bytes")");
}

TEST_CASE("text/template: numbers print as CUE wrote them") {
  CHECK(eval_expr(R"(template.Execute("{{.}}", 9000))") == R"("9000")");
  CHECK(eval_expr(R"(template.Execute("{{.}}", 1.50))") == R"("1.50")");
  CHECK(eval_expr(R"(template.Execute("{{.}}", 0.1 + 0.2))") == R"("0.3")");
  CHECK(eval_expr(R"(template.Execute("{{.}}", [1500.0, 0.000001]))") == R"("[1500.0 0.000001]")");
  // Numbers CUE writes with an exponent print as Go prints the float64.
  CHECK(eval_expr(R"(template.Execute("{{.}}", [1.5e3, 1e100, 2.5e-7]))") == R"("[1500 1e+100 2.5e-07]")");
  CHECK(eval_expr(R"(template.Execute("{{printf \"%.1f|%d\" .f .i}}", {f: 1.25, i: -3}))") ==
        R"("1.2|-3")");
  CHECK(eval_expr(R"(template.Execute("{{.}}", 123456789012345678901234567890))") ==
        R"("123456789012345678901234567890")");
  CHECK(eval_expr(R"(template.Execute("{{if eq .asn 65001}}ok{{end}}", {asn: 65001}))") == R"("ok")");
}

TEST_CASE("text/template: only regular fields are data") {
  const char* src = R"(
import "text/template"

device: {
	hostname: "leaf1"
	mtu:      9000
	#schema:  "definition"
	_hidden:  1
	opt?:     2
}
keys: template.Execute("{{range $k, $v := .}}{{$k}} {{end}}{{len .}}", device)
)";
  CHECK(run(src).find(R"("keys":"hostname mtu 2")") != std::string::npos);
}

TEST_CASE("text/template: a seed-like GraphQL query per device") {
  const char* src = R"(
import (
	"encoding/json"
	"text/template"
)

gqlQuery: contents: """
	query {
	  devices(name: "{{ .name }}") {
	    interfaces { name }
	  }
	}
	"""
#devices: [{name: "leaf1"}, {name: "leaf2"}]
requests: {
	for _, dev in #devices {
		(dev.name): {
			query: template.Execute(gqlQuery.contents, {name: dev.name})
			body:  json.Marshal({"query": query})
		}
	}
}
)";
  Program prog(src);
  REQUIRE(prog.errors() == "");
  cfgc::eval::Vertex* requests = prog.field("requests");
  REQUIRE(requests != nullptr);
  std::string json = prog.json(requests);
  CHECK(json.find(R"x("leaf1":{"query":"query {\n  devices(name: \"leaf1\") {\n    interfaces { name }\n  }\n}")x") !=
        std::string::npos);
  CHECK(json.find(R"x("leaf2":{"query":"query {\n  devices(name: \"leaf2\"))x") != std::string::npos);
  CHECK(json.find(R"x(\"query\":\"query {\\n  devices(name: \\\"leaf2\\\"))x") != std::string::npos);
}

TEST_CASE("text/template: an FRR configuration from a device struct") {
  const char* src = R"(
import "text/template"

frr: """
	frr defaults datacenter
	hostname {{ .hostname }}
	!
	router bgp {{ .bgp.asn }}
	 bgp router-id {{ .bgp.router_id }}
	{{- range .bgp.neighbors }}
	 neighbor {{ .ip }} remote-as {{ .asn }}
	{{- if .description }}
	 neighbor {{ .ip }} description {{ .description }}
	{{- end }}
	{{- end }}
	!
	"""

#Neighbor: {
	ip:           string
	asn:          int & >0
	description?: string
}

device: {
	hostname: "leaf1"
	bgp: {
		asn:       65001
		router_id: "10.0.0.1"
		neighbors: [...#Neighbor] & [
			{ip: "10.1.0.0", asn: 65100, description: "spine1"},
			{ip: "10.1.0.2", asn: 65100},
		]
	}
}
config: template.Execute(frr, device)
)";
  Program prog(src);
  REQUIRE(prog.errors() == "");
  CHECK(prog.json(prog.field("config")) ==
        R"("frr defaults datacenter\nhostname leaf1\n!\nrouter bgp 65001\n bgp router-id 10.0.0.1\n)"
        R"( neighbor 10.1.0.0 remote-as 65100\n neighbor 10.1.0.0 description spine1\n)"
        R"( neighbor 10.1.0.2 remote-as 65100\n!")");
}

TEST_CASE("text/template: errors carry the template position") {
  CHECK_CONTAINS(eval_expr(R"(template.Execute("{{.x", {}))"),
                 "template.Execute: template: :1:4: unclosed action");
  CHECK_CONTAINS(eval_expr(R"(template.Execute("a\n{{nofunc}}", {}))"),
                 "template.Execute: template: :2:2: function \"nofunc\" not defined");
  CHECK_CONTAINS(eval_expr(R"(template.Execute("{{.a.b}}", {a: "s"}))"),
                 "template.Execute: template: :1:4: executing \"\" at <.a.b>: can't evaluate field b "
                 "in type interface {}");
  CHECK_CONTAINS(eval_expr(R"(template.Execute("{{index .l 5}}", {l: [1]}))"),
                 "error calling index: index out of range: 5");
  CHECK_CONTAINS(eval_expr(R"(template.Execute("{{define \"r\"}}{{template \"r\"}}{{end}}{{template \"r\"}}", 1))"),
                 "exceeded maximum template depth (1000)");
  CHECK_CONTAINS(eval_expr(R"(template.Execute(1, {}))"), "cannot use 1 (type int) as string");
}

TEST_CASE("text/template: data must be concrete") {
  CHECK_CONTAINS(run("import \"text/template\"\nx: string\ny: template.Execute(\"{{.v}}\", {v: x})\n"),
                 "incomplete value string");
  // Once the data is concrete, the result is too.
  CHECK(run("import \"text/template\"\nx: string\nx: \"ok\"\ny: template.Execute(\"{{.v}}\", {v: x})\n") ==
        R"({"x":"ok","y":"ok"})");
}

TEST_CASE("text/template: HTMLEscape and JSEscape") {
  CHECK(eval_expr(R"(template.HTMLEscape("<a href=\"x\">'&'</a>"))") ==
        R"("&lt;a href=&#34;x&#34;&gt;&#39;&amp;&#39;&lt;/a&gt;")");
  CHECK(eval_expr(R"(template.JSEscape("it's <b> & \"q\"="))") ==
        R"("it\\'s \\u003Cb\\u003E \\u0026 \\\"q\\\"\\u003D")");
}
