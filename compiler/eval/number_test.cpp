// Numbers: literal parsing, exact decimal arithmetic, 128-bit integers, division, printing.
#include "compiler/eval/number.h"

#include <string>

#include "compiler/eval/eval_test_util.h"

using namespace cfgc::eval;
using cfgc::eval::testing::run;

namespace {

Number parse(std::string_view lit, bool is_float) {
  cfgc::Result<Number> n = Number::parse(lit, is_float);
  REQUIRE_MESSAGE(n.ok(), n.error().message);
  return *n;
}
// A number from a literal; a leading '-' negates it (literals have no sign in CUE).
Number num(std::string_view lit) {
  if (lit.starts_with('-')) {
    cfgc::Result<Number> n = Number::neg(num(lit.substr(1)));
    REQUIRE_MESSAGE(n.ok(), n.error().message);
    return *n;
  }
  bool is_float = lit.find_first_of(".eE") != std::string_view::npos;
  return parse(lit, is_float);
}

using Op = cfgc::Result<Number> (*)(const Number&, const Number&);
std::string apply(Op op, std::string_view a, std::string_view b) {
  cfgc::Result<Number> r = op(num(a), num(b));
  return r ? r->str() : "error: " + r.error().message;
}

}  // namespace

TEST_CASE("eval number: parsing literals") {
  CHECK(num("42").is_int());
  CHECK(num("42").int_value() == 42);
  CHECK(num("1_000_000").int_value() == 1000000);
  CHECK(num("0x1f").int_value() == 31);
  CHECK(num("0o17").int_value() == 15);
  CHECK(num("0b101").int_value() == 5);
  CHECK(parse("1Ki", false).int_value() == 1024);
  CHECK(parse("1.5Ki", false).int_value() == 1536);
  CHECK(parse("2M", false).int_value() == 2000000);
  CHECK(!num("1.5").is_int());
  CHECK(num("1.5").str() == "1.5");
  CHECK(num("1.0").str() == "1.0");
  CHECK(num("1.5e3").str() == "1.5E+3");
  CHECK(num("1e100").str() == "1E+100");
  CHECK(num("0.000001").str() == "0.000001");
}

TEST_CASE("eval number: exact decimals") {
  CHECK(apply(Number::add, "0.1", "0.2") == "0.3");
  cfgc::Result<Number> sum = Number::add(num("0.1"), num("0.2"));
  REQUIRE(sum);
  CHECK(!sum->is_int());
  CHECK(Number::compare(*sum, num("0.3")) == 0);
  CHECK(sum->identical(num("0.3")));
  CHECK(apply(Number::sub, "3.0", "1") == "2.0");
  CHECK(apply(Number::mul, "2", "0.5") == "1.0");
  CHECK(apply(Number::mul, "1.1", "1.1") == "1.21");
  CHECK(apply(Number::sub, "0.3", "0.1") == "0.2");
  CHECK(run("a: 0.1 + 0.2 == 0.3") == R"({"a":true})");
}

TEST_CASE("eval number: 128-bit integers") {
  const char* max = "170141183460469231731687303715884105727";  // 2^127 - 1
  Number m = num(max);
  CHECK(m.is_int());
  CHECK(!m.fits_int64());
  CHECK(m.str() == max);
  CHECK(num("9223372036854775807").fits_int64());
  CHECK(!num("9223372036854775808").fits_int64());
  CHECK(apply(Number::mul, "9223372036854775807", "4") == "36893488147419103228");
  CHECK(apply(Number::add, "9223372036854775807", "1") == "9223372036854775808");
  CHECK(apply(Number::sub, "-9223372036854775808", "1") == "-9223372036854775809");
  CHECK(run(std::string("a: ") + max + " - 1") ==
        R"({"a":170141183460469231731687303715884105726})");
}

