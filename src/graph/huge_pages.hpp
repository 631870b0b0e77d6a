// Large arrays that are filled once, in order: on Linux, ask for transparent
// huge pages before the first touch, so filling them costs 1/512 of the page
// faults. Advice only; without it nothing changes but speed.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <new>
#include <vector>

#if __has_include(<sys/mman.h>)
#include <sys/mman.h>
#endif

namespace dpa::detail {

inline void prefer_huge_pages(const void* data, std::size_t bytes) {
#ifdef MADV_HUGEPAGE
  constexpr std::uintptr_t huge = std::uintptr_t{2} << 20;
  if (bytes < 2 * huge) return;
  auto begin = (reinterpret_cast<std::uintptr_t>(data) + huge - 1) & ~(huge - 1);
  auto end = (reinterpret_cast<std::uintptr_t>(data) + bytes) & ~(huge - 1);
  if (end > begin) (void)madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
  (void)data, (void)bytes;
#endif
}

/// How many entries ahead the loops over big arrays prefetch.
inline constexpr std::size_t prefetch_ahead = 16;

/// A hint that p will be read soon (GCC and Clang; nothing elsewhere).
inline void prefetch(const void* p) {
#if defined(__GNUC__)
  __builtin_prefetch(p);
#else
  (void)p;
#endif
}

/// Maps the pages of a range about to be written in full, in one call instead
/// of one fault per page (where the system can; advice only).
inline void populate(const void* data, std::size_t bytes) {
#if defined(__linux__)
  constexpr int populate_write = 23;  // MADV_POPULATE_WRITE, Linux 5.14
  constexpr std::uintptr_t page = 4096;
  if (bytes < 16 * page) return;
  auto begin = reinterpret_cast<std::uintptr_t>(data) & ~(page - 1);
  auto end = (reinterpret_cast<std::uintptr_t>(data) + bytes + page - 1) & ~(page - 1);
  (void)madvise(reinterpret_cast<void*>(begin), end - begin, populate_write);
#else
  (void)data, (void)bytes;
#endif
}

/// Room for n elements; `exact`: n will all be written, so the pages are mapped now.
template <class V>
void reserve_huge(V& v, std::size_t n, bool exact = false) {
  v.reserve(n);
  prefer_huge_pages(v.data(), v.capacity() * sizeof(typename V::value_type));
  if (exact) populate(v.data(), n * sizeof(typename V::value_type));
}

/// v made n copies of value, in the memory it has when that is enough (a
/// workspace used again), else in fresh memory, in huge pages where it can.
template <class V>
void assign_huge(V& v, std::size_t n, const typename V::value_type& value) {
  if (v.capacity() < n) {
    V fresh;
    reserve_huge(fresh, n, true);
    v.swap(fresh);
  }
  v.assign(n, value);
}

/// n copies of value, in huge pages where the system gives them.
template <class T>
std::vector<T> huge_vector(std::size_t n, const T& value = T{}) {
  std::vector<T> v;
  assign_huge(v, n, value);
  return v;
}

/// v emptied, with room for n: its own memory when that is enough.
template <class V>
void clear_huge(V& v, std::size_t n) {
  v.clear();
  if (v.capacity() < n) reserve_huge(v, n);
}

/// An allocator for vectors of millions of entries: a block of 4 MiB or more
/// is placed on a 2 MiB boundary and rounded up to a multiple of 2 MiB, so the
/// system can back all of it with huge pages (a block placed anywhere keeps up
/// to 2 MiB at each end in small pages, a fault each), and asks for them.
template <class T>
struct huge_page_allocator {
  using value_type = T;
  static constexpr std::size_t huge = std::size_t{2} << 20, large = std::size_t{4} << 20;
  huge_page_allocator() = default;
  template <class U>
  huge_page_allocator(const huge_page_allocator<U>&) noexcept {}
  T* allocate(std::size_t n) {
    if (n > (SIZE_MAX - huge) / sizeof(T)) throw std::bad_array_new_length();  // (rounding up must not wrap)
    const std::size_t bytes = n * sizeof(T);
    if (bytes < large) return std::allocator<T>().allocate(n);
    void* p = std::aligned_alloc(std::max(huge, alignof(T)), (bytes + huge - 1) / huge * huge);
    if (!p) throw std::bad_alloc();
    prefer_huge_pages(p, (bytes + huge - 1) / huge * huge);
    return static_cast<T*>(p);
  }
  void deallocate(T* p, std::size_t n) noexcept {
    if (n * sizeof(T) < large)
      std::allocator<T>().deallocate(p, n);
    else
      std::free(p);
  }
  template <class U>
  bool operator==(const huge_page_allocator<U>&) const noexcept { return true; }
};

template <class T>
using huge_page_vector = std::vector<T, huge_page_allocator<T>>;

}  // namespace dpa::detail
