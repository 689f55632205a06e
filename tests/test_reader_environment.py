"""A reader's environment: requirements.txt alone runs every reader notebook and problem set.

Binder installs ``binder/requirements.txt`` (which is ``requirements.txt``) and
opens a page's reader notebook, ``notebooks/<page>.ipynb`` (made by the book build,
see ``tools/sphinx/reader_notebooks.py``). This test does the same on this machine: a
fresh virtual environment with nothing but ``requirements.txt`` installed (from
PyPI), and the reader notebook of every page of the book's table of contents that
is a notebook (the one its download button serves, ``_build/html/_sources/``), put
where Binder puts it in a copy of the repository and executed from there with that
environment's own kernel, with only the *installed* ``janus`` importable (not the
working tree). Every figure of the web page must appear as a figure output.
Needs the built book (``make book``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

def notebook_pages() -> list[str]:
    """The pages of _toc.yml that are notebooks (they have a jupytext header)."""
    import yaml

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    entries = toc.get("chapters", []) + [c for part in toc.get("parts", []) for c in part["chapters"]]
    files = [toc["root"]] + [c["file"] for c in entries]
    return [f + ".md" for f in files if (ROOT / (f + ".md")).read_text().startswith("---\njupytext:")]

SKIP = shutil.ignore_patterns(".venv", "_build", "node_modules", ".git", ".jupyter_cache",
                              ".pytest_cache", ".hypothesis", "*.egg-info", "build", "__pycache__")

RUNNER = textwrap.dedent("""
    import sys
    import nbclient, nbformat
    nb = nbformat.read(sys.argv[1], as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(
        "import sys, janus\\n"
        "assert sys.prefix == {prefix!r}, sys.prefix\\n"
        "assert janus.__file__.startswith({prefix!r}), janus.__file__\\n"
        "print('janus from', janus.__file__)"))
    nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={{"metadata": {{"path": sys.argv[2]}}}}).execute()
    nbformat.write(nb, sys.argv[3])
    print("executed", len(nb.cells), "cells")
""")


HTML = ROOT / "_build" / "html"


def web_figures(page: str) -> int:
    """The number of figures on the built web page of a page."""
    return (HTML / (page[:-3] + ".html")).read_text(encoding="utf-8").count("<figure")


@pytest.mark.slow
@pytest.mark.book
def test_requirements_txt_alone_runs_a_chapter(tmp_path):
    # a copy of the repository: pip builds janus in it, not in the working tree
    source = tmp_path / "repo"
    shutil.copytree(ROOT, source, ignore=SKIP)
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
    python = env_dir / "bin" / "python"
    prefix = str(env_dir)
    work = tmp_path / "work"
    work.mkdir()
    env = {
        "PATH": f"{env_dir / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}",
        "HOME": str(tmp_path / "home"),                # no user site, config or kernels
        "PYTHONNOUSERSITE": "1",
        "JUPYTER_CONFIG_DIR": str(tmp_path / "jupyter-config"),
        "JUPYTER_DATA_DIR": str(tmp_path / "jupyter-data"),
        "IPYTHONDIR": str(tmp_path / "ipython"),
        # no MPLBACKEND: the kernel draws with its own default (inline), as a reader's does
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "PIP_CACHE_DIR": os.environ.get("PIP_CACHE_DIR",
                                        str(Path.home() / ".cache" / "pip")),
    }

    def run(*args, cwd):
        done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True,
                              text=True, timeout=1500)
        assert done.returncode == 0, f"{args} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
        return done.stdout

    run(python, "-m", "pip", "install", "--quiet", "-r", "requirements.txt", cwd=source)
    # nothing from the test runner's environment is visible
    out = run(python, "-c", "import sys, janus; print(sys.prefix); print(janus.__file__)", cwd=work)
    assert out.splitlines()[0] == prefix and prefix in out.splitlines()[1]
    assert sys.prefix != prefix

    (work / "run.py").write_text(RUNNER.format(prefix=prefix))
    pages = notebook_pages()
    assert "intro.md" in pages and any(p.startswith("chapters/") for p in pages), pages

    jobs = []   # (what, notebook, working folder, executed copy): run two at a time (2 cores)
    for page in pages:
        reader = HTML / "_sources" / (page[:-3] + ".ipynb")
        assert reader.is_file(), f"{reader} is missing: run make book first"
        # where Binder's postBuild puts it: notebooks/<page>.ipynb in the repository
        placed = source / "notebooks" / (page[:-3] + ".ipynb")
        placed.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(reader, placed)
        # a top-level page runs from an empty folder, where the repository's janus/
        # folder cannot shadow the installed package
        folder = placed.parent if "/" in page else work
        jobs.append((page, placed, folder, work / (Path(page).stem + ".ipynb")))
    # the problem sets (tools/sphinx/reader_notebooks.py) run in the same environment,
    # unfilled: every janus.check call says that no answer is given yet
    problem_sets = sorted((HTML / "problem-sets").glob("*.ipynb"))
    assert problem_sets, "no problem set in _build/html/problem-sets: run make book first"
    jobs += [(None, problems, work, work / f"problems-{problems.name}") for problems in problem_sets]

    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=2) as pool:
        outs = list(pool.map(lambda job: run(python, "run.py", job[1], job[2], job[3], cwd=work), jobs))

    import nbformat

    for (page, notebook_path, _, executed), out in zip(jobs, outs):
        assert "executed" in out, notebook_path
        cells = nbformat.read(executed, as_version=4).cells
        outputs = [o for c in cells if c.cell_type == "code" for o in c.outputs]
        assert not [o for o in outputs if o.output_type == "error"], notebook_path.name
        if page is None:                                  # a problem set
            calls = sum(c.source.count("janus.check(") for c in cells if c.cell_type == "code")
            verdicts = sum("no answer yet" in o.get("data", {}).get("text/plain", "") for o in outputs)
            assert calls and verdicts == calls, (notebook_path.name, calls, verdicts)
            continue
        assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {})
                   for o in outputs), page                # widgets were made
        figures = sum("image/png" in o.get("data", {}) for o in outputs)
        assert figures >= web_figures(page), (page, figures, web_figures(page))
