"""The build's own tools: the order pages finish in, Sphinx waiting for executed pages,
and the site command's exit code (tools/execute_notebooks.py, tools/sphinx/janus_site.py,
tools/build_site.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "tools" / "sphinx"))

import execute_notebooks  # noqa: E402
import janus_site  # noqa: E402


def test_pages_finish_in_the_order_of_two_workers_taking_the_longest_first():
    times = {"a": 27.0, "b": 15.0, "c": 14.0, "d": 12.0, "e": 11.0, "f": 5.0}
    # worker 1: a (ends at 27), d (39), f (44); worker 2: b (15), c (29), e (40)
    assert execute_notebooks.expected_finish_order(list("fedcba"), times, 2) == list("bacdef")
    # one worker: the longest first; a page never timed counts as the longest
    assert execute_notebooks.expected_finish_order(["b", "new", "f"], times, 1) == ["new", "b", "f"]
    assert execute_notebooks.expected_finish_order([], times, 2) == []


class _Env:
    """What Execution needs of Sphinx's environment: a page's docname from its path."""

    def path2doc(self, path):
        return Path(path).stem if str(path).endswith(".md") else None


def _execution(tmp_path, pages, pid=None):
    (tmp_path / "plan.json").write_text(json.dumps({"pid": pid or os.getpid(), "pages": pages}))
    return janus_site.Execution(str(tmp_path))


def _later(seconds, action):
    timer = threading.Timer(seconds, action)
    timer.start()
    return timer


def test_sphinx_waits_for_each_executed_page_until_its_marker(tmp_path):
    pages = [str(tmp_path / "ch1.md"), str(tmp_path / "ch2.md")]
    execution = _execution(tmp_path, pages)
    assert execution.docnames(_Env()) == ["ch1", "ch2"]
    start = time.monotonic()
    execution.wait(_Env(), "other")                      # not executed: no wait
    assert time.monotonic() - start < 0.05
    _later(0.4, lambda: execute_notebooks.marker(tmp_path, pages[1]).touch())
    start = time.monotonic()
    execution.wait(_Env(), "ch2")
    assert 0.35 < time.monotonic() - start < 5
    _later(0.3, lambda: (tmp_path / "finished").touch())  # the executor ended (page failed)
    start = time.monotonic()
    execution.wait(_Env(), "ch1")
    assert 0.25 < time.monotonic() - start < 5


def test_sphinx_stops_waiting_when_the_executor_is_gone(tmp_path):
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    execution = _execution(tmp_path, [str(tmp_path / "ch1.md")], pid=int(gone.stdout))
    start = time.monotonic()
    execution.wait(_Env(), "ch1")
    assert time.monotonic() - start < 2


def test_sphinx_waits_for_the_plan_and_reads_the_executed_pages_last(tmp_path):
    pages = [str(tmp_path / "ch2.md"), str(tmp_path / "ch1.md")]
    execution = janus_site.Execution(str(tmp_path))
    _later(0.3, lambda: execute_notebooks.write_plan(tmp_path, pages))
    start = time.monotonic()
    assert execution.docnames(_Env()) == ["ch2", "ch1"]
    assert time.monotonic() - start > 0.25

    class App:
        class builder:
            format = "html"

    app = App()
    app._janus_execution = execution
    docnames = ["api", "ch1", "ch2", "intro"]
    os.environ[janus_site.EXECUTION_STATUS_ENV] = str(tmp_path)
    try:
        janus_site.read_executed_pages_last(app, _Env(), docnames)
        assert janus_site.reread_executed_pages(app, _Env(), set(), set(), set()) == ["ch2", "ch1"]
    finally:
        del os.environ[janus_site.EXECUTION_STATUS_ENV]
    assert docnames == ["api", "intro", "ch2", "ch1"]


@pytest.mark.parametrize("args, ok", [(["--help"], True), (["build", "no-such-folder"], False)])
def test_the_site_command_returns_jupyter_books_exit_code(args, ok):
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "build_site.py"), *args],
                          capture_output=True, text=True, timeout=120)
    assert (done.returncode == 0) is ok, done.stdout + done.stderr


class _FakeApp:
    """What janus_site.StaticFiles uses of a Sphinx application."""

    def __init__(self, root: Path, static: list[str]):
        class Builder:
            format = "html"

        class Config:
            exclude_patterns = ["_build"]
            html_static_path = static

        self.builder, self.config = Builder(), Config()
        self.confdir, self.outdir = str(root), str(root / "_build" / "html")


def test_static_files_reach_the_site_when_no_page_is_written(tmp_path):
    (tmp_path / "_static").mkdir()
    (tmp_path / "_static" / "book.css").write_text("p { color: red; }")
    (tmp_path / "_static" / ".hidden").write_text("not copied")
    built = tmp_path / "_build" / "html" / "_static"
    built.mkdir(parents=True)
    (built / "book.css").write_text("p { color: blue; }")      # the last build's copy
    app = _FakeApp(tmp_path, ["_static"])

    wrote = janus_site.StaticFiles()                        # a build that wrote a page:
    wrote.page_written(app, "intro", "page.html", {}, None)  # Sphinx copied them itself
    wrote.copy_if_no_page_written(app, None)
    assert (built / "book.css").read_text() == "p { color: blue; }"

    failed = janus_site.StaticFiles()                       # a failed build: nothing copied
    failed.copy_if_no_page_written(app, RuntimeError("failed"))
    assert (built / "book.css").read_text() == "p { color: blue; }"

    idle = janus_site.StaticFiles()                         # no page out of date
    idle.copy_if_no_page_written(app, None)
    assert (built / "book.css").read_text() == "p { color: red; }"
    assert not (built / ".hidden").exists()


def test_pages_with_mathjax_fetch_its_fonts_from_the_start():
    class Config:
        mathjax_path = "vendor/mathjax/tex-mml-chtml.js"

    class Script(str):
        @property
        def filename(self):
            return str(self)

    app = type("App", (), {"config": Config()})()

    def context(*scripts):
        return {"script_files": [Script(s) for s in scripts], "metatags": "<meta>",
                "pathto": lambda target, resource: "../../" + target}

    with_math = context("_static/doctools.js", "_static/vendor/mathjax/tex-mml-chtml.js?v=1")
    janus_site.preload_math_fonts(app, "course/api/risk", "page.html", with_math, None)
    tags = with_math["metatags"]
    assert tags.startswith("<meta>")
    folder = "../../_static/vendor/mathjax/" + janus_site.MATH_FONT_DIR
    assert f'"{folder}/"' in tags and 'location.protocol !== "file:"' in tags
    assert all(f'"{name}"' in tags for name in janus_site.MATH_FONTS)

    without = context("_static/doctools.js")
    janus_site.preload_math_fonts(app, "appendix/performance", "page.html", without, None)
    assert without["metatags"] == "<meta>"

