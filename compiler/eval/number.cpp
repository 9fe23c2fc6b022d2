#include "compiler/eval/number.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <deque>
#include <mutex>

namespace cfgc::eval {

namespace {

constexpr int kPrecision = 34;

int digits(int128 v) {
  if (v < 0) v = -v;
  int n = 1;
  while (v >= 10) {
    v /= 10;
    ++n;
  }
  return n;
}

// Rounds a decimal to kPrecision digits, half to even.
Decimal round_to_precision(int128 coeff, int64_t exp, bool& overflow) {
  bool neg = coeff < 0;
  int128 c = neg ? -coeff : coeff;
  while (digits(c) > kPrecision) {
    int128 q = c / 10, r = c % 10;
    if (r > 5 || (r == 5 && (q % 2 == 1))) ++q;
    c = q;
    ++exp;
  }
  overflow = exp > INT32_MAX / 2 || exp < INT32_MIN / 2;
  return Decimal{neg ? -c : c, static_cast<int32_t>(exp)};
}

// Aligns two decimals to a common exponent; false, leaving both unchanged, if that would
// overflow.
bool align(Decimal& a, Decimal& b) {
  Decimal x = a, y = b;
  while (x.exp > y.exp) {
    if (digits(x.coeff) >= 37) return false;
    x.coeff *= 10;
    --x.exp;
  }
  while (y.exp > x.exp) {
    if (digits(y.coeff) >= 37) return false;
    y.coeff *= 10;
    --y.exp;
  }
  a = x;
  b = y;
  return true;
}

// The exponent of a decimal's leading digit (the magnitude).
int64_t adjusted_exp(const Decimal& d) { return int64_t(d.exp) + digits(d.coeff) - 1; }

std::string int128_str(int128 v) {
  if (v == 0) return "0";
  bool neg = v < 0;
  std::string s;
  while (v != 0) {
    int d = static_cast<int>(v % 10);
    s += static_cast<char>('0' + (d < 0 ? -d : d));
    v /= 10;
  }
  if (neg) s += '-';
  return {s.rbegin(), s.rend()};
}

// Big integers live as long as the process: Numbers are copied freely (into arenas, across
// instances evaluated on other threads), and values beyond 128 bits are rare.
const BigInt* keep(BigInt b) {
  static std::mutex mu;
  static auto* pool = new std::deque<BigInt>();
  std::lock_guard<std::mutex> lock(mu);
  pool->push_back(std::move(b));
  return &pool->back();
}

std::string too_large(std::string_view lit) {
  std::string shown = lit.size() > 40 ? std::string(lit.substr(0, 40)) + "…" : std::string(lit);
  return "integer literal " + shown + " is too large (more than " + std::to_string(kBigIntMaxBits) +
         " bits)";
}

}  // namespace

Result<Number> Number::from_big(BigInt b) {
  if (std::optional<int128> v = b.to_int128()) return from_int128(*v);
  if (b.bit_length() > kBigIntMaxBits) {
    return Error{"integer too large (more than " + std::to_string(kBigIntMaxBits) + " bits)"};
  }
  Number n;
  n.is_int_ = true;
  n.big_ = true;
  n.lo_ = reinterpret_cast<int64_t>(keep(std::move(b)));
  return n;
}

Decimal Number::decimal() const {
  if (big_) {
    // The 34 leading digits, rounded half to even.
    std::string digits_str = big()->str();
    bool neg = digits_str[0] == '-';
    if (neg) digits_str.erase(0, 1);
    int128 c = 0;
    for (int i = 0; i < kPrecision; ++i) c = c * 10 + (digits_str[i] - '0');
    int next = digits_str[kPrecision] - '0';
    bool sticky = digits_str.find_first_not_of('0', kPrecision + 1) != std::string::npos;
    if (next > 5 || (next == 5 && (sticky || c % 2 == 1))) ++c;
    int32_t exp = static_cast<int32_t>(digits_str.size()) - kPrecision;
    if (digits(c) > kPrecision) {
      c /= 10;
      ++exp;
    }
    return Decimal{neg ? -c : c, exp};
  }
  if (is_int_) return Decimal{int128_value(), 0};
  return dec();
}

double Number::to_double() const {
  if (big_) return big()->to_double();
  if (is_int_) return static_cast<double>(int128_value());
  return std::strtod(str().c_str(), nullptr);
}

Result<Number> Number::parse(std::string_view lit, bool is_float_token) {
  std::string s;
  s.reserve(lit.size());
  for (char c : lit) {
    if (c != '_') s += c;
  }
  // Radix prefixes.
  if (s.size() > 2 && s[0] == '0' &&
      (s[1] == 'x' || s[1] == 'X' || s[1] == 'o' || s[1] == 'O' || s[1] == 'b' || s[1] == 'B')) {
    int base = (s[1] | 0x20) == 'x' ? 16 : (s[1] | 0x20) == 'o' ? 8 : 2;
    int128 v = 0;
    for (size_t i = 2; i < s.size(); ++i) {
      char c = s[i];
      int d = c >= '0' && c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
      if (__builtin_mul_overflow(v, int128(base), &v) || __builtin_add_overflow(v, int128(d), &v)) {
        std::optional<BigInt> b = BigInt::parse(std::string_view(s).substr(2), base);
        if (!b || b->bit_length() > kBigIntMaxBits) return Error{too_large(lit)};
        return from_big(std::move(*b));
      }
    }
    return from_int128(v);
  }
  // SI multiplier.
  int128 mult = 1;
  if (!s.empty()) {
    bool binary = s.back() == 'i';
    size_t m = binary ? s.size() - 2 : s.size() - 1;
    if (m < s.size()) {
      int power = 0;
      switch (s[m]) {
        case 'K': power = 1; break;
        case 'M': power = 2; break;
        case 'G': power = 3; break;
        case 'T': power = 4; break;
        case 'P': power = 5; break;
        default: break;
      }
      if (power) {
        for (int i = 0; i < power; ++i) mult *= binary ? 1024 : 1000;
        s.resize(m);
      } else if (binary) {
        // not a multiplier; leave as is
      }
    }
  }
  // Decimal mantissa and exponent.
  int128 coeff = 0;
  int64_t exp = 0;
  size_t i = 0;
  bool seen_dot = false;
  int sig = 0;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c == '.') {
      seen_dot = true;
      continue;
    }
    if (c == 'e' || c == 'E') break;
    if (!is_float_token && mult == 1) {
      // Integers: every digit counts.
      if (__builtin_mul_overflow(coeff, int128(10), &coeff) ||
          __builtin_add_overflow(coeff, int128(c - '0'), &coeff)) {
        std::optional<BigInt> b = BigInt::parse(s, 10);
        if (!b || b->bit_length() > kBigIntMaxBits) return Error{too_large(lit)};
        return from_big(std::move(*b));
      }
    } else if (sig < 37) {
      coeff = coeff * 10 + (c - '0');
      if (coeff != 0) ++sig;
      if (seen_dot) --exp;
    } else if (!seen_dot) {
      ++exp;  // digits beyond precision in the integer part
    }
  }
  if (i < s.size()) {
    // strtoll saturates a huge exponent (1e99999999999999999999); adding it must not overflow.
    if (__builtin_add_overflow(
            exp, static_cast<int64_t>(std::strtoll(s.c_str() + i + 1, nullptr, 10)), &exp)) {
      return Error{"float literal " + std::string(lit) + " is out of range"};
    }
  }
  if (mult != 1) {
    // An SI literal is an integer: 1.5K == 1500.
    if (__builtin_mul_overflow(coeff, mult, &coeff)) return Error{too_large(lit)};
    while (exp < 0) {  // fractional results truncate: 1.3Ki == 1331
      coeff /= 10;
      ++exp;
    }
    while (exp > 0) {
      if (__builtin_mul_overflow(coeff, int128(10), &coeff)) return Error{too_large(lit)};
      --exp;
    }
    return from_int128(coeff);
  }
  if (!is_float_token) {
    if (exp != 0) return Error{"invalid integer literal " + std::string(lit)};
    return from_int128(coeff);
  }
  bool overflow = false;
  Decimal d = round_to_precision(coeff, exp, overflow);
  if (overflow) {
    return Error{"float literal " + std::string(lit) + " is out of range"};
  }
  return from_decimal(d);
}

