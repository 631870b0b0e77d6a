// Errors as values: every fallible call returns dpa::result<T>.
#pragma once

#include <cstdint>
#include <string>
#include <system_error>
#include <type_traits>
#include <vector>

#include <boost/outcome/std_result.hpp>
#include <boost/outcome/try.hpp>

namespace dpa {
inline namespace v1 {

/// What went wrong, as a stable code. Values are pinned and only appended.
enum class errc {
  syntax = 1,          ///< the bytes are not well-formed JSON
  invalid_utf8,        ///< a string is not valid UTF-8
  too_deep,            ///< nesting exceeds the configured depth limit
  too_large,           ///< the document exceeds a configured size limit
  wrong_type,          ///< a value has the wrong JSON type
  missing_field,       ///< a required member is absent
  unknown_field,       ///< a member the format does not define
  duplicate_key,       ///< the same member twice in one object
  invalid_value,       ///< a value of the right type that is not allowed
  invalid_country,     ///< not an ISO 3166-1 alpha-2 code
  invalid_date,        ///< not an ISO 8601 calendar date
  invalid_duration,    ///< a duration the parser cannot read
  duplicate_id,        ///< two entries share an id
  dangling_reference,  ///< a reference to an id that does not exist
  unsupported_format,  ///< an unknown "format" version
  io,                  ///< a file could not be read
};

const std::error_category& error_category() noexcept;
inline std::error_code make_error_code(errc e) noexcept { return {static_cast<int>(e), error_category()}; }

/// One problem in an input, located by JSON pointer and by line and column
/// (both 1-based; 0 when unknown, e.g. for an I/O error).
struct diagnostic {
  errc code{};
  std::string message;   ///< lowercase, one line, user values in backticks
  std::string pointer;   ///< RFC 6901 JSON pointer ("" is the whole document)
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  std::string help;      ///< optional suggestion ("did you mean `DE`?")
};

/// The failure of a whole operation: every problem found, in document order.
struct error {
  std::vector<diagnostic> diagnostics;

  [[nodiscard]] std::error_code code() const noexcept {
    return diagnostics.empty() ? std::error_code{} : make_error_code(diagnostics.front().code);
  }
  /// The first diagnostic, formatted as `pointer:line:column: message`.
  [[nodiscard]] std::string summary() const;
};

/// Thrown only by `.value()` on a failed result; the core never throws for bad input.
class exception : public std::system_error {
 public:
  explicit exception(error e);
  [[nodiscard]] const dpa::error& detail() const noexcept { return error_; }

 private:
  dpa::error error_;
};

inline std::error_code make_error_code(const error& e) noexcept { return e.code(); }
[[noreturn]] void outcome_throw_as_system_error_with_payload(const error& e);

template <class T>
using result = BOOST_OUTCOME_V2_NAMESPACE::std_result<T, error>;

}  // namespace v1
}  // namespace dpa

template <>
struct std::is_error_code_enum<dpa::errc> : std::true_type {};
