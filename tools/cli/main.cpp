// The `dpa` command-line tool.
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <boost/json.hpp>
#include <fmt/format.h>

#include <dpa/dpa.hpp>
#include <dpa/options.hpp>
#include <dpa/render.hpp>
#include <dpa/rules.hpp>

#include "check.hpp"
#include "common.hpp"

namespace {

bool is_io(const dpa::error& e) {
  return !e.diagnostics.empty() && e.diagnostics.front().code == dpa::errc::io;
}

int cmd_validate(const std::vector<std::string>& files, const std::string& format) {
  int rc = exit_ok;
  std::vector<dpa::result<dpa::document>> loaded;
  loaded.reserve(files.size());
  for (const auto& file : files) {
    auto& doc = loaded.emplace_back(dpa::load_document(file));
    if (format == "text") {
      if (doc) say("{}: valid\n", file);
      else print_diagnostics(file, doc.error());
    }
    if (!doc) rc = is_io(doc.error()) ? exit_error : std::max(rc, exit_findings);
  }
  if (format == "json") {
    std::vector<dpa::validated_file> out;
    for (std::size_t i = 0; i < files.size(); ++i)
      out.push_back({files[i], loaded[i] ? nullptr : &loaded[i].error()});
    fmt::print("{}", dpa::render_validation_json(out));
  }
  return rc;
}

int cmd_show(const std::string& file) {
  auto doc = dpa::load_document(file);
  if (!doc) {
    print_diagnostics(file, doc.error());
    return is_io(doc.error()) ? exit_error : exit_findings;
  }
  fmt::print("{}", dpa::render_summary(doc.value()));
  return exit_ok;
}

int cmd_format(const std::string& file) {
  auto doc = dpa::load_document(file);
  if (!doc) {
    print_diagnostics(file, doc.error());
    return is_io(doc.error()) ? exit_error : exit_findings;
  }
  fmt::print("{}", dpa::to_json(doc.value()));
  return exit_ok;
}

int cmd_duration(const std::vector<std::string>& texts) {
  int rc = exit_ok;
  for (const auto& t : texts) {
    auto d = dpa::parse_duration(t);
    if (!d) {
      const auto& diag = d.error().diagnostics.front();
      say(stderr, "error: {}{}\n", diag.message, diag.help.empty() ? "" : "; " + diag.help);
      rc = exit_findings;
      continue;
    }
    say("{}: {}\n", t, d.value().describe());
  }
  return rc;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"dpa: GDPR data processing agreements as data, checked against the law"};
  app.name("dpa");
  app.set_version_flag("--version", std::string("dpa ") + dpa::version_string() + " (knowledge base " +
                                        dpa::knowledge::embedded().version() + ")");
  app.require_subcommand(1);
  app.fallthrough();

  std::vector<std::string> files;
  std::string format = "text";
  auto* validate = app.add_subcommand("validate", "Check DPA documents against the dpa/1 format; exit 1 if any is invalid");
  validate->add_option("files", files, "DPA documents (JSON)")->required();
  validate->add_option("--format", format, "text or json")->check(CLI::IsMember({"text", "json"}));

  std::string file;
  auto* show = app.add_subcommand("show", "Print a readable summary of a DPA document");
  show->add_option("file", file, "a DPA document (JSON)")->required();

  auto* fmt_cmd = app.add_subcommand("format", "Load a DPA document and write it back in canonical form");
  fmt_cmd->add_option("file", file, "a DPA document (JSON)")->required();

  auto* schema = app.add_subcommand("schema", "Print the JSON Schema of the dpa/1 format");

  std::vector<std::string> durations;
  auto* dur = app.add_subcommand("duration", "Show how dpa reads durations (\"one month\" -> 28d..31d)");
  dur->add_option("text", durations, "durations as a contract states them")->required();

  check_args ca;
  auto* check = app.add_subcommand("check", "Evaluate the rules on DPA documents; exit 1 on findings at --fail-on");
  check->add_option("files", ca.files, "DPA documents (JSON)")->required();
  check->add_option("--as-of", ca.as_of, "evaluate the law as of this date (YYYY-MM-DD; default today)");
  check->add_option("--format", ca.format, "text, json or sarif")->check(CLI::IsMember({"text", "json", "sarif"}));
  check->add_option("--rules", ca.rules, "run only these rule ids or families (comma-separated)")->delimiter(',');
  check->add_option("--disable", ca.disable, "skip these rule ids or families (comma-separated)")->delimiter(',');
  check->add_option("--severity", ca.severity, "override a rule's severity: RULE=info|warning|violation");
  check->add_option("--fail-on", ca.fail_on, "lowest severity that makes the exit code 1 (default violation)")
      ->check(CLI::IsMember({"violation", "warning", "info"}));
  check->add_option("--breach-budget", ca.breach_budget, "the controller's breach deadline (default 72 hours)");
  check->add_option("--suppressions", ca.suppressions, "a suppression file (JSON)");
  check->add_option("--baseline", ca.baseline, "an earlier JSON report: report only new findings");
  check->add_option("--knowledge", ca.knowledge, "a jurisdiction knowledge base to use instead of the built-in one");
  check->add_option("--color", ca.colour, "auto, always or never")->check(CLI::IsMember({"auto", "always", "never"}));

