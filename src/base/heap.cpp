#include "base/heap.h"

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstdlib>

namespace omb {

void use_huge_page_heap(std::size_t bytes) {
#if defined(__linux__) && defined(M_MMAP_THRESHOLD) && defined(MADV_HUGEPAGE)
  constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
  // Large blocks from the heap, which keeps what is freed: the huge pages
  // are faulted in once. The growth must stay under the mmap threshold (or
  // malloc maps it apart and the heap does not grow) and the trim threshold
  // (or the free below gives it back at once); both are ints.
  bytes = std::min(bytes, static_cast<std::size_t>(INT_MAX) - (std::size_t{64} << 20));
  const int threshold = static_cast<int>(std::max(std::size_t{1} << 30, bytes + (std::size_t{64} << 20)));
  if (mallopt(M_MMAP_THRESHOLD, threshold) != 1 || mallopt(M_TRIM_THRESHOLD, threshold) != 1) return;
  const auto start = reinterpret_cast<std::uintptr_t>(sbrk(0));
  void* block = std::malloc(bytes);  // grows the heap; only its header page is touched
  if (!block) return;
  std::free(block);
  const auto end = reinterpret_cast<std::uintptr_t>(sbrk(0));
  const std::uintptr_t from = (start + kHuge - 1) & ~(kHuge - 1);
  if (end > from + kHuge) (void)madvise(reinterpret_cast<void*>(from), (end - from) & ~(kHuge - 1), MADV_HUGEPAGE);
#else
  (void)bytes;
#endif
}

}  // namespace omb
