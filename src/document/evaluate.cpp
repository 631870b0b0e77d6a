// Running the rules, then applying options: severity overrides, suppressions,
// the baseline, and a stable order.
#include <dpa/evaluate.hpp>

#include <algorithm>
#include <set>

#include <dpa/render.hpp>

#include "json/parse.hpp"
#include "rules/rule.hpp"

namespace dpa {
inline namespace v1 {

std::string_view to_string(severity s) noexcept {
  switch (s) {
    case severity::info: return "info";
    case severity::warning: return "warning";
    case severity::violation: return "violation";
  }
  return "warning";
}

std::string_view to_string(certainty c) noexcept { return c == certainty::definite ? "definite" : "possible"; }

std::optional<severity> parse_severity(std::string_view s) noexcept {
  if (s == "info") return severity::info;
  if (s == "warning") return severity::warning;
  if (s == "violation") return severity::violation;
  return std::nullopt;
}

std::map<std::string, std::size_t> report::counts() const {
  std::map<std::string, std::size_t> out;
  for (const auto& id : rules_run) out[std::string(id)] = 0;
  for (const auto& f : findings)
    if (!f.suppressed) ++out[std::string(f.rule)];
  return out;
}

std::optional<severity> report::worst() const {
  std::optional<severity> w;
  for (const auto& f : findings)
    if (!f.suppressed && (!w || f.severity > *w)) w = f.severity;
  return w;
}

namespace {

}  // namespace
}  // namespace v1
}  // namespace dpa

namespace dpa::detail {
std::string fingerprint_of(const finding& f) {
  std::uint64_t h = 14695981039346656037ull;  // FNV-1a 64
  auto mix = [&](std::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ull;
    }
    h ^= 0xff;
    h *= 1099511628211ull;
  };
  mix(f.rule);
  mix(f.subject);
  for (const auto& e : f.evidence) mix(e.pointer);
  return fmt::format("{:016x}", h);
}
}  // namespace dpa::detail

namespace dpa {
inline namespace v1 {
namespace {

std::vector<transfer_basis> transfer_map(const detail::transfer_analysis& a) {
  std::vector<transfer_basis> out;
  for (const auto& r : a.recipients) {
    auto tool_text = [&]() -> std::string {
      for (const auto* list : {&r.own, &r.inherited})
        for (const auto& t : *list)
          if (t.valid != answer::no)
            return describe(*t.tool) + (t.inherited ? " (general clause)" : "") + (t.valid == answer::depends ? "?" : "");
      return {};
    };
    for (const auto& d : r.destinations) {
      transfer_basis b{r.id, r.name, d.country, "", "", d.pointer};
      if (d.cover.status == coverage_status::eea) {
        b.basis = "eea";
      } else if (d.needs_tool == answer::no && d.cover.decision) {
        b.basis = "adequacy";
        b.detail = d.cover.decision->decision;
      } else if (auto t = tool_text(); !t.empty()) {
        b.basis = "tool";
        b.detail = t;
      } else {
        b.basis = d.needs_tool == answer::depends ? "undetermined" : "none";
        if (d.cover.decision) b.detail = "not covered by " + d.cover.decision->decision;
      }
      out.push_back(std::move(b));
    }
    for (const auto& u : r.unresolved) out.push_back({r.id, r.name, "", "undetermined", "location is not a country", u});
  }
  return out;
}

}  // namespace

report evaluate(const document& doc, const options& opts, const knowledge& kb) {
  report out;
  out.subject = doc.id;
  out.as_of = opts.as_of;
  out.knowledge_version = kb.version();
  out.knowledge_checksum = kb.checksum();
  const auto analysis = detail::analyse_transfers(doc, opts.as_of, kb);
  const detail::context ctx{doc, opts, kb, analysis};
  for (const auto& rule : detail::builtin_rules()) {
    if (!detail::selected(rule.info.id, opts.enable, opts.disable)) continue;
    detail::emitter e(rule.info);
    rule.check(ctx, e);
    e.sort();
    out.rules_run.push_back(rule.info.id);
    for (auto& f : e.findings) out.findings.push_back(std::move(f));
    for (auto& s : e.skipped) out.not_evaluable.push_back(std::move(s));
  }
  out.transfer_map = transfer_map(analysis);
  if (std::any_of(out.rules_run.begin(), out.rules_run.end(), [](std::string_view id) { return id.starts_with("transfer/"); }))
    for (const auto& a : analysis.assumptions) out.notes.push_back("assumed: " + a);

  std::set<std::string> known(opts.baseline.begin(), opts.baseline.end());
  std::set<std::size_t> expired_noted;
  std::vector<finding> kept;
  for (auto& f : out.findings) {
    if (auto it = opts.severity_overrides.find(f.rule); it != opts.severity_overrides.end()) f.severity = it->second;
    f.fingerprint = detail::fingerprint_of(f);
    if (known.count(f.fingerprint)) continue;
    for (std::size_t i = 0; i < opts.suppressions.size(); ++i) {
      const auto& s = opts.suppressions[i];
      if (s.rule != f.rule || (!s.subject.empty() && s.subject != f.subject)) continue;
      if (s.expires && opts.as_of > *s.expires) {
        if (expired_noted.insert(i).second)
          out.notes.push_back(fmt::format("suppression of {}{} expired on {}; its findings are reported again", s.rule,
                                          s.subject.empty() ? "" : " for " + s.subject, to_string(*s.expires)));
        continue;
      }
      f.suppressed = true;
      f.suppression_reason = s.reason;
      break;
    }
    kept.push_back(std::move(f));
  }
  out.findings = std::move(kept);
  return out;
}

}  // namespace v1
}  // namespace dpa

