r"""Calibration of the lognormal model to a median and a mean (MODEL.md, section 4).

With skill measured in IQ points (:math:`\mu = 100`, :math:`\sigma = 15`), a year's
real median :math:`m_t` and mean :math:`M_t` pin down the two free parameters:

.. math::

   \beta_t = \frac{\sqrt{2\ln(M_t/m_t)}}{\sigma}, \qquad A_t = m_t e^{-\beta_t\mu}.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._validate import as_float, broadcast
from .wages import Economy

__all__ = ["calibrate", "calibrate_series"]


def calibrate(median, mean, mu=100.0, sigma=15.0) -> Economy:
    r"""The :class:`~janus.Economy` whose median and mean wages are the ones given.

    :math:`\beta = \sqrt{2\ln(M/m)}/\sigma` and :math:`A = m e^{-\beta\mu}`.

    Parameters
    ----------
    median, mean : array_like
        Median and mean income in the same dollars, with ``0 < median <= mean``.
    mu, sigma : array_like, optional
        Mean and standard deviation of skill (default 100 and 15, IQ points).

    Returns
    -------
    Economy
        With :math:`\beta = 0` where ``median == mean`` (no returns to skill).

    Raises
    ------
    ValueError
        If ``median > mean``, an argument is out of range (``median``, ``mean`` and
        ``sigma`` must be positive), NaN or infinite, or the shapes do not broadcast.
    TypeError
        If an argument is not made of real numbers.

    Examples
    --------
    >>> eco = calibrate(median=50_000.0, mean=65_000.0)
    >>> round(float(eco.beta), 5)
    0.04829
    >>> bool(np.isclose(eco.mean, 65_000.0))
    True
    """
    median = as_float("median", median, low=0, low_open=True)
    mean = as_float("mean", mean, low=0, low_open=True)
    mu_arr = as_float("mu", mu)
    sigma_arr = as_float("sigma", sigma, low=0, low_open=True)
    median, mean, mu_arr, sigma_arr = broadcast(median=median, mean=mean, mu=mu_arr, sigma=sigma_arr)
    if (median > mean).any():
        raise ValueError("calibrate needs median <= mean (a lognormal's mean is never below its "
                         f"median); got median {median[median > mean].tolist()} > mean "
                         f"{mean[median > mean].tolist()}")
    beta = np.sqrt(2.0 * np.log(mean / median)) / sigma_arr
    log_A = np.log(median) - beta * mu_arr
    return Economy(A=np.exp(log_A), beta=beta, mu=mu_arr, sigma=sigma_arr)


def calibrate_series(table, median="median_real", mean="mean_real", mu=100.0, sigma=15.0):
    r"""Calibrate every row of a table of medians and means.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per year (or per group) with a median and a mean column.
    median, mean : str
        The names of those columns.
    mu, sigma : float
        Mean and standard deviation of skill (default 100 and 15).

    Returns
    -------
    pandas.DataFrame
        The table's index with columns ``median``, ``mean``, ``mean_median_ratio``,
        ``beta``, ``A``, ``tau`` and ``gini`` (the Gini the lognormal implies).

    Raises
    ------
    TypeError
        If ``table`` is not a :class:`pandas.DataFrame`.
    ValueError
        If a column is absent or has missing values (naming the rows), or a row
        fails :func:`calibrate` (median above mean, non-positive values).

    Examples
    --------
    >>> t = pd.DataFrame({"median_real": [50_000.0, 60_000.0],
    ...                   "mean_real": [60_000.0, 80_000.0]}, index=[1990, 2000])
    >>> calibrate_series(t)["beta"].round(4).tolist()
    [0.0403, 0.0506]
    """
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"table must be a pandas.DataFrame; got {type(table).__name__}")
    for column in (median, mean):
        if column not in table.columns:
            raise ValueError(f"table has no column {column!r}; its columns are {list(table.columns)}")
    if table[[median, mean]].isna().any().any():
        rows = table.index[table[[median, mean]].isna().any(axis=1)].tolist()
        raise ValueError(f"table has missing {median!r} or {mean!r} in rows {rows}")
    economy = calibrate(table[median].to_numpy(float), table[mean].to_numpy(float), mu=mu, sigma=sigma)
    return pd.DataFrame({
        "median": economy.median,
        "mean": economy.mean,
        "mean_median_ratio": economy.mean_median_ratio,
        "beta": economy.beta,
        "A": economy.A,
        "tau": economy.tau,
        "gini": economy.gini,
    }, index=table.index)
