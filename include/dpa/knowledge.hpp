// The jurisdiction knowledge base: EEA membership, adequacy decisions and
// transfer tools, each with the dates it held and its source.
//
// A knowledge base is immutable once built and may be shared by any number
// of threads. The library embeds a default (data/jurisdictions.json at build
// time); a host can load a newer file at run time instead.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <dpa/date.hpp>
#include <dpa/document.hpp>
#include <dpa/duration.hpp>
#include <dpa/error.hpp>

namespace dpa {
inline namespace v1 {

/// Validity in time; both ends inclusive, `until` absent while in force.
struct validity {
  date from;
  std::optional<date> until;
  [[nodiscard]] bool holds_on(date d) const noexcept { return d >= from && (!until || d <= *until); }
};

struct eea_membership {
  country_code country;
  std::string name;
  dpa::validity validity;
  std::string source;
  std::string note;
};

struct adequacy_decision {
  std::string id;  ///< "adequacy/US-DPF"
  country_code country;
  std::string decision;
  dpa::validity validity;
  std::string scope;
  std::string condition;  ///< empty: the whole country; else what a recipient must be ("dpf")
  std::optional<tool_kind> tool;  ///< the tool a DPA names to rely on it (dpf, privacy_shield)
  std::string source;
  std::string note;
};

struct transfer_instrument {
  tool_kind tool{};
  std::string name;
  dpa::validity validity;
  std::optional<date> new_contracts_until;
  std::string source;
  std::string note;
};

struct country_info {
  country_code code;
  std::string name;
  std::string common_name;
  std::string official_name;
};

/// Where a recipient in a country stands at a date.
enum class coverage_status : std::uint8_t {
  eea,          ///< inside the EEA: no Chapter V transfer
  adequate,     ///< an adequacy decision covers the whole country
  conditional,  ///< adequacy only for some recipients (see `condition`)
  third_country,///< no adequacy: a transfer tool is needed
};

struct coverage {
  coverage_status status = coverage_status::third_country;
  /// For `conditional`: does the recipient meet the condition? yes when its
  /// attributes say so, no when they rule it out, depends when unknown.
  answer condition_met = answer::no;
  const adequacy_decision* decision = nullptr;  ///< borrowed from the knowledge base
  const eea_membership* membership = nullptr;   ///< borrowed from the knowledge base
  /// Is the recipient covered without a transfer tool?
  [[nodiscard]] answer covered() const noexcept;
};

class knowledge {
 public:
  /// The knowledge base compiled into the library.
  static const knowledge& embedded();
  /// Builds a knowledge base from `dpa-knowledge/1` JSON.
  [[nodiscard]] static result<knowledge> parse(std::string_view json);
  [[nodiscard]] static result<knowledge> load(const std::filesystem::path& file);

  [[nodiscard]] const std::string& version() const noexcept { return version_; }
  /// SHA-1 of the JSON the knowledge base was built from, in hex.
  [[nodiscard]] const std::string& checksum() const noexcept { return checksum_; }
  [[nodiscard]] date compiled() const noexcept { return compiled_; }
  /// The dpa-knowledge/1 JSON it was built from.
  [[nodiscard]] const std::string& source() const noexcept { return source_; }

  /// Is this a known ISO 3166-1 alpha-2 code?
  [[nodiscard]] const country_info* country(std::string_view code) const noexcept;
  /// A code for a name or a near miss ("Germany" -> "DE", "UK" -> "GB").
  [[nodiscard]] std::optional<country_code> suggest_country(std::string_view text) const;

  [[nodiscard]] const eea_membership* eea(std::string_view code, date on) const noexcept;
  /// Where a recipient in `code` stands on `on`. `attributes` are what is known
  /// of the recipient ("dpf" for a DPF-listed organisation); `attributes_known`
  /// says whether their absence means "no" or "unknown".
  [[nodiscard]] coverage covered(std::string_view code, date on,
                                 const std::vector<std::string>& attributes = {},
                                 bool attributes_known = false) const;
  [[nodiscard]] const transfer_instrument* instrument(tool_kind t) const noexcept;
  /// Is the tool valid on `on`? `concluded`, when given, is when the contract was made
  /// (tools closed to new contracts still carry existing ones for a while); a
  /// month stated without its day gives `depends` when the answer turns on the day.
  [[nodiscard]] answer tool_valid(tool_kind t, date on, std::optional<stated_date> concluded = {}) const;

  [[nodiscard]] const std::vector<eea_membership>& eea_members() const noexcept { return eea_; }
  [[nodiscard]] const std::vector<adequacy_decision>& adequacy() const noexcept { return adequacy_; }
  [[nodiscard]] const std::vector<transfer_instrument>& instruments() const noexcept { return tools_; }
  [[nodiscard]] const std::vector<country_info>& countries() const noexcept { return countries_; }

 private:
  std::string version_, checksum_, source_;
  date compiled_{};
  std::vector<eea_membership> eea_;
  std::vector<adequacy_decision> adequacy_;
  std::vector<transfer_instrument> tools_;
  std::vector<country_info> countries_;  // sorted by code
};

}  // namespace v1
}  // namespace dpa