TEST_CASE("eval number: integers beyond 128 bits") {
  const char* max = "170141183460469231731687303715884105727";  // 2^127 - 1
  CHECK(apply(Number::add, max, "1") == "170141183460469231731687303715884105728");
  CHECK(num("170141183460469231731687303715884105728").is_big());
  // Back inline once the value fits again.
  cfgc::Result<Number> back = Number::sub(num("170141183460469231731687303715884105728"), num("1"));
  REQUIRE(back);
  CHECK(back->fits_int128());
  CHECK(back->str() == max);
  CHECK(apply(Number::mul, max, max) ==
        "28948022309329048855892746252171976962977213799489202546401021394546514198529");
  CHECK(num("-340282366920938463463374607431768211456").str() ==
        "-340282366920938463463374607431768211456");
  CHECK(num("0x1_0000_0000_0000_0000_0000_0000_0000_0000").str() ==
        "340282366920938463463374607431768211456");
  CHECK(Number::compare(num("340282366920938463463374607431768211456"), num(max)) > 0);
  CHECK(Number::compare(num("-340282366920938463463374607431768211456"), num("-1")) < 0);
  CHECK(Number::compare(num("340282366920938463463374607431768211456"), num("3.4e38")) > 0);
  CHECK(apply(Number::add, "340282366920938463463374607431768211456", "0.5") ==
        "3.402823669209384634633746074317682E+38");
  CHECK(apply([](auto& a, auto& b) { return int_div(a, b, true); },
              "-340282366920938463463374607431768211457",
              "340282366920938463463374607431768211456") == "-2");
  CHECK(apply([](auto& a, auto& b) { return int_mod(a, b, true); },
              "-340282366920938463463374607431768211457",
              "340282366920938463463374607431768211456") ==
        "340282366920938463463374607431768211455");
  CHECK(apply([](auto& a, auto& b) { return int_mod(a, b, false); },
              "-340282366920938463463374607431768211457",
              "340282366920938463463374607431768211456") == "-1");
  // A resource limit instead of unbounded time and memory.
  cfgc::Result<Number> huge = Number::parse("1" + std::string(20000, '0'), false);
  REQUIRE(!huge);
  CHECK_CONTAINS(huge.error().message, "is too large (more than 65536 bits)");
  std::string wide = "0x1" + std::string(16000, '0');  // 2^64000 fits
  CHECK(Number::parse(wide, false).ok());
  CHECK_CONTAINS(run("a: " + wide + "\nb: a * a\n"), "integer too large (more than 65536 bits)");
  CHECK(run("a: uint128 & 340282366920938463463374607431768211455") ==
        R"({"a":340282366920938463463374607431768211455})");
  CHECK_CONTAINS(run("a: uint128 & 340282366920938463463374607431768211456"), "out of bound");
}

TEST_CASE("eval number: division") {
  // `/` always gives a float, rounded to 34 significant digits.
  CHECK(apply(Number::div, "7", "2") == "3.5");
  CHECK(apply(Number::div, "10", "4") == "2.5");
  CHECK(apply(Number::div, "1", "3") == "0.3333333333333333333333333333333333");
  CHECK(apply(Number::div, "2", "3") == "0.6666666666666666666666666666666667");
  cfgc::Result<Number> six = Number::div(num("6"), num("2"));
  REQUIRE(six);
  CHECK(!six->is_int());
  CHECK(Number::compare(*six, num("3")) == 0);
  CHECK(apply(Number::div, "1", "0").rfind("error: ", 0) == 0);
  CHECK_NOT_CONTAINS(run("a: (6 / 2) & float"), "error");
  CHECK_CONTAINS(run("a: (6 / 2) & int"), "mismatched types float and int");
  CHECK_CONTAINS(run("a: 1 / 0"), "division by zero");
  // Integer division: div/mod are Euclidean, quo/rem truncate.
  CHECK(run("a: div(-7, 2)\nb: mod(-7, 2)\nc: quo(-7, 2)\nd: rem(-7, 2)\n") ==
        R"({"a":-4,"b":1,"c":-3,"d":-1})");
  CHECK(run("a: div(7, -2)\nb: mod(7, -2)\nc: quo(7, -2)\nd: rem(7, -2)\n") ==
        R"({"a":-3,"b":1,"c":-3,"d":1})");
  CHECK(apply([](auto& a, auto& b) { return int_div(a, b, true); }, "-7", "2") == "-4");
  CHECK(apply([](auto& a, auto& b) { return int_mod(a, b, true); }, "-7", "2") == "1");
  CHECK(apply([](auto& a, auto& b) { return int_div(a, b, false); }, "-7", "2") == "-3");
  CHECK(apply([](auto& a, auto& b) { return int_mod(a, b, false); }, "-7", "2") == "-1");
  CHECK(apply([](auto& a, auto& b) { return int_mod(a, b, true); }, "7", "-2") == "1");
  CHECK(apply([](auto& a, auto& b) { return int_div(a, b, true); }, "7", "-2") == "-3");
  CHECK_CONTAINS(run("a: div(1, 0)"), "division by zero");
}

TEST_CASE("eval number: comparison and identity") {
  CHECK(Number::compare(num("1"), num("1.0")) == 0);
  CHECK(Number::compare(num("1"), num("1.5")) < 0);
  CHECK(Number::compare(num("-2"), num("-2.5")) > 0);
  CHECK(Number::compare(num("170141183460469231731687303715884105727"), num("1e40")) < 0);
  CHECK(!num("1").identical(num("1.0")));
  CHECK(num("1.0").identical(num("1.00")));
  CHECK(run("a: 1 == 1.0") == R"({"a":true})");
  CHECK_CONTAINS(run("a: 1 & 1.0"), "conflicting values 1 and 1.0");
}
