// Package regexp, end to end (expected values checked against CUE v0.4 and Go's regexp).
#include "stdlib/test_util.h"

using cfgc::stdlib::testing::eval_expr;
using cfgc::stdlib::testing::run;

TEST_CASE("regexp: matching and finding") {
  CHECK(eval_expr(R"re(regexp.Match("^swp[0-9]+$", "swp12"))re") == "true");
  CHECK(eval_expr(R"re(regexp.Match("^swp[0-9]+$", "eth0"))re") == "false");
  CHECK(eval_expr(R"re(regexp.Find("[0-9]+", "swp12s3"))re") == R"re("12")re");
  CHECK_CONTAINS(eval_expr(R"re(regexp.Find("[0-9]+", "swp"))re"), "regexp.Find: no match");
  CHECK(eval_expr(R"re(regexp.FindAll("[0-9]+", "swp12s3", -1))re") == R"re(["12","3"])re");
  CHECK(eval_expr(R"re(regexp.FindAll("[0-9]+", "1 2 3", 2))re") == R"re(["1","2"])re");
  CHECK(eval_expr(R"re(regexp.FindAll("a*", "baaab", -1))re") == R"re(["","aaa",""])re");
  CHECK_CONTAINS(eval_expr(R"re(regexp.FindAll("[0-9]+", "swp", -1))re"),
                 "regexp.FindAll: no match");
  CHECK(eval_expr(R"re(regexp.FindSubmatch("(swp)([0-9]+)", "xswp12"))re") ==
        R"re(["swp12","swp","12"])re");
  CHECK(eval_expr(R"re(regexp.FindSubmatch("(a)(x)?", "a"))re") == R"re(["a","a",""])re");
  CHECK(eval_expr(R"re(regexp.FindAllSubmatch("(s)([0-9])", "s1 s2 s3", 2))re") ==
        R"re([["s1","s","1"],["s2","s","2"]])re");
  CHECK(eval_expr(R"re(regexp.FindNamedSubmatch("(?P<pre>swp)(?P<num>[0-9]+)", "swp12"))re") ==
        R"re({"num":"12","pre":"swp"})re");
  CHECK(eval_expr(R"re(regexp.FindAllNamedSubmatch("(?P<pre>s)(?P<num>[0-9])", "s1 s2", -1))re") ==
        R"re([{"num":"1","pre":"s"},{"num":"2","pre":"s"}])re");
  CHECK_CONTAINS(eval_expr(R"re(regexp.FindNamedSubmatch("(?P<n>x)", "y"))re"), "no match");
}

TEST_CASE("regexp: replacing") {
  CHECK(eval_expr(R"re(regexp.ReplaceAll("a(x*)b", "-ab-axxb-", "T"))re") == R"re("-T-T-")re");
  CHECK(eval_expr(R"re(regexp.ReplaceAll("a(x*)b", "-ab-axxb-", "$1"))re") == R"re("--xx-")re");
  CHECK(eval_expr(R"re(regexp.ReplaceAll("a(x*)b", "-ab-axxb-", "$1W"))re") ==
        R"re("---")re");  // $1W is group "1W"
  CHECK(eval_expr(R"re(regexp.ReplaceAll("a(x*)b", "-ab-axxb-", "${1}W"))re") ==
        R"re("-W-xxW-")re");
  CHECK(eval_expr(R"re(regexp.ReplaceAll("a(?P<x>x*)b", "-axb-", "<${x}>"))re") ==
        R"re("-<x>-")re");
  CHECK(eval_expr(R"re(regexp.ReplaceAll("b", "abc", "$$"))re") == R"re("a$c")re");
  CHECK(eval_expr(R"re(regexp.ReplaceAll("x*", "abc", "-"))re") == R"re("-a-b-c-")re");
  CHECK(eval_expr(R"re(regexp.ReplaceAll("^swp", "swp51", "Ethernet"))re") ==
        R"re("Ethernet51")re");
  CHECK(eval_expr(R"re(regexp.ReplaceAllLiteral("a(x*)b", "-ab-axxb-", "${1}W"))re") ==
        R"re("-${1}W-${1}W-")re");
}

TEST_CASE("regexp: QuoteMeta and Valid") {
  CHECK(eval_expr(R"re(regexp.QuoteMeta("1.5+2"))re") == R"re("1\\.5\\+2")re");
  CHECK(eval_expr(R"re(regexp.Match(regexp.QuoteMeta("a.b"), "axb"))re") == "false");
  CHECK(eval_expr(R"re(regexp.Valid("^a+$"))re") == "true");
  CHECK_CONTAINS(eval_expr(R"re(regexp.Valid("a("))re"),
                 "regexp.Valid: error parsing regexp: missing closing ): `a(`");
  CHECK(run("import \"regexp\"\npattern: regexp.Valid\npattern: \"^swp[0-9]+$\"\n") ==
        R"re({"pattern":"^swp[0-9]+$"})re");
  CHECK_CONTAINS(run("import \"regexp\"\npattern: regexp.Valid\npattern: \"[a-\"\n"),
                 "does not satisfy regexp.Valid");
}

TEST_CASE("regexp: invalid patterns and arguments") {
  CHECK_CONTAINS(eval_expr(R"re(regexp.Match("a(", "x"))re"),
                 "regexp.Match: error parsing regexp: missing closing ): `a(`");
  CHECK_CONTAINS(eval_expr(R"re(regexp.Find("[z-a]", "x"))re"),
                 "invalid character class range: `z-a`");
  CHECK_CONTAINS(eval_expr(R"re(regexp.FindAll("x**", "x", -1))re"),
                 "invalid nested repetition operator: `**`");
  CHECK_CONTAINS(eval_expr(R"re(regexp.Match(1, "x"))re"),
                 "cannot use 1 (type int) as string in argument 1 to regexp.Match");
}
