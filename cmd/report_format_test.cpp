#include "cmd/report_format.h"

#include <doctest/doctest.h>

#include <string>

using namespace cfgc;
using namespace cfgc::cli;

namespace {

// The text without its ANSI SGR sequences (ESC [ ... m).
std::string strip_sgr(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\x1b' && i + 1 < s.size() && s[i + 1] == '[') {
      size_t m = s.find('m', i);
      REQUIRE(m != std::string::npos);
      i = m;
      continue;
    }
    out += s[i];
  }
  return out;
}

// Two small files and a few diagnostics about them.
struct Fixture {
  FileSet fs;
  const SourceFile& schema = fs.add("./schema.cue", "port: int & <=65535\nname: string\n");
  const SourceFile& data = fs.add("./hosts.yaml", "port: 22\n---\nport: 70000\n");

  Diagnostic bound() const {
    Diagnostic d;
    d.pos = schema.pos(12);
    d.path = "port";
    d.message = "invalid value 70000 (out of bound <=65535)";
    d.related = {data.pos(19)};
    return d;
  }
  Diagnostic syntax() const {
    Diagnostic d;
    d.pos = data.pos(6);
    d.message = "invalid YAML: a \"quoted\" <thing> & 100%";
    return d;
  }
  Diagnostic compound() const {
    Diagnostic d;
    d.pos = schema.pos(6);
    d.path = "port";
    d.message = "2 errors in empty disjunction";
    Diagnostic a = bound();
    Diagnostic b;
    b.pos = data.pos(19);
    b.path = "port";
    b.message = "conflicting values 70000 and string";
    b.related = {schema.pos(26)};
    d.children = {a, b};
    return d;
  }
};

}  // namespace

TEST_CASE("report: format names") {
  CHECK(parse_report_format("text") == ReportFormat::Text);
  CHECK(parse_report_format("json") == ReportFormat::Json);
  CHECK(parse_report_format("github") == ReportFormat::Github);
  CHECK(parse_report_format("junit") == ReportFormat::Junit);
  CHECK_FALSE(parse_report_format("JSON"));
  CHECK_FALSE(parse_report_format(""));
  CHECK_FALSE(report_to_stdout(ReportFormat::Text));
  CHECK(report_to_stdout(ReportFormat::Json));
  CHECK(report_to_stdout(ReportFormat::Github));
  CHECK(report_to_stdout(ReportFormat::Junit));
}

TEST_CASE("report: xml_escape") {
  CHECK(xml_escape("plain text", false) == "plain text");
  CHECK(xml_escape("a < b && c > d", false) == "a &lt; b &amp;&amp; c &gt; d");
  CHECK(xml_escape("]]>", false) == "]]&gt;");
  // Quotes need escaping only inside attribute values.
  CHECK(xml_escape("say \"hi\" 'x'", false) == "say \"hi\" 'x'");
  CHECK(xml_escape("say \"hi\" 'x'", true) == "say &quot;hi&quot; &apos;x&apos;");
  // Whitespace survives attribute-value normalization only as references.
  CHECK(xml_escape("a\nb\tc", false) == "a\nb\tc");
  CHECK(xml_escape("a\nb\tc", true) == "a&#10;b&#9;c");
  CHECK(xml_escape("a\r\nb", false) == "a&#13;\nb");
  CHECK(xml_escape("a\r\nb", true) == "a&#13;&#10;b");
  // XML 1.0 cannot hold other control characters or invalid UTF-8: U+FFFD instead.
  CHECK(xml_escape(std::string("a\0b", 3), false) == "a\xEF\xBF\xBD" "b");
  CHECK(xml_escape("a\x01\x1f" "b", true) == "a\xEF\xBF\xBD\xEF\xBF\xBD" "b");
  CHECK(xml_escape("bad \xff byte", false) == "bad \xEF\xBF\xBD byte");
  CHECK(xml_escape("cut \xC3", false) == "cut \xEF\xBF\xBD");
  CHECK(xml_escape("nonchar \xEF\xBF\xBF", false) == "nonchar \xEF\xBF\xBD");
  // Valid UTF-8 passes unchanged.
  CHECK(xml_escape("M\xC3\xBC" "nchen \xE2\x86\x92 \xF0\x9F\x9A\x80", true) == "M\xC3\xBC" "nchen \xE2\x86\x92 \xF0\x9F\x9A\x80");
}

