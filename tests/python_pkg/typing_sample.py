"""A program using the public API as a typed caller would, checked with `mypy --strict`
(tests/CMakeLists.txt: python/mypy-strict) and run by test_typing_sample.py.

assert_type() fails the check when a type is wrong or has decayed to Any."""
from __future__ import annotations

import datetime
import os
import pathlib
import sys
from typing import Any, Optional, assert_type

import dpa

ROOT = pathlib.Path(os.environ.get("DPA_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))


def documents() -> dpa.Report:
    doc = dpa.load(ROOT / "examples/dpas/hoviguard.json")
    assert_type(doc, dpa.Document)
    assert_type(doc.version, Optional[str])
    for s in doc.subprocessors:
        assert_type(s["country"], Optional[str])
        assert_type(s["id"], str)

    report = dpa.evaluate(doc, as_of=datetime.date(2026, 11, 23), rules=["transfer", "breach"],
                          disable="transfer/derogation", breach_budget="72 hours")
    assert_type(report, dpa.Report)
    assert_type(report.findings, list[dpa.Finding])
    for f in report.findings:
        assert_type(f.rule, str)
        assert_type(f.suppressed, bool)
        for e in f.evidence:
            assert_type(e, dpa.Evidence)
            assert_type(e.line, int)
            assert_type(e.column, int)
            assert_type(e.clause, Optional[str])
    assert_type(report.counts, dict[str, int])
    assert_type(report.rules_run, list[str])
    for t in report.transfers:
        assert_type(t["basis"], str)
    for n in report.not_evaluated:
        assert_type(n["reason"], str)
    frame: Any = report.to_pandas()  # pandas has no type information: Any
    assert len(frame) == len(report)
    assert_type(report.to_dict(), dict[str, Any])
    assert_type(report.to_json(), str)
    assert_type(report.notes, list[str])

    # severity overrides, a suppression file, and the report above as a baseline: only new findings remain
    levels: dict[str, str] = {"transfer/no-tia": "info"}
    again = dpa.evaluate(doc, as_of="2026-11-23", severity=levels, suppressions=ROOT / "examples/suppressions.json",
                         baseline=report)
    assert_type(again, dpa.Report)
    for f in again.findings:
        assert_type(f.suppression_reason, str)
    same = dpa.evaluate(doc, as_of="2026-11-23", severity="transfer/no-tia=info,breach/content=violation",
                        suppressions=b'{"suppressions": []}', baseline=report.to_json())
    assert [f.fingerprint for f in same.findings] == [f.fingerprint for f in again.findings]
    assert_type(dpa.evaluate(doc, severity=["transfer/no-tia=info"], baseline=report.to_json().encode()), dpa.Report)
    return report


def tenants_and_diffs() -> None:
    policy = dpa.TenantPolicy(ROOT / "examples/dpas/hoviguard.json", as_of="2026-11-23", disable=("tenant/residency",),
                              severity={"tenant/retention-exceeds": "warning"})
    trips = policy.check(ROOT / "examples/tenants/hoviguard-trips.json")
    assert_type(trips, dpa.Report)
    assert dpa.check_tenant(ROOT / "examples/dpas/hoviguard.json", dpa.load_tenant(
        ROOT / "examples/tenants/hoviguard-clean.json"), as_of="2026-11-23", rules="tenant",
        severity="tenant/residency=info").findings == []

    d = dpa.diff(ROOT / "examples/dpas/hoviguard-v1.1.json", ROOT / "examples/dpas/hoviguard.json", as_of="2026-11-23",
                 disable=["diff/subprocessor-added"], severity={"diff/weakened": "violation"})
    assert_type(d, dpa.Report)
    assert "diff/subprocessor-added" not in d.rules_run
    for c in d.changes:
        assert_type(c, dpa.Change)
        assert_type(c["kind"], str)
        before: object = c["before"]  # any Python value, or None
        del before


def graphs() -> None:
    text, notes = dpa.build_graph([ROOT / "examples/dpas/hoviguard.json", dpa.load(ROOT / "examples/dpas/caelex.json")],
                                  as_of="2026-11-23", controller_country="DE")
    assert_type(text, str)
    assert_type(notes, list[dpa.GraphNote])
    g = dpa.load_graph(ROOT / "examples/graphs/seeds.json")
    assert_type(g.agreements, int)
    report = g.evaluate(as_of="2026-11-23", rules="transfer", breach_budget="3 days", threads=2)
    assert_type(report, dpa.GraphReport)
    assert_type(report.undetermined, int)
    assert_type(report.to_text(), str)
    assert_type(report.findings, list[dpa.Finding])

    scenario = g.scenario(ROOT / "examples/scenarios/dpf-falls.json", threads=2)
    assert_type(scenario, dpa.ScenarioReport)
    assert_type(scenario.as_of, str)
    assert_type(scenario.controllers, list[str])
    for row in scenario.lost + scenario.gained + scenario.changed:
        assert_type(row, dpa.TransferChange)
        assert_type(row.agreement, str)
        assert_type(row.before, Optional[str])
        assert_type(row.after, Optional[str])
    assert_type(str(scenario), str)
    assert_type(scenario.to_json(), str)
    assert scenario.lost[0].after == "transfer/scc-module"


def errors() -> None:
    try:
        dpa.load('{"format": "dpa/1"}')
    except dpa.ParseError as e:
        assert_type(e.line, int)
        for problem in e.diagnostics:
            assert_type(problem, dpa.Diagnostic)
            assert_type(problem["json_pointer"], str)
    try:
        dpa.load(ROOT / "no-such-file.json")
    except FileNotFoundError:
        pass
    for rule in dpa.rules():
        assert_type(rule["kinds"], list[str])


def main() -> int:
    documents()
    tenants_and_diffs()
    graphs()
    errors()
    return 0


if __name__ == "__main__":
    sys.exit(main())
