"""Run jupyter-book's command line, then leave without tearing the process down.

``make book`` runs ``python tools/build_site.py build . --builder html -W --keep-going``:
the same command as ``jupyter-book build ...``, with the same arguments, messages
and exit code. After a build the process holds every page's doctree and the
build environment, some million Python objects; CPython's ordinary exit frees
them one by one, about 3.5 s of a clean build on a two-core machine with nothing
left to write. Once jupyter-book has returned (every file written and closed),
this flushes the output and leaves at once with :func:`os._exit`.
"""

from __future__ import annotations

import os
import sys


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


if __name__ == "__main__":
    code = run(sys.argv[1:])
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