  std::string rules_format = "text";
  auto* rules = app.add_subcommand("rules", "List the rule catalogue");
  rules->add_option("--format", rules_format, "text, json or markdown")
      ->check(CLI::IsMember({"text", "json", "markdown"}));
  std::string rules_kind;
  rules->add_option("--kind", rules_kind, "only the rules that run on: document, diff, tenant or graph")
      ->check(CLI::IsMember({"document", "diff", "tenant", "graph"}));

  std::string rule_id;
  auto* explain = app.add_subcommand("explain", "Explain a rule: rationale, reference, an example that fires and one that does not");
  explain->add_option("rule", rule_id, "a rule id, e.g. breach/no-slack")->required();

  diff_args da;
  auto* diff = app.add_subcommand("diff", "What changed between two versions of a DPA, and which changes weaken it");
  diff->add_option("old", da.before, "the earlier version")->required();
  diff->add_option("new", da.after, "the later version")->required();
  diff->add_option("--as-of", da.as_of, "judge transfer tools as of this date (default today)");
  diff->add_option("--format", da.format, "text, json or sarif")->check(CLI::IsMember({"text", "json", "sarif"}));
  diff->add_option("--rules", da.rules, "run only these rule ids or families (comma-separated)")->delimiter(',');
  diff->add_option("--disable", da.disable, "skip these rule ids or families (comma-separated)")->delimiter(',');
  diff->add_option("--severity", da.severity, "override a rule's severity: RULE=info|warning|violation");
  diff->add_option("--fail-on", da.fail_on, "lowest severity that makes the exit code 1 (default warning)")
      ->check(CLI::IsMember({"violation", "warning", "info"}));

  tenant_args ta;
  auto* tenant = app.add_subcommand("tenant", "Check tenant configurations against the DPA they accepted");
  tenant->add_option("dpa", ta.dpa, "the DPA document (JSON)")->required();
  tenant->add_option("tenants", ta.tenants, "tenant configurations (JSON, dpa-tenant/1)")->required();
  tenant->add_option("--as-of", ta.as_of, "judge locations as of this date (default today)");
  tenant->add_option("--format", ta.format, "text, json or sarif")->check(CLI::IsMember({"text", "json", "sarif"}));
  tenant->add_option("--rules", ta.rules, "run only these rule ids or families (comma-separated)")->delimiter(',');
  tenant->add_option("--disable", ta.disable, "skip these rule ids or families (comma-separated)")->delimiter(',');
  tenant->add_option("--severity", ta.severity, "override a rule's severity: RULE=info|warning|violation");
  tenant->add_option("--fail-on", ta.fail_on, "lowest severity that makes the exit code 1 (default violation)")
      ->check(CLI::IsMember({"violation", "warning", "info"}));

  graph_args ga;
  auto* graph = app.add_subcommand("graph", "Sub-processor graphs (dpa-graph/1)");
  graph->require_subcommand(1);
  auto* graph_check = graph->add_subcommand("check", "Evaluate the graph rules; exit 1 on a violation");
  graph_check->add_option("file", ga.file, "a dpa-graph/1 file")->required();
  graph_check->add_option("--as-of", ga.as_of, "the law of this date (default: the file's as_of, else today)");
  graph_check->add_option("--breach-budget", ga.breach_budget, "the longest acceptable chain latency (default 72h)");
  graph_check->add_option("--format", ga.format, "text, json or sarif")->check(CLI::IsMember({"text", "json", "sarif"}));
  graph_check->add_option("--rules", ga.rules, "run only these rule ids or families (comma-separated)")->delimiter(',');
  graph_check->add_option("--disable", ga.disable, "skip these rule ids or families (comma-separated)")->delimiter(',');
  graph_check->add_option("--threads", ga.threads, "run the rule passes on up to N threads (same output for any N)")
      ->check(CLI::Range(1u, 256u));
  graph_check->add_option("--scenario", ga.scenario, "judge under a knowledge base changed by this dpa-scenario/1 file");