namespace dpa::detail {
struct suppression_entry {
  std::string rule;
  std::optional<std::string> subject;
  std::string reason;
  std::optional<date> expires;
};
struct suppression_file {
  std::vector<suppression_entry> suppressions;
};
template <>
struct meta<suppression_entry> {
  static constexpr auto fields = std::tuple{req("rule", &suppression_entry::rule), opt("subject", &suppression_entry::subject),
                                            req("reason", &suppression_entry::reason),
                                            opt("expires", &suppression_entry::expires)};
};
template <>
struct meta<suppression_file> {
  static constexpr auto fields = std::tuple{req("suppressions", &suppression_file::suppressions)};
};
}  // namespace dpa::detail

namespace dpa {
inline namespace v1 {

result<std::vector<suppression>> parse_suppressions(std::string_view text) {
  limits lim;
  BOOST_OUTCOME_TRY(auto root, detail::parse_json_text(text, lim));
  detail::reader r(lim, [](const void*, std::string_view, std::string&) { return true; }, nullptr);
  r.problems = detail::duplicate_keys(text, lim.max_depth);
  detail::suppression_file file;
  r.read(root, file);
  for (std::size_t i = 0; i < file.suppressions.size(); ++i)
    if (!file.suppressions[i].rule.empty() && !find_rule(file.suppressions[i].rule))
      r.problems.push_back({errc::invalid_value, fmt::format("`{}` is not a rule id", file.suppressions[i].rule),
                            fmt::format("/suppressions/{}/rule", i), "`dpa rules` lists them"});
  if (!r.problems.empty()) return detail::locate(text, std::move(r.problems), lim.max_depth, r.unlisted);
  std::vector<suppression> out;
  for (auto& e : file.suppressions) out.push_back({e.rule, e.subject.value_or(""), e.reason, e.expires});
  return out;
}

result<std::vector<std::string>> parse_baseline(std::string_view text) {
  limits lim;
  lim.max_bytes = std::size_t{256} << 20;
  BOOST_OUTCOME_TRY(auto root, detail::parse_json_text(text, lim));
  std::vector<std::string> out;
  auto take = [&](const detail::json::value& report) {
    const auto* o = report.if_object();
    const auto* findings = o ? o->if_contains("findings") : nullptr;
    if (!findings || !findings->is_array()) return false;
    for (const auto& f : findings->get_array())
      if (const auto* fo = f.if_object())
        if (const auto* fp = fo->if_contains("fingerprint"); fp && fp->is_string()) out.emplace_back(fp->get_string());
    return true;
  };
  bool ok = false;
  if (root.is_array()) {  // several files
    ok = true;
    for (const auto& r : root.get_array()) ok = take(r) && ok;
  } else {
    ok = take(root);
  }
  if (!ok)
    return error{{diagnostic{errc::wrong_type, "a baseline is a JSON report from `dpa check --format json`", "", 1, 1, {}}}};
  return out;
}

}  // namespace v1
}  // namespace dpa
