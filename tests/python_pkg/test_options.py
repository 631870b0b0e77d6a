"""Options through the library's one parser: an unknown rule id or family, a bad
date or budget, is a ValidationError (a ValueError) naming the value."""
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
    with pytest.raises(dpa.ValidationError, match="`-1` is a negative number of hours"):
        graph.evaluate(breach_budget_hours=-1)
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
