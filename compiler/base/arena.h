#pragma once
// A bump allocator for objects that live as long as one compilation (syntax trees, values).
// Allocation is a pointer increment; nothing is freed individually; no destructors run, so
// only trivially destructible types may be allocated here.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <span>
#include <stdexcept>
#include <string_view>
#include <type_traits>
#include <vector>

namespace cfgc {

// Thrown when the arenas of the process together would grow beyond the memory limit
// (Arena::set_memory_limit): evaluation that explodes (a comprehension over a huge range,
// values doubled again and again) stops with a clear error instead of bad_alloc or the
// kernel's OOM killer.
class MemoryLimitExceeded : public std::runtime_error {
 public:
  explicit MemoryLimitExceeded(size_t limit)
      : std::runtime_error("memory limit exceeded"), limit_bytes(limit) {}
  size_t limit_bytes;
};

class Arena {
 public:
  // The most all arenas together may hold, in bytes (0: no limit). Process-wide.
  static void set_memory_limit(size_t bytes);
  static size_t memory_limit();

  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  ~Arena();

  void* allocate(size_t size, size_t align) {
    uintptr_t p = (reinterpret_cast<uintptr_t>(cur_) + align - 1) & ~(uintptr_t(align) - 1);
    if (p + size > reinterpret_cast<uintptr_t>(end_)) return allocate_slow(size, align);
    cur_ = reinterpret_cast<char*>(p + size);
    return reinterpret_cast<void*>(p);
  }

  template <class T, class... Args>
  T* make(Args&&... args) {
    static_assert(std::is_trivially_destructible_v<T>, "arena objects are never destroyed");
    return new (allocate(sizeof(T), alignof(T))) T(std::forward<Args>(args)...);
  }

  // Copies a range into the arena and returns it as a span.
  template <class T>
  std::span<T> copy(std::span<const T> v) {
    static_assert(std::is_trivially_copyable_v<T>);
    if (v.empty()) return {};
    T* p = static_cast<T*>(allocate(sizeof(T) * v.size(), alignof(T)));
    std::memcpy(static_cast<void*>(p), v.data(), sizeof(T) * v.size());
    return {p, v.size()};
  }
  template <class T>
  std::span<T> copy(const std::vector<T>& v) {
    return copy(std::span<const T>(v));
  }

  std::string_view copy(std::string_view s) {
    if (s.empty()) return {};
    char* p = static_cast<char*>(allocate(s.size(), 1));
    std::memcpy(p, s.data(), s.size());
    return {p, s.size()};
  }

  // The bytes of the blocks obtained so far.
  size_t bytes_allocated() const { return total_; }
  // The bytes handed out (with alignment padding): bytes_allocated() less the unused ends of
  // blocks.
  size_t bytes_used() const { return total_ - unused_ - static_cast<size_t>(end_ - cur_); }

 private:
  // Starts a new block (blocks grow with the arena; see arena.cpp).
  void* allocate_slow(size_t size, size_t align);

  struct Block {
    char* p;
    size_t size;
    bool mapped;  // from mmap, else from malloc
  };
  static constexpr size_t kBlockSize = 64 * 1024;
  static constexpr size_t kMaxBlockSize = 4 * 1024 * 1024;
  static constexpr size_t kHugePage = 2 * 1024 * 1024;
  std::vector<Block> blocks_;
  char* cur_ = nullptr;
  char* end_ = nullptr;
  size_t total_ = 0;
  size_t unused_ = 0;  // the ends of earlier blocks, left when a new block was started
};

}  // namespace cfgc
