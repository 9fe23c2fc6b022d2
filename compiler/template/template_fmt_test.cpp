// Go's fmt verbs over template values (printf), Sprint/Sprintln spacing, strconv quoting and
// float formatting. Expected strings are what Go's fmt documents and prints.
#include "compiler/template/template_fmt.h"

#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "compiler/template/template_escape.h"

using namespace cfgc::tmpl;

namespace {

using TV = TemplateValue;
TV I(int64_t i) { return TV::integer(i); }
TV F(double d) { return TV::floating(d); }
TV S(std::string s) { return TV::string(std::move(s)); }
TV B(bool b) { return TV::boolean(b); }
TV N() { return TV::null(); }
TV L(std::vector<TV> xs) { return TV::list(std::move(xs)); }
TV M(std::vector<std::pair<std::string, TV>> kvs) {
  TV::Map m;
  for (auto& [k, v] : kvs) m.set(k, v);
  return TV::map(std::move(m));
}

struct Row {
  const char* format;
  std::vector<TV> args;
  const char* want;
};

}  // namespace

TEST_CASE("template fmt: integers") {
  const Row rows[] = {
      {"%d", {I(42)}, "42"},
      {"%v", {I(-7)}, "-7"},
      {"%5d|", {I(42)}, "   42|"},
      {"%-5d|", {I(42)}, "42   |"},
      {"%05d", {I(42)}, "00042"},
      {"%05d", {I(-42)}, "-0042"},
      {"%+d %+d", {I(42), I(-42)}, "+42 -42"},
      {"% d", {I(42)}, " 42"},
      {"%x %X %#x %o %#o %O %b", {I(255), I(255), I(255), I(255), I(255), I(255), I(255)},
       "ff FF 0xff 377 0377 0o377 11111111"},
      {"%x", {I(-255)}, "-ff"},
      {"%#b", {I(5)}, "0b101"},
      {"%.3d", {I(7)}, "007"},
      {"%8.3d|", {I(7)}, "     007|"},
      {"%.0d|", {I(0)}, "|"},
      {"%c%c", {I(72), I(0x1F600)}, "H😀"},
      {"%q %+q", {I(65), I(0xE9)}, "'A' '\\u00e9'"},
      {"%U %#U %#U", {I(0x1F600), I(65), I(7)}, "U+1F600 U+0041 'A' U+0007"},
      {"%d", {I(INT64_MIN)}, "-9223372036854775808"},
      {"%v", {TV::integer(INT64_MAX, "170141183460469231731687303715884105727")},
       "170141183460469231731687303715884105727"},
  };
  for (const Row& r : rows) CHECK_MESSAGE(go_sprintf(r.format, r.args) == r.want, r.format);
}

TEST_CASE("template fmt: strings and booleans") {
  const Row rows[] = {
      {"%s", {S("abc")}, "abc"},
      {"%8s|%-8s|", {S("abc"), S("abc")}, "     abc|abc     |"},
      {"%.2s %.1s", {S("abc"), S("éa")}, "ab é"},
      {"%5.1s|", {S("abc")}, "    a|"},
      {"%05s", {S("ab")}, "000ab"},
      {"%q", {S("a\"b\n")}, "\"a\\\"b\\n\""},
      {"%#q %#q", {S("abc"), S("a`b")}, "`abc` \"a`b\""},
      {"%+q %q", {S("é"), S("é")}, "\"\\u00e9\" \"é\""},
      {"%q", {S("\x01\x7f\xff")}, "\"\\x01\\x7f\\xff\""},
      {"%x %X % x %#x % #x", {S("hi"), S("hi"), S("hi"), S("hi"), S("hi")},
       "6869 6869 68 69 0x6869 0x68 0x69"},
      {"%t %6t|", {B(true), B(false)}, "true  false|"},
      {"%v", {B(false)}, "false"},
  };
  for (const Row& r : rows) CHECK_MESSAGE(go_sprintf(r.format, r.args) == r.want, r.format);
}

