"""`dpa check` from outside: JSON against its schema, SARIF against SARIF 2.1.0,
exit codes, the as_of date, suppressions and baselines."""
import json
import os
import pathlib
import subprocess

import jsonschema
import pytest

CLI = os.environ.get("DPA_CLI", "dpa")
ROOT = pathlib.Path(os.environ.get("DPA_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
SHARED = ROOT.parent / "shared"
SEEDS = ["axion", "caelex", "caos", "hoviguard", "sevenoways"]


def run(*args):
    return subprocess.run([CLI, *map(str, args)], capture_output=True, timeout=60)


def check_json(*args):
    out = run("check", "--format", "json", *args)
    assert out.returncode in (0, 1), out.stderr
    return json.loads(out.stdout)


@pytest.fixture(scope="module")
def report_schema():
    s = json.loads((ROOT / "schema" / "report.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(s)
    return s


@pytest.fixture(scope="module")
def sarif_schema():
    path = SHARED / "schemas" / "sarif-schema-2.1.0.json"
    if not path.exists():
        pytest.skip("../shared/schemas is not beside the clone")
    return json.loads(path.read_text())


@pytest.mark.parametrize("seed", SEEDS)
def test_json_report_matches_its_schema(report_schema, seed):
    jsonschema.validate(check_json("--as-of", "2026-11-23", ROOT / f"examples/dpas/{seed}.json"), report_schema)
    golden = json.loads((ROOT / f"tests/golden/check/{seed}.json").read_text())
    jsonschema.validate(golden, report_schema)


def test_several_files_give_an_array(report_schema):
    both = check_json(ROOT / "examples/dpas/axion.json", ROOT / "examples/dpas/caos.json")
    assert [r["document"] for r in both] == ["axion", "caos"]
    jsonschema.validate(both, report_schema)


def test_sarif_validates_against_sarif_2_1_0(sarif_schema):
    files = [ROOT / f"examples/dpas/{s}.json" for s in SEEDS]
    out = run("check", "--as-of", "2026-11-23", "--format", "sarif", *files)
    assert out.returncode == 1
    sarif = json.loads(out.stdout)
    jsonschema.validate(sarif, sarif_schema)
    run_ = sarif["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert all(r["helpUri"].startswith("https://") and r["help"]["text"] for r in rules)
    assert len(run_["results"]) > 20
    for result in run_["results"]:
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1
        assert result["partialFingerprints"]["dpaFinding/v1"]
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


@pytest.mark.parametrize("golden", ["check/hoviguard.sarif", "graph/seeds.sarif"])
def test_golden_sarif_validates(sarif_schema, golden):
    jsonschema.validate(json.loads((ROOT / "tests/golden" / golden).read_text()), sarif_schema)


def test_fail_on_sets_the_exit_code():
    caelex = ROOT / "examples/dpas/caelex.json"  # warnings only
    assert run("check", caelex).returncode == 0
    assert run("check", "--fail-on", "warning", caelex).returncode == 1
    assert run("check", ROOT / "examples/dpas/caos.json").returncode == 1  # a violation
    assert run("check", "--rules", "nope/never", caelex).returncode == 2
    assert run("check", "--as-of", "23.11.2026", caelex).returncode == 2
    assert run("check", ROOT / "tests/hostile/bad-country.json").returncode == 2


def test_as_of_changes_the_findings(tmp_path):
    doc = json.loads((ROOT / "examples/dpas/caelex.json").read_text())
    doc["subprocessors"].append({"id": "uk", "name": "UK Mail Ltd", "country": "GB"})
    doc["subprocessors"].append({"id": "br", "name": "Brasil Dados Ltda", "country": "BR"})
    doc["subprocessors"].append({"id": "ps", "name": "Old Analytics Inc.", "country": "US",
                                 "transfer_tools": [{"kind": "privacy-shield"}]})
    # the Privacy Shield is all that covers `ps` (the general clause's SCCs would cover it too: no finding then)
    del doc["transfers"]["tools"]
    path = tmp_path / "mixed.json"
    path.write_text(json.dumps(doc))
    then = check_json("--as-of", "2019-06-01", path)
    now = check_json("--as-of", "2026-11-23", path)
    assert then["findings"] != now["findings"]
    def basis(report, rid):
        return [t["basis"] for t in report["transfers"] if t["recipient"] == rid]
    assert basis(then, "uk") == ["eea"] and basis(now, "uk") == ["adequacy"]
    assert basis(now, "br") == ["adequacy"]
    assert any(f["rule"] == "transfer/obsolete-mechanism" and f["subject"] == "ps" for f in now["findings"])
    assert not any(f["rule"] == "transfer/obsolete-mechanism" for f in then["findings"])


def test_suppressions_and_baseline(tmp_path):
    hov = ROOT / "examples/dpas/hoviguard.json"
    sup = check_json("--as-of", "2026-11-23", "--suppressions", ROOT / "examples/suppressions.json", hov)
    slack = [f for f in sup["findings"] if f["rule"] == "breach/no-slack"]
    assert slack and slack[0]["suppressed"] is True and sup["counts"]["breach/no-slack"] == 0
    expired = check_json("--as-of", "2027-07-01", "--suppressions", ROOT / "examples/suppressions.json", hov)
    assert "expired" in expired["notes"][0]
    baseline = tmp_path / "baseline.json"
    baseline.write_bytes(run("check", "--format", "json", "--as-of", "2026-11-23", hov).stdout)
    again = check_json("--as-of", "2026-11-23", "--baseline", baseline, hov)
    assert again["findings"] == []
    bad = tmp_path / "bad-suppressions.json"
    bad.write_text('{"suppressions": [{"rule": "breach/no-slack"}]}')
    out = run("check", "--suppressions", bad, hov)
    assert out.returncode == 2 and b"missing required field `reason`" in out.stderr


def test_rules_and_explain():
    listed = json.loads(run("rules", "--format", "json").stdout)
    assert len(listed) >= 42 and listed == sorted(listed, key=lambda r: r["id"])
    out = run("explain", "breach/no-slack")
    assert out.returncode == 0
    text = out.stdout.decode()
    assert "Art. 33" in text and "Fires" in text and "Stays quiet" in text and "-> no finding" in text
    assert run("explain", "breach/nope").returncode == 2


def test_diff_reports_change_events(report_schema):
    out = run("diff", "--format", "json", "--as-of", "2026-11-23",
              ROOT / "examples/dpas/hoviguard-v1.1.json", ROOT / "examples/dpas/hoviguard.json")
    assert out.returncode == 1  # a weakening is a warning, the default --fail-on of diff
    result = json.loads(out.stdout)
    kinds = {(c["kind"], c["subject"]) for c in result["changes"]}
    assert ("subprocessor-added", "xai") in kinds
    assert ("subprocessor-removed", "cloudflare") in kinds
    breach = [c for c in result["changes"] if c["pointer"] == "/breach/bound"]
    assert breach[0]["direction"] == "weakened" and breach[0]["before"] == "24 hours" and breach[0]["after"] == "72 hours"
    jsonschema.validate(result["report"], report_schema)
    assert {f["rule"] for f in result["report"]["findings"]} == {"diff/weakened", "diff/subprocessor-added"}
    same = run("diff", ROOT / "examples/dpas/caelex.json", ROOT / "examples/dpas/caelex.json")
    assert same.returncode == 0 and b"changes (0)" in same.stdout


def test_diff_sarif_validates(sarif_schema):
    out = run("diff", "--format", "sarif", ROOT / "examples/dpas/hoviguard-v1.1.json", ROOT / "examples/dpas/hoviguard.json")
    sarif = json.loads(out.stdout)
    jsonschema.validate(sarif, sarif_schema)
    assert {r["ruleId"] for r in sarif["runs"][0]["results"]} == {"diff/weakened", "diff/subprocessor-added"}


def test_tenant_configs(report_schema, sarif_schema):
    schema = json.loads((ROOT / "schema/tenant.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    for path in (ROOT / "examples/tenants").glob("*.json"):
        jsonschema.validate(json.loads(path.read_text()), schema)
    dpa_doc = ROOT / "examples/dpas/hoviguard.json"
    out = run("tenant", "--format", "json", dpa_doc, ROOT / "examples/tenants/hoviguard-clean.json",
              ROOT / "examples/tenants/hoviguard-trips.json")
    assert out.returncode == 1
    reports = json.loads(out.stdout)
    jsonschema.validate(reports, report_schema)
    assert reports[0]["findings"] == []
    assert {f["rule"] for f in reports[1]["findings"]} == {
        "tenant/dpa-version", "tenant/residency", "tenant/retention-exceeds", "tenant/subprocessor-not-authorised"}
    sarif = json.loads(run("tenant", "--format", "sarif", dpa_doc, ROOT / "examples/tenants/hoviguard-trips.json").stdout)
    jsonschema.validate(sarif, sarif_schema)
    assert run("tenant", dpa_doc, ROOT / "examples/tenants/hoviguard-clean.json").returncode == 0
    assert run("tenant", dpa_doc, ROOT / "tests/hostile/bad-country.json").returncode == 2


@pytest.mark.parametrize("flag", ["--rules", "--disable"])
def test_unknown_rule_is_named(flag):
    caelex = ROOT / "examples/dpas/caelex.json"
    out = run("check", flag, "transfr", caelex)
    assert out.returncode == 2 and out.stdout == b""
    assert out.stderr.decode() == (f"dpa: {flag}: `transfr` is not a document rule id or family; "
                                   "did you mean `transfer`?\n")
    # a good item beside it does not hide it; a rule of another catalogue says which
    out = run("check", flag, "breach,graph/cycle", caelex)
    assert out.returncode == 2 and b"`graph/cycle` is a graph rule, not a document rule" in out.stderr
    assert run("check", flag, "transfer, breach/no-slack", caelex).returncode in (0, 1)


def test_bad_dates_and_budgets_are_named():
    caelex = ROOT / "examples/dpas/caelex.json"
    out = run("check", "--as-of", "23.11.2026", caelex)
    assert out.returncode == 2 and out.stderr == b"dpa: --as-of: `23.11.2026` is not a date; write YYYY-MM-DD\n"
    out = run("check", "--breach-budget", "without undue delay", caelex)
    assert out.returncode == 2 and b"--breach-budget: `without undue delay` has no upper bound" in out.stderr
    out = run("diff", "--as-of", "yesterday", caelex, caelex)
    assert out.returncode == 2 and b"`yesterday` is not a date" in out.stderr
