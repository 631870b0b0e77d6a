// Small text helpers shared by the parsers.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dpa::detail {

std::string_view trim(std::string_view s) noexcept;
/// Lower-cases ASCII, turns dashes and no-break spaces into ASCII, folds runs
/// of white space into one space, drops a final period.
std::string normalise_phrase(std::string_view s);
/// Levenshtein distance, capped at `cap`.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t cap = 8);
/// The candidate closest to `word` if it is close enough to be a likely typo.
std::optional<std::string> closest(std::string_view word, const std::vector<std::string_view>& candidates);
inline std::optional<std::string> closest(std::string_view word, std::initializer_list<std::string_view> c) {
  return closest(word, std::vector<std::string_view>(c));
}
/// ASCII letters in lower case; other bytes unchanged.
std::string ascii_lower(std::string_view s);
/// Length of a UTF-8 string in code points (invalid bytes count one each).
std::size_t utf8_length(std::string_view s) noexcept;
/// Length in bytes of the well-formed UTF-8 character at `s[i]` (RFC 3629: no
/// overlong forms, surrogates or code points past U+10FFFF), stored in `*cp`
/// when given; 0 when the bytes there are not one (or `i` is past the end).
std::size_t utf8_char(std::string_view s, std::size_t i, char32_t* cp = nullptr) noexcept;
/// Escapes a JSON pointer reference token (RFC 6901).
void append_pointer_token(std::string& pointer, std::string_view token);

}  // namespace dpa::detail
