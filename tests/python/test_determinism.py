"""The same input gives byte-identical output: across runs, across thread
counts, and regardless of the order files are given in where order is not
part of the output."""
import os
import pathlib
import subprocess

import pytest

CLI = os.environ.get("DPA_CLI", "dpa")
GEN = os.environ.get("DPA_GEN_GRAPH")
ROOT = pathlib.Path(os.environ.get("DPA_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
SEEDS = [ROOT / "examples/dpas" / f"{s}.json" for s in ["axion", "caelex", "caos", "hoviguard", "sevenoways"]]


def out(*args, env=None):
    r = subprocess.run([CLI, *map(str, args)], capture_output=True, timeout=120, env=env)
    assert r.returncode in (0, 1), r.stderr
    return r.stdout


@pytest.mark.parametrize("fmt", ["json", "sarif", "text"])
def test_check_is_byte_identical_across_runs(fmt):
    args = ["check", "--as-of", "2026-11-23", "--format", fmt, *SEEDS]
    first = out(*args)
    # a different environment (locale, hash seed) must not change a byte
    env = dict(os.environ, LC_ALL="C", PYTHONHASHSEED="1", MALLOC_PERTURB_="165")
    assert out(*args, env=env) == first
    assert out(*args) == first


@pytest.mark.skipif(not GEN, reason="needs bench/gen_graph (DPA_GEN_GRAPH)")
@pytest.mark.parametrize("back_edges", [0, 20])
def test_graph_check_is_byte_identical_across_threads(tmp_path, back_edges):
    g = tmp_path / "g.json"
    g.write_bytes(subprocess.run([GEN, "3000", "11", str(back_edges)], capture_output=True, check=True).stdout)
    one = out("graph", "check", "--format", "json", "--threads", "1", g)
    for threads in (2, 3, 8):
        assert out("graph", "check", "--format", "json", "--threads", threads, g) == one
    assert out("graph", "check", "--format", "json", g) == one


def test_graph_build_is_byte_identical_across_runs():
    order = ["axion", "hoviguard", "caos", "sevenoways", "caelex"]  # as the bundled example was built
    args = ["graph", "build", "-q", "--as-of", "2026-11-23", *[ROOT / "examples/dpas" / f"{s}.json" for s in order]]
    assert out(*args) == out(*args) == (ROOT / "examples/graphs/seeds.json").read_bytes()
