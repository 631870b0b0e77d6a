// Reading and writing DPA documents (JSON, format "dpa/1").
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include <dpa/document.hpp>
#include <dpa/error.hpp>

namespace dpa {
inline namespace v1 {

class knowledge;

/// Bounds on what a loader accepts; exceeding one is an error, never a crash.
struct limits {
  std::size_t max_bytes = std::size_t{16} << 20;  ///< whole document: 16 MiB
  std::size_t max_depth = 64;                     ///< nesting of arrays and objects
  std::size_t max_string = std::size_t{64} << 10; ///< one string: 64 KiB
  std::size_t max_items = 100'000;                ///< one array
  std::size_t max_subprocessors = 10'000;         ///< all levels together
  /// dpa-graph/1 files, which are streamed: the whole file, and organisations
  /// plus agreements together (at most 2^31 - 1).
  std::size_t max_graph_bytes = std::size_t{4} << 30;  ///< 4 GiB
  std::size_t max_graph_items = 100'000'000;
};

struct load_options {
  dpa::limits limits{};
  /// Countries are checked against this knowledge base (the embedded one when null).
  const knowledge* kb = nullptr;
};

/// Parses a `dpa/1` document. On failure every problem found is reported, each
/// with its JSON pointer, line and column.
[[nodiscard]] result<document> parse_document(std::string_view json, const load_options& options = {});
[[nodiscard]] result<document> load_document(const std::filesystem::path& file, const load_options& options = {});

/// Writes a document as `dpa/1` JSON (indented, members in schema order).
/// Loading the output gives back an equal document.
[[nodiscard]] std::string to_json(const document& doc);

/// The JSON Schema (2020-12) of the `dpa/1` format.
[[nodiscard]] std::string_view document_schema() noexcept;

/// Reads a whole file; an I/O failure becomes an `errc::io` error.
[[nodiscard]] result<std::string> read_file(const std::filesystem::path& file, std::size_t max_bytes);

}  // namespace v1
}  // namespace dpa
