// libFuzzer target: the tenant-configuration loader, then the tenant rules
// against a bundled DPA.
#include <dpa/dpa.hpp>

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const dpa::document doc = dpa::parse_document(dpa::clean_example_document()).value();
  static const dpa::tenant_policy policy(doc);
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto tenant = dpa::parse_tenant(text);
  if (!tenant) {
    if (tenant.error().diagnostics.empty()) std::abort();
    return 0;
  }
  const dpa::report r = policy.check(tenant.value());
  (void)dpa::render_json({dpa::checked_file{&r, "tenant.json", text}});
  return 0;
}
