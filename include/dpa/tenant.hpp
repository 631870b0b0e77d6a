// Tenant configurations: what a SaaS backend knows about one tenant, checked
// against the DPA the tenant accepted (the tenant/* rules).
#pragma once

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
#include <dpa/evaluate.hpp>
#include <dpa/knowledge.hpp>
#include <dpa/load.hpp>
#include <dpa/report.hpp>
#include <dpa/rules.hpp>

namespace dpa {
inline namespace v1 {

struct accepted_dpa {
  std::string id;       ///< the DPA document's id
  std::string version;  ///< the version the tenant accepted
  std::optional<date> accepted;
  friend bool operator==(const accepted_dpa&, const accepted_dpa&) = default;
};

struct feature {
  std::string id;
  bool enabled = true;
  std::vector<std::string> subprocessors;  ///< sub-processor ids (or names) it sends data to
  friend bool operator==(const feature&, const feature&) = default;
};

struct configured_retention {
  std::string category;  ///< a data category id of the DPA
  duration period;
  friend bool operator==(const configured_retention&, const configured_retention&) = default;
};

struct tenant_config {
  std::string tenant;
  accepted_dpa dpa;
  std::optional<std::string> residency;  ///< "EEA", "EU" or an ISO country code
  std::vector<feature> features;
  std::vector<configured_retention> retention;
  bool special_categories = false;  ///< Art. 9 data enabled
  friend bool operator==(const tenant_config&, const tenant_config&) = default;
};

[[nodiscard]] result<tenant_config> parse_tenant(std::string_view json, const load_options& options = {});
[[nodiscard]] result<tenant_config> load_tenant(const std::filesystem::path& file, const load_options& options = {});
[[nodiscard]] std::string_view tenant_schema() noexcept;

/// A DPA prepared for checking many tenants: sub-processor index, locations
/// and retention limits worked out once. Immutable; share it across threads.
class tenant_policy {
 public:
  tenant_policy(const document& doc, const options& opts = {}, const knowledge& kb = knowledge::embedded());
  /// Runs the tenant rules. Pure and thread-safe.
  [[nodiscard]] report check(const tenant_config& tenant) const;

  tenant_policy(const tenant_policy&);
  tenant_policy(tenant_policy&&) noexcept;
  tenant_policy& operator=(const tenant_policy&);
  tenant_policy& operator=(tenant_policy&&) noexcept;
  ~tenant_policy();

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

/// Convenience: prepare and check once.
[[nodiscard]] report check_tenant(const document& doc, const tenant_config& tenant, const options& opts = {},
                                  const knowledge& kb = knowledge::embedded());

/// A tenant of the clean template DPA (`clean_example_document`) on which no
/// tenant rule fires; tenant rule examples patch it.
[[nodiscard]] std::string_view clean_example_tenant() noexcept;

/// The tenant rules, sorted by id.
[[nodiscard]] const std::vector<rule_info>& tenant_rule_catalogue();

}  // namespace v1
}  // namespace dpa
