// The flow-down pass: what each processor promised its clients (change notice,
// retention, categories) against what its own agreements pass down.
#include "graph/pass.hpp"

#include <algorithm>
#include <bit>
#include <span>

#include <fmt/format.h>

#include "rules/rule.hpp"

namespace dpa::detail {

namespace {

void describe_leak(const graph& g, const graph_report&, const graph_finding& c, finding& f) {
  const auto& a = g.agreements[c.subject];
  const auto client = g.organisations[a.client].id;
  f.message = fmt::format("agreement `{}` passes on `{}`, which no agreement gives `{}`", a.id,
                          g.category_names[c.category], client);
}

void describe_notice(const graph& g, const graph_report&, const graph_finding& c, finding& f) {
  const auto& a = g.agreements[c.subject];
  const auto client = g.organisations[a.client].id;
  f.message = c.value == graph::none
                  ? fmt::format("agreement `{}` gives no change notice; `{}` promised {}h upstream", a.id, client, c.limit)
                  : fmt::format("agreement `{}` gives {}h change notice; `{}` promised {}h upstream", a.id, c.value,
                                client, c.limit);
}

void describe_retention(const graph& g, const graph_report&, const graph_finding& c, finding& f) {
  const auto& a = g.agreements[c.subject];
  const auto client = g.organisations[a.client].id;
  f.message = fmt::format("agreement `{}` keeps `{}` for {}h; `{}` may keep it only {}h", a.id,
                          g.category_names[c.category], c.value, client, c.limit);
}

constexpr graph_rule_def flow_rules[] = {
    {{"categories/leak", severity::violation, "A category passed on that the client was never given",
      "Art. 28(2)-(4) GDPR", detail::gdpr,
      "A processor may hand on only data it processes for its own clients. A category in a sub-processing "
      "agreement that none of the client's incoming agreements carries either comes from nowhere or is processed "
      "outside any controller's instruction.",
      "Remove the category, or find the agreement that should carry it.", "", ""},
     {R"({"agreements": [{"id": "shop-crm", "client": "shop", "processor": "crm", "categories": ["contact"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "30d"}}, {"id": "crm-mail", "client": "crm", "processor": "mail", "categories": ["contact", "health"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "30d"}}]})",
      R"({"agreements": [{"id": "shop-crm", "client": "shop", "processor": "crm", "categories": ["contact", "health"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "30d"}}, {"id": "crm-mail", "client": "crm", "processor": "mail", "categories": ["contact", "health"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "30d"}}]})"},
     describe_leak},
    {{"notice/flowdown", severity::violation, "Less change notice passed down than promised up",
      "Art. 28(2) and (4) GDPR", detail::gdpr,
      "A processor that promised its client N days' notice of new sub-processors can keep that promise only if "
      "its own sub-processors give it at least N days' notice of theirs.",
      "Give the agreement a change_notice at least as long as the client's longest incoming one.", "", ""},
     {R"({"agreements": [{"id": "shop-crm", "client": "shop", "processor": "crm", "categories": ["contact"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "30d"}}, {"id": "crm-mail", "client": "crm", "processor": "mail", "categories": ["contact"], "breach_notice": "24h", "change_notice": "7d", "retention": {"contact": "30d"}}]})",
      R"({"agreements": [{"id": "shop-crm", "client": "shop", "processor": "crm", "categories": ["contact"], "breach_notice": "24h", "change_notice": "7d", "retention": {"contact": "30d"}}, {"id": "crm-mail", "client": "crm", "processor": "mail", "categories": ["contact"], "breach_notice": "24h", "change_notice": "7d", "retention": {"contact": "30d"}}]})"},
     describe_notice},
    {{"retention/flowdown", severity::violation, "A sub-processor keeps data longer than its client may",
      "Art. 28(4) GDPR; Art. 5(1)(e) GDPR", detail::gdpr,
      "The same obligations flow down the chain (Art. 28(4)): a sub-processor may not keep a category longer "
      "than the shortest retention its client accepted for it.",
      "Shorten the agreement's retention for the category to the client's shortest incoming one.", "", ""},
     {R"({"agreements": [{"id": "shop-crm", "client": "shop", "processor": "crm", "categories": ["contact"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "30d"}}, {"id": "crm-mail", "client": "crm", "processor": "mail", "categories": ["contact"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "90d"}}]})",
      R"({"agreements": [{"id": "shop-crm", "client": "shop", "processor": "crm", "categories": ["contact"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "90d"}}, {"id": "crm-mail", "client": "crm", "processor": "mail", "categories": ["contact"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "90d"}}]})"},
     describe_retention},
};

}  // namespace

std::span<const graph_rule_def> flow_pass_rules() { return flow_rules; }

void flow_pass(const graph_pass& pass, finding_sink& into) {
  const graph& g = pass.g;
  const auto& in = g.incoming;
  const auto n_org = static_cast<std::uint32_t>(g.organisations.size());
  const auto n_ag = static_cast<std::uint32_t>(g.agreements.size());
  auto& ws = pass.ws;
  const rule_index r_leak = graph_rule_index("categories/leak");
  const rule_index r_notice = graph_rule_index("notice/flowdown");
  const rule_index r_retention = graph_rule_index("retention/flowdown");
  // 4-6. Flow-down. First, per organisation that is a client but not a root, a
  // summary of its incoming agreements: the longest change notice, and per
  // category carried the shortest retention (none: -1), in category order.
  // Built in one sweep over the positions; then every agreement is checked
  // against its client's summary, in the same order.
  if (!pass.selected(r_notice) && !pass.selected(r_retention) && !pass.selected(r_leak)) return;
  // A summary is a header entry (its number of categories, the longest
  // notice) followed by one entry per category (the category, the shortest
  // retention or -1), in category order; summary[o] is where o's header is
  // (none for roots and for organisations that are no client). The check
  // looks summaries up at random: the 4-byte index and one line of entries.
  constexpr std::uint32_t no_summary = UINT32_MAX;
  auto& summary = ws.summary;
  detail::assign_huge(summary, n_org, no_summary);
  auto& entries = ws.entries;
  detail::clear_huge(entries, std::size_t{2} * n_org);  // a header and a category each, to start with
  {
    auto& min_retention = ws.min_retention;  // per category, scratch
    auto& carried = ws.carried;
    auto& touched = ws.touched;
    min_retention.assign(g.category_names.size(), -1);
    carried.assign(g.category_names.size(), 0);
    for (std::uint32_t o = 0; o < n_org; ++o) {
      auto [first, end] = pass.positions(o);
      if (g.outgoing_count(o) == 0 || first == end) continue;
      std::int64_t max_notice = graph::none;
      touched.clear();
      for (auto k = first; k < end; ++k) {
        max_notice = std::max(max_notice, in.change_hours[k]);
        for (auto cat : pass.categories_at(k))
          if (!carried[cat]) {
            carried[cat] = 1;
            touched.push_back(cat);
          }
        pass.for_each_retention(k, [&](std::uint32_t cat, std::int64_t hours) {
          if (min_retention[cat] == -1 || hours < min_retention[cat]) min_retention[cat] = hours;
        });
      }
      std::sort(touched.begin(), touched.end());
      summary[o] = static_cast<std::uint32_t>(entries.size());
      entries.emplace_back(static_cast<std::uint32_t>(touched.size()), max_notice);
      for (auto cat : touched) {
        entries.emplace_back(cat, min_retention[cat]);
        carried[cat] = 0;
        min_retention[cat] = -1;
      }
    }
  }
  constexpr std::uint32_t ahead = detail::prefetch_ahead;
  for (std::uint32_t k = 0; k < n_ag; ++k) {
    if (k + ahead < n_ag) detail::prefetch(&summary[in.client[k + ahead]]);
    if (k + ahead / 2 < n_ag) {
      const auto next = summary[in.client[k + ahead / 2]];
      if (next != no_summary) {  // its header, and the line after when the summary reaches into it
        detail::prefetch(&entries[next]);
        detail::prefetch(&entries[std::min<std::size_t>(next + 3, entries.size() - 1)]);
      }
    }
    const auto at = summary[in.client[k]];
    if (at == no_summary) continue;
    const auto max_notice = entries[at].second;
    const auto have = std::span(entries).subspan(at + 1, entries[at].first);
    const auto i = in.agreement[k];
    const auto change = in.change_hours[k];
    if (pass.selected(r_notice) && max_notice != graph::none && (change == graph::none || change < max_notice)) {
      graph_finding f{r_notice, false, i};
      f.value = change;
      f.limit = max_notice;
      into.push_back(f);
    }
    auto e = have.begin();
    for (auto cat : pass.categories_at(k)) {
      while (e != have.end() && e->first < cat) ++e;
      if (e != have.end() && e->first == cat) continue;
      if (pass.selected(r_leak)) {
        graph_finding f{r_leak, false, i};
        f.category = cat;
        into.push_back(f);
      }
    }
    if (!pass.selected(r_retention)) continue;
    e = have.begin();
    pass.for_each_retention(k, [&](std::uint32_t cat, std::int64_t hours) {
      while (e != have.end() && e->first < cat) ++e;
      if (e == have.end() || e->first != cat || e->second == -1 || hours <= e->second) return;
      graph_finding f{r_retention, false, i};
      f.category = cat;
      f.value = hours;
      f.limit = e->second;
      into.push_back(f);
    });
  }
}

}  // namespace dpa::detail
