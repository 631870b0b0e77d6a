"""`dpa graph build`, `map --svg` and `scenario` from outside."""
import json
import os
import pathlib
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest

CLI = os.environ.get("DPA_CLI", "dpa")
ROOT = pathlib.Path(os.environ.get("DPA_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
SEEDS = [ROOT / "examples/dpas" / f"{s}.json" for s in ["axion", "hoviguard", "caos", "sevenoways", "caelex"]]


def run(*args):
    return subprocess.run([CLI, *map(str, args)], capture_output=True, timeout=120)


@pytest.mark.skipif(shutil.which("dot") is None, reason="graphviz is not installed")
def test_seed_map_renders_to_svg():
    out = run("graph", "map", "--svg", ROOT / "examples/graphs/seeds.json")
    assert out.returncode == 0, out.stderr
    svg = ET.fromstring(out.stdout)
    texts = " ".join(t.text or "" for t in svg.iter("{http://www.w3.org/2000/svg}text"))
    for name in ["Sevenoways Relay", "VPS Provider (not identified", "xAI, Inc.", "Stripe, Inc.", "Hetzner Online GmbH"]:
        assert name in texts
    # one node per organisation, one edge per agreement
    graph = json.loads((ROOT / "examples/graphs/seeds.json").read_text())
    classes = [g.get("class") for g in svg.iter("{http://www.w3.org/2000/svg}g")]
    assert classes.count("node") == len(graph["organisations"])
    assert classes.count("edge") == len(graph["agreements"])


def test_build_writes_a_file_and_notes(tmp_path):
    out_file = tmp_path / "g.json"
    out = run("graph", "build", "--as-of", "2026-11-23", "-o", out_file, *SEEDS)
    assert out.returncode == 0
    assert out_file.read_bytes() == (ROOT / "examples/graphs/seeds.json").read_bytes()
    assert b"sevenoways.json: note: /subprocessors/2: `VPS Provider` is described, not identified" in out.stderr


def test_build_rejects_a_bad_document(tmp_path):
    out = run("graph", "build", ROOT / "tests/hostile/bad-country.json", SEEDS[0])
    assert out.returncode == 1 and b"bad-country.json:" in out.stderr and out.stdout == b""


def test_scenario_json():
    out = run("graph", "scenario", "--format", "json", ROOT / "examples/graphs/seeds.json",
              ROOT / "examples/scenarios/dpf-falls.json")
    assert out.returncode == 1  # agreements lose their basis
    r = json.loads(out.stdout)
    assert r["as_of"] == "2027-06-01" and r["controllers_affected"] == 1
    assert [c["agreement"] for c in r["lost"]] == ["hoviguard/dpa/stripe/onward/0"]
    brazil = run("graph", "scenario", ROOT / "examples/graphs/seeds.json", ROOT / "examples/scenarios/brazil-withdrawn.json")
    assert brazil.returncode == 0 and b"controllers affected                      0" in brazil.stdout


@pytest.mark.parametrize("flag", ["--rules", "--disable"])
def test_graph_check_names_an_unknown_rule(flag):
    small = ROOT / "examples/graphs/small.json"
    out = run("graph", "check", flag, "transfr", small)
    assert out.returncode == 2 and out.stdout == b""
    assert out.stderr.decode() == f"dpa: {flag}: `transfr` is not a graph rule id or family; did you mean `transfer`?\n"
    out = run("graph", "check", flag, "art28", small)
    assert out.returncode == 2 and b"`art28` is a family of document rules, not of graph rules" in out.stderr


def test_graph_check_rule_selection_and_budget():
    small = ROOT / "examples/graphs/small.json"
    only = json.loads(run("graph", "check", "--format", "json", "--rules", "transfer", small).stdout)
    assert only["counts"] and all(r.startswith("transfer/") for r in only["counts"])
    rest = json.loads(run("graph", "check", "--format", "json", "--disable", "transfer", small).stdout)
    assert rest["counts"] and not any(r.startswith("transfer/") for r in rest["counts"])
    out = run("graph", "check", "--breach-budget", "one month", small)
    assert out.returncode == 2 and b"--breach-budget: `one month` is not a whole number of hours" in out.stderr


def test_graph_check_under_a_scenario_that_ends_a_tool(tmp_path):
    graph = tmp_path / "g.json"
    graph.write_text(json.dumps({
        "format": "dpa-graph/1", "as_of": "2027-06-01",
        "organisations": [{"id": "root", "country": "DE"}, {"id": "proc", "country": "DE"},
                          {"id": "in", "country": "IN"}],
        "agreements": [{"id": "a0", "client": "root", "processor": "proc", "breach_notice": "1h"},
                       {"id": "a1", "client": "proc", "processor": "in", "mechanisms": ["scc2021-m3"],
                        "breach_notice": "1h"}]}))
    scenario = tmp_path / "s.json"
    scenario.write_text(json.dumps({"format": "dpa-scenario/1", "name": "SCC 2021 end",
                                    "changes": [{"tool": "scc-2021", "valid_until": "2027-05-31"}]}))

    def counts(*args):
        out = run("graph", "check", "--format", "json", *args, graph)
        return json.loads(out.stdout)["counts"]

    assert counts()["transfer/scc-module"] == 0
    assert counts("--scenario", scenario)["transfer/scc-module"] == 1
    assert counts("--scenario", scenario, "--as-of", "2027-05-31")["transfer/scc-module"] == 0
    out = run("graph", "scenario", "--format", "json", graph, scenario)
    assert out.returncode == 1 and [c["agreement"] for c in json.loads(out.stdout)["lost"]] == ["a1"]