std::string Number::str() const {
  if (big_) return big()->str();
  if (is_int_) return int128_str(int128_value());
  // General Decimal Arithmetic "to-scientific-string".
  const Decimal d = dec();
  bool neg = d.coeff < 0;
  std::string digits_str = int128_str(neg ? -d.coeff : d.coeff);
  int64_t exp = d.exp;
  int64_t adjusted = exp + static_cast<int64_t>(digits_str.size()) - 1;
  std::string out = neg ? "-" : "";
  if (exp <= 0 && adjusted >= -6) {
    if (exp == 0) {
      out += digits_str;
    } else {
      int64_t point = static_cast<int64_t>(digits_str.size()) + exp;
      if (point > 0) {
        out += digits_str.substr(0, point);
        out += '.';
        out += digits_str.substr(point);
      } else {
        out += "0.";
        out.append(static_cast<size_t>(-point), '0');
        out += digits_str;
      }
    }
    return out;
  }
  out += digits_str[0];
  if (digits_str.size() > 1) {
    out += '.';
    out += digits_str.substr(1);
  }
  out += 'E';
  out += adjusted >= 0 ? "+" : "-";
  out += std::to_string(adjusted >= 0 ? adjusted : -adjusted);
  return out;
}

static Result<Number> decimal_result(int128 coeff, int64_t exp) {
  bool overflow = false;
  Decimal d = round_to_precision(coeff, exp, overflow);
  if (overflow) {
    return Error{"float overflow"};
  }
  return Number::from_decimal(d);
}

