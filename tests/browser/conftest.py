"""Fixtures of the browser tests: the built site, a local web server and headless Chromium.

The tests need the website built by ``make book`` (``make test`` builds it first)
and Chromium at ``/usr/bin/chromium`` (the Debian package; override with the
environment variable ``JANUS_CHROMIUM``). Without Chromium they are skipped with
a loud message, except under ``CI=true``, where they fail.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "_build" / "html"
CHROMIUM = Path(os.environ.get("JANUS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
IN_CI = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}

_missing: list[str] = []


def _chromium_or_skip() -> None:
    if CHROMIUM.exists():
        return
    message = (f"Chromium not found at {CHROMIUM}: the browser tests of the built website "
               "did NOT run (install the Debian package `chromium`)")
    if IN_CI:
        pytest.fail(message + "; CI=true, so this is an error (.ci/run installs it)", pytrace=False)
    _missing.append(message)
    pytest.skip(message)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if _missing:
        bar = "!" * 78
        terminalreporter.write_line(bar, red=True, bold=True)
        terminalreporter.write_line("BROWSER TESTS SKIPPED: " + _missing[0], red=True, bold=True)
        terminalreporter.write_line(bar, red=True, bold=True)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        pass


@pytest.fixture(scope="session")
def site() -> Path:
    if not (SITE / "index.html").exists():
        pytest.fail(f"no built website in {SITE}: run `make book` first (`make test` does)",
                    pytrace=False)
    return SITE


@pytest.fixture(scope="session")
def server(site):
    """Serve the built site on 127.0.0.1 from a thread; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def browser():
    _chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
