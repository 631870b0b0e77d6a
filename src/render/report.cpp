// Reports as text for people, JSON for programs and SARIF for code scanning.
#include <dpa/render.hpp>

#include <algorithm>
#include <functional>
#include <map>
#include <unordered_map>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include <dpa/diff.hpp>
#include <dpa/graph.hpp>
#include <dpa/rules.hpp>
#include <dpa/tenant.hpp>
#include <dpa/version.hpp>

#include "json/io.hpp"
#include "json/scan.hpp"

namespace dpa {
inline namespace v1 {

namespace {

namespace json = boost::json;

using positions = std::unordered_map<std::string, detail::text_position>;

// Line and column of every evidence pointer, found in one pass over the text.
positions locate(const report* result, std::string_view text) {
  positions out;
  if (text.empty() || !result) return out;
  std::unordered_map<std::string, std::size_t> wanted;
  for (const auto& x : result->findings)
    for (const auto& e : x.evidence) wanted.emplace(e.pointer, std::string_view::npos);
  for (const auto& x : result->transfer_map) wanted.emplace(x.pointer, std::string_view::npos);
  detail::scan_request req;
  req.wanted = &wanted;
  detail::scan_json(text, req);
  std::vector<std::pair<std::size_t, const std::string*>> found;  // by offset, for one pass over the text
  for (const auto& [pointer, offset] : wanted)
    if (offset != std::string_view::npos) found.push_back({offset, &pointer});
  std::sort(found.begin(), found.end());
  std::vector<std::size_t> offsets;
  for (const auto& [offset, pointer] : found) offsets.push_back(offset);
  const auto at = detail::positions_at(text, offsets);
  for (std::size_t i = 0; i < found.size(); ++i) out[*found[i].second] = at[i];
  return out;
}
positions locate(const checked_file& f) { return locate(f.result, f.text); }

json::object finding_object(const finding& x, const positions& where) {
  json::object fo;
  fo["rule"] = x.rule;
  fo["severity"] = json::string_view(to_string(x.severity));
  fo["certainty"] = json::string_view(to_string(x.certainty));
  fo["subject"] = x.subject;
  fo["message"] = x.message;
  json::array ev;
  for (const auto& e : x.evidence) {
    json::object eo{{"pointer", e.pointer}};
    if (e.clause) eo["clause"] = *e.clause;
    if (auto it = where.find(e.pointer); it != where.end()) {
      eo["line"] = it->second.line;
      eo["column"] = it->second.column;
    }
    ev.push_back(std::move(eo));
  }
  fo["evidence"] = std::move(ev);
  fo["reference"] = x.reference;
  fo["fingerprint"] = x.fingerprint;
  if (x.suppressed) {
    fo["suppressed"] = true;
    fo["suppression_reason"] = x.suppression_reason;
  }
  return fo;
}

// `counts`, when given, stands for the counts of the report's findings;
// without `with_findings` the findings array is left empty (to be written apart).
json::object report_object(const checked_file& f, const std::map<std::string, std::size_t>* counts = nullptr,
                           bool with_findings = true) {
  const report& r = *f.result;
  auto where = locate(f);
  json::object o;
  o["file"] = f.file;
  o["document"] = r.subject;
  o["as_of"] = to_string(r.as_of);
  o["knowledge"] = json::object{{"version", r.knowledge_version}, {"checksum", r.knowledge_checksum}};
  json::array run;
  for (const auto& id : r.rules_run) run.emplace_back(json::string_view(id));
  o["rules_run"] = std::move(run);
  json::array findings;
  if (with_findings)
    for (const auto& x : r.findings) findings.push_back(finding_object(x, where));
  o["findings"] = std::move(findings);
  json::array skipped;
  for (const auto& n : r.not_evaluable)
    skipped.push_back(json::object{{"rule", n.rule}, {"reason", n.reason}, {"detail", n.detail}, {"pointer", n.pointer}});
  o["not_evaluated"] = std::move(skipped);
  json::array transfers;
  for (const auto& t : r.transfer_map) {
    json::object to{{"recipient", t.recipient}, {"name", t.name}, {"basis", t.basis}, {"pointer", t.pointer}};
    if (!t.country.empty()) to["country"] = t.country;
    if (!t.detail.empty()) to["detail"] = t.detail;
    transfers.push_back(std::move(to));
  }
  o["transfers"] = std::move(transfers);
  json::array notes;
  for (const auto& n : r.notes) notes.emplace_back(json::string_view(n));
  o["notes"] = std::move(notes);
  json::object count_object;
  for (const auto& [id, n] : counts ? *counts : r.counts()) count_object[id] = n;
  o["counts"] = std::move(count_object);
  return o;
}

std::string_view sarif_level(severity s) {
  switch (s) {
    case severity::violation: return "error";
    case severity::warning: return "warning";
    case severity::info: return "note";
  }
  return "warning";
}

}  // namespace

void locate_evidence(report& r, std::string_view text) {
  const auto where = locate(&r, text);
  for (auto& f : r.findings)
    for (auto& e : f.evidence)
      if (auto it = where.find(e.pointer); it != where.end()) {
        e.line = static_cast<std::uint32_t>(it->second.line);
        e.column = static_cast<std::uint32_t>(it->second.column);
      }
}

std::string render_json(const std::vector<checked_file>& files) {
  if (files.size() == 1) return detail::pretty(report_object(files.front())) + "\n";
  json::array all;
  for (const auto& f : files) all.push_back(report_object(f));
  return detail::pretty(all) + "\n";
}

void render_graph_json(const graph& g, const graph_report& r, std::string_view file,
                       const std::function<void(std::string_view)>& write) {
  // The report without its findings, then split where they go.
  const auto counts = r.counts();
  std::string text = detail::pretty(report_object({&r.findings, std::string(file), {}}, &counts, false));
  const std::string_view empty = "\"findings\": []";
  const auto at = text.find(empty);
  const auto close = text.rfind('}');
  std::string buf = text.substr(0, at + empty.size() - 1);
  const positions none;
  const std::size_t n = r.compact.size();
  for (std::size_t i = 0; i < n; ++i) {
    buf += i ? ",\n    " : "\n    ";
    detail::pretty_into(buf, finding_object(r.materialize(g, r.compact[i]), none), 2);
    if (buf.size() > (std::size_t{1} << 20)) {
      write(buf);
      buf.clear();
    }
  }
  if (n) buf += "\n  ";
  buf.append(text, at + empty.size() - 1, close - (at + empty.size() - 1));
  buf += fmt::format(",\"undetermined\":{},\"organisations\":{},\"agreements\":{}}}\n", r.undetermined,
                     g.organisations.size(), g.agreements.size());
  write(buf);
}

std::string render_text(const checked_file& f, bool colour) {
  const report& r = *f.result;
  auto where = locate(f);
  auto paint = [&](std::string_view code, std::string_view s) {
    return colour ? fmt::format("\x1b[{}m{}\x1b[0m", code, s) : std::string(s);
  };
  std::string out = fmt::format("{}  {}\n", paint("1", printable(f.file)),
                                paint("2", fmt::format("as of {}, knowledge base {}", to_string(r.as_of), r.knowledge_version)));
  struct group {
    severity s;
    std::string_view title, mark, code;
  };
  const group groups[] = {{severity::violation, "violations", "x", "31"},
                          {severity::warning, "warnings", "!", "33"},
                          {severity::info, "info", "i", "36"}};
  std::size_t suppressed = 0;
  for (const auto& g : groups) {
    std::size_t n = 0;
    for (const auto& x : r.findings) n += !x.suppressed && x.severity == g.s;
    if (n == 0) continue;
    out += fmt::format("\n{}\n", paint(fmt::format("1;{}", g.code), fmt::format("{} ({})", g.title, n)));
    for (const auto& x : r.findings) {
      if (x.suppressed || x.severity != g.s) continue;
      out += fmt::format("  {} {}{}\n    {}\n", paint(g.code, g.mark), paint("1", x.rule),
                         x.certainty == certainty::possible ? paint("2", "  (possible)") : "", printable(x.message));
      for (const auto& e : x.evidence) {
        std::string loc;
        if (auto it = where.find(e.pointer); it != where.end())
          loc = fmt::format("{}:{}:{} ", f.file, it->second.line, it->second.column);
        out += paint("2", printable(fmt::format("      at {}{}{}\n", loc, e.pointer.empty() ? "/" : e.pointer,
                                                e.clause ? fmt::format("  [{}]", *e.clause) : "")));
      }
      out += paint("2", fmt::format("      {}\n", printable(x.reference)));
    }
  }
  for (const auto& x : r.findings) suppressed += x.suppressed;
  if (!r.not_evaluable.empty()) {
    out += "\nnot evaluated\n";
    for (const auto& n : r.not_evaluable) out += printable(fmt::format("  {}: {} ({})\n", n.rule, n.detail, n.reason));
  }
  for (const auto& n : r.notes) out += fmt::format("\nnote: {}\n", printable(n));
  std::size_t v = 0, w = 0, i = 0;
  for (const auto& x : r.findings) {
    if (x.suppressed) continue;
    v += x.severity == severity::violation;
    w += x.severity == severity::warning;
    i += x.severity == severity::info;
  }
  if (v + w + i == 0) out += "\nno findings\n";
  out += fmt::format("\n{} violation{}, {} warning{}, {} info{}; {} rule{} ran\n", v, v == 1 ? "" : "s", w,
                     w == 1 ? "" : "s", i, suppressed ? fmt::format(", {} suppressed", suppressed) : "", r.rules_run.size(),
                     r.rules_run.size() == 1 ? "" : "s");
  return out;
}

std::string render_sarif(const std::vector<checked_file>& files) {
  std::vector<rule_info> catalogue = rule_catalogue();
  for (const auto& r : diff_rule_catalogue()) catalogue.push_back(r);
  for (const auto& r : tenant_rule_catalogue()) catalogue.push_back(r);
  json::array rules;
  std::unordered_map<std::string_view, std::size_t> index;
  for (std::size_t i = 0; i < catalogue.size(); ++i) {
    const auto& r = catalogue[i];
    index[r.id] = i;
    auto family = r.id.substr(0, r.id.find('/'));
    rules.push_back(json::object{
        {"id", r.id},
        {"name", r.id},
        {"shortDescription", json::object{{"text", r.title}}},
        {"fullDescription", json::object{{"text", r.rationale}}},
        {"help", json::object{{"text", fmt::format("{}\n\nWhat to do: {}\n\nReference: {}", r.rationale, r.remediation,
                                                   r.reference)},
                              {"markdown", fmt::format("{}\n\n**What to do:** {}\n\n**Reference:** [{}]({})", r.rationale,
                                                       r.remediation, r.reference, r.url)}}},
        {"helpUri", r.url},
        {"defaultConfiguration", json::object{{"level", sarif_level(r.severity)}}},
        {"properties", json::object{{"tags", json::array{"gdpr", json::string_view(family)}},
                                    {"reference", r.reference}}}});
  }
  json::array results, artifacts;
  for (const auto& f : files) {
    artifacts.push_back(json::object{{"location", json::object{{"uri", f.file}}}});
    auto where = locate(f);
    for (const auto& x : f.result->findings) {
      json::array locations;
      for (const auto& e : x.evidence) {
        json::object region{{"startLine", 1}, {"startColumn", 1}};
        if (auto it = where.find(e.pointer); it != where.end()) {
          region["startLine"] = it->second.line;
          region["startColumn"] = it->second.column;
        }
        locations.push_back(json::object{
            {"physicalLocation", json::object{{"artifactLocation", json::object{{"uri", f.file}}}, {"region", region}}},
            {"logicalLocations", json::array{json::object{{"fullyQualifiedName", e.pointer.empty() ? "/" : e.pointer},
                                                          {"kind", "member"}}}}});
      }
      if (locations.empty()) {
        json::object physical{{"artifactLocation", json::object{{"uri", f.file}}},
                              {"region", json::object{{"startLine", 1}}}};
        locations.push_back(json::object{{"physicalLocation", std::move(physical)}});
      }
      json::object result{{"ruleId", x.rule},
                          {"level", sarif_level(x.severity)},
                          {"message", json::object{{"text", x.message}}},
                          {"locations", json::array{locations.front()}},
                          {"partialFingerprints", json::object{{"dpaFinding/v1", x.fingerprint}}},
                          {"properties", json::object{{"certainty", to_string(x.certainty)},
                                                      {"subject", x.subject},
                                                      {"reference", x.reference}}}};
      if (locations.size() > 1) {
        json::array related;
        for (std::size_t i = 1; i < locations.size(); ++i) {
          auto loc = locations[i].as_object();
          loc["id"] = i;
          related.push_back(std::move(loc));
        }
        result["relatedLocations"] = std::move(related);
      }
      if (auto it = index.find(x.rule); it != index.end()) result["ruleIndex"] = it->second;
      if (x.suppressed)
        result["suppressions"] = json::array{json::object{{"kind", "external"}, {"justification", x.suppression_reason}}};
      results.push_back(std::move(result));
    }
  }
  json::object driver{{"name", "dpa"},
                      {"version", version_string()},
                      {"semanticVersion", version_string()},
                      {"informationUri", "https://eur-lex.europa.eu/eli/reg/2016/679/oj"},
                      {"rules", std::move(rules)}};
  json::object run{{"tool", json::object{{"driver", std::move(driver)}}},
                   {"artifacts", std::move(artifacts)},
                   {"results", std::move(results)},
                   {"columnKind", "unicodeCodePoints"}};
  json::object sarif{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                     {"version", "2.1.0"},
                     {"runs", json::array{std::move(run)}}};
  return detail::pretty(sarif) + "\n";
}

}  // namespace v1
}  // namespace dpa
