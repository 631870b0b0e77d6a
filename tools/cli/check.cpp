#include "check.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>

#include <boost/json.hpp>
#include <fmt/format.h>

#include <dpa/diff.hpp>
#include <dpa/dpa.hpp>
#include <dpa/evaluate.hpp>
#include <dpa/graph.hpp>
#include <dpa/options.hpp>
#include <dpa/render.hpp>
#include <dpa/rules.hpp>
#include <dpa/tenant.hpp>

#include "common.hpp"

namespace {

// Reads `path` and parses it into `out`; prints the errors and returns false on failure.
template <class T, class Parse>
bool read_into(const std::string& path, std::size_t max_bytes, Parse parse, T& out) {
  auto text = dpa::read_file(path, max_bytes);
  auto parsed = text ? parse(text.value()) : dpa::result<T>(text.error());
  if (!parsed) {
    print_diagnostics(path, parsed.error());
    return false;
  }
  out = std::move(parsed).value();
  return true;
}

// One checked input: its name, its text (to locate evidence) and its report.
struct checked {
  std::string file, text;
  dpa::report result;
};

// Prints the reports in the requested format and returns the exit code they call for.
int finish(const std::vector<checked>& done, const std::string& format, bool colour, dpa::severity fail_on, int rc) {
  std::vector<dpa::checked_file> files;
  for (const auto& d : done) files.push_back({&d.result, d.file, d.text});
  if (format == "json") {
    if (!files.empty()) fmt::print("{}", dpa::render_json(files));
  } else if (format == "sarif") {
    fmt::print("{}", dpa::render_sarif(files));
  } else {
    for (std::size_t i = 0; i < files.size(); ++i) fmt::print("{}{}", i ? "\n" : "", dpa::render_text(files[i], colour));
  }
  if (rc == exit_error) return rc;
  for (const auto& d : done)
    if (auto w = d.result.worst(); w && *w >= fail_on) return exit_findings;
  return exit_ok;
}

}  // namespace

int cmd_check(const check_args& a) {
  dpa::option_text text;
  if (!a.as_of.empty()) text.as_of = a.as_of;
  if (!a.breach_budget.empty()) text.breach_budget = a.breach_budget;
  text.rules = a.rules;
  text.disable = a.disable;
  auto parsed = dpa::parse_options(text, dpa::rule_scope::document);
  if (!parsed) return option_errors(parsed.error());
  dpa::options opts = std::move(parsed).value();
  for (const auto& s : a.severity) {
    auto eq = s.find('=');
    auto level = eq == std::string::npos ? std::nullopt : dpa::parse_severity(s.substr(eq + 1));
    if (!level || !dpa::find_rule(s.substr(0, eq)))
      return usage_error(fmt::format("--severity `{}`: expected RULE=info|warning|violation", s));
    opts.severity_overrides[s.substr(0, eq)] = *level;
  }
  auto fail_on = dpa::parse_severity(a.fail_on);
  if (!fail_on) return usage_error("--fail-on takes violation, warning or info");
  if (!a.suppressions.empty() && !read_into(a.suppressions, std::size_t{16} << 20, dpa::parse_suppressions, opts.suppressions))
    return exit_error;
  if (!a.baseline.empty() && !read_into(a.baseline, std::size_t{256} << 20, dpa::parse_baseline, opts.baseline))
    return exit_error;
  std::optional<dpa::knowledge> loaded;
  if (!a.knowledge.empty()) {
    auto kb = dpa::knowledge::load(a.knowledge);
    if (!kb) {
      print_diagnostics(a.knowledge, kb.error());
      return exit_error;
    }
    loaded = std::move(kb).value();
  }
  const dpa::knowledge& kb = loaded ? *loaded : dpa::knowledge::embedded();

  std::vector<checked> done;
  done.reserve(a.files.size());
  int rc = exit_ok;
  for (const auto& file : a.files) {
    auto text = dpa::read_file(file, dpa::limits{}.max_bytes);
    if (!text) {
      print_diagnostics(file, text.error());
      rc = exit_error;
      continue;
    }
    auto doc = dpa::parse_document(text.value());
    if (!doc) {
      print_diagnostics(file, doc.error());
      rc = exit_error;
      continue;
    }
    auto result = dpa::evaluate(doc.value(), opts, kb);
    done.push_back({file, std::move(text).value(), std::move(result)});
  }
  bool colour = a.colour == "always" || (a.colour == "auto" && isatty(STDOUT_FILENO));
  return finish(done, a.format, colour, *fail_on, rc);
}

