// A file's text without a copy where the system allows: mapped into memory.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace dpa::detail {

// The text of a graph read again to place its problems: the caller's text,
// or a file mapped into memory (no copy, and no memory of its own to clear),
// or, where mapping fails, the file read into a string.
class text_again {
 public:
  text_again() = default;
  text_again(const text_again&) = delete;
  text_again& operator=(const text_again&) = delete;
  ~text_again();
  std::string_view hold(std::string_view text) { return view_ = text; }
  /// The file's text: mapped, or read when mapping fails; empty when it cannot be read.
  std::string_view map(const std::filesystem::path& file);

 private:
  void* map_ = nullptr;
  std::size_t size_ = 0;
  std::string owned_;
  std::string_view view_;
};

}  // namespace dpa::detail
