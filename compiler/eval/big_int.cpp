#include "compiler/eval/big_int.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace cfgc::eval {

void BigInt::trim(Mag& m) {
  while (!m.empty() && m.back() == 0) m.pop_back();
}

void BigInt::normalize() {
  trim(mag_);
  if (mag_.empty()) neg_ = false;
}

BigInt BigInt::from_int128(int128 v) {
  BigInt b;
  b.neg_ = v < 0;
  // The magnitude of INT128_MIN does not fit in int128; it does in the unsigned type.
  unsigned __int128 u = b.neg_ ? ~static_cast<unsigned __int128>(v) + 1 : v;
  while (u != 0) {
    b.mag_.push_back(static_cast<uint32_t>(u));
    u >>= 32;
  }
  return b;
}

std::optional<BigInt> BigInt::parse(std::string_view digits, int base) {
  if (digits.empty()) return std::nullopt;
  size_t first = digits.find_first_not_of('0');
  size_t significant = first == std::string_view::npos ? 0 : digits.size() - first;
  double bits_per_digit = base == 2 ? 1 : base == 8 ? 3 : base == 16 ? 4 : 3.33;
  if (significant * bits_per_digit > kBigIntMaxBits + 4) return std::nullopt;
  BigInt b;
  for (char c : digits) {
    int d = c >= '0' && c <= '9'   ? c - '0'
            : c >= 'a' && c <= 'z' ? c - 'a' + 10
            : c >= 'A' && c <= 'Z' ? c - 'A' + 10
                                   : 99;
    if (d >= base) return std::nullopt;
    uint64_t carry = static_cast<uint64_t>(d);
    for (uint32_t& limb : b.mag_) {
      uint64_t x = static_cast<uint64_t>(limb) * static_cast<uint64_t>(base) + carry;
      limb = static_cast<uint32_t>(x);
      carry = x >> 32;
    }
    if (carry) b.mag_.push_back(static_cast<uint32_t>(carry));
  }
  b.normalize();
  return b;
}

size_t BigInt::bit_length() const {
  if (mag_.empty()) return 0;
  return (mag_.size() - 1) * 32 + (32 - static_cast<size_t>(__builtin_clz(mag_.back())));
}

std::optional<int128> BigInt::to_int128() const {
  if (mag_.size() > 4) return std::nullopt;
  unsigned __int128 u = 0;
  for (size_t i = mag_.size(); i-- > 0;) u = (u << 32) | mag_[i];
  unsigned __int128 top = static_cast<unsigned __int128>(1) << 127;
  if (neg_) {
    if (u > top) return std::nullopt;
    return static_cast<int128>(~u + 1);
  }
  if (u >= top) return std::nullopt;
  return static_cast<int128>(u);
}

double BigInt::to_double() const { return std::strtod(str().c_str(), nullptr); }

std::string BigInt::str() const {
  if (mag_.empty()) return "0";
  // Nine decimal digits at a time.
  Mag m = mag_;
  std::vector<uint32_t> chunks;
  while (!m.empty()) {
    chunks.push_back(div_small(m, 1000000000u));
    trim(m);
  }
  std::string s = neg_ ? "-" : "";
  s += std::to_string(chunks.back());
  for (size_t i = chunks.size() - 1; i-- > 0;) {
    std::string part = std::to_string(chunks[i]);
    s.append(9 - part.size(), '0');
    s += part;
  }
  return s;
}

BigInt BigInt::negated() const {
  BigInt b = *this;
  if (!b.mag_.empty()) b.neg_ = !b.neg_;
  return b;
}

int BigInt::compare_mag(const Mag& a, const Mag& b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  for (size_t i = a.size(); i-- > 0;) {
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

BigInt::Mag BigInt::add_mag(const Mag& a, const Mag& b) {
  const Mag& x = a.size() >= b.size() ? a : b;
  const Mag& y = a.size() >= b.size() ? b : a;
  Mag r(x.size() + 1);
  uint64_t carry = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    uint64_t s = static_cast<uint64_t>(x[i]) + (i < y.size() ? y[i] : 0) + carry;
    r[i] = static_cast<uint32_t>(s);
    carry = s >> 32;
  }
  r[x.size()] = static_cast<uint32_t>(carry);
  trim(r);
  return r;
}

BigInt::Mag BigInt::sub_mag(const Mag& a, const Mag& b) {
  Mag r(a.size());
  int64_t borrow = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    int64_t d = static_cast<int64_t>(a[i]) - (i < b.size() ? b[i] : 0) - borrow;
    borrow = d < 0;
    r[i] = static_cast<uint32_t>(d + (borrow ? (int64_t(1) << 32) : 0));
  }
  trim(r);
  return r;
}

