// libFuzzer target: the duration parser and the interval comparisons.
#include <dpa/duration.hpp>

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto d = dpa::parse_duration(text);
  if (!d) return 0;
  static const dpa::duration day = dpa::parse_duration("24 hours").value();
  const dpa::duration& x = d.value();
  // The comparisons are consistent with each other.
  const auto s = dpa::shorter(x, day), l = dpa::longer(x, day);
  if (s == dpa::answer::yes && l == dpa::answer::yes) std::abort();
  if (dpa::same_length(x, x) == dpa::answer::no) std::abort();
  if (dpa::at_most(x, x) == dpa::answer::no) std::abort();
  return 0;
}
