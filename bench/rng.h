#pragma once
// A small deterministic generator (xorshift64), so every run of a benchmark generates the same
// bytes.

#include <cstdint>

namespace cfgc::bench {

class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed ? seed : 0x9E3779B97F4A7C15ull) {
    for (int i = 0; i < 4; ++i) next();  // mix small seeds
  }
  uint64_t next() {
    s_ ^= s_ << 13;
    s_ ^= s_ >> 7;
    s_ ^= s_ << 17;
    return s_;
  }
  int below(int n) { return static_cast<int>(next() % static_cast<uint64_t>(n)); }
  bool chance(int percent) { return below(100) < percent; }

 private:
  uint64_t s_;
};

}  // namespace cfgc::bench