TEST_CASE("report: github escaping") {
  CHECK(github_escape_data("plain: a, b") == "plain: a, b");
  CHECK(github_escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext");
  CHECK(github_escape_data("%0A is literal") == "%250A is literal");
  CHECK(github_escape_property("dir/a.yaml") == "dir/a.yaml");
  CHECK(github_escape_property("a,b:c") == "a%2Cb%3Ac");
  CHECK(github_escape_property("50%\n") == "50%25%0A");
}

TEST_CASE("report: file names") {
  CHECK(report_file_name("./a.yaml") == "a.yaml");
  CHECK(report_file_name("./dir/a.yaml") == "dir/a.yaml");
  CHECK(report_file_name("../a.yaml") == "../a.yaml");
  CHECK(report_file_name("/abs/a.yaml") == "/abs/a.yaml");
  CHECK(report_file_name("<stdin>") == "<stdin>");
}

TEST_CASE("report: coloured text is the plain text plus SGR sequences") {
  Fixture f;
  for (const Diagnostic& d : {f.bound(), f.syntax(), f.compound()}) {
    std::string plain = format_text(f.fs, d, false);
    std::string color = format_text(f.fs, d, true);
    CHECK(plain == (d.path.empty() ? format_with_source(f.fs, d) : format_cue_style(f.fs, d)));
    CHECK(color != plain);
    CHECK(strip_sgr(color) == plain);
  }
  std::string c = format_text(f.fs, f.bound(), true);
  CHECK(c.rfind("\x1b[1mport\x1b[0m: \x1b[31minvalid value", 0) == 0);
  Diagnostic w = f.bound();
  w.severity = Severity::Warning;
  CHECK(strip_sgr(format_text(f.fs, w, true)) == format_cue_style(f.fs, w));
  CHECK(format_text(f.fs, w, true).find("\x1b[33mwarning\x1b[0m: ") == 0);
}

TEST_CASE("report: json objects") {
  Fixture f;
  CHECK(format_json(f.fs, f.bound()) ==
        R"j({"path":"port","message":"invalid value 70000 (out of bound <=65535)","severity":"error",)j"
        R"j("file":"schema.cue","line":1,"column":13,"positions":[{"file":"schema.cue","line":1,"column":13},)j"
        R"j({"file":"hosts.yaml","line":3,"column":7}],"children":[]})j");
  CHECK(format_json(f.fs, f.syntax()) ==
        R"j({"path":"","message":"invalid YAML: a \"quoted\" <thing> & 100%","severity":"error",)j"
        R"j("file":"hosts.yaml","line":1,"column":7,"positions":[{"file":"hosts.yaml","line":1,"column":7}],)j"
        R"j("children":[]})j");
  Diagnostic none;
  none.message = "tab\there\nnewline";
  none.severity = Severity::Warning;
  CHECK(format_json(f.fs, none) ==
        R"j({"path":"","message":"tab\there\nnewline","severity":"warning","file":null,"line":null,)j"
        R"j("column":null,"positions":[],"children":[]})j");
  std::string c = format_json(f.fs, f.compound());
  CHECK(c.find(R"j("children":[{"path":"port","message":"invalid value 70000)j") != std::string::npos);
  CHECK(c.find('\n') == std::string::npos);
}

TEST_CASE("report: github commands") {
  Fixture f;
  // Without data files named on the command line, the annotation still goes to a YAML or JSON
  // position (files a package embeds), the value to fix.
  CHECK(format_github(f.fs, f.bound(), {}) ==
        "::error file=hosts.yaml,line=3,col=7::port: invalid value 70000 (out of bound <=65535):%0A    schema.cue:1:13");
  // With them, to the data line; the schema position follows in the message.
  CHECK(format_github(f.fs, f.bound(), {"./hosts.yaml"}) ==
        "::error file=hosts.yaml,line=3,col=7::port: invalid value 70000 (out of bound <=65535):%0A    schema.cue:1:13");
  CHECK(format_github(f.fs, f.syntax(), {"./hosts.yaml"}) ==
        "::error file=hosts.yaml,line=1,col=7::invalid YAML: a \"quoted\" <thing> & 100%25");
  // A compound error: one command, its children on the following lines of the message.
  CHECK(format_github(f.fs, f.compound(), {"./hosts.yaml"}) ==
        "::error file=hosts.yaml,line=3,col=7::port: 2 errors in empty disjunction:%0A    schema.cue:1:7%0A"
        "port: invalid value 70000 (out of bound <=65535):%0A    schema.cue:1:13%0A    hosts.yaml:3:7%0A"
        "port: conflicting values 70000 and string:%0A    hosts.yaml:3:7%0A    schema.cue:2:7");
  Diagnostic w;
  w.severity = Severity::Warning;
  w.message = "no position";
  CHECK(format_github(f.fs, w, {}) == "::warning::warning: no position");
}

TEST_CASE("report: unique diagnostics across cases") {
  Fixture f;
  Report r{"cfgc vet", {}};
  r.cases.push_back(ReportCase{"hosts.yaml:doc1", "./hosts.yaml", {f.compound()}});
  r.cases.push_back(ReportCase{"hosts.yaml:doc2", "./hosts.yaml", {f.syntax(), f.bound()}});
  r.cases.push_back(ReportCase{"hosts.yaml:doc3", "./hosts.yaml", {f.bound()}});
  std::vector<Diagnostic> u = unique_diagnostics(r);
  REQUIRE(u.size() == 3);
  CHECK(u[0].message == "2 errors in empty disjunction");  // schema.cue:1:7
  CHECK(u[1].path == "port");                              // schema.cue:1:13, once
  CHECK(u[2].path.empty());                                // hosts.yaml
  CHECK(r.failed());
  CHECK_FALSE(Report{"x", {ReportCase{"a", "", {}}}}.failed());
}

TEST_CASE("report: junit document") {
  Fixture f;
  Report r{"cfgc vet", {}};
  r.cases.push_back(ReportCase{"hosts.yaml:doc1", "./hosts.yaml", {}});
  r.cases.push_back(ReportCase{"hosts.yaml:doc2", "./hosts.yaml", {f.bound(), f.syntax()}});
  Diagnostic w = f.bound();
  w.severity = Severity::Warning;
  w.message = "deprecated & <old>";
  r.cases.push_back(ReportCase{"a\"b", "", {w}});
  Diagnostic nl;
  nl.message = "line one\nline <two>";
  r.cases.push_back(ReportCase{"c&d", "./odd,name:1.yaml", {nl}});
  std::string x = render_report(f.fs, r, ReportFormat::Junit, true);
  CHECK(x ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<testsuite name=\"cfgc vet\" tests=\"4\" failures=\"2\" errors=\"0\" skipped=\"0\">\n"
        "  <testcase name=\"hosts.yaml:doc1\" classname=\"cfgc vet\" file=\"hosts.yaml\"/>\n"
        "  <testcase name=\"hosts.yaml:doc2\" classname=\"cfgc vet\" file=\"hosts.yaml\">\n"
        "    <failure message=\"port: invalid value 70000 (out of bound &lt;=65535) (and 1 more)\" "
        "type=\"error\">port: invalid value 70000 (out of bound &lt;=65535):\n"
        "    ./schema.cue:1:13\n"
        "    ./hosts.yaml:3:7\n"
        "./hosts.yaml:1:7: invalid YAML: a \"quoted\" &lt;thing&gt; &amp; 100%\n"
        "    port: 22\n"
        "          ^\n"
        "</failure>\n"
        "  </testcase>\n"
        "  <testcase name=\"a&quot;b\" classname=\"cfgc vet\">\n"
        "    <system-out>warning: port: deprecated &amp; &lt;old&gt;:\n"
        "    ./schema.cue:1:13\n"
        "    ./hosts.yaml:3:7\n"
        "</system-out>\n"
        "  </testcase>\n"
        "  <testcase name=\"c&amp;d\" classname=\"cfgc vet\" file=\"odd,name:1.yaml\">\n"
        "    <failure message=\"line one&#10;line &lt;two&gt;\" type=\"error\">line one\nline &lt;two&gt;\n</failure>\n"
        "  </testcase>\n"
        "</testsuite>\n");
  // Text, json and github print nothing for a valid report; junit still writes the suite.
  Report ok{"cfgc vet", {ReportCase{"a.yaml", "./a.yaml", {}}}};
  CHECK(render_report(f.fs, ok, ReportFormat::Text, true).empty());
  CHECK(render_report(f.fs, ok, ReportFormat::Json, false).empty());
  CHECK(render_report(f.fs, ok, ReportFormat::Github, false).empty());
  CHECK(render_report(f.fs, ok, ReportFormat::Junit, false).find("tests=\"1\" failures=\"0\"") != std::string::npos);
}
