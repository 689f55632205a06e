"""Execute the book's notebook pages in parallel into the execution cache, before Sphinx reads them.

``make book`` runs this first. It reads every page of ``_toc.yml`` the way myst-nb
does, asks the jupyter-cache database in ``_build/.jupyter_cache`` whether its code
is cached already, and executes the pages that are not, in parallel (one process
a core, jupyter-cache's ``local-parallel`` executor, each page in its own folder as
myst-nb runs it). Sphinx then finds every page in the cache and only renders it.
An unchanged book executes nothing; editing one chapter executes that chapter.
A page to execute is touched, so that Sphinx reads it again (its source may be
unchanged while ``janus`` or the data changed and emptied the cache).

``make book`` runs this in the background while Sphinx starts (``tools/build_site.py``
passes ``--status DIR``): the folder then gets ``plan.json`` (the pages to execute,
in the order they are expected to finish, and this process's id) before any page
runs, a marker ``<page>.done`` as each page is finished and cached, and ``finished``
at the end. The Sphinx extension ``tools/sphinx/janus_site.py`` reads the other
pages first and waits for each executed page's marker before reading it, so that
Sphinx works while the kernels run.

The pages run longest first, so that the last page to finish is a short one: the
seconds each page took last time are kept in ``_build/.execution-seconds.json``
(a page never timed runs first; on a fresh clone the order is that of ``_toc.yml``).

The kernels run with ``JANUS_STATIC_FIGURES=1`` (``janus.widgets.STATIC_ENV``):
``janus.widgets.explore`` then returns its HTML component, not ipywidgets, so
that the executed pages carry no widget state.

A page that fails is left out of the cache: Sphinx then runs it again itself and
reports the error with its traceback (``make book`` builds with ``-W``).

Usage: ``python tools/execute_notebooks.py [--cache _build/.jupyter_cache] [--status DIR]``
"""

from __future__ import annotations

import argparse
import hashlib
import heapq
import json
import math
import os
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
READER = {"type": "plugin", "name": "myst_nb_md"}     # what myst-nb passes for .md pages
TIMES = ROOT / "_build" / ".execution-seconds.json"   # page -> seconds of its last run


def last_times() -> dict[str, float]:
    """Seconds each page took to execute the last time it ran (page path -> seconds)."""
    try:
        data = json.loads(TIMES.read_text())
    except (OSError, ValueError):
        return {}
    return {k: float(v) for k, v in data.items() if isinstance(v, (int, float))}


def marker(status: Path, page: str) -> Path:
    """The file that says that ``page`` (its path) is executed and cached, or failed."""
    return status / (hashlib.sha256(page.encode()).hexdigest()[:16] + ".done")


def longest_first_key(times: dict[str, float]):
    """Sort key of a page's path: the page that took longest last time first, a page
    never timed before all."""
    return lambda page: -times.get(page, math.inf)


def expected_finish_order(pages: list[str], times: dict[str, float], workers: int) -> list[str]:
    """The pages in the order they should finish when ``workers`` processes take them
    longest first (a page never timed counts as longest)."""
    start = sorted(pages, key=longest_first_key(times))
    free = [(0.0, k) for k in range(max(1, workers))]
    finish = []
    for page in start:
        at, k = heapq.heappop(free)
        done = at + times.get(page, 60.0)
        finish.append((done, page))
        heapq.heappush(free, (done, k))
    return [page for _, page in sorted(finish)]


class _MarkingWorker:
    """jupyter-cache's worker; then a marker in the status folder (if there is one)."""

    def __init__(self, status: str | None):
        from jupyter_cache.executors.basic import ExecutionWorkerLocalMProc

        self.worker = ExecutionWorkerLocalMProc()
        self.status = status

    def __call__(self, data):
        try:
            return self.worker(data)
        finally:
            if self.status is not None:
                marker(Path(self.status), data.uri).touch()


