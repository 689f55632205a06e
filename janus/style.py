"""One figure style for the whole book.

Every chapter calls :func:`use` once; static figures and widget frames then
share the colour-blind-safe palette (Okabe and Ito) and the white background
that stays readable in the site's light and dark modes.

>>> use()
>>> import matplotlib as mpl
>>> mpl.rcParams["figure.facecolor"]
'white'
"""

from __future__ import annotations

from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt

__all__ = ["use", "STYLE", "COLORS"]

#: Path of the book's matplotlib style sheet.
STYLE = Path(__file__).with_name("janus.mplstyle")

#: The palette in the order the style cycles through it (Okabe and Ito).
COLORS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]


def use() -> None:
    """Apply the book's style sheet to matplotlib."""
    plt.style.use(STYLE)
    mpl.rcParams["axes.prop_cycle"] = mpl.cycler(color=COLORS)
