"""Build one edition of the book's website: ``python tools/build_edition.py student``.

``make book`` builds the full edition with ``jupyter-book build`` into
``_build/html``. This script builds the student edition into
``_build/student/html`` (``make student``): the same sources, configuration and
execution cache (no chapter is executed twice), with the configuration value
``janus_edition = "student"``, which makes ``tools/sphinx/janus_course.py``
remove every solution. Warnings are errors, as for ``make book``.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

OUTPUT = {"student": ROOT / "_build" / "student" / "html"}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("edition", choices=sorted(OUTPUT))
    args = parser.parse_args(argv)

    from jupyter_book.sphinx import build_sphinx

    out = OUTPUT[args.edition]
    result = build_sphinx(
        ROOT,
        out,
        use_external_toc=True,
        noconfig=True,
        path_config=str(ROOT / "_config.yml"),
        confoverrides={
            "external_toc_path": (ROOT / "_toc.yml").as_posix(),
            "latex_individualpages": False,
            "janus_edition": args.edition,
            # the full edition's execution cache: the notebooks are the same
            "nb_execution_cache_path": str(ROOT / "_build" / ".jupyter_cache"),
        },
        builder="html",
        warningiserror=True,
        keep_going=True,
    )
    if result != 0:
        print(f"the {args.edition} edition did not build: {result!r}", file=sys.stderr)
        return 1
    # belt and braces: a page source must never reach the student edition
    shutil.rmtree(out / "_sources", ignore_errors=True)
    print(f"The {args.edition} edition is built: open {out / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
