#pragma once
// A growable array living in an Arena: trivially destructible, so it can sit inside other
// arena objects (vertices hold their arcs and conjuncts in these).

#include <cstdint>
#include <cstring>
#include <span>

#include "compiler/base/arena.h"

namespace cfgc::eval {

// The capacity of an ArenaVec's first array: two by default (most vertices have one or two
// arcs, patterns, ...); one for what usually holds exactly one (a vertex's conjuncts: every
// data value and most fields), so that the common case wastes nothing.
template <class T>
struct ArenaVecFirstCapacity {
  static constexpr uint32_t value = 2;
};

template <class T>
struct ArenaVec {
  static_assert(std::is_trivially_copyable_v<T>);
  T* data = nullptr;
  uint32_t size = 0;
  uint32_t cap = 0;

  void push_back(Arena& arena, const T& v) {
    if (size == cap) {
      uint32_t ncap = cap ? cap * 2 : ArenaVecFirstCapacity<T>::value;
      T* nd = static_cast<T*>(arena.allocate(sizeof(T) * ncap, alignof(T)));
      if (size) std::memcpy(static_cast<void*>(nd), data, sizeof(T) * size);
      data = nd;
      cap = ncap;
    }
    data[size++] = v;
  }
  T& operator[](size_t i) { return data[i]; }
  const T& operator[](size_t i) const { return data[i]; }
  T* begin() { return data; }
  T* end() { return data + size; }
  const T* begin() const { return data; }
  const T* end() const { return data + size; }
  bool empty() const { return size == 0; }
  std::span<T> span() { return {data, size}; }
  void clear() { size = 0; }
};

}  // namespace cfgc::eval
