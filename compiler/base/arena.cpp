#include "compiler/base/arena.h"

#include <sys/mman.h>

#include <atomic>
#include <cstdlib>

#if defined(__SANITIZE_ADDRESS__)
#define CFGC_ARENA_MALLOC_ONLY 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CFGC_ARENA_MALLOC_ONLY 1
#endif
#endif

namespace cfgc {

namespace {

#ifdef CFGC_ARENA_MALLOC_ONLY
// Under AddressSanitizer every block comes from malloc: LeakSanitizer looks for pointers in
// malloc'd memory, not in mappings of our own, and would report what only the arena points to.
constexpr bool kMapLargeBlocks = false;
#else
constexpr bool kMapLargeBlocks = true;
#endif

// An anonymous mapping of `size` bytes (a multiple of `align`, a power of two) aligned to
// `align`, or nullptr.
char* map_aligned(size_t size, size_t align) {
  void* m = mmap(nullptr, size + align, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (m == MAP_FAILED) return nullptr;
  uintptr_t begin = reinterpret_cast<uintptr_t>(m);
  uintptr_t aligned = (begin + align - 1) & ~(uintptr_t(align) - 1);
  // Give back the excess before and after the aligned range.
  if (aligned > begin) munmap(m, aligned - begin);
  if (uintptr_t tail = begin + size + align - (aligned + size)) {
    munmap(reinterpret_cast<void*>(aligned + size), tail);
  }
  return reinterpret_cast<char*>(aligned);
}

std::atomic<size_t> g_total{0};  // bytes of all arenas' blocks
std::atomic<size_t> g_limit{0};

}  // namespace

void Arena::set_memory_limit(size_t bytes) { g_limit = bytes; }
size_t Arena::memory_limit() { return g_limit; }

Arena::~Arena() {
  g_total -= total_;
  for (const Block& b : blocks_) {
    if (b.mapped) {
      munmap(b.p, b.size);
    } else {
      std::free(b.p);
    }
  }
}

// Blocks grow with the arena, from 64 KiB to 4 MiB, so that a large syntax tree or value graph
// takes few of them. Blocks of 2 MiB and more are mapped directly, aligned to 2 MiB and offered
// to the kernel for transparent huge pages: a large file's tree then costs one page fault per
// 2 MiB instead of 512 (page faults were a third of the time to parse one, see
// bench/parse_bench.cpp). They are unmapped when the arena goes: through malloc, memory of
// aligned blocks freed by one arena was not reused by the next, and a process that parsed
// one large file after another kept growing.
void* Arena::allocate_slow(size_t size, size_t align) {
  size_t block = std::max(std::clamp(total_, kBlockSize, kMaxBlockSize), size + align);
  if (size_t limit = g_limit; limit && g_total + block > limit) throw MemoryLimitExceeded(limit);
  char* p;
  bool mapped = kMapLargeBlocks && block >= kHugePage;
  if (mapped) {
    block = (block + kHugePage - 1) & ~(kHugePage - 1);
    p = map_aligned(block, kHugePage);
#ifdef MADV_HUGEPAGE
    if (p) madvise(p, block, MADV_HUGEPAGE);  // advice only: its failure changes nothing
#endif
  } else {
    p = static_cast<char*>(std::malloc(block));  // no zero-fill
  }
  if (!p) throw std::bad_alloc();
  blocks_.push_back({p, block, mapped});
  unused_ += static_cast<size_t>(end_ - cur_);
  total_ += block;
  g_total += block;
  cur_ = p;
  end_ = cur_ + block;
  return allocate(size, align);
}

}  // namespace cfgc