TEST_CASE("template fmt: floats") {
  const Row rows[] = {
      {"%f", {F(3.14159)}, "3.141590"},
      {"%.2f", {F(3.14159)}, "3.14"},
      {"%8.3f|", {F(3.14159)}, "   3.142|"},
      {"%-8.2f|", {F(-1)}, "-1.00   |"},
      {"%08.2f", {F(-1)}, "-0001.00"},
      {"%+.1e", {F(12345.678)}, "+1.2e+04"},
      {"%e %E", {F(1234.5678), F(1234.5678)}, "1.234568e+03 1.234568E+03"},
      {"%e", {F(0)}, "0.000000e+00"},
      {"%g %g %g", {F(1234.5678), F(0.00001234), F(100)}, "1234.5678 1.234e-05 100"},
      {"%G", {F(1e-10)}, "1E-10"},
      {"%.3g %.3g", {F(3.14159), F(1234567.0)}, "3.14 1.23e+06"},
      {"%v %v %v %v", {F(1e21), F(100000), F(1e6), F(123456789)}, "1e+21 100000 1e+06 1.23456789e+08"},
      {"%v %v %v %v", {F(0.0001), F(0.00001), F(0), F(-0.0)}, "0.0001 1e-05 0 -0"},
      {"%v", {F(0.1)}, "0.1"},
      {"%.0f %.0f %.0f", {F(0.5), F(1.5), F(2.5)}, "0 2 2"},
      {"%x %x %X", {F(1), F(3), F(-0.5)}, "0x1p+00 0x1.8p+01 -0X1P-01"},
      {"%b", {F(1)}, "4503599627370496p-52"},
      {"%#g", {F(1)}, "1.00000"},
      {"%#.0f", {F(3)}, "3."},
      {"%5.1f|% .1f", {F(2.25), F(2.25)}, "  2.2| 2.2"},
      // A float with its decimal text prints that text with %v, the binary value otherwise.
      {"%v|%6v|%.1f|%e", {TV::floating(1.5, "1.50"), TV::floating(1.5, "1.50"),
                          TV::floating(1.5, "1.50"), TV::floating(1.5, "1.50")},
       "1.50|  1.50|1.5|1.500000e+00"},
      {"%v %f", {F(INFINITY), F(-INFINITY)}, "+Inf -Inf"},
      {"%v", {F(NAN)}, "NaN"},
  };
  for (const Row& r : rows) CHECK_MESSAGE(go_sprintf(r.format, r.args) == r.want, r.format);
}

TEST_CASE("template fmt: lists, maps, nil and %T") {
  TV m = M({{"b", S("x")}, {"a", I(1)}});
  const Row rows[] = {
      {"%v", {L({I(1), S("a"), B(true)})}, "[1 a true]"},
      {"%d", {L({I(1), I(2)})}, "[1 2]"},
      {"%s", {L({S("a"), I(2)})}, "[a %!s(int=2)]"},
      {"%03d", {L({I(1), I(2)})}, "[001 002]"},
      {"%v", {m}, "map[a:1 b:x]"},
      {"%v", {L({N(), M({{"k", N()}})})}, "[<nil> map[k:<nil>]]"},
      {"%v", {L({})}, "[]"},
      {"%v %d", {N(), N()}, "<nil> %!d(<nil>)"},
      {"%#v %#v %#v", {S("abc"), I(42), N()}, "\"abc\" 42 <nil>"},
      {"%#v", {L({I(1), S("a"), N()})}, "[]interface {}{1, \"a\", interface {}(nil)}"},
      {"%#v", {m}, "map[string]interface {}{\"a\":1, \"b\":\"x\"}"},
      {"%T %T %T %T %T %T %T",
       {I(1), F(1), S(""), B(true), L({}), M({}), N()},
       "int float64 string bool []interface {} map[string]interface {} <nil>"},
  };
  for (const Row& r : rows) CHECK_MESSAGE(go_sprintf(r.format, r.args) == r.want, r.format);
}

