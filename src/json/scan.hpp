// A light pass over JSON text that knows where things are.
//
// Boost.JSON builds the tree; this pass maps JSON pointers back to byte
// offsets (for error locations), names the pointer at which malformed text
// stops, and finds keys that occur twice in one object. It accepts truncated
// text and stops quietly at the first thing it cannot read.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace dpa::detail {

struct text_position {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

/// 1-based line and column (in code points) of a byte offset.
text_position position_at(std::string_view text, std::size_t offset);

/// The same for several offsets in ascending order, in one pass over the text.
std::vector<text_position> positions_at(std::string_view text, const std::vector<std::size_t>& offsets);

struct located {
  std::string pointer;
  std::size_t offset = 0;
};

struct scan_request {
  std::size_t stop = std::string_view::npos;  ///< stop at this byte offset
  std::size_t max_depth = 64;                 ///< do not descend further
  bool find_duplicates = false;
  /// Pointers whose start offsets are wanted; filled in place (npos when absent).
  std::unordered_map<std::string, std::size_t>* wanted = nullptr;
};

struct scan_result {
  std::string pointer_at_stop;      ///< innermost pointer when the scan stopped
  std::vector<located> duplicates;  ///< second and later occurrences of a key
};

scan_result scan_json(std::string_view text, const scan_request& request);

}  // namespace dpa::detail
