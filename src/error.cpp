#include <dpa/error.hpp>

#include <fmt/format.h>

namespace dpa {
inline namespace v1 {

namespace {
class category final : public std::error_category {
 public:
  const char* name() const noexcept override { return "dpa"; }
  std::string message(int ev) const override {
    switch (static_cast<errc>(ev)) {
      case errc::syntax: return "malformed JSON";
      case errc::invalid_utf8: return "invalid UTF-8";
      case errc::too_deep: return "nesting too deep";
      case errc::too_large: return "input too large";
      case errc::wrong_type: return "wrong JSON type";
      case errc::missing_field: return "missing field";
      case errc::unknown_field: return "unknown field";
      case errc::duplicate_key: return "duplicate key";
      case errc::invalid_value: return "invalid value";
      case errc::invalid_country: return "invalid country code";
      case errc::invalid_date: return "invalid date";
      case errc::invalid_duration: return "invalid duration";
      case errc::duplicate_id: return "duplicate id";
      case errc::dangling_reference: return "reference to an unknown id";
      case errc::unsupported_format: return "unsupported format";
      case errc::io: return "input/output error";
    }
    return "unknown error";
  }
};
}  // namespace

const std::error_category& error_category() noexcept {
  static const category c;
  return c;
}

std::string error::summary() const {
  if (diagnostics.empty()) return "no error";
  const auto& d = diagnostics.front();
  if (d.line == 0) return d.message;
  return fmt::format("{}:{}: {}: {}", d.line, d.column, d.pointer.empty() ? "/" : d.pointer, d.message);
}

exception::exception(dpa::error e) : std::system_error(e.code(), e.summary()), error_(std::move(e)) {}

void outcome_throw_as_system_error_with_payload(const error& e) { throw exception(e); }

}  // namespace v1
}  // namespace dpa