TEST_CASE("template fmt: misuse is reported in the output") {
  const Row rows[] = {
      {"%d", {S("x")}, "%!d(string=x)"},
      {"%s", {I(5)}, "%!s(int=5)"},
      {"%z", {I(1)}, "%!z(int=1)"},
      {"%t", {I(1)}, "%!t(int=1)"},
      {"%d", {F(1.5)}, "%!d(float64=1.5)"},
      {"%d", {B(true)}, "%!d(bool=true)"},
      {"%d", {}, "%!d(MISSING)"},
      {"%d %d", {I(1)}, "1 %!d(MISSING)"},
      {"%d", {I(1), I(2)}, "1%!(EXTRA int=2)"},
      {"x", {I(1), S("a"), N()}, "x%!(EXTRA int=1, string=a, <nil>)"},
      {"%", {}, "%!(NOVERB)"},
      {"%-", {I(1)}, "%!(NOVERB)%!(EXTRA int=1)"},
      {"%% 100%%", {}, "% 100%"},
      {"%[2]d %[1]d", {I(1), I(2)}, "2 1"},
      {"%[3]d", {I(1)}, "%!d(BADINDEX)"},
      {"%[2]d %d", {I(1), I(2), I(3)}, "2 3"},
      {"%*d|%-*d|%*d|", {I(5), I(42), I(5), I(42), I(-5), I(42)}, "   42|42   |42   |"},
      {"%.*f", {I(2), F(3.14159)}, "3.14"},
      {"%*d", {S("x"), I(1)}, "%!(BADWIDTH)1"},
      {"%.*d", {S("x"), I(1)}, "%!(BADPREC)1"},
  };
  for (const Row& r : rows) CHECK_MESSAGE(go_sprintf(r.format, r.args) == r.want, r.format);
}

TEST_CASE("template fmt: Sprint and Sprintln spacing") {
  CHECK(go_sprint(std::vector<TV>{I(1), I(2), S("a"), I(3), S("b"), S("c")}) == "1 2a3bc");
  CHECK(go_sprint(std::vector<TV>{S("a"), I(1), S("b")}) == "a1b");
  CHECK(go_sprint(std::vector<TV>{N(), N()}) == "<nil> <nil>");
  CHECK(go_sprint(std::vector<TV>{}) == "");
  CHECK(go_sprintln(std::vector<TV>{I(1), S("a"), N()}) == "1 a <nil>\n");
  CHECK(go_sprintln(std::vector<TV>{}) == "\n");
  CHECK(go_format_value(L({F(2.5), TV::floating(0.1, "0.10")})) == "[2.5 0.10]");
}

TEST_CASE("template fmt: the printers stop at a size limit") {
  std::string s = go_sprintf("%1000000d%1000000d%1000000d", std::vector<TV>{I(1), I(2), I(3)}, 10);
  CHECK(s.size() > 10);
  CHECK(s.size() < 100);
  s = go_sprintf("%9000000d", std::vector<TV>{I(1)}, 1000);
  CHECK(s.size() > 1000);
  CHECK(s.size() < 1100);
  // A width of nine digits is refused, as in Go.
  CHECK(go_sprintf("%100000000d", std::vector<TV>{I(1)}) == "%!(NOVERB)%!(EXTRA int=1)");
}

TEST_CASE("template fmt: quoting") {
  CHECK(go_quote_prefix("0123456789abc", 10) == "\"0123456789\"");
  CHECK(go_unicode_name('!') == "U+0021 '!'");
  CHECK(go_unicode_name(0x7F) == "U+007F");
  CHECK(go_format_float(0.1, 'g', -1) == "0.1");
  CHECK(go_format_float(1.0 / 3, 'g', -1) == "0.3333333333333333");
  CHECK(go_format_float(1e-7, 'f', -1) == "0.0000001");
  CHECK(go_format_float(123.456, 'e', -1) == "1.23456e+02");
  CHECK(go_format_float(5e-324, 'g', -1) == "5e-324");
  CHECK(go_format_float(5e-324, 'b', -1) == "1p-1074");
}

TEST_CASE("template escapers") {
  CHECK(html_escape("<a href=\"x\">'&'</a>") == "&lt;a href=&#34;x&#34;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  CHECK(html_escape(std::string("a\0b", 3)) == "a\xEF\xBF\xBD" "b");
  CHECK(js_escape("it's <b>\"x\" & y=1\\\n") ==
        "it\\'s \\u003Cb\\u003E\\\"x\\\" \\u0026 y\\u003D1\\\\\\u000A");
  CHECK(js_escape("é\u2028") == "é\\u2028");
  CHECK(url_query_escape("a b&c=d/é~_.-") == "a+b%26c%3Dd%2F%C3%A9~_.-");
}
