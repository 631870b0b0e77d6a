// Large arrays that are filled once, in order: on Linux, ask for transparent
// huge pages before the first touch, so filling them costs 1/512 of the page
// faults. Advice only; without it nothing changes but speed.
#pragma once

#include <cstddef>
#include <cstdint>
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

template <class T>
void reserve_huge(std::vector<T>& v, std::size_t n) {
  v.reserve(n);
  prefer_huge_pages(v.data(), v.capacity() * sizeof(T));
}

/// n copies of value, in huge pages where the system gives them.
template <class T>
std::vector<T> huge_vector(std::size_t n, const T& value = T{}) {
  std::vector<T> v;
  reserve_huge(v, n);
  v.resize(n, value);
  return v;
}

}  // namespace dpa::detail