  auto* graph_build = graph->add_subcommand("build", "Link DPA documents into one dpa-graph/1 graph");
  graph_build->add_option("files", ga.files, "DPA documents (dpa/1)")->required();
  graph_build->add_option("-o,--output", ga.output, "write the graph here (default: standard output)");
  graph_build->add_option("--as-of", ga.as_of, "the graph's as_of");
  graph_build->add_option("--controller-country", ga.controller_country,
                          "country of controllers whose DPA names none (default ZZ: not known)");
  graph_build->add_flag("-q,--quiet", ga.quiet, "do not print notes on what could not be carried");

  auto* graph_scenario = graph->add_subcommand(
      "scenario", "What changes when the law changes: transfer findings under a dpa-scenario/1 file, against today's");
  graph_scenario->add_option("file", ga.file, "a dpa-graph/1 file")->required();
  graph_scenario->add_option("scenario", ga.scenario, "a dpa-scenario/1 file")->required();
  graph_scenario->add_option("--as-of", ga.as_of, "judge both at this date (default: the scenario's, else the graph's)");
  graph_scenario->add_option("--format", ga.format, "text or json")->check(CLI::IsMember({"text", "json"}));

  auto* graph_stats = graph->add_subcommand("stats", "Organisations, agreements, roots, depth, countries and hubs of a graph");
  graph_stats->add_option("file", ga.file, "a dpa-graph/1 file")->required();

  bool map_dot = false, map_svg = false;
  auto* graph_map = graph->add_subcommand("map", "The sub-processor map: Graphviz DOT, or SVG through graphviz");
  graph_map->add_option("file", ga.file, "a dpa-graph/1 file")->required();
  graph_map->add_option("--as-of", ga.as_of, "colour countries by the law of this date");
  graph_map->add_flag("--dot", map_dot, "write Graphviz DOT (the default)");
  graph_map->add_flag("--svg", map_svg, "write SVG (needs graphviz's dot)");

  auto* tmpl = app.add_subcommand("template", "Print a complete, clean DPA document to start from (no rule fires on it)");

  auto* help = app.add_subcommand("help", "List the commands, or show one command's help (`dpa help graph check`)");
  std::vector<std::string> help_topic;
  help->add_option("command", help_topic, "A command, and a subcommand of it");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return exit_error;
  }

  try {
    if (*validate) return cmd_validate(files, format);
    if (*check) return cmd_check(ca);
    if (*rules) return cmd_rules(rules_format, rules_kind);
    if (*explain) return cmd_explain(rule_id);
    if (*diff) return cmd_diff(da);
    if (*tenant) return cmd_tenant(ta);
    if (*graph_check) return cmd_graph_check(ga);
    if (*graph_stats) return cmd_graph_stats(ga);
    if (*graph_map) return cmd_graph_map(ga, map_svg);
    if (*graph_build) return cmd_graph_build(ga);
    if (*graph_scenario) return cmd_graph_scenario(ga);
    if (*show) return cmd_show(file);
    if (*fmt_cmd) return cmd_format(file);
    if (*schema) {
      fmt::print("{}", dpa::document_schema());
      return exit_ok;
    }
    if (*dur) return cmd_duration(durations);
    if (*tmpl) {
      auto doc = dpa::parse_document(dpa::clean_example_document());
      fmt::print("{}", doc ? dpa::to_json(doc.value()) : std::string(dpa::clean_example_document()));
      return exit_ok;
    }
    if (*help) {
      // app.help() would describe the command that was parsed, `help` itself.
      const CLI::App* topic = &app;
      std::string usage = app.get_name();
      for (const auto& name : help_topic) {
        const CLI::App* next = nullptr;
        for (const auto* sub : topic->get_subcommands([](const CLI::App*) { return true; }))
          if (sub->get_name() == name) next = sub;
        if (!next) {
          say(stderr, "error: `{}` is not a command{}; `dpa help` lists them\n", name,
              topic == &app ? "" : fmt::format(" of `{}`", topic->get_name()));
          return exit_error;
        }
        topic = next;
        usage += ' ' + name;
      }
      std::cout << app.get_formatter()->make_help(topic, usage, CLI::AppFormatMode::Normal);
      return exit_ok;
    }
  } catch (const std::bad_alloc&) {
    say(stderr, "error: out of memory\n");
    return exit_error;
  } catch (const std::exception& e) {
    say(stderr, "error: {}\n", e.what());
    return exit_error;
  }
  return exit_error;
}
