// Turning JSON text into a Boost.JSON value with located errors (document/json.cpp).
#pragma once

#include <string_view>
#include <vector>

#include <dpa/error.hpp>
#include <dpa/load.hpp>

#include "json/io.hpp"

namespace dpa::detail {

/// Parses with Boost.JSON within the limits; a syntax error becomes a located diagnostic.
result<json::value> parse_json_text(std::string_view text, const limits& lim);
/// The located diagnostic for a parse that failed at `offset` with `ec`
/// (extra_data: a complete document followed by more text).
error syntax_error_at(std::string_view text, std::size_t offset, json::error_code ec, std::size_t max_depth);
/// Locates reader problems in the text (line, column) and returns the first
/// max_listed_problems in document order; when more were found (`unlisted`
/// found beyond `problems`, or `problems` itself is longer), the last
/// diagnostic says how many are not listed.
error locate(std::string_view text, std::vector<problem> problems, std::size_t max_depth, std::size_t unlisted = 0);
/// Keys that occur twice in one object.
std::vector<problem> duplicate_keys(std::string_view text, std::size_t max_depth);

}  // namespace dpa::detail
