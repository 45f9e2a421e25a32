#pragma once
// heap.h — a heap backed by huge pages, for short commands that fill large
// arrays (search: matches, rows, the catalog).
//
// On this project's machines a fault on a fresh 4 kB page costs several
// microseconds (a virtual machine), and a search for a word in 400,000
// passages touched 63 MB: 11,500 faults, about a third of its time. With the
// main heap grown once and marked MADV_HUGEPAGE, the kernel maps it 2 MB at
// a time (as glibc's tunable glibc.malloc.hugetlb=1 would, which a program
// cannot set for itself): 940 faults (bench/RESULTS.md, #21).

#include <cstddef>

namespace omb {

// Grows the main heap by `bytes` up front and asks for transparent huge
// pages over it; large blocks are taken from the heap (not from mmap) and
// it is never trimmed. Call once, early, before any large allocation.
// Best effort: where the system does not allow it, nothing changes.
void use_huge_page_heap(std::size_t bytes);

}  // namespace omb
