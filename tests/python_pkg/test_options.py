"""Options through the library's one parser: an unknown rule id or family, a bad
date or budget, is a ValidationError (a ValueError) naming the value."""
import datetime
import inspect
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
            if name in ("as_of", "rules", "disable", "breach_budget", "threads"):
                seen.setdefault(name, set()).add((str(p.annotation), p.default))
    assert seen == {"as_of": {("Optional[DateLike]", None)}, "rules": {("Optional[Selection]", None)},
                    "disable": {("Optional[Selection]", None)}, "breach_budget": {("Optional[str]", None)},
                    "threads": {("int", 1)}}


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