def longest_first(cache, times: dict[str, float], status: Path | None = None):
    """jupyter-cache's ``local-parallel`` executor, handing out the pages longest first."""
    from jupyter_cache.executors.basic import JupyterExecutorLocalMproc

    class LongestFirst(JupyterExecutorLocalMproc):
        def _EXECUTION_WORKER(self):
            return _MarkingWorker(None if status is None else str(status))

        def get_records(self, *args, **kwargs):
            records = super().get_records(*args, **kwargs)
            key = longest_first_key(times)
            return sorted(records, key=lambda record: key(record.uri))

    return LongestFirst(cache)


def write_plan(status: Path, pages: list[str]) -> None:
    """Write ``plan.json`` in one step (Sphinx may be reading the folder)."""
    tmp = status / "plan.json.tmp"
    tmp.write_text(json.dumps({"pid": os.getpid(), "pages": pages}, indent=1) + "\n")
    tmp.replace(status / "plan.json")


def toc_files(toc: Path) -> list[Path]:
    """Every source file named in a Jupyter Book ``_toc.yml``, in order."""
    data = yaml.safe_load(toc.read_text())
    found: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            if "file" in node:
                found.append(node["file"])
            for key in ("parts", "chapters", "sections"):
                for child in node.get(key, []) or []:
                    walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    found.append(data["root"])
    walk(data)
    paths = []
    for name in found:
        for suffix in ("", ".md", ".ipynb"):
            path = ROOT / f"{name}{suffix}"
            if path.is_file():
                paths.append(path)
                break
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=ROOT / "_build" / ".jupyter_cache")
    parser.add_argument("--timeout", type=int, default=300, help="seconds a page may run")
    parser.add_argument("--status", type=Path, default=None,
                        help="folder for plan.json, a marker per finished page and 'finished'")
    args = parser.parse_args(argv)
    try:
        return execute(args)
    finally:
        if args.status is not None:
            args.status.mkdir(parents=True, exist_ok=True)
            (args.status / "finished").touch()


def execute(args) -> int:
    """Execute the pages that are not in the cache; return the exit code."""
    from jupyter_cache import get_cache
    from myst_nb.core.read import is_myst_markdown_notebook, myst_nb_reader_plugin

    cache = get_cache(args.cache)
    pending = []
    for path in toc_files(ROOT / "_toc.yml"):
        if path.suffix != ".md" or not is_myst_markdown_notebook(path.read_text("utf8")):
            continue
        try:
            cache.match_cache_notebook(myst_nb_reader_plugin(str(path)))
        except KeyError:
            pending.append((cache.add_nb_to_project(str(path), read_data=READER).pk, path))
    times = last_times()
    # Sphinx re-reads a page only when its source is newer than its last reading:
    # mark the pages to execute (their code may be unchanged while janus changed)
    for _, path in pending:
        path.touch()
    if args.status is not None:
        args.status.mkdir(parents=True, exist_ok=True)
        write_plan(args.status, expected_finish_order([str(p) for _, p in pending], times,
                                                      os.cpu_count() or 1))
    if not pending:
        print("execute_notebooks: every page is in the cache")
        return 0
    # before any kernel starts: the kernels inherit this process's environment
    from janus._build import STATIC_ENV

    os.environ[STATIC_ENV] = "1"
    start = time.perf_counter()
    executor = longest_first(cache, times, args.status)
    result = executor.run_and_cache(filter_pks=[pk for pk, _ in pending], timeout=args.timeout,
                                    allow_errors=False)
    for _, path in pending:
        try:
            seconds = cache.get_cached_project_nb(str(path)).data.get("execution_seconds")
        except (KeyError, AttributeError):
            seconds = None
        if seconds is not None:
            times[str(path)] = round(float(seconds), 2)
    TIMES.parent.mkdir(parents=True, exist_ok=True)
    TIMES.write_text(json.dumps(times, indent=1, sort_keys=True) + "\n")
    failed = result.excepted + result.errored
    print(f"execute_notebooks: executed {len(result.succeeded)} page(s) in "
          f"{time.perf_counter() - start:.1f} s" + (f"; failed: {', '.join(failed)} (Sphinx "
                                                      "runs them again and reports why)" if failed else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
