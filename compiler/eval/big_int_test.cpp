// BigInt: parsing, printing and the four operations against values worked out by hand.
#include "compiler/eval/big_int.h"

#include <doctest/doctest.h>

using cfgc::eval::BigInt;

namespace {

BigInt big(std::string_view s) {
  bool neg = s.starts_with('-');
  std::optional<BigInt> b = BigInt::parse(neg ? s.substr(1) : s, 10);
  REQUIRE(b);
  return neg ? b->negated() : *b;
}

}  // namespace

TEST_CASE("big int: parse and print") {
  CHECK(big("0").str() == "0");
  CHECK(big("-0").str() == "0");
  CHECK(big("1000000000").str() == "1000000000");
  CHECK(big("123456789012345678901234567890123456789012345").str() ==
        "123456789012345678901234567890123456789012345");
  CHECK(BigInt::parse("ff", 16)->str() == "255");
  CHECK(BigInt::parse("777", 8)->str() == "511");
  CHECK(BigInt::parse("1012", 2) == std::nullopt);
  CHECK(big("18446744073709551616").bit_length() == 65);
}

TEST_CASE("big int: 128-bit conversion") {
  CHECK(*big("-170141183460469231731687303715884105728").to_int128() ==
        BigInt::from_int128(-(static_cast<__int128>(1) << 126) * 2).to_int128());
  CHECK(!big("170141183460469231731687303715884105728").to_int128());
  CHECK(*big("170141183460469231731687303715884105727").to_int128() > 0);
  CHECK(BigInt::from_int128(-42).str() == "-42");
}

TEST_CASE("big int: arithmetic") {
  CHECK(BigInt::add(big("99999999999999999999"), big("1")).str() == "100000000000000000000");
  CHECK(BigInt::add(big("-5"), big("3")).str() == "-2");
  CHECK(BigInt::sub(big("100000000000000000000"), big("1")).str() == "99999999999999999999");
  CHECK(BigInt::sub(big("1"), big("100000000000000000000")).str() == "-99999999999999999999");
  CHECK(BigInt::mul(big("-18446744073709551616"), big("18446744073709551616")).str() ==
        "-340282366920938463463374607431768211456");
  BigInt q, r;
  BigInt::quo_rem(big("340282366920938463463374607431768211457"), big("18446744073709551616"), q,
                  r);
  CHECK(q.str() == "18446744073709551616");
  CHECK(r.str() == "1");
  BigInt::quo_rem(big("-100000000000000000000000"), big("7"), q, r);
  CHECK(q.str() == "-14285714285714285714285");
  CHECK(r.str() == "-5");
  BigInt::quo_rem(big("5"), big("100000000000000000000000"), q, r);
  CHECK(q.str() == "0");
  CHECK(r.str() == "5");
  CHECK(BigInt::compare(big("-1"), big("1")) < 0);
  CHECK(BigInt::compare(big("-100000000000000000000"), big("-1")) < 0);
  CHECK(BigInt::compare(big("100000000000000000000"), big("100000000000000000000")) == 0);
}
