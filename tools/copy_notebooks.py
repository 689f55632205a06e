"""Copy the reader notebooks of a built book into a folder for JupyterLab.

    python tools/copy_notebooks.py SOURCE TARGET

SOURCE is where the build wrote them (``_build/html/_sources``, made by the Sphinx
extension ``tools/sphinx/reader_notebooks.py`` during ``make book``); TARGET is the
folder that JupyterLab opens (``notebooks/``, used by ``make lab`` and by Binder's
``binder/postBuild``). The folder layout of the book is kept
(``notebooks/chapters/<chapter>.ipynb``), so that a chapter runs from a folder inside
the repository and finds the book's ``data/``. A notebook already in TARGET is never
overwritten: it may hold a reader's work (delete it to get the current version).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path


def copy_notebooks(source: Path, target: Path) -> list[Path]:
    """Copy every ``*.ipynb`` of source into target (same relative paths), never over
    an existing file; return the files copied."""
    source, target = Path(source), Path(target)
    notebooks = sorted(source.rglob("*.ipynb"))
    if not notebooks:
        raise SystemExit(f"no notebooks in {source}: build the book first (make book)")
    copied = []
    for notebook in notebooks:
        destination = target / notebook.relative_to(source)
        if destination.exists():
            print(f"kept {destination} (delete it to get the current version)")
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(notebook, destination)
        copied.append(destination)
    print(f"{len(copied)} reader notebook(s) copied into {target}/")
    return copied


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    copy_notebooks(Path(sys.argv[1]), Path(sys.argv[2]))
