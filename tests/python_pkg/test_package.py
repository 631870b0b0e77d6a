"""The installed Python package: load, evaluate, tenants, diffs, pandas, errors."""
import datetime
import json
import os
import pathlib
import runpy
import threading

import pytest

import dpa

ROOT = pathlib.Path(os.environ.get("DPA_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
SEEDS = ["axion", "hoviguard", "caos", "sevenoways", "caelex"]


def test_imported_from_an_install_not_the_build_tree():
    where = pathlib.Path(dpa.__file__).resolve()
    assert "dist-packages" in where.parts or "site-packages" in where.parts, where
    assert dpa.__version__.startswith("0.")


def test_acceptance_one_liner():
    r = dpa.evaluate(dpa.load(str(ROOT / "examples/dpas/caelex.json")), as_of="2026-11-23")
    frame = r.to_pandas()
    assert list(frame.columns[:5]) == ["vendor", "rule", "family", "severity", "certainty"]
    assert (frame["vendor"] == "caelex").all()
    assert "transfer/inherited-mechanism" in set(frame["rule"])


@pytest.mark.parametrize("seed", SEEDS)
def test_every_seed_evaluates(seed):
    doc = dpa.load(ROOT / f"examples/dpas/{seed}.json")
    report = dpa.evaluate(doc, as_of="2026-11-23")
    assert report.subject == seed
    for f in report.findings:
        assert f.rule and f.severity in ("violation", "warning", "info") and f.certainty in ("definite", "possible")
        assert f.evidence and f.evidence[0].pointer is not None
    data = report.to_dict()
    assert data["document"] == seed and data["counts"] == report.counts
    # each Evidence has the line and column the JSON report gives it
    for f, fd in zip(report.findings, data["findings"]):
        for e, ed in zip(f.evidence, fd["evidence"]):
            assert (e.pointer, e.line, e.column) == (ed["pointer"], ed.get("line", 0), ed.get("column", 0))
    assert any(e.line > 1 for f in report.findings for e in f.evidence)
    assert "<table>" in report._repr_html_()


def test_real_world_members_reach_python():
    """The members real DPAs needed (month dates, retention triggers, self-operated entries, a TIA's scope)
    load, evaluate and write back through Python as through the CLI."""
    doc = dpa.load(ROOT / "examples/dpas/real/hebelki.json")
    assert json.loads(doc.to_json())["updated_date"] == "2026-02"
    report = dpa.evaluate(doc, as_of="2026-11-30")
    assert [f for f in report.findings if f.rule == "transfer/no-tia" and f.subject == "openai"]
    assert not [f for f in report.findings if f.subject == "smtp"]  # self-operated: not a sub-processor
    infracost = dpa.evaluate(dpa.load(ROOT / "examples/dpas/real/infracost.json"), as_of="2026-11-30")
    assert {f.subject for f in infracost.findings if f.rule == "retention/beyond-termination"} == {"account", "telemetry"}
    with pytest.raises(dpa.ParseError) as info:
        dpa.load(ROOT / "tests/hostile/bad-real-world-members.json")
    assert info.value.json_pointer == "/updated_date"


def test_options():
    doc = dpa.load(ROOT / "examples/dpas/hoviguard.json")
    only = dpa.evaluate(doc, as_of="2026-11-23", rules="breach")
    assert all(r.startswith("breach/") for r in only.rules_run)
    assert not [f for f in dpa.evaluate(doc, as_of="2026-11-23", breach_budget="96 hours").findings
                if f.rule == "breach/no-slack"]
    with pytest.raises(dpa.ValidationError):
        dpa.evaluate(doc, as_of="23.11.2026")
    with pytest.raises(dpa.ValidationError):
        dpa.evaluate(doc, rules=["nope/never"])


def test_errors_carry_pointer_line_column():
    with pytest.raises(dpa.ParseError) as info:
        dpa.load('{"format": "dpa/1", "id": "x", "title": "T",\n "parties": {"controller": {"name": "C"}, '
                 '"processor": {"name": "P", "country": "Germany"}}, "processing": {}}')
    e = info.value
    assert isinstance(e, ValueError) and isinstance(e, dpa.DpaError)
    assert e.json_pointer == "/parties/processor/country"
    assert e.line == 2 and e.column > 1
    assert e.help == "did you mean `DE`?"
    assert e.diagnostics[0]["code"] == "invalid country code"
    with pytest.raises(dpa.ParseError):
        dpa.load(b"\xff\xfe")
    with pytest.raises(dpa.VersionError) as version:  # a format version this library does not read
        dpa.load('{"format": "dpa/2", "id": "x"}')
    assert isinstance(version.value, dpa.ParseError) and version.value.json_pointer == "/format"
    with pytest.raises(dpa.VersionError):
        dpa.load_graph('{"format": "dpa-graph/9", "organisations": [], "agreements": []}')
    with pytest.raises(FileNotFoundError) as missing:
        dpa.load("/nonexistent/dpa.json")
    assert missing.value.filename == "/nonexistent/dpa.json"
    with pytest.raises(FileNotFoundError):
        dpa.load_graph(pathlib.Path("/nonexistent/graph.json"))
    with pytest.raises(dpa.ParseError) as bom:  # JSON text with a byte order mark is text, not a path
        dpa.load("\ufeff{}")
    assert "byte order mark" in str(bom.value)
    with pytest.raises(dpa.ParseError):
        dpa.load(" [1, 2]")


def test_tenants_and_diff():
    doc = dpa.load(ROOT / "examples/dpas/hoviguard.json")
    policy = dpa.TenantPolicy(doc, as_of="2026-11-23")
    assert len(policy.check(ROOT / "examples/tenants/hoviguard-clean.json")) == 0
    trips = policy.check(ROOT / "examples/tenants/hoviguard-trips.json")
    assert {f.rule for f in trips.findings} == {"tenant/dpa-version", "tenant/residency", "tenant/retention-exceeds",
                                                "tenant/subprocessor-not-authorised"}
    d = dpa.diff(ROOT / "examples/dpas/hoviguard-v1.1.json", doc, as_of="2026-11-23")
    kinds = {(c["kind"], c["subject"]) for c in d.changes}
    bound = [c for c in d.changes if c["pointer"] == "/breach/bound"]
    assert bound and (bound[0]["before"], bound[0]["after"]) == ("24 hours", "72 hours")  # values, not JSON text
    assert all(c["before"] is None for c in d.changes if c["kind"] == "subprocessor-added")
    assert ("subprocessor-added", "xai") in kinds and ("subprocessor-removed", "cloudflare") in kinds
    assert {f.rule for f in d.findings} == {"diff/weakened", "diff/subprocessor-added"}


def test_threads_share_a_document():
    doc = dpa.load(ROOT / "examples/dpas/sevenoways.json")
    expected = [f.fingerprint for f in dpa.evaluate(doc, as_of="2026-11-23").findings]
    results = []

    def work():
        for _ in range(50):
            results.append([f.fingerprint for f in dpa.evaluate(doc, as_of="2026-11-23").findings] == expected)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 200 and all(results)


def test_rules_catalogue():
    ids = [r["id"] for r in dpa.rules()]
    assert len(ids) == len(set(ids)) and ids == sorted(ids)  # each rule once
    kinds = {r["id"]: r["kinds"] for r in dpa.rules()}
    assert kinds["transfer/missing-mechanism"] == ["document", "graph"] and kinds["graph/cycle"] == ["graph"]
    assert "transfer/scc-module" in ids and "tenant/residency" in ids and "diff/weakened" in ids


def test_graphs():
    g = dpa.load_graph(ROOT / "examples/graphs/small.json")
    assert (g.organisations, g.agreements) == (7, 8)
    r = g.evaluate()
    assert r.undetermined == 4
    assert r.counts["graph/cycle"] == 2 and r.counts["transfer/derogation"] == 0
    # the text `dpa graph check` prints, naming the file the graph came from
    golden = (ROOT / "tests/golden/graph/small.txt").read_text(encoding="utf-8")
    text = r.to_text()
    assert text.startswith(str(ROOT / "examples/graphs/small.json")) and "(undetermined chain latency)" in text
    assert text.split("\n", 1)[1] in golden
    frame = r.to_pandas()
    assert set(frame["rule"]) >= {"breach/chain-budget", "categories/leak"}
    # the frame, the rows and the findings say the same, row for row
    assert len(frame) == len(r.findings) == len(r.rows())
    assert frame["suppressed"].dtype == bool and frame["rule"].dtype == object
    empty = dpa.check_tenant(ROOT / "examples/dpas/hoviguard.json", ROOT / "examples/tenants/hoviguard-clean.json",
                             as_of="2026-11-23").to_pandas()
    assert empty.empty and list(empty.columns) == list(frame.columns)
    assert r.findings is r.findings  # converted once
    for row, f, (_, line) in zip(r.rows(), r.findings, frame.iterrows()):
        assert row["rule"] == f.rule == line["rule"] and row["family"] == f.rule.split("/")[0] == line["family"]
        assert row["evidence"] == " ".join(e.pointer for e in f.evidence) == line["evidence"]
        assert (row["subject"], row["message"], row["severity"], row["certainty"], row["suppressed"]) == \
            (f.subject, f.message, f.severity, f.certainty, f.suppressed)
        assert row["vendor"] == line["vendor"] == r.subject
    # one budget option for documents and graphs: a duration, as text
    budget = lambda **kw: g.evaluate(as_of="2026-11-23", **kw).counts["breach/chain-budget"]
    with pytest.deprecated_call():  # the older spelling, a number of hours, still works
        assert budget(breach_budget="1000 hours") == budget(breach_budget_hours=1000) == 0
        assert budget(breach_budget="72 hours") == budget(breach_budget_hours=72) > 0
    with pytest.raises(dpa.ValidationError):
        g.evaluate(breach_budget="soon")
    with pytest.raises(dpa.ValidationError), pytest.deprecated_call():
        g.evaluate(breach_budget="72 hours", breach_budget_hours=72)
    with pytest.raises(dpa.ParseError) as info:
        dpa.load_graph('{"format": "dpa-graph/1", "organisations": [{"id": "a", "country": "XX"}], "agreements": []}')
    assert info.value.json_pointer == "/organisations/0/country"


SEEDS_IN_ORDER = ["axion", "hoviguard", "caos", "sevenoways", "caelex"]


def test_build_graph_and_scenario():
    text, notes = dpa.build_graph([ROOT / "examples/dpas" / f"{s}.json" for s in SEEDS_IN_ORDER], as_of="2026-11-23")
    assert text.encode() == (ROOT / "examples/graphs/seeds.json").read_bytes()
    assert any(n["pointer"] == "/subprocessors/2" and "not identified" in n["message"] for n in notes)
    g = dpa.load_graph(text)
    r = g.evaluate(threads=3)
    missing = set(r.to_pandas().query("rule == 'transfer/missing-mechanism'")["subject"])
    assert {"sevenoways/dpa/cloudflare", "sevenoways/dpa/aws-ses"} <= missing
    unresolved = set(r.to_pandas().query("rule == 'transfer/unresolved-location'")["subject"])
    assert "sevenoways/dpa/vps-provider" in unresolved
    change = g.scenario(ROOT / "examples/scenarios/dpf-falls.json")
    assert isinstance(change, dpa.ScenarioReport)
    assert [c.agreement for c in change.lost] == ["hoviguard/dpa/stripe/onward/0"]
    assert change.controllers == ["hoviguard:controller"]
    with pytest.raises(dpa.ParseError) as info:
        g.scenario('{"format": "dpa-scenario/1", "changes": [{"id": "adequacy/XX"}]}')
    assert info.value.json_pointer == "/changes/0/id"


HOSTILE = sorted((ROOT / "tests/hostile").glob("*.json"))
HOSTILE_GRAPHS = sorted((ROOT / "tests/hostile/graph").glob("*.json"))


@pytest.mark.parametrize("path", HOSTILE, ids=lambda p: p.name)
def test_hostile_documents_raise_located_errors(path):
    with pytest.raises(dpa.DpaError) as info:
        dpa.load(path)
    assert info.value.diagnostics, path
    # the same bytes as text and as a tenant configuration
    with pytest.raises(dpa.DpaError):
        dpa.load(path.read_bytes())
    with pytest.raises(dpa.DpaError):
        dpa.load_tenant(path)


@pytest.mark.parametrize("path", HOSTILE_GRAPHS, ids=lambda p: p.name)
def test_hostile_graphs_raise_located_errors(path):
    with pytest.raises(dpa.ParseError) as info:
        dpa.load_graph(path)
    assert info.value.line >= 1 and info.value.column >= 1
    with pytest.raises(dpa.ParseError):
        dpa.load_graph(path.read_bytes())


def test_scenario_report():
    g = dpa.load_graph(ROOT / "examples/graphs/seeds.json")
    r = g.scenario(ROOT / "examples/scenarios/dpf-falls.json")
    assert (r.name, r.as_of, r.graph) == ("the Data Privacy Framework falls on 2027-06-01", "2027-06-01",
                                          str(ROOT / "examples/graphs/seeds.json"))
    assert r.knowledge_scenario.startswith(r.knowledge_base + "+scenario:")
    (lost,) = r.lost
    assert isinstance(lost, dpa.TransferChange)
    assert (lost.agreement, lost.client, lost.processor, lost.country, lost.before, lost.after) == \
        ("hoviguard/dpa/stripe/onward/0", "stripe-payments-europe", "stripe", "US", None, "transfer/scc-module")
    assert lost.pointer.startswith("/agreements/")
    assert r.gained == [] and r.changed == [] and len(r) == 1
    assert r.lost is r.lost  # built once
    # the library's JSON and text, as `dpa graph scenario` writes them
    data = r.to_dict()
    assert json.loads(r.to_json()) == data
    assert data["lost"] == [{"agreement": lost.agreement, "pointer": lost.pointer, "client": lost.client,
                             "processor": lost.processor, "country": "US", "before": "", "after": lost.after}]
    assert data["controllers"] == r.controllers and data["controllers_affected"] == 1
    assert (data["scenario"], data["as_of"], data["knowledge_scenario"]) == (r.name, r.as_of, r.knowledge_scenario)
    text = str(r)
    assert text == r.to_text() and text.startswith(f"{r.graph}  under \"{r.name}\" as of 2027-06-01\n")
    assert "hoviguard/dpa/stripe/onward/0: stripe-payments-europe -> stripe (US): basis -> transfer/scc-module" in text
    assert "1 lost" in repr(r)
    frame = r.to_pandas()
    assert list(frame.columns) == ["change", "agreement", "client", "processor", "country", "before", "after"]
    assert frame.to_dict("records") == [{"change": "lost", "agreement": lost.agreement, "client": lost.client,
                                         "processor": lost.processor, "country": "US", "before": None,
                                         "after": "transfer/scc-module"}]
    with pytest.deprecated_call():  # the dict this method used to return
        assert r["lost"][0]["agreement"] == lost.agreement and r["controllers"] == r.controllers


def test_scenario_options_and_inputs():
    g = dpa.load_graph((ROOT / "examples/graphs/seeds.json").read_bytes())
    scenario = (ROOT / "examples/scenarios/dpf-falls.json").read_text()
    r = g.scenario(scenario, threads=3)  # JSON text; the graph from bytes has no file
    assert r.graph == "graph" and len(r.lost) == 1
    before = g.scenario(scenario, as_of=datetime.date(2026, 11, 23))  # before the DPF falls: nothing is lost
    assert before.as_of == "2026-11-23" and before.lost == [] and before.controllers == []
    with pytest.raises(FileNotFoundError):
        g.scenario(ROOT / "examples/scenarios/no-such-scenario.json")
    with pytest.raises(dpa.ValidationError, match="`soon`"):
        g.scenario(scenario, as_of="soon")
    with pytest.raises(dpa.ValidationError, match="threads"):
        g.scenario(scenario, threads=0)


def test_typing_sample_runs():
    """The program python/mypy-strict type-checks also runs (its assertions hold)."""
    sample = runpy.run_path(str(pathlib.Path(__file__).with_name("typing_sample.py")))
    assert sample["main"]() == 0