Result<Number> Number::add(const Number& a, const Number& b) {
  if (a.is_int_ && b.is_int_) {
    int128 r;
    if (!a.big_ && !b.big_ && !__builtin_add_overflow(a.int128_value(), b.int128_value(), &r)) {
      return from_int128(r);
    }
    return from_big(BigInt::add(a.to_big(), b.to_big()));
  }
  Decimal x = a.decimal(), y = b.decimal();
  // Exponents too far apart to align: the smaller operand is below the larger's precision.
  if (!align(x, y)) return from_decimal(adjusted_exp(x) >= adjusted_exp(y) ? x : y);
  return decimal_result(x.coeff + y.coeff, x.exp);
}

Result<Number> Number::neg(const Number& a) {
  if (a.is_int_) {
    int128 r;
    if (!a.big_ && !__builtin_sub_overflow(int128(0), a.int128_value(), &r)) {
      return from_int128(r);
    }
    return from_big(a.to_big().negated());
  }
  Decimal d = a.dec();
  return from_decimal(Decimal{-d.coeff, d.exp});
}

Result<Number> Number::sub(const Number& a, const Number& b) {
  if (a.is_int_ && b.is_int_) {
    int128 r;
    if (!a.big_ && !b.big_ && !__builtin_sub_overflow(a.int128_value(), b.int128_value(), &r)) {
      return from_int128(r);
    }
    return from_big(BigInt::sub(a.to_big(), b.to_big()));
  }
  auto nb = neg(b);
  if (!nb) return nb;
  return add(a, *nb);
}

Result<Number> Number::mul(const Number& a, const Number& b) {
  if (a.is_int_ && b.is_int_) {
    int128 r;
    if (!a.big_ && !b.big_ && !__builtin_mul_overflow(a.int128_value(), b.int128_value(), &r)) {
      return from_int128(r);
    }
    BigInt x = a.to_big(), y = b.to_big();
    if (x.bit_length() + y.bit_length() > kBigIntMaxBits + 1) {
      return Error{"integer too large (more than " + std::to_string(kBigIntMaxBits) + " bits)"};
    }
    return from_big(BigInt::mul(x, y));
  }
  Decimal x = a.decimal(), y = b.decimal();
  // Both coefficients have at most 34 digits; reduce them so the product fits in 128 bits.
  auto shrink = [](Decimal& d) {
    while (digits(d.coeff) > 18 && d.coeff % 10 == 0) {
      d.coeff /= 10;
      ++d.exp;
    }
  };
  shrink(x);
  shrink(y);
  int dx = digits(x.coeff), dy = digits(y.coeff);
  int64_t exp = int64_t(x.exp) + y.exp;
  int128 cx = x.coeff, cy = y.coeff;
  while (dx + dy > 37) {  // lose precision beyond 34 digits before multiplying
    if (dx >= dy) {
      cx /= 10;
      --dx;
    } else {
      cy /= 10;
      --dy;
    }
    ++exp;
  }
  return decimal_result(cx * cy, exp);
}