int cmd_rules(const std::string& format, const std::string& kind) {
  std::vector<const dpa::catalogue_entry*> all;
  for (const auto& e : dpa::full_catalogue()) {
    auto kinds = e.kind_list();
    if (kind.empty() || std::any_of(kinds.begin(), kinds.end(), [&](auto k) { return dpa::to_string(k) == kind; }))
      all.push_back(&e);
  }
  auto kinds_of = [](const dpa::catalogue_entry& e) {
    std::vector<std::string_view> names;
    for (auto k : e.kind_list()) names.push_back(dpa::to_string(k));
    return names;
  };
  if (format == "json") {
    boost::json::array out;
    for (const auto* e : all) {
      const auto& r = *e->info;
      boost::json::array kinds;
      for (auto k : kinds_of(*e)) kinds.emplace_back(k);
      out.push_back(boost::json::object{{"id", r.id},
                                        {"severity", dpa::to_string(r.severity)},
                                        {"title", r.title},
                                        {"reference", r.reference},
                                        {"url", r.url},
                                        {"kinds", std::move(kinds)}});
    }
    fmt::print("{}\n", boost::json::serialize(out));
    return exit_ok;
  }
  for (const auto* e : all)
    say("{:<38} {:<10} {:<15} {}\n", e->info->id, dpa::to_string(e->info->severity),
        fmt::format("{}", fmt::join(kinds_of(*e), ",")), e->info->title);
  return exit_ok;
}

int cmd_explain(const std::string& id) {
  const auto* r = dpa::find_rule(id);
  if (!r) return usage_error(fmt::format("`{}` is not a rule id; `dpa rules` lists them", id));
  if (id.rfind("diff/", 0) == 0)
    say("(a rule of `dpa diff OLD NEW`: it judges what changed between two versions)\n");
  if (id.rfind("tenant/", 0) == 0)
    say("(a rule of `dpa tenant DPA TENANT...`: it checks a tenant's configuration against its DPA)\n");
  const bool graph_only = r->example_fires.empty() && r->example_quiet.empty();
  if (graph_only) say("(a rule of `dpa graph check GRAPH`: it runs on a dpa-graph/1 graph)\n");
  say("{}  ({})\n{}\n\nReference: {}\n{}\n\n{}\n\nWhat to do: {}\n", r->id, dpa::to_string(r->severity), r->title,
             r->reference, r->url, r->rationale, r->remediation);
  const bool tenant_rule = r->id.rfind("tenant/", 0) == 0, diff_rule = r->id.rfind("diff/", 0) == 0;
  auto show = [&](std::string_view label, std::string_view patch) {
    say("\n{}: {} patched with\n  {}\n", label,
               tenant_rule ? "the clean tenant of the template DPA (`dpa template`)"
               : diff_rule ? "the clean template (`dpa template`), compared with itself"
                           : "the clean template (`dpa template`)",
               patch);
    dpa::options o;
    o.as_of = *dpa::parse_date("2026-11-23");
    o.enable = {std::string(r->id)};
    const auto base = dpa::parse_document(dpa::clean_example_document());
    dpa::report rep;
    if (tenant_rule) {
      auto tenant = dpa::parse_tenant(dpa::merge_patch(dpa::clean_example_tenant(), patch));
      if (!tenant) {
        say("  (the example tenant does not load: {})\n", tenant.error().summary());
        return;
      }
      rep = dpa::check_tenant(base.value(), tenant.value(), o);
    } else {
      auto doc = dpa::parse_document(dpa::example_document(patch));
      if (!doc) {
        say("  (the example does not load: {})\n", doc.error().summary());
        return;
      }
      if (diff_rule) {
        rep = dpa::diff(base.value(), doc.value(), o).findings;
        std::erase_if(rep.findings, [&](const dpa::finding& f) { return f.rule != r->id; });
      } else {
        rep = dpa::evaluate(doc.value(), o);
      }
    }
    if (rep.findings.empty()) say("  -> no finding\n");
    for (const auto& f : rep.findings)
      say("  -> {}{}: {}\n", dpa::to_string(f.severity), f.certainty == dpa::certainty::possible ? " (possible)" : "",
                 f.message);
  };
  if (!graph_only) {
    show("Fires", r->example_fires);
    show("Stays quiet", r->example_quiet);
  }
  // On a graph: the clean example graph patched (docs/graph-format.md has the exact semantics).
  const auto example = dpa::graph_rule_examples(r->id);
  auto show_graph = [&](std::string_view label, std::string_view patch) {
    say("\n{} on a graph: the clean example graph (a shop, its CRM, the CRM's mailer) patched with\n  {}\n", label, patch);
    auto g = dpa::parse_graph(dpa::merge_patch(dpa::clean_example_graph(), patch));
    if (!g) {
      say("  (the example graph does not load: {})\n", g.error().summary());
      return;
    }
    dpa::graph_options o;
    o.enable = {std::string(r->id)};
    auto rep = dpa::evaluate_graph(g.value(), o);
    if (rep.findings.findings.empty()) say("  -> no finding\n");
    for (const auto& f : rep.findings.findings)
      say("  -> {} on {}: {}\n", dpa::to_string(f.severity), f.subject, f.message);
  };
  if (!example.fires.empty()) {
    show_graph("Fires", example.fires);
    show_graph("Stays quiet", example.quiet);
  }
  return exit_ok;
}

