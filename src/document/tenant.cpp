// Tenant configurations and the tenant/* rules.
#include <dpa/tenant.hpp>

#include <algorithm>
#include <map>
#include <span>
#include <unordered_map>

#include "embedded.hpp"
#include "json/parse.hpp"
#include "text.hpp"
#include "rules/rule.hpp"

namespace dpa::detail {

struct tenant_file {
  std::string format, tenant;
  accepted_dpa dpa;
  std::optional<std::string> residency;
  std::vector<feature> features;
  std::vector<configured_retention> retention;
  bool special_categories = false;
};

template <>
struct meta<accepted_dpa> {
  static constexpr auto fields = std::tuple{req("id", &accepted_dpa::id, check::id), req("version", &accepted_dpa::version),
                                            opt("accepted", &accepted_dpa::accepted)};
};
template <>
struct meta<feature> {
  static constexpr auto fields = std::tuple{req("id", &feature::id), opt("enabled", &feature::enabled),
                                            opt("subprocessors", &feature::subprocessors)};
};
template <>
struct meta<configured_retention> {
  static constexpr auto fields =
      std::tuple{req("category", &configured_retention::category), req("period", &configured_retention::period)};
};
template <>
struct meta<tenant_file> {
  static constexpr auto fields =
      std::tuple{req("format", &tenant_file::format), req("tenant", &tenant_file::tenant), req("dpa", &tenant_file::dpa),
                 opt("residency", &tenant_file::residency), opt("features", &tenant_file::features),
                 opt("retention", &tenant_file::retention), opt("special_categories", &tenant_file::special_categories)};
};

// What a tenant policy works out once from its DPA, and what the tenant rules read.
struct tenant_facts {
  struct sub {
    std::string id, name, pointer;
    struct place {
      country_code country;
      std::string pointer;  // in the DPA
      std::string via;      // an onward recipient, if the data goes there through one
    };
    std::vector<place> places;
    std::vector<std::string> unresolved;                       // location texts
  };
  std::string doc_id;
  std::optional<std::string> version;
  special_stance stance = special_stance::not_addressed;
  std::vector<sub> subs;
  std::unordered_map<std::string, std::size_t> by_key;  // id and lower-case names
  std::map<std::string, duration, std::less<>> retention;  // category -> longest allowed period
  options opts;
  const knowledge* kb = nullptr;
};

namespace {

// -1, 0, 1 comparing dotted versions numerically ("1.10" > "1.9"); text compares as text.
int compare_versions(std::string_view a, std::string_view b) {
  while (!a.empty() || !b.empty()) {
    auto part = [](std::string_view& s) {
      auto dot = s.find('.');
      auto p = s.substr(0, dot);
      s = dot == std::string_view::npos ? std::string_view{} : s.substr(dot + 1);
      return p;
    };
    auto pa = part(a), pb = part(b);
    bool na = !pa.empty() && std::all_of(pa.begin(), pa.end(), [](char c) { return c >= '0' && c <= '9'; });
    bool nb = !pb.empty() && std::all_of(pb.begin(), pb.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (na && nb) {
      auto x = std::stoull(std::string(pa)), y = std::stoull(std::string(pb));
      if (x != y) return x < y ? -1 : 1;
    } else if (pa != pb) {
      return pa < pb ? -1 : 1;
    }
  }
  return 0;
}

// A tenant rule: its text, and the check that fires it.
struct tenant_rule_def {
  rule_info info;
  void (*check)(const tenant_facts& p, const tenant_config& t, emitter& e);
};

void check_dpa_version(const tenant_facts& p, const tenant_config& t, emitter& e) {
  if (t.dpa.id != p.doc_id) {
    e.fire(t.dpa.id, fmt::format("the tenant accepted DPA `{}`, but is checked against `{}`", t.dpa.id, p.doc_id),
           {at("/dpa/id")});
  } else if (p.version && compare_versions(t.dpa.version, *p.version) < 0) {
    e.fire(t.dpa.version, fmt::format("the tenant accepted version {} of the DPA; the current version is {}", t.dpa.version, *p.version),
           {at("/dpa/version")});
  }
}

// Enabled features' recipients: listed in the DPA at all (`residency` false), or inside the tenant's region.
void check_features(const tenant_facts& p, const tenant_config& t, emitter& e, bool residency) {
  if (residency && !t.residency) return;
  std::vector<std::size_t> seen;
  for (std::size_t i = 0; i < t.features.size(); ++i) {
    const auto& f = t.features[i];
    if (!f.enabled) continue;
    for (std::size_t j = 0; j < f.subprocessors.size(); ++j) {
      const auto& ref = f.subprocessors[j];
      auto it = p.by_key.find(ref);
      if (it == p.by_key.end()) it = p.by_key.find(ascii_lower(ref));
      std::string where = fmt::format("/features/{}/subprocessors/{}", i, j);
      if (!residency) {
        if (it == p.by_key.end())
          e.fire(ref, fmt::format("feature `{}` sends data to `{}`, which the DPA does not list", f.id, ref),
                 {at(where)});
        continue;
      }
      if (it == p.by_key.end() || std::find(seen.begin(), seen.end(), it->second) != seen.end()) continue;
      seen.push_back(it->second);
      const auto& s = p.subs[it->second];
      const auto& region = *t.residency;
      std::vector<std::string> outside;
      for (const auto& pl : s.places) {
        bool inside = region == "EEA" || region == "EU" ? p.kb->eea(pl.country, p.opts.as_of) != nullptr : pl.country == region;
        std::string where = pl.via.empty() ? pl.country : fmt::format("{} (through `{}`)", pl.country, pl.via);
        if (!inside && std::find(outside.begin(), outside.end(), where) == outside.end()) outside.push_back(where);
      }
      if (!outside.empty()) {
        e.fire(s.id, fmt::format("feature `{}` sends data to `{}`, which reaches {}, outside the tenant's {}", f.id, s.name,
                                 fmt::join(outside, ", "), region),
               {at(where)});
      } else if (!s.unresolved.empty()) {
        e.fire(s.id, fmt::format("feature `{}` sends data to `{}`, whose location \"{}\" may be outside the tenant's {}",
                                 f.id, s.name, s.unresolved.front(), region),
               {at(where)}, certainty::possible);
      } else if (s.places.empty()) {
        e.cannot("no-location", fmt::format("`{}` has no location in the DPA", s.name), where);
      }
    }
  }
}

void check_not_authorised(const tenant_facts& p, const tenant_config& t, emitter& e) { check_features(p, t, e, false); }
void check_residency(const tenant_facts& p, const tenant_config& t, emitter& e) { check_features(p, t, e, true); }

void check_retention(const tenant_facts& p, const tenant_config& t, emitter& e) {
  for (std::size_t i = 0; i < t.retention.size(); ++i) {
    const auto& r = t.retention[i];
    auto it = p.retention.find(r.category);
    std::string where = fmt::format("/retention/{}/period", i);
    if (it == p.retention.end()) {
      e.cannot("no-dpa-retention", fmt::format("the DPA sets no retention period for `{}`", r.category), where);
      continue;
    }
    e.fire_if(longer(r.period, it->second), r.category,
              fmt::format("`{}` is kept for `{}`, longer than the DPA's `{}`", r.category, r.period.text(), it->second.text()),
              {at(where)});
  }
}

void check_special_category(const tenant_facts& p, const tenant_config& t, emitter& e) {
  if (t.special_categories) {
    if (p.stance == special_stance::excluded)
      e.fire("special_categories", "special-category data is enabled, but the DPA excludes it", {at("/special_categories")});
    else if (p.stance == special_stance::excluded_unless_agreed)
      e.fire("special_categories", "special-category data is enabled; the DPA allows it only under a separate agreement",
             {at("/special_categories")}, certainty::possible);
    else if (p.stance == special_stance::not_addressed)
      e.cannot("dpa-silent", "the DPA does not say whether special-category data may be processed", "/special_categories");
  }
}

// Sorted by id.
constexpr tenant_rule_def tenant_rule_table[] = {
    {{"tenant/dpa-version", severity::warning, "The tenant accepted an older DPA version", "Art. 28(9) GDPR", gdpr,
      "The tenant is bound by the version it accepted. If the processor now works under a newer one, the tenant's "
      "documented instructions and authorisations (sub-processors, retention) lag behind what the service does.",
      "Have the tenant accept the current version, or keep the service within the accepted one.",
      R"({"dpa": {"version": "0.9"}})", R"({})"},
     check_dpa_version},
    {{"tenant/residency", severity::violation, "An enabled sub-processor processes outside the required region",
      "Arts. 44-46 GDPR; the tenant's residency commitment", gdpr,
      "The tenant requires its data to stay in a region (the EEA, say), and an enabled feature sends data to a "
      "sub-processor established or processing outside it, or at a location the DPA leaves open (\"Global\").",
      "Disable the feature for the tenant, or route it to a sub-processor inside the region.",
      R"({"residency": "FR"})", R"({"residency": "DE"})"},
     check_residency},
    {{"tenant/retention-exceeds", severity::violation, "A configured retention is longer than the DPA allows",
      "Art. 5(1)(e) and Art. 28(3)(a) GDPR", gdpr,
      "The DPA is the controller's instruction on how long data is kept. A tenant setting that keeps a category "
      "longer than the DPA allows processes data beyond the instruction.",
      "Lower the tenant's retention to the DPA's period, or amend the DPA.",
      R"({"retention": [{"category": "logs", "period": "90 days"}]})", R"({"retention": [{"category": "logs", "period": "7 days"}]})"},
     check_retention},
    {{"tenant/special-category", severity::violation, "Special-category data enabled although the DPA excludes it",
      "Art. 9 GDPR; Art. 28(3) GDPR", gdpr,
      "The DPA excludes Art. 9 data (health, biometrics, beliefs, ...). A tenant that enables it processes data "
      "the agreement does not cover, with none of the safeguards Art. 9 requires.",
      "Disable special-category data for the tenant, or conclude an agreement that covers it.",
      R"({"special_categories": true})", R"({"special_categories": false})"},
     check_special_category},
    {{"tenant/subprocessor-not-authorised", severity::violation, "A feature sends data to a sub-processor the DPA does not list",
      "Art. 28(2) GDPR", gdpr,
      "Sub-processors need the controller's prior authorisation (Art. 28(2)); the DPA's list is that authorisation. "
      "A feature that reaches a recipient outside the list engages a sub-processor the tenant never authorised.",
      "Add the recipient to the DPA (with notice and a chance to object) before enabling the feature.",
      R"({"features": [{"id": "ai", "subprocessors": ["mystery-ai"]}]})", R"({"features": [{"id": "ai", "subprocessors": ["hoster"]}]})"},
     check_not_authorised},
};

std::span<const tenant_rule_def> tenant_rule_defs() { return tenant_rule_table; }

const std::vector<rule_info>& tenant_rules() {
  static const std::vector<rule_info> rules = [] {
    std::vector<rule_info> out;
    for (const auto& d : tenant_rule_table) out.push_back(d.info);
    return out;
  }();
  return rules;
}

}  // namespace
}  // namespace dpa::detail

namespace dpa {
inline namespace v1 {

const std::vector<rule_info>& tenant_rule_catalogue() { return detail::tenant_rules(); }

std::string_view clean_example_tenant() noexcept {
  return R"({
  "format": "dpa-tenant/1",
  "tenant": "example-tenant",
  "dpa": {"id": "example", "version": "1.0", "accepted": "2026-02-01"},
  "residency": "EEA",
  "features": [{"id": "crm", "enabled": true, "subprocessors": ["hoster"]}],
  "retention": [{"category": "logs", "period": "7 days"}],
  "special_categories": false
}
)";
}

std::string_view tenant_schema() noexcept { return detail::embedded_tenant_schema(); }

result<tenant_config> parse_tenant(std::string_view text, const load_options& options) {
  using namespace detail;
  const knowledge& kb = options.kb ? *options.kb : knowledge::embedded();
  BOOST_OUTCOME_TRY(auto root, parse_json_text(text, options.limits));
  reader r(options.limits, [](const void* ctx, std::string_view code, std::string& help) {
    const auto& k = *static_cast<const knowledge*>(ctx);
    if (code == "EEA" || code == "EU" || k.country(code)) return true;
    if (auto s = k.suggest_country(code)) help = fmt::format("did you mean `{}`?", *s);
    return false;
  }, &kb);
  r.problems = duplicate_keys(text, options.limits.max_depth);
  tenant_file f;
  r.read(root, f);
  if (!f.format.empty() && f.format != "dpa-tenant/1")
    r.problems.push_back({errc::unsupported_format, fmt::format("unsupported format `{}`", f.format), "/format",
                          "this version of dpa reads `dpa-tenant/1`"});
  if (f.residency) {
    std::string help;
    const auto& code = *f.residency;
    if (code != "EEA" && code != "EU" && !kb.country(code))
      r.problems.push_back({errc::invalid_country, fmt::format("`{}` is neither `EEA`, `EU` nor an ISO 3166-1 alpha-2 code", code),
                            "/residency", {}});
  }
  if (!r.problems.empty()) return locate(text, std::move(r.problems), options.limits.max_depth, r.unlisted);
  return tenant_config{std::move(f.tenant), std::move(f.dpa), std::move(f.residency), std::move(f.features),
                       std::move(f.retention), f.special_categories};
}

result<tenant_config> load_tenant(const std::filesystem::path& file, const load_options& options) {
  BOOST_OUTCOME_TRY(auto text, read_file(file, options.limits.max_bytes));
  return parse_tenant(text, options);
}

struct tenant_policy::impl : detail::tenant_facts {};

tenant_policy::tenant_policy(const document& doc, const options& opts, const knowledge& kb)
    : impl_(std::make_unique<impl>()) {
  auto& p = *impl_;
  p.doc_id = doc.id;
  p.version = doc.version;
  p.stance = doc.special_categories.stance;
  p.opts = opts;
  p.kb = &kb;
  auto walk = [&](auto& self, const std::vector<subprocessor>& list, const std::string& base) -> void {
    for (std::size_t i = 0; i < list.size(); ++i) {
      const auto& s = list[i];
      detail::tenant_facts::sub x{s.id, s.name, fmt::format("{}/{}", base, i), {}, {}};
      if (s.country) x.places.push_back({*s.country, x.pointer + "/country", {}});
      for (std::size_t j = 0; j < s.locations.size(); ++j) {
        const auto& l = s.locations[j];
        if (l.kind == location_kind::country && l.country)
          x.places.push_back({*l.country, fmt::format("{}/locations/{}", x.pointer, j), {}});
        else if (l.kind != location_kind::area)
          x.unresolved.push_back(l.text);
      }
      for (std::size_t j = 0; j < s.onward.size(); ++j)  // data handed on to a parent goes where the parent is
        if (s.onward[j].country)
          x.places.push_back({*s.onward[j].country, fmt::format("{}/onward/{}", x.pointer, j), s.onward[j].recipient});
      std::size_t index = p.subs.size();
      const std::string nested = x.pointer + "/subprocessors";
      p.by_key.emplace(s.id, index);
      for (const auto* n : {&s.name, s.legal_name ? &*s.legal_name : nullptr, s.trade_name ? &*s.trade_name : nullptr})
        if (n) p.by_key.emplace(detail::ascii_lower(*n), index);
      p.subs.push_back(std::move(x));
      self(self, s.subprocessors, nested);
    }
  };
  walk(walk, doc.subprocessors, "/subprocessors");
  for (const auto& r : doc.retention) {
    if (!r.period) continue;
    auto it = p.retention.find(r.category);
    if (it == p.retention.end() || longer(*r.period, it->second) == answer::yes) p.retention.insert_or_assign(r.category, *r.period);
  }
}

tenant_policy::tenant_policy(const tenant_policy& o) : impl_(std::make_unique<impl>(*o.impl_)) {}
tenant_policy::tenant_policy(tenant_policy&&) noexcept = default;
tenant_policy& tenant_policy::operator=(const tenant_policy& o) {
  impl_ = std::make_unique<impl>(*o.impl_);
  return *this;
}
tenant_policy& tenant_policy::operator=(tenant_policy&&) noexcept = default;
tenant_policy::~tenant_policy() = default;

report tenant_policy::check(const tenant_config& t) const {
  const auto& p = *impl_;
  report out;
  out.subject = t.tenant;
  out.as_of = p.opts.as_of;
  out.knowledge_version = p.kb->version();
  out.knowledge_checksum = p.kb->checksum();
  auto selected = [&](std::string_view id) { return detail::selected(id, p.opts.enable, p.opts.disable); };
  for (const auto& rule : detail::tenant_rule_defs()) {
    if (!selected(rule.info.id)) continue;
    out.rules_run.push_back(rule.info.id);
    detail::emitter e(rule.info);
    rule.check(p, t, e);
    for (auto& f : e.findings) {
      if (auto it = p.opts.severity_overrides.find(f.rule); it != p.opts.severity_overrides.end()) f.severity = it->second;
      f.fingerprint = detail::fingerprint_of(f);
      out.findings.push_back(std::move(f));
    }
    for (auto& s : e.skipped) out.not_evaluable.push_back(std::move(s));
  }
  return out;
}

report check_tenant(const document& doc, const tenant_config& tenant, const options& opts, const knowledge& kb) {
  return tenant_policy(doc, opts, kb).check(tenant);
}

}  // namespace v1
}  // namespace dpa