Result<Number> Number::div(const Number& a, const Number& b) {
  Decimal x = a.decimal(), y = b.decimal();
  if (y.coeff == 0) {
    return Error{"division by zero"};
  }
  bool neg = (x.coeff < 0) != (y.coeff < 0);
  int128 n = x.coeff < 0 ? -x.coeff : x.coeff;
  int128 d = y.coeff < 0 ? -y.coeff : y.coeff;
  int64_t exp = int64_t(x.exp) - y.exp;
  // Long division, one decimal digit at a time, up to precision + 1 digits.
  int128 q = n / d, r = n % d;
  int produced = q == 0 ? 0 : digits(q);
  while (r != 0 && produced < kPrecision + 1) {
    if (r > (int128(1) << 120) / 10) break;
    r *= 10;
    q = q * 10 + r / d;
    r %= d;
    --exp;
    if (q != 0) ++produced;
  }
  // Exact quotients lose trailing zeros down to the ideal exponent, the dividend's less the
  // divisor's (4/2 == 2, 10.0/2 == 5.0), as decimal arithmetic (and cue) has it.
  int64_t ideal = std::min<int64_t>(0, int64_t(x.exp) - y.exp);
  while (r == 0 && q != 0 && q % 10 == 0 && exp < ideal) {
    q /= 10;
    ++exp;
  }
  return decimal_result(neg ? -q : q, exp);
}

int Number::compare(const Number& a, const Number& b) {
  if (a.is_int_ && b.is_int_) {
    if (a.big_ || b.big_) return BigInt::compare(a.to_big(), b.to_big());
    int128 x = a.int128_value(), y = b.int128_value();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  Decimal x = a.decimal(), y = b.decimal();
  if (!align(x, y)) {
    double dx = a.to_double(), dy = b.to_double();
    return dx < dy ? -1 : dx > dy ? 1 : 0;
  }
  return x.coeff < y.coeff ? -1 : x.coeff > y.coeff ? 1 : 0;
}

namespace {

// Quotient and remainder, truncated or (euclid) with 0 <= remainder < |b|.
Result<std::pair<Number, Number>> int_quo_rem(const Number& a, const Number& b, bool euclid) {
  if (!a.is_int() || !b.is_int()) return Error{"not an integer"};
  if (b.fits_int128() && b.int128_value() == 0) return Error{"division by zero"};
  constexpr int128 kMin = -static_cast<int128>(~static_cast<unsigned __int128>(0) >> 1) - 1;
  int128 x = a.int128_value(), y = b.int128_value();
  if (a.fits_int128() && b.fits_int128() && !(x == kMin && y == -1)) {
    int128 q = x / y, r = x % y;
    if (euclid && r < 0) {
      q = y > 0 ? q - 1 : q + 1;
      r += y > 0 ? y : -y;
    }
    return std::pair{Number::from_int128(q), Number::from_int128(r)};
  }
  BigInt q, r, bb = b.to_big();
  BigInt::quo_rem(a.to_big(), bb, q, r);
  if (euclid && r.negative()) {
    BigInt one = BigInt::from_int128(1);
    q = bb.negative() ? BigInt::add(q, one) : BigInt::sub(q, one);
    r = bb.negative() ? BigInt::sub(r, bb) : BigInt::add(r, bb);
  }
  auto nq = Number::from_big(std::move(q));
  if (!nq) return nq.error();
  auto nr = Number::from_big(std::move(r));
  if (!nr) return nr.error();
  return std::pair{*nq, *nr};
}

}  // namespace

Result<Number> int_div(const Number& a, const Number& b, bool euclid) {
  auto qr = int_quo_rem(a, b, euclid);
  if (!qr) return qr.error();
  return qr->first;
}

Result<Number> int_mod(const Number& a, const Number& b, bool euclid) {
  auto qr = int_quo_rem(a, b, euclid);
  if (!qr) return qr.error();
  return qr->second;
}

}  // namespace cfgc::eval
