"""A module imported on first use, so that ``import janus`` stays fast.

``from ._lazy import special`` gives a stand-in for :mod:`scipy.special`: the
real module is imported the first time one of its functions is looked up.

>>> from janus._lazy import special
>>> float(special.ndtr(0.0))
0.5
"""

from __future__ import annotations

import importlib


class _LazyModule:
    """Stand-in for a module: imports it at the first attribute look-up."""

    def __init__(self, name: str):
        self._name = name
        self._module = None

    def __getattr__(self, attr):
        module = self._module
        if module is None:
            module = self._module = importlib.import_module(self._name)
        return getattr(module, attr)

    def __repr__(self) -> str:
        return f"<lazy module {self._name!r}>"


special = _LazyModule("scipy.special")
