#!/usr/bin/python3
"""Executes a notebook headless with nbclient; exits 1 if any cell errors. --write saves the outputs."""
import sys

import nbclient
import nbformat


def main(path: str, write: bool = False) -> int:
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": "."}})
    try:
        client.execute()
    except nbclient.exceptions.CellExecutionError as e:
        print(e, file=sys.stderr)
        return 1
    if write:
        nbformat.write(nb, path)
    cells = sum(1 for c in nb.cells if c.cell_type == "code")
    print(f"{path}: {cells} code cells ran without error")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], "--write" in sys.argv[2:]))
