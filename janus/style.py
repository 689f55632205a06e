"""One figure style and one running example for the whole book.

Every chapter calls :func:`use` once; static figures and widget frames then
share the colour-blind-safe palette (Okabe and Ito) and the book's one legend
convention for the centres of a wage distribution (:data:`CENTRES`, drawn by
:func:`mark_centres`). :func:`running_economy` is the one illustrative economy
that every chapter starts from.

>>> use()
>>> import matplotlib as mpl
>>> mpl.rcParams["axes.prop_cycle"].by_key()["color"][0]
'#0072B2'
>>> eco = running_economy()
>>> float(eco.median), float(eco.beta), float(eco.tau)
(1.0, 0.04, 0.6)
"""

from __future__ import annotations

from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np

__all__ = ["use", "STYLE", "COLORS", "CENTRES", "RUNNING", "running_economy", "mark_centres"]

#: Path of the book's matplotlib style sheet.
STYLE = Path(__file__).with_name("janus.mplstyle")

#: The palette in the order the style cycles through it (Okabe and Ito).
COLORS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]

#: The book's one legend convention for the three centres of a wage distribution:
#: mode dotted green, median dashed vermillion, mean solid purple (the density
#: itself is drawn in the first palette colour, blue). Use it for every marker
#: line of a mode, median or mean, in static figures and widget frames alike.
CENTRES = {
    "mode": {"color": COLORS[2], "linestyle": ":", "linewidth": 1.6, "label": "mode"},
    "median": {"color": COLORS[1], "linestyle": "--", "linewidth": 1.6, "label": "median"},
    "mean": {"color": COLORS[3], "linestyle": "-", "linewidth": 1.6, "label": "mean"},
}

#: The book's running economy: skill s ~ N(100, 15^2), technology beta = 0.04
#: (so tau = 0.6 and mean/median = exp(0.18)), incomes measured in units of the
#: median income (m = 1, so A = exp(-beta * mu)). Chapters that need dollars
#: scale it, or use the calibrated U.S. economies of the calibration chapter.
RUNNING = {"beta": 0.04, "mu": 100.0, "sigma": 15.0, "median": 1.0}


def running_economy(**changes):
    """Return the book's running economy, optionally with some parameters changed.

    Parameters
    ----------
    **changes
        Any of ``beta``, ``mu``, ``sigma`` and ``median`` (the median income,
        which fixes ``A = median * exp(-beta * mu)``); the others keep the
        values of :data:`RUNNING`.

    Returns
    -------
    Economy
        The economy with median ``median`` at the running ``beta``, ``mu``, ``sigma``.

    Raises
    ------
    TypeError
        If a keyword other than those of :data:`RUNNING` is given.
    ValueError
        If a parameter is out of its range (as :class:`janus.Economy` says).

    Examples
    --------
    >>> round(float(running_economy().mean), 4)
    1.1972
    >>> running_economy(beta=[0.02, 0.06]).median
    array([1., 1.])
    """
    from ._validate import as_float
    from .wages import Economy

    unknown = set(changes) - set(RUNNING)
    if unknown:
        raise TypeError(f"running_economy() takes only {', '.join(RUNNING)}; got {', '.join(sorted(unknown))}")
    p = {**RUNNING, **changes}
    median = as_float("median", p["median"], low=0, low_open=True)
    beta = as_float("beta", p["beta"], low=0)
    mu = as_float("mu", p["mu"])
    return Economy(A=median * np.exp(-beta * mu), beta=beta, mu=mu, sigma=p["sigma"])


def mark_centres(ax, economy, *, which=("mode", "median", "mean"), scale=1.0, **kwargs):
    """Draw the mode, median and mean of a (scalar) economy as vertical lines.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The axes to draw on.
    economy : Economy
        A scalar economy.
    which : sequence of str, optional
        Which centres to draw, among ``"mode"``, ``"median"``, ``"mean"``.
    scale : float, optional
        Divide the wages by this (e.g. 1000 for thousands of dollars).
    **kwargs
        Passed to :meth:`~matplotlib.axes.Axes.axvline` on top of :data:`CENTRES`.

    Returns
    -------
    dict
        The :class:`~matplotlib.lines.Line2D` of each centre, by name, so that a
        widget frame can move them with ``line.set_xdata([x, x])``.

    Raises
    ------
    ValueError
        If ``which`` names something other than mode, median or mean.

    Examples
    --------
    >>> fig, ax = plt.subplots()
    >>> lines = mark_centres(ax, running_economy())
    >>> sorted(lines), lines["mean"].get_linestyle()
    (['mean', 'median', 'mode'], '-')
    >>> plt.close(fig)
    """
    bad = [w for w in which if w not in CENTRES]
    if bad:
        raise ValueError(f"which must name mode, median or mean; got {bad}")
    return {w: ax.axvline(float(getattr(economy, w)) / scale, **{**CENTRES[w], **kwargs}) for w in which}


def use() -> None:
    """Apply the book's style sheet to matplotlib.

    Examples
    --------
    >>> use()
    """
    plt.style.use(STYLE)
    mpl.rcParams["axes.prop_cycle"] = mpl.cycler(color=COLORS)
