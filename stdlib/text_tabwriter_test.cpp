// Package text/tabwriter, end to end (expected values checked against cue v0.4).
#include "stdlib/test_util.h"

using cfgc::stdlib::testing::eval_expr;

TEST_CASE("text/tabwriter") {
  // A column block ends at a line without a cell in that column ("x").
  CHECK(eval_expr(R"(tabwriter.Write(["a\tbb\tc", "aaaa\tb\tc", "x", "1\t2"]))") ==
        R"("a    bb c\naaaa b  c\nx\n1 2\n")");
  CHECK(eval_expr(R"(tabwriter.Write("name\tip\nleaf1\t10.0.0.1\nspine-long\t10.0.0.2\n"))") ==
        R"("name       ip\nleaf1      10.0.0.1\nspine-long 10.0.0.2\n")");
  CHECK(eval_expr(R"(tabwriter.Write("ä\tb\nxy\tz"))") == R"("ä  b\nxy z")");
  CHECK_CONTAINS(eval_expr(R"(tabwriter.Write([1]))"), "tabwriter.Write");
}
