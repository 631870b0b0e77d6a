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
