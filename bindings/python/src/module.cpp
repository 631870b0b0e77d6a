// dpa._dpa: the C++ library for Python. Arguments are converted first; the
// work then runs without the GIL (parsing, evaluation, tenant checks, diffs).
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <dpa/dpa.hpp>
#include <dpa/options.hpp>
#include <dpa/scenario.hpp>

namespace py = pybind11;

namespace {

py::object g_parse_error;       // dpa.ParseError, set at import
py::object g_version_error;     // dpa.VersionError (a ParseError), set at import
py::object g_validation_error;  // dpa.ValidationError, set at import

// Raises `cls` (a dpa.DpaError) for `e`, with the first problem's code, pointer,
// line, column and help, and every problem in `diagnostics`.
[[noreturn]] void raise_as(const py::object& cls, const dpa::error& e, std::string text) {
  py::list details;
  for (const auto& d : e.diagnostics) {
    py::dict x;
    x["code"] = dpa::make_error_code(d.code).message();
    x["message"] = d.message;
    x["json_pointer"] = d.pointer;
    x["line"] = d.line;
    x["column"] = d.column;
    x["help"] = d.help;
    details.append(x);
  }
  const auto& first = e.diagnostics.empty() ? dpa::diagnostic{} : e.diagnostics.front();
  if (e.diagnostics.size() > 1) text += " (and " + std::to_string(e.diagnostics.size() - 1) + " more)";
  if (!cls) throw py::value_error(text);  // (the package sets the classes at import; the bare module has none)
  py::object exc = cls(text);
  exc.attr("code") = dpa::make_error_code(first.code).message();
  exc.attr("json_pointer") = first.pointer;
  exc.attr("line") = first.line;
  exc.attr("column") = first.column;
  exc.attr("help") = first.help;
  exc.attr("diagnostics") = details;
  PyErr_SetObject(cls.ptr(), exc.ptr());
  throw py::error_already_set();
}

// An input that does not load: dpa.ParseError, located.
[[noreturn]] void raise(const dpa::error& e) {
  const auto& first = e.diagnostics.empty() ? dpa::diagnostic{} : e.diagnostics.front();
  std::string text = e.diagnostics.empty() ? "error"
                     : first.line ? std::to_string(first.line) + ":" + std::to_string(first.column) + ": " +
                                        (first.pointer.empty() ? "/" : first.pointer) + ": " + first.message
                                  : first.message;
  // a format this library does not read ("dpa/2") is a VersionError, which is also a ParseError
  const bool version = !e.diagnostics.empty() && first.code == dpa::errc::unsupported_format && g_version_error;
  raise_as(version ? g_version_error : g_parse_error, e, std::move(text));
}

// Options that dpa::parse_options rejects: dpa.ValidationError (a ValueError)
// naming the argument and the value, "rules: `transfr` is not ...; did you mean `transfer`?".
// A problem inside the suppressions or the baseline (pointer "/suppressions/..."
// with a line) reads "suppressions: 4:15: /suppressions/0/rule: ...": the option,
// then where in its text.
[[noreturn]] void raise_options(const dpa::error& e) {
  std::string text = "invalid options";
  if (!e.diagnostics.empty()) {
    const auto& d = e.diagnostics.front();
    text.clear();
    if (!d.pointer.empty()) {
      const auto end = d.pointer.find('/', 1);
      text = d.pointer.substr(1, end == std::string::npos ? std::string::npos : end - 1) + ": ";
      if (d.line) text += std::to_string(d.line) + ":" + std::to_string(d.column) + ": ";
      if (end != std::string::npos) text += d.pointer.substr(end) + ": ";
    }
    text += d.message;
    if (!d.help.empty()) text += "; " + d.help;
  }
  raise_as(g_validation_error, e, std::move(text));
}

// An `as_of` argument: None, or a date; anything else is a dpa.ValidationError.
std::optional<dpa::date> date_argument(const std::optional<std::string>& as_of) {
  if (!as_of) return std::nullopt;
  dpa::option_text t;
  t.as_of = as_of;
  auto o = dpa::parse_graph_options(t);
  if (!o) raise_options(o.error());
  return o.value().as_of;
}

// The options of a document, tenant or diff call, as the package passes them:
// every value text (a severity as RULE=LEVEL items; the suppressions and the
// baseline as JSON text), checked by dpa::parse_options against `scope`.
dpa::options make_options(dpa::option_text text, dpa::rule_scope scope) {
  auto o = dpa::parse_options(text, scope);
  if (!o) raise_options(o.error());
  return std::move(o).value();
}

// A report together with the source text its evidence points into.
struct py_report {
  dpa::report report;
  std::string source;
  std::string file;
  bool located = false;  // evidence placed in `source` (done once, when the findings are first asked for)
};

// One agreement whose transfer finding differs under a scenario.
struct transfer_row {
  std::string agreement, pointer, client, processor, country;
  std::optional<std::string> before, after;  // the transfer rule id; None when there is none (a basis)
};

// A scenario comparison with what its header names; rendered by the library.
// The graph it indexes into is kept alive by the Python object (keep_alive).
struct py_scenario {
  const dpa::graph* graph = nullptr;
  dpa::scenario_report report;
  std::string graph_label, name, base_version, scenario_version;

