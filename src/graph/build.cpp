// dpa graph build: many DPA documents linked into one dpa-graph/1 graph.
//
// Each document gives a controller (its customers) engaging the processor,
// the processor engaging each listed sub-processor, each sub-processor its
// own listed sub-processors, and onward steps to parents and affiliates.
// Organisations named in several documents become one node: matched by a
// document's id, or by legal name (case, punctuation and legal form aside).
// What dpa-graph/1 cannot say is not guessed: it is left out and a note says so.
#include <dpa/graph.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <string>
#include <unordered_map>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "json/io.hpp"
#include "rules/transfer_analysis.hpp"

namespace dpa {
inline namespace v1 {

namespace {

namespace json = boost::json;

// "Stripe Payments Europe, Ltd." and "stripe payments europe limited" are one name.
std::string name_key(std::string_view name) {
  std::string flat;
  int depth = 0;
  for (char ch : name) {
    if (ch == '(') ++depth;
    else if (ch == ')') depth = std::max(0, depth - 1);
    else if (depth > 0) continue;
    else if (static_cast<unsigned char>(ch) >= 0x80 || std::isalnum(static_cast<unsigned char>(ch)))
      flat += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    else flat += ' ';
  }
  static constexpr std::string_view forms[] = {"ltd", "limited", "inc", "incorporated", "llc", "gmbh", "ag", "sa",
                                               "sas", "sarl", "bv", "nv", "ab", "oy", "as", "plc", "pbc", "corp",
                                               "corporation", "co", "company", "se", "srl", "spa", "kg", "ug"};
  std::vector<std::string> words;
  for (std::size_t i = 0; i < flat.size();) {
    while (i < flat.size() && flat[i] == ' ') ++i;
    std::size_t j = i;
    while (j < flat.size() && flat[j] != ' ') ++j;
    if (j > i) words.emplace_back(flat.substr(i, j - i));
    i = j;
  }
  while (words.size() > 1 && std::find(std::begin(forms), std::end(forms), words.back()) != std::end(forms))
    words.pop_back();
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : "-") + w;
  return out;
}

std::string hours_text(std::int64_t hours) {
  return hours % 24 == 0 ? fmt::format("{}d", hours / 24) : fmt::format("{}h", hours);
}

// An upper bound in seconds as whole hours, rounded up so it stays an upper bound.
std::string hours_up(std::int64_t seconds) { return hours_text((seconds + 3599) / 3600); }

// The longest a duration may be, as a dpa-graph/1 duration; none when unbounded.
std::optional<std::string> upper(const std::optional<duration>& d) {
  if (!d || d->longest() == duration::unbounded) return std::nullopt;
  return hours_up(d->longest());
}

// The least notice a promise guarantees ("at least 30 days" is 30 days), in whole hours rounded down.
std::optional<std::string> lower(const std::optional<duration>& d) {
  if (!d || d->how() != duration::kind::fixed) return std::nullopt;
  return hours_text(d->shortest() / 3600);
}

struct org {
  std::string id, name;
  country_code country;
  std::vector<std::string> certifications;
};

struct agreement {
  std::string id;
  std::size_t client = 0, processor = 0;
  std::vector<std::string> categories, mechanisms;
  std::optional<std::string> breach, change;
  std::map<std::string, std::int64_t> retention;  // category -> longest seconds
};

class builder {
 public:
  builder(const graph_build_options& o, const knowledge& kb) : opts_(o), kb_(kb) {}

  void processor(const graph_source& src) {
    file_ = src.file;
    (void)processor_of(*src.doc);
  }

  void add(const graph_source& src) {
    const document& doc = *src.doc;
    file_ = src.file;
    const std::size_t controller = controller_of(doc);
    const std::size_t processor = processor_of(doc);
    auto& a = new_agreement(doc.id + "/dpa", controller, processor);  // sub-processors: <doc>/dpa/<sub>[/<sub>...]
    for (const auto& c : doc.data_categories) a.categories.push_back(c.id);
    if (doc.transfers)
      for (std::size_t i = 0; i < doc.transfers->tools.size(); ++i)
        if (detail::in_force(doc.transfers->tools[i]) && detail::covers_import(doc.transfers->tools[i], doc.parties.processor))
          carry(doc.transfers->tools[i], fmt::format("/transfers/tools/{}", i), a, processor, 2);
    a.breach = upper(doc.breach ? doc.breach->bound : std::nullopt);
    if (!a.breach) note("/breach", "no bounded breach-notification period: the agreement has no breach_notice");
    a.change = lower(doc.subprocessing && doc.subprocessing->change_notice ? doc.subprocessing->change_notice->period
                                                                          : std::nullopt);
    retention(doc.retention, a);
    const auto top_categories = a.categories;

    for (std::size_t i = 0; i < doc.subprocessors.size(); ++i)
      subprocessor(doc, doc.subprocessors[i], fmt::format("/subprocessors/{}", i), processor, doc.id + "/dpa",
                   top_categories, true);
    for (std::size_t i = 0; i < doc.mentions.size(); ++i)
      if (doc.mentions[i].receives_personal_data)
        note(fmt::format("/mentions/{}", i),
             fmt::format("`{}` receives personal data but is not a listed sub-processor: not in the graph",
                         doc.mentions[i].name));
  }

  std::string finish(std::vector<diagnostic>& notes) {
    notes = std::move(notes_);
    json::object out;
    out["format"] = "dpa-graph/1";
    if (opts_.as_of) out["as_of"] = to_string(*opts_.as_of);
    json::array orgs;
    for (const auto& o : orgs_) {
      json::object j;
      j["id"] = o.id;
      j["name"] = o.name;
      j["country"] = o.country;
      if (!o.certifications.empty()) {
        json::array certs;
        for (const auto& c : o.certifications) certs.emplace_back(c);
        j["certifications"] = std::move(certs);
      }
      orgs.emplace_back(std::move(j));
    }
    out["organisations"] = std::move(orgs);
    json::array ags;
    for (const auto& a : agreements_) {
      json::object j;
      j["id"] = a.id;
      j["client"] = orgs_[a.client].id;
      j["processor"] = orgs_[a.processor].id;
      json::array cats;
      for (const auto& c : a.categories) cats.emplace_back(c);
      j["categories"] = std::move(cats);
      if (!a.mechanisms.empty()) {
        json::array mechs;
        for (const auto& m : a.mechanisms) mechs.emplace_back(m);
        j["mechanisms"] = std::move(mechs);
      }
      if (a.breach) j["breach_notice"] = *a.breach;
      if (a.change) j["change_notice"] = *a.change;
      if (!a.retention.empty()) {
        json::object r;
        for (const auto& [c, s] : a.retention) r[c] = hours_up(s);
        j["retention"] = std::move(r);
      }
      ags.emplace_back(std::move(j));
    }
    out["agreements"] = std::move(ags);
    return detail::pretty(out) + "\n";
  }

 private:
  void note(std::string pointer, std::string message) {
    for (const auto& n : notes_)  // a general clause reaches many sub-processors: say it once
      if (n.pointer == pointer && n.message == message && n.help == file_) return;
    diagnostic d;
    d.code = errc::invalid_value;
    d.pointer = std::move(pointer);
    d.message = std::move(message);
    d.help = file_;
    notes_.push_back(std::move(d));
  }

  std::size_t new_org(std::string id, std::string name, country_code country) {
    std::string unique = id;
    for (int n = 2; ids_.count(unique); ++n) unique = fmt::format("{}-{}", id, n);
    ids_.emplace(unique, orgs_.size());
    orgs_.push_back({unique, std::move(name), std::move(country), {}});
    return orgs_.size() - 1;
  }

  agreement& new_agreement(const std::string& id, std::size_t client, std::size_t processor) {
    std::string unique = id;
    for (int n = 2; ids_.count(unique); ++n) unique = fmt::format("{}-{}", id, n);
    ids_.emplace(unique, static_cast<std::size_t>(-1));
    agreements_.push_back({unique, client, processor, {}, {}, {}, {}, {}});
    return agreements_.back();
  }

  // A country for an organisation: where it is established, else where it processes (a third
  // country first, since that is where a transfer happens), else ZZ: not known.
  country_code country_of(const std::optional<country_code>& established, const std::vector<location>& locations,
                          const std::string& pointer, std::string_view name) {
    if (established) return *established;
    const date on = opts_.as_of.value_or(today());
    std::optional<country_code> first, third;
    bool unresolved = false;
    for (const auto& l : locations) {
      if (l.kind == location_kind::country && l.country) {
        if (!first) first = l.country;
        if (!third && kb_.covered(*l.country, on, {}, false).covered() != answer::yes) third = l.country;
      } else if (l.kind != location_kind::area) {
        unresolved = true;
      }
    }
    if (third || first) return third ? *third : *first;
    note(pointer, fmt::format("`{}`: no country of establishment and no location that is a country{}: country `ZZ` "
                              "(not known; a transfer is assumed to be needed)",
                              name, unresolved ? " (its location depends on configuration or is not stated)" : ""));
    return "ZZ";
  }

  std::size_t controller_of(const document& doc) {
    const auto& c = doc.parties.controller;
    country_code country = c.country ? *c.country : opts_.controller_country.value_or("ZZ");
    return new_org(doc.id + ":controller", c.name.empty() ? "Controllers of " + doc.parties.processor.name : c.name,
                   country);
  }

  std::size_t processor_of(const document& doc) {
    const auto& p = doc.parties.processor;
    if (auto it = by_doc_id_.find(doc.id); it != by_doc_id_.end()) return it->second;
    const auto key = name_key(p.name);
    if (auto it = by_name_.find(key); it != by_name_.end() && !key.empty()) {
      by_doc_id_.emplace(doc.id, it->second);
      return it->second;
    }
    // Where the processor is, as the document check reads it: its country, else its primary locations
    // (the governing law says which courts decide, not where data goes).
    const std::optional<country_code>& country = p.country;
    static const std::vector<location> none;
    const auto& where = doc.transfers ? doc.transfers->primary_locations : none;
    const auto i = new_org(doc.id, p.name, country_of(country, where, "/parties/processor", p.name));
    by_doc_id_.emplace(doc.id, i);
    if (!key.empty()) by_name_.emplace(key, i);
    return i;
  }

  std::size_t organisation(const document& doc, const subprocessor& s, const std::string& pointer) {
    if (s.identity == identity::generic) {
      note(pointer, fmt::format("`{}` is described, not identified (EDPB Opinion 22/2024): a node of its own", s.name));
      return new_org(doc.id + ":" + s.id, fmt::format("{} (not identified; named by {})", s.name, doc.parties.processor.name),
                     country_of(s.country, s.locations, pointer, s.name));
    }
    if (auto it = by_doc_id_.find(s.id); it != by_doc_id_.end()) return it->second;
    const auto& legal = s.legal_name ? *s.legal_name : s.name;
    const auto key = name_key(legal);
    if (auto it = by_name_.find(key); it != by_name_.end()) return certify(it->second, s);
    const auto i = new_org(key.empty() ? doc.id + ":" + s.id : key, legal, country_of(s.country, s.locations, pointer, s.name));
    by_name_.emplace(key, i);
    return certify(i, s);
  }

  std::size_t certify(std::size_t i, const subprocessor& s) {
    for (const auto& c : s.certifications)
      if (c == "dpf" || c == "bcr-p") add_unique(orgs_[i].certifications, c);
    return i;
  }

  static void add_unique(std::vector<std::string>& v, const std::string& x) {
    if (std::find(v.begin(), v.end(), x) == v.end()) v.push_back(x);
  }

  // A transfer tool as dpa-graph/1 mechanisms, or a note saying why it cannot be one.
  // `step_module` is the module of the agreement's step: 2 from a controller to its processor, 3 onward.
  void carry(const transfer_tool& t, const std::string& pointer, agreement& a, std::size_t processor, int step_module) {
    auto& certs = orgs_[processor].certifications;
    switch (t.kind) {
      case tool_kind::scc_2021:
        if (t.modules.empty()) {  // the clauses of this step, whichever module it is
          note(pointer, fmt::format("SCC 2021 without a module: carried as `scc2021-m{}`, the module of its step", step_module));
          add_unique(a.mechanisms, fmt::format("scc2021-m{}", step_module));
        }
        for (int m : t.modules)
          if (m >= 1 && m <= 4) add_unique(a.mechanisms, fmt::format("scc2021-m{}", m));
        return;
      case tool_kind::scc_2010: add_unique(a.mechanisms, "scc2010"); return;
      case tool_kind::scc_2001:
        note(pointer, "SCC 2001/2004 carried as `scc2010` (repealed together by Decision (EU) 2021/914)");
        add_unique(a.mechanisms, "scc2010");
        return;
      case tool_kind::dpf:
        add_unique(a.mechanisms, "dpf");
        add_unique(certs, "dpf");  // relying on the framework is a statement of self-certification
        return;
      case tool_kind::privacy_shield: add_unique(a.mechanisms, "privacy-shield"); return;
      case tool_kind::safe_harbor: add_unique(a.mechanisms, "safe-harbor"); return;
      case tool_kind::bcr:
        add_unique(a.mechanisms, "bcr-p");
        add_unique(certs, "bcr-p");
        return;
      case tool_kind::derogation: add_unique(a.mechanisms, "art49-derogation"); return;
      case tool_kind::adequacy: return;  // adequacy follows from the country
      default:
        note(pointer, fmt::format("transfer tool `{}`{} has no dpa-graph/1 mechanism: not carried", to_string(t.kind),
                                  t.text ? fmt::format(" (\"{}\")", *t.text) : ""));
        return;
    }
  }

  static void retention(const std::vector<retention_rule>& rules, agreement& a) {
    for (std::size_t i = 0; i < rules.size(); ++i) {
      const auto& r = rules[i];
      if (!r.period || r.period->longest() == duration::unbounded) continue;  // "until account deletion"
      if (std::find(a.categories.begin(), a.categories.end(), r.category) == a.categories.end()) continue;
      auto& s = a.retention[r.category];
      s = std::max(s, r.period->longest());  // the longest any part of the category is kept
    }
  }

  void subprocessor(const document& doc, const dpa::subprocessor& s, const std::string& pointer, std::size_t client,
                    const std::string& path, const std::vector<std::string>& client_categories, bool top) {
    if (s.self_operated) {
      note(pointer, fmt::format("`{}` is run by the processor itself: not a sub-processing agreement", s.name));
      return;
    }
    if (s.role == recipient_role::independent_controller) {
      note(pointer, fmt::format("`{}` receives data as an independent controller: not a processing agreement", s.name));
      return;
    }
    const std::size_t processor = organisation(doc, s, pointer);
    auto& a = new_agreement(path + "/" + s.id, client, processor);
    a.categories = s.categories.empty() ? client_categories : s.categories;
    for (std::size_t i = 0; i < s.transfer_tools.size(); ++i)
      if (detail::in_force(s.transfer_tools[i]))
        carry(s.transfer_tools[i], fmt::format("{}/transfer_tools/{}", pointer, i), a, processor, 3);
    if (top && doc.transfers)
      for (std::size_t i = 0; i < doc.transfers->tools.size(); ++i)
        if (detail::in_force(doc.transfers->tools[i]) && detail::covers_onward(doc.transfers->tools[i], s))
          carry(doc.transfers->tools[i], fmt::format("/transfers/tools/{}", i), a, processor, 3);
    // What the sub-processor promises its client: stated only through flow-down of the DPA's own terms.
    const bool flow_down = doc.subprocessing && doc.subprocessing->flow_down;
    if (flow_down) {
      a.breach = upper(doc.breach ? doc.breach->bound : std::nullopt);
      a.change = lower(doc.subprocessing->change_notice ? doc.subprocessing->change_notice->period : std::nullopt);
    }
    if (s.breach_notice) a.breach = upper(s.breach_notice);  // its own terms, where the DPA states them
    retention(s.retention, a);
    const auto categories = a.categories;
    const std::string here = path + "/" + s.id;
    for (std::size_t i = 0; i < s.onward.size(); ++i) {
      const auto& o = s.onward[i];
      const auto op = fmt::format("{}/onward/{}", pointer, i);
      const auto key = name_key(o.recipient);
      std::size_t to;
      if (auto it = by_name_.find(key); it != by_name_.end() && !key.empty()) {
        to = it->second;
      } else {
        to = new_org(key.empty() ? doc.id + ":" + s.id + "-onward" : key, o.recipient, country_of(o.country, {}, op, o.recipient));
        if (!key.empty()) by_name_.emplace(key, to);
      }
      auto& step = new_agreement(fmt::format("{}/onward/{}", here, i), processor, to);
      step.categories = categories;
      for (std::size_t j = 0; j < o.tools.size(); ++j)
        if (detail::in_force(o.tools[j])) carry(o.tools[j], fmt::format("{}/tools/{}", op, j), step, to, 3);
    }
    for (std::size_t i = 0; i < s.subprocessors.size(); ++i)
      subprocessor(doc, s.subprocessors[i], fmt::format("{}/subprocessors/{}", pointer, i), processor, here, categories,
                   false);
  }

  const graph_build_options& opts_;
  const knowledge& kb_;
  std::string file_;
  std::vector<org> orgs_;
  std::vector<agreement> agreements_;
  std::unordered_map<std::string, std::size_t> ids_, by_name_, by_doc_id_;
  std::vector<diagnostic> notes_;
};

}  // namespace

graph_build build_graph(const std::vector<graph_source>& sources, const graph_build_options& options,
                        const knowledge& kb) {
  builder b(options, kb);
  // Processors first, so a sub-processor named in one document links to the processor of another.
  for (const auto& s : sources) b.processor(s);
  for (const auto& s : sources) b.add(s);
  graph_build out;
  out.json = b.finish(out.notes);
  return out;
}

}  // namespace v1
}  // namespace dpa
