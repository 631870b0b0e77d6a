// libFuzzer target: `dpa diff`. The input is two documents separated by a NUL
// byte (one document compared with itself when there is none); a document
// that does not load is compared with the bundled example instead, so the
// differ sees many shapes.
#include <dpa/dpa.hpp>

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const dpa::document example = dpa::parse_document(dpa::clean_example_document()).value();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::size_t cut = text.find('\0');
  const std::string_view a = text.substr(0, cut);
  const std::string_view b = cut == std::string_view::npos ? a : text.substr(cut + 1);
  auto before = dpa::parse_document(a);
  auto after = dpa::parse_document(b);
  if (!before && !after) return 0;
  const dpa::document& x = before ? before.value() : example;
  const dpa::document& y = after ? after.value() : example;
  dpa::options opts;
  opts.as_of = dpa::date{std::chrono::year{2026}, std::chrono::month{11}, std::chrono::day{23}};
  const dpa::diff_result forward = dpa::diff(x, y, opts);
  const dpa::diff_result backward = dpa::diff(y, x, opts);
  if (&x == &y || (before && after && a == b)) {
    if (!forward.changes.empty()) std::abort();  // a document does not differ from itself
  }
  (void)backward;
  return 0;
}
