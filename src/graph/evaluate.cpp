// Runs the graph rule passes (pass_*.cpp), sorts what they found, and makes
// each finding's text; the graph rule catalogue is assembled from the passes.
#include <dpa/graph.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <iterator>
#include <span>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>

#include "graph/pass.hpp"
#include "graph/radix_sort.hpp"
#include "rules/rule.hpp"

namespace dpa::detail {

namespace {

struct catalogue {
  std::vector<const graph_rule_def*> defs;  // sorted by id
  std::vector<rule_info> infos;             // the same order
};

const catalogue& graph_catalogue() {
  static const catalogue c = [] {
    catalogue out;
    for (auto pass : {transfer_pass_rules(), chain_pass_rules(), flow_pass_rules()})
      for (const auto& d : pass) out.defs.push_back(&d);
    std::sort(out.defs.begin(), out.defs.end(),
              [](const graph_rule_def* a, const graph_rule_def* b) { return a->info.id < b->info.id; });
    // (a rule's index takes 4 bits of the sort key evaluate_graph sorts the findings by)
    if (out.defs.size() > 16) throw std::logic_error("more than 16 graph rules");
    for (const auto* d : out.defs) {
      const rule_info* shared = d->info.title.empty() ? find_rule(d->info.id) : nullptr;
      out.infos.push_back(shared ? *shared : d->info);
    }
    return out;
  }();
  return c;
}

}  // namespace

const std::vector<const graph_rule_def*>& graph_rule_defs() { return graph_catalogue().defs; }

rule_index graph_rule_index(std::string_view id) {
  const auto& defs = graph_rule_defs();
  auto it = std::lower_bound(defs.begin(), defs.end(), id,
                             [](const graph_rule_def* d, std::string_view x) { return d->info.id < x; });
  if (it == defs.end() || (*it)->info.id != id) throw std::logic_error(fmt::format("no graph rule `{}`", id));
  return static_cast<rule_index>(it - defs.begin());
}

std::string agreement_pointer(std::uint32_t i) { return fmt::format("/agreements/{}", i); }

std::string processor_phrase(const graph& g, const graph::agreement& a) {
  const auto& p = g.organisations[a.processor];
  const auto country = g.country_of(a.processor);
  return fmt::format("`{}`{} ({}) for `{}`", p.id, p.name.empty() || p.name == p.id ? std::string() : fmt::format(" \"{}\"", p.name),
                     country == "ZZ" ? "country not known" : country, g.organisations[a.client].id);
}

}  // namespace dpa::detail

namespace dpa {
inline namespace v1 {

const std::vector<rule_info>& graph_rule_catalogue() { return detail::graph_catalogue().infos; }

std::string_view clean_example_graph() noexcept {
  return R"({
  "format": "dpa-graph/1",
  "as_of": "2026-11-23",
  "organisations": [
    {"id": "shop", "name": "Shop GmbH", "country": "DE"},
    {"id": "crm", "name": "CRM BV", "country": "NL"},
    {"id": "mail", "name": "Mailer GmbH", "country": "DE"}
  ],
  "agreements": [
    {"id": "shop-crm", "client": "shop", "processor": "crm", "categories": ["contact"], "breach_notice": "24h",
     "change_notice": "30d", "retention": {"contact": "30d"}},
    {"id": "crm-mail", "client": "crm", "processor": "mail", "categories": ["contact"], "breach_notice": "24h",
     "change_notice": "30d", "retention": {"contact": "30d"}}
  ]
}
)";
}

graph_rule_example graph_rule_examples(std::string_view id) noexcept {
  for (const auto* d : detail::graph_rule_defs())
    if (d->info.id == id) return d->example;
  return {};
}

graph_workspace::graph_workspace() = default;
graph_workspace::graph_workspace(graph_workspace&&) noexcept = default;
graph_workspace& graph_workspace::operator=(graph_workspace&&) noexcept = default;
graph_workspace::~graph_workspace() = default;
void graph_workspace::release() noexcept { buffers_.reset(); }
std::size_t graph_workspace::capacity_bytes() const noexcept { return buffers_ ? buffers_->bytes() : 0; }

graph_report evaluate_graph(const graph& g, const graph_options& options, const knowledge& kb) {
  graph_workspace workspace;
  return evaluate_graph(g, options, kb, workspace);
}

