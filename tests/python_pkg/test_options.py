"""Options through the library's one parser: an unknown rule id or family, a bad
date or budget, is a ValidationError (a ValueError) naming the value."""
import datetime
import inspect
import json
import os
import pathlib

import pytest

import dpa

ROOT = pathlib.Path(os.environ.get("DPA_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))


@pytest.fixture(scope="module")
def doc():
    return dpa.load(ROOT / "examples/dpas/caelex.json")


@pytest.fixture(scope="module")
def graph():
    return dpa.load_graph(ROOT / "examples/graphs/small.json")


@pytest.mark.parametrize("arg", ["rules", "disable"])
def test_evaluate_names_an_unknown_rule(doc, arg):
    with pytest.raises(ValueError) as info:
        dpa.evaluate(doc, as_of="2026-11-23", **{arg: ["transfr"]})
    e = info.value
    assert isinstance(e, dpa.ValidationError)
    assert str(e) == f"{arg}: `transfr` is not a document rule id or family; did you mean `transfer`?"
    assert e.json_pointer == f"/{arg}" and e.help == "did you mean `transfer`?" and e.code
    with pytest.raises(dpa.ValidationError, match="`transfr`"):
        dpa.evaluate(doc, **{arg: "breach,transfr"})  # a comma-separated string is split
    with pytest.raises(dpa.ValidationError, match="`categories/leak` is a graph rule, not a document rule"):
        dpa.evaluate(doc, **{arg: ["categories/leak"]})


def test_evaluate_takes_ids_and_families(doc):
    r = dpa.evaluate(doc, as_of="2026-11-23", rules=["transfer", "breach/no-slack"], disable="transfer/derogation")
    assert r.rules_run and all(x.startswith("transfer/") or x == "breach/no-slack" for x in r.rules_run)
    assert "transfer/derogation" not in r.rules_run


def test_bad_dates_and_budgets_are_named(doc, graph):
    with pytest.raises(dpa.ValidationError, match=r"^as_of: `23\.11\.2026` is not a date; write YYYY-MM-DD$"):
        dpa.evaluate(doc, as_of="23.11.2026")
    with pytest.raises(dpa.ValidationError, match="breach_budget: `without undue delay` has no upper bound"):
        dpa.evaluate(doc, breach_budget="without undue delay")
    with pytest.raises(dpa.ValidationError, match="`yesterday`"):
        graph.evaluate(as_of="yesterday")
    with pytest.raises(dpa.ValidationError, match="`-1` is a negative number of hours"), pytest.deprecated_call():
        graph.evaluate(breach_budget_hours=-1)
    with pytest.raises(dpa.ValidationError, match="breach_budget: `one month`"):
        graph.evaluate(breach_budget="one month")  # graphs need a whole number of hours
    with pytest.raises(dpa.ValidationError, match="`soon`"):
        dpa.TenantPolicy(doc, as_of="soon")


@pytest.mark.parametrize("arg", ["rules", "disable"])
def test_graph_evaluate_names_an_unknown_rule(graph, arg):
    with pytest.raises(ValueError) as info:
        graph.evaluate(**{arg: ["transfr"]})
    assert isinstance(info.value, dpa.ValidationError)
    assert str(info.value) == f"{arg}: `transfr` is not a graph rule id or family; did you mean `transfer`?"
    with pytest.raises(dpa.ValidationError, match="`art28` is a family of document rules, not of graph rules"):
        graph.evaluate(**{arg: "art28"})


def test_graph_evaluate_selects(graph):
    only = graph.evaluate(rules=["transfer"])
    assert only.rules_run and all(r.startswith("transfer/") for r in only.rules_run)
    rest = graph.evaluate(disable="transfer, graph/cycle")
    assert rest.rules_run and not any(r.startswith("transfer/") or r == "graph/cycle" for r in rest.rules_run)


ENTRY_POINTS = [dpa.evaluate, dpa.check_tenant, dpa.diff, dpa.TenantPolicy.__init__, dpa.Graph.evaluate,
                dpa.Graph.scenario, dpa.build_graph]


def test_one_shape_for_options():
    """Every entry point spells an option the same way, with the same type and default."""
    seen = {}
    for f in ENTRY_POINTS:
        for name, p in inspect.signature(f).parameters.items():
            if name in ("as_of", "rules", "disable", "breach_budget", "threads", "severity", "suppressions",
                        "baseline"):
                seen.setdefault(name, set()).add((str(p.annotation), p.default))
    assert seen == {"as_of": {("Optional[DateLike]", None)}, "rules": {("Optional[Selection]", None)},
                    "disable": {("Optional[Selection]", None)}, "breach_budget": {("Optional[str]", None)},
                    "threads": {("int", 1)}, "severity": {("Optional[Severities]", None)},
                    "suppressions": {("Optional[Source]", None)},
                    "baseline": {("Optional[Union[Source, Report]]", None)}}


def test_dates_and_selections_in_either_form(doc, graph):
    day = datetime.date(2026, 11, 23)
    assert dpa.evaluate(doc, as_of=day).to_json() == dpa.evaluate(doc, as_of="2026-11-23").to_json()
    assert dpa.evaluate(doc, as_of=datetime.datetime(2026, 11, 23, 12, 0)).as_of == "2026-11-23"
    assert graph.evaluate(as_of=day).as_of == "2026-11-23"
    assert dpa.TenantPolicy(doc, as_of=day).check(ROOT / "examples/tenants/hoviguard-clean.json").as_of == "2026-11-23"
    assert dpa.diff(doc, doc, as_of=day).as_of == "2026-11-23"
    text, _ = dpa.build_graph([doc], as_of=day)
    assert dpa.load_graph(text).evaluate().as_of == "2026-11-23"
    as_list = dpa.evaluate(doc, as_of=day, rules=["transfer", "breach"], disable=["transfer/derogation"])
    as_text = dpa.evaluate(doc, as_of=day, rules="transfer, breach", disable="transfer/derogation")
    assert as_list.rules_run == as_text.rules_run
    assert graph.evaluate(rules=("transfer",)).rules_run == graph.evaluate(rules="transfer").rules_run
    with pytest.raises(TypeError, match="as_of"):
        dpa.evaluate(doc, as_of=20261123)
    with pytest.raises(TypeError, match="rules"):
        dpa.evaluate(doc, rules=[1])
    with pytest.raises(TypeError, match="breach_budget"):
        dpa.evaluate(doc, breach_budget=72)
    with pytest.raises(dpa.ValidationError, match="threads"):
        graph.evaluate(threads=0)


def test_tenant_checks_select_rules():
    hov = dpa.load(ROOT / "examples/dpas/hoviguard.json")
    trips = ROOT / "examples/tenants/hoviguard-trips.json"
    only = dpa.check_tenant(hov, trips, as_of="2026-11-23", rules="tenant/residency")
    assert only.rules_run == ["tenant/residency"] and {f.rule for f in only.findings} == {"tenant/residency"}
    rest = dpa.TenantPolicy(hov, as_of="2026-11-23", disable=["tenant/residency"]).check(trips)
    assert "tenant/residency" not in rest.rules_run and rest.findings
    with pytest.raises(dpa.ValidationError, match="is not a tenant rule id or family"):
        dpa.check_tenant(hov, trips, rules="transfr")


def test_controller_country_is_validated(doc):
    with pytest.raises(dpa.ValidationError) as info:
        dpa.build_graph([doc], controller_country="XX")
    assert info.value.json_pointer == "/controller_country" and "`XX`" in str(info.value)


# --- severity overrides, suppressions, baselines ----------------------------------------------------------------------

def test_severity_as_a_mapping_or_as_items(doc):
    plain = dpa.evaluate(doc, as_of="2026-11-23")
    assert {f.severity for f in plain.findings if f.rule == "transfer/no-tia"} == {"warning"}
    forms = [{"transfer/no-tia": "info", "breach/content": "violation"},
             "transfer/no-tia=info, breach/content=violation",
             ["transfer/no-tia=info", "breach/content=violation"],
             ("transfer/no-tia = info,breach/content=violation",)]
    for form in forms:
        r = dpa.evaluate(doc, as_of="2026-11-23", severity=form)
        got = {(f.rule, f.severity) for f in r.findings if f.rule in ("transfer/no-tia", "breach/content")}
        assert got == {("transfer/no-tia", "info"), ("breach/content", "violation")}, form
        assert r.counts == plain.counts  # the same findings, only their severity changed
    with pytest.raises(TypeError, match="severity"):
        dpa.evaluate(doc, severity={"transfer/no-tia": 1})
    with pytest.raises(TypeError, match="severity"):
        dpa.evaluate(doc, severity=[("transfer/no-tia", "info")])


def test_severity_names_a_wrong_rule_or_level(doc):
    with pytest.raises(dpa.ValidationError) as info:
        dpa.evaluate(doc, severity={"transfer/no-tai": "info"})
    e = info.value
    assert str(e) == ("severity: `transfer/no-tai` is not a document rule id or family; "
                      "did you mean `transfer/no-tia`?")
    assert e.json_pointer == "/severity" and e.help == "did you mean `transfer/no-tia`?"
    with pytest.raises(dpa.ValidationError, match=r"^severity: `transfer/no-tia=high` is not RULE=LEVEL"):
        dpa.evaluate(doc, severity="transfer/no-tia=high")
    with pytest.raises(dpa.ValidationError, match=r"^severity: `transfer` is a family; a severity is set per rule id"):
        dpa.evaluate(doc, severity={"transfer": "info"})
    with pytest.raises(dpa.ValidationError, match="`transfer/no-tia` is a document rule, not a tenant rule"):
        dpa.TenantPolicy(doc, severity={"transfer/no-tia": "info"})
    with pytest.raises(dpa.ValidationError, match="`tenant/residence`.*did you mean `tenant/residency`"):
        dpa.check_tenant(doc, ROOT / "examples/tenants/hoviguard-clean.json", severity="tenant/residence=info")
    with pytest.raises(dpa.ValidationError, match="`breach/no-slack` is a document rule, not a diff rule"):
        dpa.diff(doc, doc, severity=["breach/no-slack=info"])
    several = pytest.raises(dpa.ValidationError, match=r"\(and 1 more\)")
    with several as info:
        dpa.evaluate(doc, rules="transfr", severity="transfer/no-tai=info")
    assert [d["json_pointer"] for d in info.value.diagnostics] == ["/rules", "/severity"]


def test_tenant_severity():
    hov = dpa.load(ROOT / "examples/dpas/hoviguard.json")
    trips = ROOT / "examples/tenants/hoviguard-trips.json"
    r = dpa.check_tenant(hov, trips, as_of="2026-11-23", severity={"tenant/residency": "info"})
    assert {f.severity for f in r.findings if f.rule == "tenant/residency"} == {"info"}
    policy = dpa.TenantPolicy(hov, as_of="2026-11-23", severity="tenant/residency=info")
    assert [(f.rule, f.severity) for f in policy.check(trips).findings] == [(f.rule, f.severity) for f in r.findings]


SUPPRESSIONS = ROOT / "examples/suppressions.json"  # breach/no-slack for subject "breach", until 2027-06-30


@pytest.mark.parametrize("form", ["path", "str path", "text", "bytes"])
def test_suppressions_mark_findings(doc, form):
    value = {"path": SUPPRESSIONS, "str path": str(SUPPRESSIONS), "text": SUPPRESSIONS.read_text(),
             "bytes": SUPPRESSIONS.read_bytes()}[form]
    r = dpa.evaluate(doc, as_of="2026-11-23", suppressions=value)
    marked = [f for f in r.findings if f.suppressed]
    assert [(f.rule, f.subject) for f in marked] == [("breach/no-slack", "breach")]
    assert marked[0].suppression_reason.startswith("The vendor's 24-hour target")
    assert all(f.suppression_reason == "" for f in r.findings if not f.suppressed)
    assert r.counts["breach/no-slack"] == 0  # suppressed findings are kept, not counted
    assert [row["suppressed"] for row in r.rows()] == [f.suppressed for f in r.findings]
    in_json = [f for f in json.loads(r.to_json())["findings"] if f.get("suppressed")]
    assert [f["suppression_reason"] for f in in_json] == [marked[0].suppression_reason]


def test_an_expired_suppression_is_noted(doc):
    r = dpa.evaluate(doc, as_of="2027-07-01", suppressions=SUPPRESSIONS)
    assert not any(f.suppressed for f in r.findings)
    assert any("expired on 2027-06-30" in n for n in r.notes)


def test_suppression_problems_are_located(doc, tmp_path):
    text = '{"suppressions": [\n  {"rule": "breach/no-slak", "reason": "known"}\n]}'
    with pytest.raises(dpa.ValidationError) as info:
        dpa.evaluate(doc, suppressions=text)
    e = info.value
    assert str(e).startswith("suppressions: 2:")
    assert "/suppressions/0/rule: `breach/no-slak` is not a rule id" in str(e)
    assert e.json_pointer == "/suppressions/suppressions/0/rule" and e.line == 2
    bad = tmp_path / "bad.json"
    bad.write_text('{"suppressions": [{"rule": "breach/no-slack"}]}')
    with pytest.raises(dpa.ValidationError, match=r"^suppressions: 1:\d+: /suppressions/0: .*`reason`"):
        dpa.evaluate(doc, suppressions=bad)
    with pytest.raises(dpa.ValidationError, match="^suppressions: 1:"):
        dpa.evaluate(doc, suppressions=b"{")
    with pytest.raises(FileNotFoundError):
        dpa.evaluate(doc, suppressions=tmp_path / "missing.json")
    with pytest.raises(TypeError, match="suppressions"):
        dpa.evaluate(doc, suppressions=42)


def test_baseline_leaves_only_new_findings(doc, tmp_path):
    earlier = dpa.evaluate(doc, as_of="2026-11-23", rules="breach")
    assert earlier.findings
    now = dpa.evaluate(doc, as_of="2026-11-23")
    for baseline in (earlier, earlier.to_json(), earlier.to_json().encode()):
        r = dpa.evaluate(doc, as_of="2026-11-23", baseline=baseline)
        assert {f.fingerprint for f in r.findings} == {f.fingerprint for f in now.findings} - {
            f.fingerprint for f in earlier.findings}
        assert r.findings and not any(f.rule.startswith("breach/") for f in r.findings)
    saved = tmp_path / "report.json"
    saved.write_text(now.to_json())
    assert dpa.evaluate(doc, as_of="2026-11-23", baseline=saved).findings == []
    assert dpa.evaluate(doc, as_of="2026-11-23", baseline=str(saved)).findings == []
    with pytest.raises(FileNotFoundError):
        dpa.evaluate(doc, baseline=tmp_path / "missing.json")


def test_baseline_problems_are_named(doc):
    with pytest.raises(dpa.ValidationError, match="^baseline: 1:1: a baseline is a JSON report") as info:
        dpa.evaluate(doc, baseline='{"findings": 1}')
    assert info.value.json_pointer == "/baseline"
    with pytest.raises(dpa.ValidationError, match="^baseline: "):
        dpa.evaluate(doc, baseline="[1")


def test_diff_selects_rules():
    old, new = ROOT / "examples/dpas/hoviguard-v1.1.json", ROOT / "examples/dpas/hoviguard.json"
    full = dpa.diff(old, new, as_of="2026-11-23")
    assert "diff/subprocessor-added" in {f.rule for f in full.findings}
    r = dpa.diff(old, new, as_of="2026-11-23", disable=["diff/subprocessor-added"])
    assert "diff/subprocessor-added" not in r.rules_run
    assert r.findings and "diff/subprocessor-added" not in {f.rule for f in r.findings}
    assert r.changes == full.changes  # the change events stay complete
    only = dpa.diff(old, new, as_of="2026-11-23", rules="diff/weakened", severity={"diff/weakened": "violation"})
    assert only.rules_run == ["diff/weakened"] and {f.severity for f in only.findings} == {"violation"}
    with pytest.raises(dpa.ValidationError, match=r"^disable: `diff/subprocesor-added` is not a diff rule id or family; "
                                                  r"did you mean `diff/subprocessor-added`\?$"):
        dpa.diff(old, new, disable="diff/subprocesor-added")


def test_overrides_are_for_documents_tenants_and_diffs(doc, graph):
    """Graphs take no severity, suppressions or baseline; tenant checks and diffs no suppressions or baseline
    (the library applies them to document evaluations only)."""
    for name in ("severity", "suppressions", "baseline"):
        with pytest.raises(TypeError, match=name):
            graph.evaluate(**{name: "x"})
    for name in ("suppressions", "baseline"):
        with pytest.raises(TypeError, match=name):
            dpa.diff(doc, doc, **{name: SUPPRESSIONS})
        with pytest.raises(TypeError, match=name):
            dpa.TenantPolicy(doc, **{name: SUPPRESSIONS})
