#pragma once
// Integers of any size, as CUE has them.
//
// A Number keeps every integer that fits in 128 bits inline; only values beyond that range
// (uint128's maximum, products of large counters, literals written with 40 digits) become a
// BigInt, so the common path never allocates. Sign and magnitude, the magnitude in 32-bit limbs
// (least significant first, no leading zero limb; zero is an empty magnitude). The operations
// are the schoolbook ones: the numbers a configuration holds are a few hundred bits at most,
// and kBigIntMaxBits bounds what a program can build.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cfgc::eval {

using int128 = __int128;

// The largest integer a program may build (65,536 bits, about 19,700 decimal digits): a
// resource limit, so a comprehension that squares a number over and over, or a literal of a
// million digits, fails quickly instead of exhausting time or memory (the operations are
// quadratic).
inline constexpr size_t kBigIntMaxBits = 1u << 16;

class BigInt {
 public:
  BigInt() = default;
  static BigInt from_int128(int128 v);
  // Digits in `base` (2, 8, 10 or 16), no sign, no separators; nullopt on a bad digit or when
  // the value could exceed kBigIntMaxBits (checked before parsing).
  static std::optional<BigInt> parse(std::string_view digits, int base);

  bool negative() const { return neg_; }
  bool is_zero() const { return mag_.empty(); }
  size_t bit_length() const;
  // The value when it fits in a signed 128-bit integer.
  std::optional<int128> to_int128() const;
  double to_double() const;
  std::string str() const;  // decimal, with a leading '-' when negative

  BigInt negated() const;
  static BigInt add(const BigInt& a, const BigInt& b);
  static BigInt sub(const BigInt& a, const BigInt& b);
  static BigInt mul(const BigInt& a, const BigInt& b);
  // Truncated division (quotient rounded toward zero, remainder with the dividend's sign);
  // b must not be zero.
  static void quo_rem(const BigInt& a, const BigInt& b, BigInt& q, BigInt& r);
  static int compare(const BigInt& a, const BigInt& b);

 private:
  using Mag = std::vector<uint32_t>;
  static int compare_mag(const Mag& a, const Mag& b);
  static Mag add_mag(const Mag& a, const Mag& b);
  static Mag sub_mag(const Mag& a, const Mag& b);  // |a| >= |b|
  static Mag mul_mag(const Mag& a, const Mag& b);
  // Divides in place by a one-limb divisor; returns the remainder.
  static uint32_t div_small(Mag& a, uint32_t d);
  static void trim(Mag& m);
  void normalize();

  bool neg_ = false;
  Mag mag_;
};

}  // namespace cfgc::eval