graph_report evaluate_graph(const graph& g, const graph_options& options, const knowledge& kb, graph_workspace& workspace) {
  const date as_of = options.as_of ? *options.as_of : g.as_of ? *g.as_of : today();
  const std::int64_t budget = options.breach_budget_hours ? *options.breach_budget_hours
                              : g.breach_budget_hours ? *g.breach_budget_hours
                                                      : 72;
  const auto n_org = static_cast<std::uint32_t>(g.organisations.size());
  const auto n_ag = static_cast<std::uint32_t>(g.agreements.size());
  if (!g.indexed()) throw std::invalid_argument("evaluate_graph: the graph is not indexed (call graph::reindex)");
  if (!workspace.buffers_) workspace.buffers_ = std::make_unique<graph_workspace::buffers>();
  auto& ws = *workspace.buffers_;
  graph_report out;
  auto& rep = out.findings;
  rep.as_of = as_of;
  rep.knowledge_version = kb.version();
  rep.knowledge_checksum = kb.checksum();
  const auto& rules = graph_rule_catalogue();
  std::vector<std::uint8_t> on_rule(rules.size(), 0);
  for (std::size_t r = 0; r < rules.size(); ++r)
    if (detail::selected(rules[r].id, options.enable, options.disable)) {
      on_rule[r] = 1;
      rep.rules_run.push_back(rules[r].id);
    }
  // Which organisations are roots, a byte each: asked per agreement, at random.
  auto& root = ws.root;
  root.assign(n_org, 0);
  for (std::uint32_t o = 0; o < n_org; ++o) root[o] = g.is_root(o);
  const detail::graph_pass pass{g, kb, as_of, budget, on_rule, ws, out};
  using detail::chain_pass, detail::flow_pass, detail::transfer_pass;

  // The rules fall into three independent passes, each writing its own compact
  // findings; with threads they run side by side. The findings are sorted at the
  // end, so the output is the same either way.
  auto& parts = ws.parts;
  for (auto& p : parts) p.clear();
  if (options.threads > 1) {
    std::thread chain([&] { chain_pass(pass, parts[1]); });
    std::thread flow;
    if (options.threads > 2) flow = std::thread([&] { flow_pass(pass, parts[2]); });
    transfer_pass(pass, parts[0]);
    if (!flow.joinable()) flow_pass(pass, parts[2]);
    chain.join();
    if (flow.joinable()) flow.join();
  } else {
    transfer_pass(pass, parts[0]);
    chain_pass(pass, parts[1]);
    flow_pass(pass, parts[2]);
  }
  // By rule, then where in the file: agreements before organisations (as their
  // pointers sort), then category. As one key per finding, sorted by radix:
  // rule (4 bits), organisations or not (1), position, category (none last),
  // the last two as wide as this graph needs; by comparison in the
  // (theoretical) case of a key wider than 64 bits.
  const std::size_t total = parts[0].size() + parts[1].size() + parts[2].size();
  auto finding_at = [&](std::size_t i) -> const graph_finding& {
    if (i < parts[0].size()) return parts[0][i];
    i -= parts[0].size();
    return i < parts[1].size() ? parts[1][i] : parts[2][i - parts[1].size()];
  };
  const unsigned category_bits = std::bit_width(g.category_names.size());  // (leaves room for "none")
  const unsigned position_bits = std::bit_width(std::max<std::size_t>(n_ag, n_org));
  const unsigned key_bits = 4 + 1 + position_bits + category_bits;
  detail::reserve_huge(out.compact, total);
  if (key_bits <= 64) {
    const std::uint64_t no_category = (std::uint64_t{1} << category_bits) - 1;
    auto& keys = ws.keys;
    auto& spare = ws.spare;
    detail::clear_huge(keys, total);
    detail::clear_huge(spare, total);
    for (std::uint32_t i = 0; i < total; ++i) {
      const auto& f = finding_at(i);
      const std::uint64_t where = f.on_organisations ? static_cast<std::uint32_t>(f.value) : f.subject;
      std::uint64_t key = f.rule;
      key = key << 1 | f.on_organisations;
      key = key << position_bits | where;
      key = key << category_bits | (f.category == graph_finding::none ? no_category : f.category);
      keys.emplace_back(key, i);
    }
    detail::radix_sort(keys, spare, key_bits);
    for (const auto& [key, i] : keys) out.compact.push_back(finding_at(i));
  } else {
    for (std::size_t i = 0; i < total; ++i) out.compact.push_back(finding_at(i));
    auto position = [](const graph_finding& f) {
      return std::tuple(f.rule, f.on_organisations, f.on_organisations ? static_cast<std::uint32_t>(f.value) : f.subject,
                        f.category);
    };
    std::sort(out.compact.begin(), out.compact.end(),
              [&](const graph_finding& x, const graph_finding& y) { return position(x) < position(y); });
  }
  if (options.materialize) rep.findings = out.materialize_all(g);
  return out;
}

std::vector<finding> graph_report::materialize_all(const graph& g) const {
  std::vector<finding> out;
  out.reserve(compact.size());
  for (const auto& f : compact) out.push_back(materialize(g, f));
  return out;
}

finding graph_report::materialize(const graph& g, const graph_finding& c) const {
  const auto& def = *detail::graph_rule_defs()[c.rule];
  const auto& r = graph_rule_catalogue()[c.rule];
  finding f;
  f.rule = r.id;
  f.severity = r.severity;
  f.reference = r.reference;
  if (!c.on_organisations) {
    const auto& a = g.agreements[c.subject];
    f.subject = c.category == graph_finding::none ? std::string(a.id)
                                                  : fmt::format("{}:{}", a.id, g.category_names[c.category]);
    f.evidence.push_back({detail::agreement_pointer(c.subject), {}});
  }
  def.describe(g, *this, c, f);
  f.fingerprint = detail::fingerprint_of(f);
  return f;
}

std::vector<std::uint32_t> graph_report::critical_path(const graph& g, const graph_finding& f) const {
  std::vector<std::uint32_t> path{f.subject};
  for (auto up = g.agreements[f.subject].client; up < critical.size() && critical[up] != graph_finding::none && path.size() < 32;
       up = g.agreements[critical[up]].client)
    path.push_back(critical[up]);
  return path;
}

std::map<std::string, std::size_t> graph_report::counts() const {
  std::map<std::string, std::size_t> out;
  for (auto id : findings.rules_run) out[std::string(id)] = 0;
  std::vector<std::size_t> per(graph_rule_catalogue().size(), 0);
  for (const auto& f : compact) ++per[f.rule];
  for (std::size_t r = 0; r < per.size(); ++r)
    if (auto it = out.find(std::string(graph_rule_catalogue()[r].id)); it != out.end()) it->second = per[r];
  return out;
}

std::optional<severity> graph_report::worst() const {
  std::optional<severity> w;
  for (const auto& f : compact) {
    const auto s = graph_rule_catalogue()[f.rule].severity;
    if (!w || s > *w) w = s;
    if (*w == severity::violation) break;
  }
  return w;
}

}  // namespace v1
}  // namespace dpa
