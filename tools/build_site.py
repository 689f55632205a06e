"""Build the website: execute the pages in the background while Sphinx works, then leave at once.

``make book`` runs ``python tools/build_site.py --execute build . --builder html -W
--keep-going``. With ``--execute`` it first starts ``tools/execute_notebooks.py
--status _build/.executing`` in a process of its own, which executes the pages
missing from the execution cache (two at a time on two cores); the rest is
jupyter-book's own command line, with the same arguments, messages and exit code,
run in this process. Sphinx starts at once: the extension
``tools/sphinx/janus_site.py`` reads the environment variable ``JANUS_EXECUTION_STATUS``
(the status folder), reads the pages that need no execution first and waits for
each executed page before reading it. A page whose execution failed is executed
again by myst-nb, which reports the error (``-W``).

After a build the process holds every page's doctree and the build environment,
some million Python objects; CPython's ordinary exit frees them one by one, seconds
of a clean build with nothing left to write. Once
jupyter-book has returned (every file written and closed) and the execution has
ended, this flushes the output and leaves at once with :func:`os._exit`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATUS = ROOT / "_build" / ".executing"
sys.path.insert(0, str(ROOT / "tools" / "sphinx"))
from janus_site import EXECUTION_STATUS_ENV  # noqa: E402  (the extension that waits)


def run(argv: list[str]) -> int:
    """Run ``jupyter-book`` with the arguments ``argv``; return its exit code."""
    from jupyter_book.cli.main import main

    try:
        main.main(args=argv, prog_name="jupyter-book", standalone_mode=False)
    except SystemExit as stop:                          # jupyter-book's sys.exit(result)
        code = stop.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    except Exception as error:                          # click's usage errors, failed builds
        show = getattr(error, "show", None)
        if show is not None:                            # click.ClickException
            show()
            return getattr(error, "exit_code", 1)
        raise
    return 0


def main(argv: list[str]) -> int:
    """``[--execute] <jupyter-book arguments>``: the exit code of the build."""
    execution = None
    if argv[:1] == ["--execute"]:
        argv = argv[1:]
        shutil.rmtree(STATUS, ignore_errors=True)
        STATUS.mkdir(parents=True)
        os.environ[EXECUTION_STATUS_ENV] = str(STATUS)
        execution = subprocess.Popen([sys.executable, str(ROOT / "tools" / "execute_notebooks.py"),
                                      "--status", str(STATUS)])
    code = 1
    try:
        code = run(argv)
    finally:
        if execution is not None:
            # normally finished already: Sphinx waited for every page it executes
            executed = execution.wait()
            code = code or executed
    return code


if __name__ == "__main__":
    code = main(sys.argv[1:])
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