  dpa::scenario_labels labels() const { return {graph_label, name, base_version, scenario_version}; }

  std::vector<transfer_row> rows(const std::vector<dpa::transfer_change>& v) const {
    std::vector<transfer_row> out;
    out.reserve(v.size());
    auto text = [](std::string_view s) { return s.empty() ? std::nullopt : std::optional<std::string>(s); };
    for (const auto& c : v) {
      const auto x = dpa::names_of(*graph, c);
      out.push_back({std::string(x.agreement), "/agreements/" + std::to_string(c.agreement), std::string(x.client),
                     std::string(x.processor), std::string(x.country), text(c.before), text(c.after)});
    }
    return out;
  }
};

// Columns of findings for a data frame, filled in place: each cell takes over the
// reference it is given. As lists (Report.rows) or as NumPy arrays (to_pandas).
struct list_column {
  py::list data;
  explicit list_column(std::size_t n) : data(n) {}
  void set(std::size_t i, py::object value) {
    PyList_SET_ITEM(data.ptr(), static_cast<Py_ssize_t>(i), value.release().ptr());
  }
};
struct list_flags : list_column {
  using list_column::list_column;
  void set(std::size_t i, bool value) { list_column::set(i, py::bool_(value)); }
};
struct array_column {
  py::array data;
  PyObject** cells;
  explicit array_column(std::size_t n)
      : data(py::dtype("O"), std::vector<py::ssize_t>{static_cast<py::ssize_t>(n)}),
        cells(static_cast<PyObject**>(data.mutable_data())) {}
  void set(std::size_t i, py::object value) {
    PyObject* old = cells[i];  // (NULL or None: whatever the new array holds)
    cells[i] = value.release().ptr();
    Py_XDECREF(old);
  }
};
struct array_flags {
  py::array_t<bool> data;
  explicit array_flags(std::size_t n) : data(static_cast<py::ssize_t>(n)) {}
  void set(std::size_t i, bool value) { data.mutable_data()[i] = value; }
};

template <class Column, class Flags>
py::dict finding_columns(const std::vector<dpa::finding>& f) {
  Column rule(f.size()), family(f.size()), severity(f.size()), certainty(f.size()), subject(f.size()),
      message(f.size()), evidence(f.size()), reference(f.size());
  Flags suppressed(f.size());
  // Rule ids, families, severities and references repeat: one str object each, shared by the rows.
  std::unordered_map<std::string_view, py::str> shared;
  auto once = [&](std::string_view s) -> py::str {
    auto it = shared.find(s);
    if (it == shared.end()) it = shared.emplace(s, py::str(s.data(), s.size())).first;
    return it->second;
  };
  std::string joined;
  for (std::size_t i = 0; i < f.size(); ++i) {
    const auto& x = f[i];
    rule.set(i, once(x.rule));
    family.set(i, once(x.rule.substr(0, x.rule.find('/'))));
    severity.set(i, once(dpa::to_string(x.severity)));
    certainty.set(i, once(dpa::to_string(x.certainty)));
    subject.set(i, py::str(x.subject));
    message.set(i, py::str(x.message));
    joined.clear();
    for (const auto& e : x.evidence) {
      if (!joined.empty()) joined += ' ';
      joined += e.pointer;
    }
    evidence.set(i, py::str(joined));
    reference.set(i, once(x.reference));
    suppressed.set(i, x.suppressed);
  }
  return py::dict(py::arg("rule") = rule.data, py::arg("family") = family.data, py::arg("severity") = severity.data,
                  py::arg("certainty") = certainty.data, py::arg("subject") = subject.data,
                  py::arg("message") = message.data, py::arg("evidence") = evidence.data,
                  py::arg("reference") = reference.data, py::arg("suppressed") = suppressed.data);
}

}  // namespace