BigInt::Mag BigInt::mul_mag(const Mag& a, const Mag& b) {
  if (a.empty() || b.empty()) return {};
  Mag r(a.size() + b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    uint64_t carry = 0;
    for (size_t j = 0; j < b.size(); ++j) {
      uint64_t x = static_cast<uint64_t>(a[i]) * b[j] + r[i + j] + carry;
      r[i + j] = static_cast<uint32_t>(x);
      carry = x >> 32;
    }
    r[i + b.size()] = static_cast<uint32_t>(carry);
  }
  trim(r);
  return r;
}

uint32_t BigInt::div_small(Mag& a, uint32_t d) {
  uint64_t rem = 0;
  for (size_t i = a.size(); i-- > 0;) {
    uint64_t x = (rem << 32) | a[i];
    a[i] = static_cast<uint32_t>(x / d);
    rem = x % d;
  }
  return static_cast<uint32_t>(rem);
}

BigInt BigInt::add(const BigInt& a, const BigInt& b) {
  BigInt r;
  if (a.neg_ == b.neg_) {
    r.mag_ = add_mag(a.mag_, b.mag_);
    r.neg_ = a.neg_;
  } else if (compare_mag(a.mag_, b.mag_) >= 0) {
    r.mag_ = sub_mag(a.mag_, b.mag_);
    r.neg_ = a.neg_;
  } else {
    r.mag_ = sub_mag(b.mag_, a.mag_);
    r.neg_ = b.neg_;
  }
  r.normalize();
  return r;
}

BigInt BigInt::sub(const BigInt& a, const BigInt& b) { return add(a, b.negated()); }

BigInt BigInt::mul(const BigInt& a, const BigInt& b) {
  BigInt r;
  r.mag_ = mul_mag(a.mag_, b.mag_);
  r.neg_ = a.neg_ != b.neg_;
  r.normalize();
  return r;
}

void BigInt::quo_rem(const BigInt& a, const BigInt& b, BigInt& q, BigInt& r) {
  q = BigInt();
  r = BigInt();
  if (b.mag_.size() == 1) {
    q.mag_ = a.mag_;
    r.mag_ = {div_small(q.mag_, b.mag_[0])};
  } else if (compare_mag(a.mag_, b.mag_) >= 0) {
    // Binary long division: shift the dividend in a bit at a time. Operands have a few hundred
    // bits, so this is quick enough and simple to get right.
    size_t bits = a.bit_length();
    q.mag_.assign(a.mag_.size(), 0);
    Mag rem;
    for (size_t i = bits; i-- > 0;) {
      uint32_t carry = (a.mag_[i / 32] >> (i % 32)) & 1u;
      for (uint32_t& limb : rem) {
        uint32_t top = limb >> 31;
        limb = (limb << 1) | carry;
        carry = top;
      }
      if (carry) rem.push_back(carry);
      if (compare_mag(rem, b.mag_) >= 0) {
        rem = sub_mag(rem, b.mag_);
        q.mag_[i / 32] |= 1u << (i % 32);
      }
    }
    r.mag_ = std::move(rem);
  } else {
    r.mag_ = a.mag_;
  }
  q.neg_ = a.neg_ != b.neg_;
  r.neg_ = a.neg_;
  q.normalize();
  r.normalize();
}

int BigInt::compare(const BigInt& a, const BigInt& b) {
  if (a.neg_ != b.neg_) return a.neg_ ? -1 : 1;
  int c = compare_mag(a.mag_, b.mag_);
  return a.neg_ ? -c : c;
}

}  // namespace cfgc::eval
