// Package html, end to end (expected values checked against cue v0.4).
#include "stdlib/test_util.h"

using cfgc::stdlib::testing::eval_expr;

TEST_CASE("html") {
  CHECK(eval_expr(R"(html.Escape("<a href='x'>\"&\"</a>"))") ==
        R"("&lt;a href=&#39;x&#39;&gt;&#34;&amp;&#34;&lt;/a&gt;")");
  CHECK(eval_expr(R"(html.Unescape("&lt;b&gt; &amp;amp; &#65;&#x42; &copy; &bogus; &#0;"))") ==
        R"("<b> &amp; AB © &bogus; �")");
  CHECK(eval_expr(R"(html.Unescape("no entities & no semicolon &amp"))") ==
        R"("no entities & no semicolon &amp")");
}
