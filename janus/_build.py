"""What the book's build tells :mod:`janus`: a module light enough for the build's tools.

``tools/execute_notebooks.py`` and the Sphinx extension ``tools/sphinx/janus_site.py``
set the environment variable :data:`STATIC_ENV` before any kernel starts;
:func:`janus.widgets.explore` reads it. Importing this module loads neither
matplotlib nor ipywidgets.
"""

from __future__ import annotations

import os

#: Name of the environment variable that makes :func:`janus.widgets.explore` return a
#: :class:`janus.widgets.StaticExplorer` (an HTML component) instead of ipywidgets
#: when it is ``"1"``: set while the book is built.
STATIC_ENV = "JANUS_STATIC_FIGURES"


def static_figures() -> bool:
    """Whether figures are being made for the static website (:data:`STATIC_ENV` is ``"1"``)."""
    return os.environ.get(STATIC_ENV) == "1"
