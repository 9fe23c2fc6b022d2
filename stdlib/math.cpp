// Packages math and math/bits.
//
// Rounding (Floor, Ceil, Round, RoundToEven, Trunc), Abs, MultipleOf and Pow with an integer
// exponent are exact on CUE's decimal numbers. Transcendental functions (Sqrt, Log, Exp, Sin, …)
// are computed in IEEE double precision and give the shortest decimal that reads back as that
// double (math.Sqrt(2) is 1.4142135623730951), as CUE does for most of them.
// The constants (math.Pi, …) have 34 significant digits, the precision of cfgc's floats.
#include <cmath>
#include <optional>
#include <string>

#include "stdlib/packages.h"
#include "stdlib/util.h"

namespace cfgc::stdlib {

namespace {

using eval::Decimal;
using eval::int128;

enum class Mode { Floor, Ceil, Trunc, HalfAway, HalfEven };

const Value* to_integer(CallContext& c, const Number& n, Mode m) {
  if (n.is_int()) return c.ev.number(n, c.pos);
  Decimal d = n.decimal();
  int128 coeff = d.coeff;
  int32_t e = d.exp;
  if (e >= 0) {
    // An integral float: its digits and e zeros, exact however large (integers are unbounded).
    if (e > 1000000) return failf(c, "{} is too large for an integer", n.str());
    std::string digits = Number::from_int128(coeff < 0 ? -coeff : coeff).str();
    digits.append(static_cast<size_t>(e), '0');
    std::optional<eval::BigInt> b = eval::BigInt::parse(digits, 10);
    Result<Number> r = Number::from_big(coeff < 0 ? b->negated() : *b);
    if (!r) return failf(c, "{}", r.error().message);
    return c.ev.number(*r, c.pos);
  }
  int sign = coeff < 0 ? -1 : coeff > 0 ? 1 : 0;
  int128 q = 0, r = coeff;
  bool half_cmp_known = false;
  int half_cmp = -1;  // |r| compared to half the divisor
  if (-e <= 38) {
    int128 p = 1;
    for (int i = 0; i < -e; ++i) p *= 10;
    q = coeff / p;
    r = coeff % p;
    int128 ar = r < 0 ? -r : r;
    // 2|r| vs p without overflow: |r| < p <= 10^38, 2 * 10^38 < 2^127.
    half_cmp = 2 * ar < p ? -1 : 2 * ar == p ? 0 : 1;
    half_cmp_known = true;
  }
  if (!half_cmp_known) half_cmp = -1;  // |value| < 10^-4: below one half
  switch (m) {
    case Mode::Trunc: break;
    case Mode::Floor:
      if (r < 0) q -= 1;
      break;
    case Mode::Ceil:
      if (r > 0) q += 1;
      break;
    case Mode::HalfAway:
      if (half_cmp >= 0) q += sign;
      break;
    case Mode::HalfEven:
      if (half_cmp > 0 || (half_cmp == 0 && q % 2 != 0)) q += sign;
      break;
  }
  return c.ev.number(Number::from_int128(q), c.pos);
}

bool is_integral(const Number& n) {
  if (n.is_int()) return true;
  Decimal d = n.decimal();
  if (d.exp >= 0 || d.coeff == 0) return true;
  if (-d.exp > 38) return false;
  int128 p = 1;
  for (int i = 0; i < -d.exp; ++i) p *= 10;
  return d.coeff % p == 0;
}

const Value* pow_int(CallContext& c, const Number& x, int64_t y) {
  uint64_t k = y < 0 ? 0 - static_cast<uint64_t>(y) : static_cast<uint64_t>(y);
  Number result = x.is_int() ? Number::from_int(1) : Number::from_decimal(Decimal{1, 0});
  Number base = x;
  while (k) {
    if (k & 1) {
      auto r = Number::mul(result, base);
      if (!r) return failf(c, "{}", r.error().message);
      result = *r;
    }
    k >>= 1;
    if (k) {
      auto b = Number::mul(base, base);
      if (!b) return failf(c, "{}", b.error().message);
      base = *b;
    }
  }
  if (y < 0) {
    if (Number::compare(x, Number::from_int(0)) == 0)
      return fail(c, "division by zero (0 to a negative power)");
    auto r = Number::div(Number::from_int(1), result);
    if (!r) return failf(c, "{}", r.error().message);
    result = *r;
  }
  return c.ev.number(result, c.pos);
}

const Value* constant(CallContext& c, const char* digits) {
  auto n = Number::parse(digits, true);
  if (!n) return fail(c, n.error().message);
  return c.ev.number(*n, c.pos);
}

// A double function of one number argument.
void unary(const std::string& name, double (*f)(double), std::string doc) {
  def("math", name, {kNumber}, kFloat, std::move(doc),
      [f](CallContext& c, Args a) { return float_result(c, f(a[0]->num.to_double())); });
}

void binary(const std::string& name, double (*f)(double, double), std::string doc) {
  def("math", name, {kNumber, kNumber}, kFloat, std::move(doc), [f](CallContext& c, Args a) {
    return float_result(c, f(a[0]->num.to_double(), a[1]->num.to_double()));
  });
}

// The inverse of erf on (-1, 1): a first guess from the logarithmic approximation, then
// Newton steps on erf(y) - x until they stop changing y (erf's derivative is 2/√π·e^(-y²)).
double erf_inverse(double x) {
  if (x <= -1) return x == -1 ? -HUGE_VAL : NAN;
  if (x >= 1) return x == 1 ? HUGE_VAL : NAN;
  if (x == 0) return x;
  const double a = 0.147;
  double ln = std::log(1 - x * x);
  double t = 2 / (M_PI * a) + ln / 2;
  double y = std::copysign(std::sqrt(std::sqrt(t * t - ln / a) - t), x);
  for (int i = 0; i < 50; ++i) {
    double step = (std::erf(y) - x) / (2 / std::sqrt(M_PI) * std::exp(-y * y));
    y -= step;
    if (std::fabs(step) <= 1e-17 * std::fabs(y)) break;
  }
  return y;
}

// --- math/bits ---

// An int argument that must be non-negative (bits work on unsigned values).
const Value* unsigned_arg(CallContext& c, const Value* v, unsigned __int128& out) {
  if (!v->num.fits_int128())
    return failf(c, "{} is beyond the 128 bits math/bits handles", v->num.str());
  int128 i = v->num.int128_value();
  if (i < 0) return failf(c, "negative value {}", v->num.str());
  out = static_cast<unsigned __int128>(i);
  return nullptr;
}

const Value* bits_result(CallContext& c, unsigned __int128 u) {
  if (u > static_cast<unsigned __int128>(~(static_cast<unsigned __int128>(1) << 127))) {
    return fail(c, "result out of the integer range");
  }
  return c.ev.number(Number::from_int128(static_cast<int128>(u)), c.pos);
}

int bit_len(unsigned __int128 u) {
  int n = 0;
  while (u) {
    ++n;
    u >>= 1;
  }
  return n;
}

}  // namespace

void register_math() {
  const std::string P = "math";
  const uint16_t N = kNumber;

  struct Const {
    const char* name;
    const char* digits;
    const char* doc;
  };
  static const Const kConsts[] = {
      {"E", "2.71828182845904523536028747135266249775724709369995957496696763",
       "e, the base of natural logarithms"},
      {"Pi", "3.14159265358979323846264338327950288419716939937510582097494459", "π"},
      {"Phi", "1.61803398874989484820458683436563811772030917980576286213544861",
       "φ, the golden ratio"},
      {"Sqrt2", "1.41421356237309504880168872420969807856967187537694807317667974", "√2"},
      {"SqrtE", "1.64872127070012814684865078831848487159505559111763813922958485", "√e"},
      {"SqrtPi", "1.77245385090551602729816748334114518279754945612238712821380779", "√π"},
      {"SqrtPhi", "1.27201964951406896425242246173749149171560804184009624861664038", "√φ"},
      {"Ln2", "0.693147180559945309417232121458176568075500134360255254120680009",
       "the natural logarithm of 2"},
      {"Log2E", "1.44269504088896340735992468100189213742664595415298593413544940", "1/Ln2"},
      {"Ln10", "2.30258509299404568401799145468436420760110148862877297603332790",
       "the natural logarithm of 10"},
      {"Log10E", "0.434294481903251827651128918916605082294397005803666566114453783", "1/Ln10"},
  };
  for (const Const& k : kConsts) {
    const char* digits = k.digits;
    def_const(P, k.name, kFloat, fmt::format("{} (34 significant digits)", k.doc),
              [digits](CallContext& c, Args) { return constant(c, digits); });
  }
  struct IntConst {
    const char* name;
    int64_t value;
  };
  static const IntConst kInts[] = {
      {"MaxInt8", INT8_MAX},     {"MinInt8", INT8_MIN},     {"MaxInt16", INT16_MAX},
      {"MinInt16", INT16_MIN},   {"MaxInt32", INT32_MAX},   {"MinInt32", INT32_MIN},
      {"MaxInt64", INT64_MAX},   {"MinInt64", INT64_MIN},   {"MaxUint8", UINT8_MAX},
      {"MaxUint16", UINT16_MAX}, {"MaxUint32", UINT32_MAX},
  };
  for (const IntConst& k : kInts) {
    int64_t v = k.value;
    def_const(P, k.name, kInt, fmt::format("{}", v),
              [v](CallContext& c, Args) { return c.ev.integer(v, c.pos); });
  }
  // Go's math/big limits and rounding modes, as cue's math package lists them.
  static const IntConst kBig[] = {
      {"MaxExp", 2147483647},
      {"MinExp", -2147483648LL},
      {"MaxPrec", 4294967295LL},
      {"MaxBase", 62},
      {"ToNearestEven", 0},
      {"ToNearestAway", 1},
      {"ToZero", 2},
      {"AwayFromZero", 3},
      {"ToNegativeInf", 4},
      {"ToPositiveInf", 5},
      {"Below", -1},
      {"Exact", 0},
      {"Above", 1},
  };
  for (const IntConst& k : kBig) {
    int64_t v = k.value;
    def_const(P, k.name, kInt, fmt::format("{}", v),
              [v](CallContext& c, Args) { return c.ev.integer(v, c.pos); });
  }
  def_const(P, "MaxUint64", kInt, "18446744073709551615", [](CallContext& c, Args) {
    return c.ev.number(Number::from_int128(static_cast<int128>(UINT64_MAX)), c.pos);
  });

  def(P, "Abs", {N}, N, "the absolute value (an int stays an int, a float keeps its digits)",
      [](CallContext& c, Args a) -> const Value* {
        const Number& n = a[0]->num;
        if (n.is_int()) {
          if (Number::compare(n, Number::from_int(0)) >= 0) return a[0];
          return c.ev.number(*Number::neg(n), c.pos);
        }
        Decimal d = n.decimal();
        if (d.coeff < 0) d.coeff = -d.coeff;
        return c.ev.number(Number::from_decimal(d), c.pos);
      });
  def(P, "Floor", {N}, kInt, "the greatest integer less than or equal to x",
      [](CallContext& c, Args a) { return to_integer(c, a[0]->num, Mode::Floor); });
  def(P, "Ceil", {N}, kInt, "the least integer greater than or equal to x",
      [](CallContext& c, Args a) { return to_integer(c, a[0]->num, Mode::Ceil); });
  def(P, "Trunc", {N}, kInt, "the integer part of x (rounded toward zero)",
      [](CallContext& c, Args a) { return to_integer(c, a[0]->num, Mode::Trunc); });
  def(P, "Round", {N}, kInt, "the nearest integer, halves rounded away from zero (Round(2.5) is 3)",
      [](CallContext& c, Args a) { return to_integer(c, a[0]->num, Mode::HalfAway); });
  def(P, "RoundToEven", {N}, kInt,
      "the nearest integer, halves rounded to even (RoundToEven(2.5) is 2)",
      [](CallContext& c, Args a) { return to_integer(c, a[0]->num, Mode::HalfEven); });
  def(P, "MultipleOf", {N, N}, kBool,
      "MultipleOf(x, y): whether x is an integer multiple of y (exact)",
      [](CallContext& c, Args a) -> const Value* {
        if (Number::compare(a[1]->num, Number::from_int(0)) == 0)
          return fail(c, "division by zero");
        auto q = Number::div(a[0]->num, a[1]->num);
        if (!q) return fail(c, q.error().message);
        return c.ev.boolean(is_integral(*q), c.pos);
      });
  def(P, "Pow", {N, N}, N,
      "Pow(x, y): x to the power y; exact for an integer y (an int for int x and y >= 0), a double "
      "otherwise",
      [](CallContext& c, Args a) -> const Value* {
        const Number& x = a[0]->num;
        const Number& y = a[1]->num;
        if (y.is_int()) {
          if (!y.fits_int64()) return fail(c, "exponent out of range");
          return pow_int(c, x, y.int_value());
        }
        return float_result(c, std::pow(x.to_double(), y.to_double()));
      });
  def(P, "Pow10", {kInt}, kFloat, "10 to the power n", [](CallContext& c, Args a) -> const Value* {
    int64_t n = int_of(a[0]);
    if (n < -1000000 || n > 1000000) return fail(c, "exponent out of range");
    if (n >= 0 && n <= 20) {
      int128 v = 1;
      for (int64_t i = 0; i < n; ++i) v *= 10;
      return c.ev.number(Number::from_decimal(Decimal{v, 0}), c.pos);
    }
    return c.ev.number(Number::from_decimal(Decimal{1, static_cast<int32_t>(n)}), c.pos);
  });
  def(P, "Sqrt", {N}, kFloat, "the square root of x (x >= 0)",
      [](CallContext& c, Args a) -> const Value* {
        if (Number::compare(a[0]->num, Number::from_int(0)) < 0)
          return failf(c, "negative argument {}", a[0]->num.str());
        return float_result(c, std::sqrt(a[0]->num.to_double()));
      });
  def(P, "Log", {N}, kFloat, "the natural logarithm of x (x > 0)",
      [](CallContext& c, Args a) -> const Value* {
        if (Number::compare(a[0]->num, Number::from_int(0)) <= 0) {
          return failf(c, "argument {} is not positive", a[0]->num.str());
        }
        return float_result(c, std::log(a[0]->num.to_double()));
      });
  def(P, "Log10", {N}, kFloat, "the decimal logarithm of x (x > 0)",
      [](CallContext& c, Args a) -> const Value* {
        if (Number::compare(a[0]->num, Number::from_int(0)) <= 0) {
          return failf(c, "argument {} is not positive", a[0]->num.str());
        }
        return float_result(c, std::log10(a[0]->num.to_double()));
      });
  def(P, "Log2", {N}, kFloat, "the binary logarithm of x (x > 0)",
      [](CallContext& c, Args a) -> const Value* {
        if (Number::compare(a[0]->num, Number::from_int(0)) <= 0) {
          return failf(c, "argument {} is not positive", a[0]->num.str());
        }
        return float_result(c, std::log2(a[0]->num.to_double()));
      });
  unary(
      "Log1p", [](double x) { return std::log1p(x); }, "the natural logarithm of 1 + x (x > -1)");
  unary(
      "Exp", [](double x) { return std::exp(x); }, "e to the power x");
  unary(
      "Exp2", [](double x) { return std::exp2(x); }, "2 to the power x");
  unary(
      "Expm1", [](double x) { return std::expm1(x); },
      "e to the power x, minus 1 (accurate near 0)");
  unary(
      "Cbrt",
      [](double x) {
        double r = std::cbrt(x);
        double n = std::round(r);
        return n * n * n == x ? n : r;  // exact for perfect cubes (the C library may be 1 ulp off)
      },
      "the cube root of x");
  unary(
      "Sin", [](double x) { return std::sin(x); }, "the sine of x (radians)");
  unary(
      "Cos", [](double x) { return std::cos(x); }, "the cosine of x (radians)");
  unary(
      "Tan", [](double x) { return std::tan(x); }, "the tangent of x (radians)");
  unary(
      "Asin", [](double x) { return std::asin(x); }, "the arcsine of x, in radians (-1 <= x <= 1)");
  unary(
      "Acos", [](double x) { return std::acos(x); },
      "the arccosine of x, in radians (-1 <= x <= 1)");
  unary(
      "Atan", [](double x) { return std::atan(x); }, "the arctangent of x, in radians");
  unary(
      "Sinh", [](double x) { return std::sinh(x); }, "the hyperbolic sine of x");
  unary(
      "Cosh", [](double x) { return std::cosh(x); }, "the hyperbolic cosine of x");
  unary(
      "Tanh", [](double x) { return std::tanh(x); }, "the hyperbolic tangent of x");
  unary(
      "Asinh", [](double x) { return std::asinh(x); }, "the inverse hyperbolic sine of x");
  unary(
      "Acosh", [](double x) { return std::acosh(x); },
      "the inverse hyperbolic cosine of x (x >= 1)");
  unary(
      "Atanh", [](double x) { return std::atanh(x); },
      "the inverse hyperbolic tangent of x (-1 < x < 1)");
  unary(
      "Erf", [](double x) { return std::erf(x); }, "the error function of x");
  unary(
      "Erfc", [](double x) { return std::erfc(x); },
      "the complementary error function, 1 - Erf(x)");
  unary("Erfinv", erf_inverse, "the inverse error function (-1 < x < 1)");
  unary(
      "Erfcinv", [](double x) { return erf_inverse(1 - x); }, "the inverse of Erfc (0 < x < 2)");
  unary(
      "Gamma", [](double x) { return std::tgamma(x); }, "the Gamma function of x");
  unary(
      "J0", [](double x) { return ::j0(x); }, "the Bessel function of the first kind, order 0");
  unary(
      "J1", [](double x) { return ::j1(x); }, "the Bessel function of the first kind, order 1");
  unary(
      "Y0", [](double x) { return ::y0(x); }, "the Bessel function of the second kind, order 0");
  unary(
      "Y1", [](double x) { return ::y1(x); }, "the Bessel function of the second kind, order 1");
  unary(
      "Logb", [](double x) { return std::logb(x); }, "the binary exponent of x");
  def(P, "Ilogb", {N}, kInt, "the binary exponent of x, as an int (x != 0)",
      [](CallContext& c, Args a) -> const Value* {
        double x = a[0]->num.to_double();
        if (x == 0 || !std::isfinite(x)) return failf(c, "invalid argument {}", a[0]->num.str());
        return c.ev.integer(std::ilogb(x), c.pos);
      });
  auto order_n = [&](const char* name, double (*f)(int, double), const char* doc) {
    def(P, name, {kInt, N}, kFloat, doc, [f](CallContext& c, Args a) -> const Value* {
      int64_t n = int_of(a[0]);
      if (n < INT32_MIN || n > INT32_MAX) return failf(c, "order {} out of range", n);
      return float_result(c, f(static_cast<int>(n), a[1]->num.to_double()));
    });
  };
  order_n("Jn", ::jn, "Jn(n, x): the Bessel function of the first kind, order n");
  order_n("Yn", ::yn, "Yn(n, x): the Bessel function of the second kind, order n");
  def(P, "Ldexp", {N, kInt}, kFloat, "Ldexp(frac, exp): frac × 2^exp",
      [](CallContext& c, Args a) -> const Value* {
        int64_t e = int_of(a[1]);
        e = std::clamp<int64_t>(e, -100000, 100000);  // beyond: 0 or infinity either way
        return float_result(c, std::ldexp(a[0]->num.to_double(), static_cast<int>(e)));
      });
  def(P, "Jacobi", {kInt, kInt}, kInt, "Jacobi(x, y): the Jacobi symbol (x/y), +1, -1 or 0 (y odd)",
      [](CallContext& c, Args a) -> const Value* {
        if (!a[0]->num.fits_int64() || !a[1]->num.fits_int64())
          return fail(c, "arguments beyond 64 bits are not supported");
        int64_t x = a[0]->num.int_value(), y = a[1]->num.int_value();
        if (y % 2 == 0) {
          return failf(c, "big: invalid 2nd argument to Int.Jacobi: need odd integer but got {}",
                       y);
        }
        // The law of quadratic reciprocity, as in the usual binary algorithm.
        int j = 1;
        if (y < 0) {
          if (x < 0) j = -1;
          y = -y;
        }
        x %= y;
        if (x < 0) x += y;
        while (y != 1) {
          if (x == 0) return c.ev.integer(0, c.pos);
          while (x % 2 == 0) {
            x /= 2;
            if (y % 8 == 3 || y % 8 == 5) j = -j;
          }
          std::swap(x, y);
          if (x % 4 == 3 && y % 4 == 3) j = -j;
          x %= y;
        }
        return c.ev.integer(j, c.pos);
      });
  binary(
      "Atan2", [](double y, double x) { return std::atan2(y, x); },
      "Atan2(y, x): the arctangent of y/x, using the signs of both to find the quadrant");
  binary(
      "Hypot", [](double x, double y) { return std::hypot(x, y); }, "Hypot(x, y): √(x² + y²)");
  binary(
      "Dim", [](double x, double y) { return std::fdim(x, y); }, "Dim(x, y): max(x - y, 0)");
  binary(
      "Mod", [](double x, double y) { return std::fmod(x, y); },
      "Mod(x, y): the floating-point remainder of x/y, with the sign of x (y != 0)");
  binary(
      "Remainder", [](double x, double y) { return std::remainder(x, y); },
      "Remainder(x, y): the IEEE 754 remainder of x/y (y != 0)");
  binary(
      "Copysign", [](double x, double y) { return std::copysign(x, y); },
      "Copysign(x, y): a value with the magnitude of x and the sign of y");
  def(P, "Signbit", {N}, kBool, "whether x is negative", [](CallContext& c, Args a) {
    return c.ev.boolean(Number::compare(a[0]->num, Number::from_int(0)) < 0, c.pos);
  });
}

void register_math_bits() {
  const std::string P = "math/bits";
  const uint16_t I = kInt;
  auto two = [&](const char* name, const char* doc, auto op) {
    def(P, name, {I, I}, I, doc, [op](CallContext& c, Args a) -> const Value* {
      unsigned __int128 x = 0, y = 0;
      if (const Value* e = unsigned_arg(c, a[0], x)) return e;
      if (const Value* e = unsigned_arg(c, a[1], y)) return e;
      return bits_result(c, op(x, y));
    });
  };
  two("And", "And(a, b): the bitwise and of two non-negative integers (a & b)",
      [](unsigned __int128 x, unsigned __int128 y) { return x & y; });
  two("Or", "Or(a, b): the bitwise or of two non-negative integers (a | b)",
      [](unsigned __int128 x, unsigned __int128 y) { return x | y; });
  two("Xor", "Xor(a, b): the bitwise exclusive or of two non-negative integers (a ^ b)",
      [](unsigned __int128 x, unsigned __int128 y) { return x ^ y; });
  two("Clear", "Clear(a, b): a with the bits set in b cleared (a &^ b)",
      [](unsigned __int128 x, unsigned __int128 y) { return x & ~y; });
  def(P, "Lsh", {I, I}, I,
      "Lsh(x, n): x shifted left by n bits (x × 2ⁿ); an error if the result overflows",
      [](CallContext& c, Args a) -> const Value* {
        unsigned __int128 x = 0, n = 0;
        if (const Value* e = unsigned_arg(c, a[0], x)) return e;
        if (const Value* e = unsigned_arg(c, a[1], n)) return e;
        if (x == 0) return c.ev.integer(0, c.pos);
        if (n >= 127 || bit_len(x) + static_cast<int>(n) > 127)
          return fail(c, "result out of the integer range");
        return bits_result(c, x << static_cast<int>(n));
      });
  def(P, "Rsh", {I, I}, I, "Rsh(x, n): x shifted right by n bits (x / 2ⁿ, rounded down)",
      [](CallContext& c, Args a) -> const Value* {
        unsigned __int128 x = 0, n = 0;
        if (const Value* e = unsigned_arg(c, a[0], x)) return e;
        if (const Value* e = unsigned_arg(c, a[1], n)) return e;
        return bits_result(c, n >= 128 ? 0 : x >> static_cast<int>(n));
      });
  def(P, "At", {I, I}, I, "At(x, i): bit i of x (0 or 1)",
      [](CallContext& c, Args a) -> const Value* {
        unsigned __int128 x = 0, i = 0;
        if (const Value* e = unsigned_arg(c, a[0], x)) return e;
        if (const Value* e = unsigned_arg(c, a[1], i)) return e;
        return c.ev.integer(i >= 128 ? 0 : static_cast<int64_t>((x >> static_cast<int>(i)) & 1),
                            c.pos);
      });
  def(P, "Set", {I, I, I}, I, "Set(x, i, bit): x with bit i set to bit (0 or 1)",
      [](CallContext& c, Args a) -> const Value* {
        unsigned __int128 x = 0, i = 0;
        if (const Value* e = unsigned_arg(c, a[0], x)) return e;
        if (const Value* e = unsigned_arg(c, a[1], i)) return e;
        int64_t bit = int_of(a[2]);
        if (bit != 0 && bit != 1) return failf(c, "bit must be 0 or 1, not {}", bit);
        if (i >= 127) return fail(c, "bit index out of the integer range");
        unsigned __int128 m = static_cast<unsigned __int128>(1) << static_cast<int>(i);
        return bits_result(c, bit ? x | m : x & ~m);
      });
  def(P, "OnesCount", {I}, I, "the number of one bits in a non-negative integer (population count)",
      [](CallContext& c, Args a) -> const Value* {
        unsigned __int128 x = 0;
        if (const Value* e = unsigned_arg(c, a[0], x)) return e;
        int n = __builtin_popcountll(static_cast<uint64_t>(x)) +
                __builtin_popcountll(static_cast<uint64_t>(x >> 64));
        return c.ev.integer(n, c.pos);
      });
  def(P, "Len", {I}, I, "the number of bits needed to represent a non-negative integer (0 for 0)",
      [](CallContext& c, Args a) -> const Value* {
        unsigned __int128 x = 0;
        if (const Value* e = unsigned_arg(c, a[0], x)) return e;
        return c.ev.integer(bit_len(x), c.pos);
      });
}

}  // namespace cfgc::stdlib
