"""docs/rules.md is the catalogue as `dpa rules --format markdown` writes it
(DPA_UPDATE_GOLDEN=1 rewrites it)."""
import os
import pathlib
import subprocess

CLI = os.environ.get("DPA_CLI", "dpa")
ROOT = pathlib.Path(os.environ.get("DPA_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))


def test_rules_md_is_the_catalogue():
    out = subprocess.run([CLI, "rules", "--format", "markdown"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    doc = ROOT / "docs" / "rules.md"
    if os.environ.get("DPA_UPDATE_GOLDEN") == "1":
        doc.write_text(out.stdout)
    assert doc.read_text() == out.stdout, "docs/rules.md is stale: run with DPA_UPDATE_GOLDEN=1"
    listed = subprocess.run([CLI, "rules", "--format", "json"], capture_output=True, text=True, timeout=60).stdout
    ids = [line.split("`")[1] for line in out.stdout.splitlines() if line.startswith("## `")]
    assert len(ids) == len(set(ids)) == listed.count('"id"')