int cmd_diff(const diff_args& a) {
  dpa::options opts;
  if (!a.as_of.empty() && !read_as_of(a.as_of, opts.as_of)) return exit_error;
  auto fail_on = dpa::parse_severity(a.fail_on);
  if (!fail_on) return usage_error("--fail-on takes violation, warning or info");
  std::string texts[2];
  dpa::document docs[2];
  const std::string* names[2] = {&a.before, &a.after};
  for (int i = 0; i < 2; ++i) {
    auto text = dpa::read_file(*names[i], dpa::limits{}.max_bytes);
    if (!text) {
      print_diagnostics(*names[i], text.error());
      return exit_error;
    }
    auto doc = dpa::parse_document(text.value());
    if (!doc) {
      print_diagnostics(*names[i], doc.error());
      return exit_error;
    }
    texts[i] = std::move(text).value();
    docs[i] = std::move(doc).value();
  }
  auto result = dpa::diff(docs[0], docs[1], opts);
  dpa::checked_file file{&result.findings, a.after, texts[1]};
  if (a.format == "sarif") {
    fmt::print("{}", dpa::render_sarif({file}));
  } else if (a.format == "json") {
    boost::json::array changes;
    for (const auto& c : result.changes) {
      boost::json::object o{{"kind", c.kind},
                            {"pointer", c.pointer},
                            {"subject", c.subject},
                            {"direction", dpa::to_string(c.direction)},
                            {"certainty", dpa::to_string(c.certainty)},
                            {"message", c.message}};
      if (!c.before.empty()) o["before"] = boost::json::parse(c.before);
      if (!c.after.empty()) o["after"] = boost::json::parse(c.after);
      changes.push_back(std::move(o));
    }
    boost::json::object out{{"old", a.before},
                            {"new", a.after},
                            {"as_of", dpa::to_string(opts.as_of)},
                            {"changes", std::move(changes)},
                            {"report", boost::json::parse(dpa::render_json({file}))}};
    fmt::print("{}\n", boost::json::serialize(out));
  } else {
    say("{} -> {}\n\nchanges ({})\n", a.before, a.after, result.changes.size());
    for (const auto& c : result.changes)
      say("  {:<12} {:<21} {}{}\n", dpa::to_string(c.direction), c.kind, c.message,
                 c.certainty == dpa::certainty::possible ? " (possible)" : "");
    fmt::print("\n{}", dpa::render_text(file, false));
  }
  if (auto w = result.findings.worst(); w && *w >= *fail_on) return exit_findings;
  return exit_ok;
}

int cmd_tenant(const tenant_args& a) {
  dpa::options opts;
  if (!a.as_of.empty() && !read_as_of(a.as_of, opts.as_of)) return exit_error;
  auto fail_on = dpa::parse_severity(a.fail_on);
  if (!fail_on) return usage_error("--fail-on takes violation, warning or info");
  auto doc = dpa::load_document(a.dpa);
  if (!doc) {
    print_diagnostics(a.dpa, doc.error());
    return exit_error;
  }
  const dpa::tenant_policy policy(doc.value(), opts);
  std::vector<checked> done;
  int rc = exit_ok;
  for (const auto& file : a.tenants) {
    auto text = dpa::read_file(file, dpa::limits{}.max_bytes);
    auto tenant = text ? dpa::parse_tenant(text.value()) : dpa::result<dpa::tenant_config>(text.error());
    if (!tenant) {
      print_diagnostics(file, tenant.error());
      rc = exit_error;
      continue;
    }
    auto result = policy.check(tenant.value());
    done.push_back({file, std::move(text).value(), std::move(result)});
  }
  return finish(done, a.format, false, *fail_on, rc);
}
