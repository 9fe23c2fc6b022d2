#pragma once
// Numbers as CUE has them: integers, and exact decimal floats (0.1 + 0.2 == 0.3).
//
// An integer is unbounded, as in CUE: a signed 128-bit value inline (every address and counter
// a network config holds), or beyond that range a BigInt kept for the life of the process
// (they are rare; see big_int.h for the size limit). A float is a decimal: coefficient ×
// 10^exponent with up to 34 significant digits (CUE's precision); +, -, * are exact, / rounds
// half-even to 34 digits. Printing follows CUE: plain notation unless the exponent is positive or
// the value very small (1.5E+3, 1.0, 0.3, 1E+100).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "compiler/base/result.h"
#include "compiler/eval/big_int.h"

namespace cfgc::eval {

struct Decimal {
  int128 coeff = 0;  // |coeff| < 10^34
  int32_t exp = 0;
};

class Number {
 public:
  Number() = default;
  static Number from_int(int64_t v) { return from_int128(v); }
  static Number from_int128(int128 v) {
    Number n;
    n.is_int_ = true;
    n.lo_ = static_cast<int64_t>(static_cast<uint64_t>(v));
    n.hi_ = static_cast<int64_t>(v >> 64);
    return n;
  }
  // Inline when b fits in 128 bits; an error beyond kBigIntMaxBits.
  static Result<Number> from_big(BigInt b);
  static Number from_decimal(Decimal d) {
    Number n;
    n.is_int_ = false;
    n.lo_ = static_cast<int64_t>(static_cast<uint64_t>(d.coeff));
    n.hi_ = static_cast<int64_t>(d.coeff >> 64);
    n.exp_ = d.exp;
    return n;
  }

  // Parses a CUE number literal (with `_`, 0x/0o/0b, SI multipliers, exponents).
  // Returns nullopt with a message on overflow or a non-integral multiplied value.
  static Result<Number> parse(std::string_view lit, bool is_float_token);

  bool is_int() const { return is_int_; }
  // An integer beyond 128 bits.
  bool is_big() const { return big_; }
  // The integer value, saturated at the 128-bit limits for a big one (check fits_int128());
  // int_value() is only meaningful when fits_int64().
  int128 int128_value() const {
    if (big_) return big()->negative() ? kInt128Min : kInt128Max;
    return (static_cast<int128>(hi_) << 64) | static_cast<int128>(static_cast<uint64_t>(lo_));
  }
  bool fits_int128() const { return is_int_ && !big_; }
  bool fits_int64() const {
    return fits_int128() && int128_value() >= INT64_MIN && int128_value() <= INT64_MAX;
  }
  // Any integer as a BigInt.
  BigInt to_big() const { return big_ ? *big() : BigInt::from_int128(int128_value()); }
  int64_t int_value() const { return lo_; }
  Decimal decimal() const;  // any number as a decimal
  double to_double() const;

  std::string str() const;

  // Arithmetic; `err` is set on overflow or division by zero.
  static Result<Number> add(const Number& a, const Number& b);
  static Result<Number> sub(const Number& a, const Number& b);
  static Result<Number> mul(const Number& a, const Number& b);
  static Result<Number> div(const Number& a, const Number& b);  // always float
  static Result<Number> neg(const Number& a);

  // Numeric comparison across int and float: -1, 0, 1.
  static int compare(const Number& a, const Number& b);
  // Same kind and same value (1 and 1.0 are not identical).
  bool identical(const Number& o) const { return is_int_ == o.is_int_ && compare(*this, o) == 0; }

 private:
  static constexpr int128 kInt128Max = static_cast<int128>(~static_cast<unsigned __int128>(0) >> 1);
  static constexpr int128 kInt128Min = -kInt128Max - 1;
  const BigInt* big() const { return reinterpret_cast<const BigInt*>(lo_); }
  // Packed into 24 bytes (no 16-byte alignment): an integer in hi_:lo_, a big integer's
  // address in lo_, or a decimal whose 128-bit coefficient is hi_:lo_ with exponent exp_.
  Decimal dec() const {
    return Decimal{
        (static_cast<int128>(hi_) << 64) | static_cast<int128>(static_cast<uint64_t>(lo_)), exp_};
  }
  int64_t lo_ = 0;
  int64_t hi_ = 0;
  int32_t exp_ = 0;
  bool is_int_ = true;
  bool big_ = false;
};

// CUE's div, mod (Euclidean: 0 <= mod < |b|) and quo, rem (truncated toward zero) of two
// integers.
Result<Number> int_div(const Number& a, const Number& b, bool euclid);
Result<Number> int_mod(const Number& a, const Number& b, bool euclid);

}  // namespace cfgc::eval