PYBIND11_MODULE(_dpa, m) {
  m.doc() = "dpa: GDPR data processing agreements as data, checked against the law (native module)";
  m.attr("__version__") = dpa::version_string();

  py::class_<dpa::evidence>(m, "Evidence", "Where a finding comes from: a JSON pointer and the clause, if recorded.")
      .def_readonly("pointer", &dpa::evidence::pointer)
      .def_readonly("clause", &dpa::evidence::clause)
      .def_readonly("line", &dpa::evidence::line, "1-based line in the document's text; 0 when not known")
      .def_readonly("column", &dpa::evidence::column, "1-based column (in characters); 0 when not known")
      .def("__repr__", [](const dpa::evidence& e) { return "<Evidence " + e.pointer + ">"; });

  py::class_<dpa::finding>(m, "Finding", "One finding of a rule.")
      .def_property_readonly("rule", [](const dpa::finding& f) { return std::string(f.rule); })
      .def_property_readonly("severity", [](const dpa::finding& f) { return std::string(dpa::to_string(f.severity)); })
      .def_property_readonly("certainty", [](const dpa::finding& f) { return std::string(dpa::to_string(f.certainty)); })
      .def_readonly("subject", &dpa::finding::subject)
      .def_readonly("message", &dpa::finding::message)
      .def_readonly("evidence", &dpa::finding::evidence)
      .def_property_readonly("reference", [](const dpa::finding& f) { return std::string(f.reference); })
      .def_readonly("fingerprint", &dpa::finding::fingerprint)
      .def_readonly("suppressed", &dpa::finding::suppressed)
      .def_readonly("suppression_reason", &dpa::finding::suppression_reason, "the suppression's reason; \"\" when none")
      .def("__repr__", [](const dpa::finding& f) {
        return "<Finding " + std::string(f.rule) + " " + std::string(dpa::to_string(f.severity)) + ": " + f.message + ">";
      });

  py::class_<py_report>(m, "NativeReport")
      .def_property_readonly("subject", [](const py_report& r) { return r.report.subject; })
      .def_property_readonly("as_of", [](const py_report& r) { return dpa::to_string(r.report.as_of); })
      .def_property_readonly("knowledge_version", [](const py_report& r) { return r.report.knowledge_version; })
      .def_property_readonly("knowledge_checksum", [](const py_report& r) { return r.report.knowledge_checksum; })
      .def_property_readonly("findings", [](py_report& r) {
        if (!r.located) {  // (under the GIL: one caller at a time)
          dpa::locate_evidence(r.report, r.source);
          r.located = true;
        }
        return r.report.findings;
      })
      // Column by column, for a data frame: one list per column, built without a Finding object per row.
      .def("columns", [](const py_report& r) { return finding_columns<list_column, list_flags>(r.report.findings); })
      // The same as NumPy arrays (object arrays; `suppressed` a bool array) with a `vendor` column: what a
      // pandas.DataFrame holds, so that building one converts nothing.
      .def("arrays", [](const py_report& r) {
        py::dict out = finding_columns<array_column, array_flags>(r.report.findings);
        array_column vendor(r.report.findings.size());
        const py::str subject(r.report.subject);
        for (std::size_t i = 0; i < r.report.findings.size(); ++i) vendor.set(i, subject);
        out["vendor"] = std::move(vendor.data);
        return out;
      })
      .def_property_readonly("rules_run", [](const py_report& r) {
        std::vector<std::string> out(r.report.rules_run.begin(), r.report.rules_run.end());
        return out;
      })
      .def_property_readonly("not_evaluated", [](const py_report& r) {
        py::list out;
        for (const auto& n : r.report.not_evaluable)
          out.append(py::dict(py::arg("rule") = std::string(n.rule), py::arg("reason") = n.reason,
                              py::arg("detail") = n.detail, py::arg("pointer") = n.pointer));
        return out;
      })
      .def_property_readonly("transfers", [](const py_report& r) {
        py::list out;
        for (const auto& t : r.report.transfer_map)
          out.append(py::dict(py::arg("recipient") = t.recipient, py::arg("name") = t.name, py::arg("country") = t.country,
                              py::arg("basis") = t.basis, py::arg("detail") = t.detail, py::arg("pointer") = t.pointer));
        return out;
      })
      .def_property_readonly("notes", [](const py_report& r) { return r.report.notes; })
      .def_property_readonly("counts", [](const py_report& r) { return r.report.counts(); })
      .def("to_json", [](const py_report& r) {
        return dpa::render_json({{&r.report, r.file, r.source}});
      }, "The report as JSON (schema/report.schema.json).")
      .def("to_sarif", [](const py_report& r) { return dpa::render_sarif({{&r.report, r.file, r.source}}); });

  py::class_<dpa::document>(m, "NativeDocument")
      .def_readonly("id", &dpa::document::id)
      .def_readonly("title", &dpa::document::title)
      .def_readonly("version", &dpa::document::version)
      .def_property_readonly("subprocessors", [](const dpa::document& d) {
        py::list out;
        for (const auto& s : d.subprocessors)
          out.append(py::dict(py::arg("id") = s.id, py::arg("name") = s.name, py::arg("country") = s.country,
                              py::arg("legal_name") = s.legal_name, py::arg("purpose") = s.purpose));
        return out;
      })
      .def("to_json", [](const dpa::document& d) { return dpa::to_json(d); })
      .def("summary", [](const dpa::document& d) { return dpa::render_summary(d); });

  py::class_<dpa::tenant_config>(m, "NativeTenant").def_readonly("tenant", &dpa::tenant_config::tenant);

  py::class_<dpa::tenant_policy>(m, "NativeTenantPolicy")
      .def(py::init([](const dpa::document& d, std::optional<std::string> as_of, std::vector<std::string> rules,
                       std::vector<std::string> disable, std::vector<std::string> severity) {
             dpa::option_text t;
             t.as_of = std::move(as_of), t.rules = std::move(rules), t.disable = std::move(disable);
             t.severity = std::move(severity);
             auto o = make_options(std::move(t), dpa::rule_scope::tenant);
             py::gil_scoped_release release;
             return dpa::tenant_policy(d, o);
           }),
           py::arg("document"), py::arg("as_of") = std::nullopt, py::arg("rules") = std::vector<std::string>{},
           py::arg("disable") = std::vector<std::string>{}, py::arg("severity") = std::vector<std::string>{})
      .def("check", [](const dpa::tenant_policy& p, const dpa::tenant_config& t) {
        py_report out;
        {
          py::gil_scoped_release release;
          out.report = p.check(t);
        }
        return out;
      });

  m.def("_set_parse_error", [](py::object cls) { g_parse_error = std::move(cls); });
  m.def("_set_version_error", [](py::object cls) { g_version_error = std::move(cls); });
  m.def("_set_validation_error", [](py::object cls) { g_validation_error = std::move(cls); });

  m.def("parse_document", [](std::string text) {
    dpa::result<dpa::document> r = dpa::document{};
    {
      py::gil_scoped_release release;
      r = dpa::parse_document(text);
    }
    if (!r) raise(r.error());
    return std::move(r).value();
  }, py::arg("text"));

  m.def("read_file", [](std::string path, std::size_t max_bytes) {
    auto r = dpa::read_file(path, max_bytes);
    if (!r) raise(r.error());
    return py::bytes(r.value());  // bytes: invalid UTF-8 is the loader's to report, with its location
  }, py::arg("path"), py::arg("max_bytes") = dpa::limits{}.max_bytes);

  m.def("evaluate", [](const dpa::document& d, std::optional<std::string> as_of, std::vector<std::string> rules,
                       std::vector<std::string> disable, std::optional<std::string> breach_budget,
                       std::vector<std::string> severity, std::optional<std::string> suppressions,
                       std::optional<std::string> baseline, std::string source, std::string file) {
    auto o = make_options({std::move(as_of), std::move(breach_budget), std::move(rules), std::move(disable),
                           std::move(severity), std::move(suppressions), std::move(baseline)},
                          dpa::rule_scope::document);
    py_report out;
    out.source = std::move(source);
    out.file = std::move(file);
    {
      py::gil_scoped_release release;
      out.report = dpa::evaluate(d, o);
    }
    return out;
  }, py::arg("document"), py::arg("as_of") = std::nullopt, py::arg("rules") = std::vector<std::string>{},
     py::arg("disable") = std::vector<std::string>{}, py::arg("breach_budget") = std::nullopt,
     py::arg("severity") = std::vector<std::string>{}, py::arg("suppressions") = std::nullopt,
     py::arg("baseline") = std::nullopt, py::arg("source") = std::string{}, py::arg("file") = std::string{});

  m.def("parse_tenant", [](std::string text) {
    dpa::result<dpa::tenant_config> r = dpa::tenant_config{};
    {
      py::gil_scoped_release release;
      r = dpa::parse_tenant(text);
    }
    if (!r) raise(r.error());
    return std::move(r).value();
  }, py::arg("text"));

  // (the rule selection picks the diff rules that run; the change events are listed whatever it says)
  m.def("diff", [](const dpa::document& a, const dpa::document& b, std::optional<std::string> as_of,
                   std::vector<std::string> rules, std::vector<std::string> disable, std::vector<std::string> severity) {
    dpa::option_text t;
    t.as_of = std::move(as_of), t.rules = std::move(rules), t.disable = std::move(disable);
    t.severity = std::move(severity);
    auto o = make_options(std::move(t), dpa::rule_scope::diff);
    dpa::diff_result r;
    {
      py::gil_scoped_release release;
      r = dpa::diff(a, b, o);
    }
    py::list changes;
    for (const auto& c : r.changes)
      changes.append(py::dict(py::arg("kind") = c.kind, py::arg("pointer") = c.pointer, py::arg("subject") = c.subject,
                              py::arg("before") = c.before, py::arg("after") = c.after, py::arg("message") = c.message,
                              py::arg("direction") = std::string(dpa::to_string(c.direction)),
                              py::arg("certainty") = std::string(dpa::to_string(c.certainty))));
    py_report rep;
    rep.report = std::move(r.findings);
    return py::make_tuple(changes, rep);
  }, py::arg("old"), py::arg("new"), py::arg("as_of") = std::nullopt, py::arg("rules") = std::vector<std::string>{},
     py::arg("disable") = std::vector<std::string>{}, py::arg("severity") = std::vector<std::string>{});

  py::class_<dpa::graph>(m, "NativeGraph")
      .def_property_readonly("organisations", [](const dpa::graph& g) { return g.organisations.size(); })
      .def_property_readonly("agreements", [](const dpa::graph& g) { return g.agreements.size(); });

  m.def("load_graph", [](std::string path) {
    dpa::result<dpa::graph> r = dpa::graph{};
    {
      py::gil_scoped_release release;
      r = dpa::load_graph(path);
    }
    if (!r) raise(r.error());
    return std::move(r).value();
  }, py::arg("path"));

  m.def("parse_graph", [](std::string text) {
    dpa::result<dpa::graph> r = dpa::graph{};
    {
      py::gil_scoped_release release;
      r = dpa::parse_graph(text);
    }
    if (!r) raise(r.error());
    return std::move(r).value();
  }, py::arg("text"));

  m.def("evaluate_graph", [](const dpa::graph& g, std::optional<std::string> as_of, std::vector<std::string> rules,
                             std::vector<std::string> disable, std::optional<std::string> breach_budget, unsigned threads,
                             std::string file) {
    auto parsed = dpa::parse_graph_options({as_of, std::move(breach_budget), std::move(rules), std::move(disable)});
    if (!parsed) raise_options(parsed.error());
    dpa::graph_options o = std::move(parsed).value();
    o.threads = threads;
    py_report out;
    std::size_t undetermined = 0;
    std::string text;  // what `dpa graph check` prints: made now, while the compact findings are at hand
    {
      py::gil_scoped_release release;
      auto r = dpa::evaluate_graph(g, o);
      text = dpa::render_graph_text(g, r, file);
      out.report = std::move(r.findings);
      undetermined = r.undetermined;
    }
    return py::make_tuple(std::move(out), undetermined, std::move(text));
  }, py::arg("graph"), py::arg("as_of") = std::nullopt, py::arg("rules") = std::vector<std::string>{},
     py::arg("disable") = std::vector<std::string>{}, py::arg("breach_budget") = std::nullopt, py::arg("threads") = 1u,
     py::arg("file") = std::string());

  m.def("build_graph", [](std::vector<const dpa::document*> docs, std::vector<std::string> files,
                          std::optional<std::string> as_of, std::optional<std::string> controller_country) {
    dpa::graph_build_options o;
    o.as_of = date_argument(as_of);
    if (controller_country) {
      if (!dpa::knowledge::embedded().country(*controller_country))
        raise_options(dpa::error{{dpa::diagnostic{dpa::errc::invalid_value,
                                                  "`" + *controller_country + "` is not an ISO 3166-1 alpha-2 code",
                                                  "/controller_country", 0, 0, ""}}});
      o.controller_country = *controller_country;
    }
    std::vector<dpa::graph_source> sources;
    for (std::size_t i = 0; i < docs.size(); ++i) sources.push_back({i < files.size() ? files[i] : docs[i]->id, docs[i]});
    dpa::graph_build built;
    {
      py::gil_scoped_release release;
      built = dpa::build_graph(sources, o);
    }
    py::list notes;
    for (const auto& n : built.notes)
      notes.append(py::dict(py::arg("file") = n.help, py::arg("pointer") = n.pointer, py::arg("message") = n.message));
    return py::make_tuple(built.json, notes);
  }, py::arg("documents"), py::arg("files"), py::arg("as_of") = std::nullopt, py::arg("controller_country") = std::nullopt);

  py::class_<transfer_row>(m, "TransferChange",
                           "An agreement whose transfer finding differs under a scenario: `before` and `after` are the "
                           "transfer rule ids under each knowledge base, None where there is none (a basis).")
      .def_readonly("agreement", &transfer_row::agreement)
      .def_readonly("pointer", &transfer_row::pointer, "/agreements/<i> in the graph")
      .def_readonly("client", &transfer_row::client)
      .def_readonly("processor", &transfer_row::processor)
      .def_readonly("country", &transfer_row::country, "the processor's country")
      .def_readonly("before", &transfer_row::before)
      .def_readonly("after", &transfer_row::after)
      .def("__repr__", [](const transfer_row& r) {
        return "<TransferChange " + r.agreement + ": " + r.before.value_or("basis") + " -> " + r.after.value_or("basis") + ">";
      });

  py::class_<py_scenario>(m, "NativeScenarioReport")
      .def_readonly("name", &py_scenario::name)
      .def_readonly("graph", &py_scenario::graph_label)
      .def_property_readonly("as_of", [](const py_scenario& s) { return dpa::to_string(s.report.base.findings.as_of); })
      .def_readonly("knowledge_base", &py_scenario::base_version)
      .def_readonly("knowledge_scenario", &py_scenario::scenario_version)
      .def_property_readonly("lost", [](const py_scenario& s) { return s.rows(s.report.lost); })
      .def_property_readonly("gained", [](const py_scenario& s) { return s.rows(s.report.gained); })
      .def_property_readonly("changed", [](const py_scenario& s) { return s.rows(s.report.changed); })
      .def_property_readonly("controllers", [](const py_scenario& s) {
        std::vector<std::string> out;
        out.reserve(s.report.controllers.size());
        for (auto o : s.report.controllers) out.emplace_back(s.graph->organisations[o].id);
        return out;
      })
      .def("to_json", [](const py_scenario& s) { return dpa::render_scenario_json(*s.graph, s.report, s.labels()); },
           "The comparison as JSON, as `dpa graph scenario --format json` writes it.")
      .def("to_text", [](const py_scenario& s, std::size_t rows) {
        return dpa::render_scenario_text(*s.graph, s.report, s.labels(), rows);
      }, py::arg("rows") = 20, "The comparison for people: the counts, then at most `rows` agreements of each list.");

  m.def("compare_scenario", [](const dpa::graph& g, std::string scenario_text, std::optional<std::string> as_of,
                               unsigned threads, std::string graph_label, std::string scenario_label) {
    dpa::result<dpa::scenario> s = dpa::scenario{};
    {
      py::gil_scoped_release release;
      s = dpa::parse_scenario(scenario_text);
    }
    if (!s) raise(s.error());
    dpa::graph_options o;
    o.as_of = as_of ? date_argument(as_of) : s.value().as_of;
    o.threads = threads;
    const auto& base = dpa::knowledge::embedded();
    py_scenario out;
    out.graph = &g;
    out.graph_label = std::move(graph_label);
    out.name = s.value().name.empty() ? std::move(scenario_label) : s.value().name;
    out.base_version = base.version();
    out.scenario_version = s.value().knowledge.version();
    {
      py::gil_scoped_release release;
      out.report = dpa::compare_scenario(g, o, base, s.value().knowledge);
    }
    // (only the comparison and the date are read from here on: the compact findings are let go)
    out.report.base.compact = {};
    out.report.changed_report.compact = {};
    return out;
  }, py::keep_alive<0, 1>(), py::arg("graph"), py::arg("scenario"), py::arg("as_of") = std::nullopt,
     py::arg("threads") = 1u, py::arg("graph_label") = std::string("graph"), py::arg("scenario_label") = std::string("scenario"));

  m.def("rules", [] {
    py::list out;  // every rule once, with the kinds it runs on
    for (const auto& e : dpa::full_catalogue()) {
      const auto& r = *e.info;
      py::list kinds;
      for (auto k : e.kind_list()) kinds.append(std::string(dpa::to_string(k)));
      out.append(py::dict(py::arg("id") = std::string(r.id), py::arg("severity") = std::string(dpa::to_string(r.severity)),
                          py::arg("title") = std::string(r.title), py::arg("reference") = std::string(r.reference),
                          py::arg("url") = std::string(r.url), py::arg("rationale") = std::string(r.rationale),
                          py::arg("remediation") = std::string(r.remediation), py::arg("kinds") = kinds));
    }
    return out;
  });
}
