// What the files of the C ABI share: the handles' definitions, error recording,
// option conversion and buffers. Nothing here is exported (see dpa_c.map).
#pragma once

#include <dpa/dpa.h>

#include <cstddef>
#include <exception>
#include <memory>
#include <mutex>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <dpa/dpa.hpp>
#include <dpa/diff.hpp>
#include <dpa/graph.hpp>
#include <dpa/options.hpp>
#include <dpa/scenario.hpp>

struct dpa_knowledge {
  dpa::knowledge kb;
  std::string version;
  bool owned = true;  // false for one borrowed from a scenario: dpa_knowledge_free leaves it
};
struct dpa_document {
  dpa::document doc;
  // As loaded, shared with the reports made from it, which place their evidence in it on request.
  std::shared_ptr<const std::string> text;
};
struct dpa_tenant {
  dpa::tenant_config tenant;
};
struct dpa_policy {
  dpa::tenant_policy policy;
};
struct dpa_report {
  dpa::report report;
  // NUL-terminated copies of what the C view hands out
  struct strings {
    std::string rule, reference, subject, message, fingerprint;
  };
  std::vector<strings> text;
  // The document's text; evidence lines and columns are found in it once, at the first
  // dpa_report_evidence_position, not on every evaluation (a scan of the text costs about
  // as much as the evaluation itself).
  std::shared_ptr<const std::string> source;
  mutable std::once_flag located;
};
struct dpa_graph {
  // Shared with the reports made from it, which render from it.
  std::shared_ptr<const dpa::graph> graph;
};
struct dpa_graph_report {
  std::shared_ptr<const dpa::graph> graph;
  dpa::graph_report result;  // compact: the findings' text is made when asked for
  std::string as_of;
  std::vector<std::pair<std::string, std::size_t>> rules;  // graph_report::counts()
  std::size_t per_severity[3] = {0, 0, 0};                 // by dpa::severity
  // The findings in full, made at the first request.
  mutable std::once_flag materialized_flag;
  mutable std::unique_ptr<dpa_report> materialized;
};
struct dpa_diff_result {
  std::vector<dpa::change> changes;
  std::unique_ptr<dpa_report> findings;
};
struct dpa_scenario {
  dpa_knowledge changed;                // the changed knowledge base, borrowed by callers (not owned)
  const dpa_knowledge* base = nullptr;  // the caller's, or null for the built-in one
  std::string name, as_of;
  std::optional<dpa::date> date;
  std::string label;  // the name, or the file when the scenario has none
};
struct dpa_scenario_report {
  struct row {
    std::string agreement, client, processor, country, before, after;
    std::size_t index = 0;
  };
  std::shared_ptr<const dpa::graph> graph;
  dpa::scenario_report result;
  std::vector<row> rows[3];  // lost, gained, changed
  std::vector<std::string> controllers;
  std::string as_of, label, base_version, scenario_version;
};

namespace dpa_capi {

// Recording the last error (thread-local); each returns the code it is given.
int fail(int code, std::string message) noexcept;
int fail(int code, const dpa::error& e) noexcept;
int ok() noexcept;
int internal_error(const char* what) noexcept;
// An options error: the message names the option and the value, with the first problem's help.
int fail_options(const dpa::error& e) noexcept;

// DPA_EIO for an I/O error, DPA_EPARSE otherwise.
int status_of(const dpa::error& e);
inline std::string_view view(const char* utf8, std::size_t len) {
  return len == 0 ? std::string_view{} : std::string_view(utf8, len);
}
// A C string that may be NULL.
inline std::string_view text_or_empty(const char* s) { return s ? std::string_view(s) : std::string_view{}; }

// dpa_eval_options (version 1 or 2) into dpa::options, rules checked against `scope`.
int convert(dpa::options& out, const dpa_eval_options* in, dpa::rule_scope scope);
// dpa_load_options into dpa::load_options.
int convert(dpa::load_options& out, const dpa_load_options* in);
// dpa_graph_options into dpa::graph_options.
int convert(dpa::graph_options& out, const dpa_graph_options* in);

dpa_report* wrap(dpa::report&& r, std::shared_ptr<const std::string> source = {});
inline const dpa::knowledge& kb_of(const dpa_knowledge* kb) { return kb ? kb->kb : dpa::knowledge::embedded(); }

// A copy of `s` in a buffer from malloc.
int to_buf(dpa_buf* out, std::string_view s);

}  // namespace dpa_capi

// Every body runs inside this guard: no exception crosses the boundary.
#define DPA_GUARD(...)                                       \
  try {                                                      \
    __VA_ARGS__                                              \
  } catch (const std::bad_alloc&) {                          \
    return ::dpa_capi::fail(DPA_ENOMEM, "out of memory");    \
  } catch (const std::exception& e) {                        \
    return ::dpa_capi::internal_error(e.what());             \
  } catch (...) {                                            \
    return ::dpa_capi::internal_error("unknown exception");  \
  }

#define DPA_REQUIRE(cond, what) \
  if (!(cond)) return ::dpa_capi::fail(DPA_EMISUSE, what)
