"""Render nbs/index.ipynb to README.md (`--check`: fail if README.md is out of date).

nbdev's own `nbdev_readme` renders through Quarto, which cannot be installed from a package registry; this does the
same for an index notebook of markdown and code cells: `#| hide` cells are left out and `#|` directives dropped.
"""
import sys
from pathlib import Path

import nbformat

root = Path(__file__).resolve().parent.parent
header = "<!-- Generated from nbs/index.ipynb by .ci/readme.py: edit the notebook, not this file. -->\n\n"


def render(notebook: Path) -> str:
    parts = []
    for cell in nbformat.read(notebook, as_version=4).cells:
        lines = cell.source.splitlines()
        if any(line.replace(" ", "").startswith("#|hide") for line in lines): continue
        body = "\n".join(line for line in lines if not line.startswith("#|")).strip()
        if not body: continue
        parts.append(body if cell.cell_type == "markdown" else f"```python\n{body}\n```")
    return header + "\n\n".join(parts) + "\n"


if __name__ == "__main__":
    text, readme = render(root / "nbs" / "index.ipynb"), root / "README.md"
    if "--check" in sys.argv[1:]:
        if not readme.exists() or readme.read_text(encoding="utf-8") != text:
            sys.exit("README.md is not nbs/index.ipynb rendered: run `python .ci/readme.py` and commit README.md")
    else:
        readme.write_text(text, encoding="utf-8")
