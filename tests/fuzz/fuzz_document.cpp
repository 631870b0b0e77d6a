// libFuzzer target: the DPA loader, and everything a loaded document feeds
// (canonical writer, round trip, evaluation, the three renderers).
#include <dpa/dpa.hpp>

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto doc = dpa::parse_document(text);
  if (!doc) {
    if (doc.error().diagnostics.empty()) std::abort();  // every failure says where
    return 0;
  }
  // A document that loads writes out canonically and loads back equal.
  const std::string json = dpa::to_json(doc.value());
  auto again = dpa::parse_document(json);
  if (!again || dpa::to_json(again.value()) != json) std::abort();

  dpa::options opts;
  opts.as_of = dpa::date{std::chrono::year{2026}, std::chrono::month{11}, std::chrono::day{23}};
  const dpa::report r = dpa::evaluate(doc.value(), opts);
  const dpa::checked_file file{&r, "fuzz.json", text};
  (void)dpa::render_json({file});
  (void)dpa::render_sarif({file});
  (void)dpa::render_text(file);
  return 0;
}
