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

__all__ = ["calibrate", "calibrate_series", "calibrate_years", "gamma_star_years", "tau_from_gini",
           "calibrate_gini", "lognormal_inequality", "compare_inequality", "value_of_skill",
           "time_cost", "chain_breaks", "Trend", "linear_trend", "INEQUALITY_COLUMNS"]


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


# ---------------------------------------------------------------------------
# Calibration of the U.S. data, year by year (the calibration chapter)
# ---------------------------------------------------------------------------

def _check_table(table, columns, what="table"):
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"{what} must be a pandas.DataFrame; got {type(table).__name__}")
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ValueError(f"{what} has no column {missing[0]!r}; its columns are {list(table.columns)}")


def _select_years(table, years, what="table"):
    """The rows of ``table`` for ``years`` (all rows if None), naming any year without data."""
    if years is None:
        return table
    wanted = np.atleast_1d(np.asarray(years))
    if wanted.dtype.kind not in "iu" and not (wanted.dtype.kind == "f" and np.all(wanted == np.round(wanted))):
        raise TypeError(f"years must be integers; got {years!r}")
    wanted = wanted.astype(np.int64)
    absent = [int(y) for y in wanted if int(y) not in table.index]
    if absent:
        lo, hi = int(table.index.min()), int(table.index.max())
        raise ValueError(f"year {absent[0]} has no data in the {what} (it covers {lo}-{hi}"
                         f"{', with gaps' if len(set(table.index)) < hi - lo + 1 else ''})")
    return table.loc[wanted]


def calibrate_years(years=None, *, income=None, breaks="later", median="median_real",
                    mean="mean_real", mu=100.0, sigma=15.0, data_dir=None):
    r"""Calibrate :math:`\beta_t` and :math:`A_t` for every year of the Census income table.

    For each year :math:`t`, :math:`\beta_t = \sqrt{2\ln(M_t/m_t)}/\sigma` and
    :math:`A_t = m_t e^{-\beta_t\mu}` (:func:`calibrate`), from the real median
    :math:`m_t` and mean :math:`M_t` household income (2024 dollars).

    Parameters
    ----------
    years : int or sequence of int, optional
        The years to calibrate (default: every year of the table).
    income : pandas.DataFrame, optional
        A table indexed by year with the ``median`` and ``mean`` columns; default
        :func:`janus.load_household_income` with ``breaks`` and ``data_dir``.
    breaks : {"later", "earlier", "both"}
        Which Census estimate to use for 2013 and 2017 (see :mod:`janus.data`);
        only used when ``income`` is not given.
    median, mean : str
        The columns holding the median and the mean.
    mu, sigma : float
        Mean and standard deviation of skill (IQ points: 100 and 15).
    data_dir : str or os.PathLike, optional
        The data folder, passed to the loader.

    Returns
    -------
    pandas.DataFrame
        Indexed by year, with columns ``median``, ``mean``, ``mean_median_ratio``,
        ``beta``, ``A``, ``tau`` and ``gini`` (the Gini the lognormal implies).

    Raises
    ------
    ValueError
        Naming the year, if a year has no data, its median or mean is missing
        (NaN) or not positive, or its mean is below its median.
    TypeError
        If ``income`` is not a DataFrame or ``years`` are not integers.

    Examples
    --------
    >>> cal = calibrate_years([1975, 2024])
    >>> cal["beta"].round(4).tolist()
    [0.0371, 0.0572]
    >>> calibrate_years([1950])
    Traceback (most recent call last):
    ...
    ValueError: year 1950 has no data in the income table (it covers 1967-2024)
    """
    if income is None:
        from .data import load_household_income
        income = load_household_income(breaks, data_dir=data_dir)
    _check_table(income, (median, mean), "income")
    table = _select_years(income, years, "income table")
    for column in (median, mean):
        values = pd.to_numeric(table[column], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        bad = ~np.isfinite(values) | (values <= 0)
        if bad.any():
            year = table.index[np.flatnonzero(bad)[0]]
            raise ValueError(f"year {year}: column {column!r} must be a positive number; "
                             f"got {values[bad][0]!r}")
    m = table[median].to_numpy(dtype=float)
    M = table[mean].to_numpy(dtype=float)
    if (M < m).any():
        year = table.index[np.flatnonzero(M < m)[0]]
        i = np.flatnonzero(M < m)[0]
        raise ValueError(f"year {year}: the mean ({M[i]:g}) is below the median ({m[i]:g}); "
                         "a lognormal's mean is never below its median")
    plain = pd.DataFrame({"median_real": m, "mean_real": M}, index=table.index)
    return calibrate_series(plain, mu=mu, sigma=sigma)


def gamma_star_years(calibrated, reference=2024):
    r"""The risk aversion :math:`\gamma^*(t)` above which year :math:`t` is preferred to ``reference``.

    With medians :math:`m` and mean/median ratios :math:`r = M/m`,

    .. math::

       \gamma^*(t) = 1 + \frac{\ln(m_{\text{ref}}/m_t)}{\ln(r_{\text{ref}}/r_t)},

    the threshold of :func:`janus.indifference_gamma` for every year at once: a
    household (before its skill draw) prefers year :math:`t`'s distribution to the
    reference year's exactly when :math:`\gamma > \gamma^*(t)`. It depends only on
    medians and means, not on :math:`\mu` or :math:`\sigma`. A value below zero
    means that year :math:`t` is preferred at every :math:`\gamma \ge 0`; ``inf``
    means it is preferred at none (it is no richer than the reference and at least
    as unequal).

    Parameters
    ----------
    calibrated : pandas.DataFrame
        A table indexed by year with columns ``median`` and ``mean_median_ratio``
        (as returned by :func:`calibrate_years`).
    reference : int
        The year compared with (default 2024); it must be in the table, and it is
        left out of the result.

    Returns
    -------
    pandas.Series
        :math:`\gamma^*(t)` indexed by year, named ``gamma_star``.

    Raises
    ------
    ValueError
        If the reference year is missing or appears twice, a value is NaN, or a
        year is both richer and at least as unequal as the reference (the
        threshold then works the other way round), naming that year.

    Examples
    --------
    >>> cal = calibrate_years([1975, 2024])
    >>> g = gamma_star_years(cal)
    >>> round(float(g[1975]), 2)
    2.67
    """
    _check_table(calibrated, ("median", "mean_median_ratio"), "calibrated")
    if reference not in calibrated.index:
        raise ValueError(f"reference year {reference} has no data in calibrated")
    ref = calibrated.loc[[reference]]
    if len(ref) != 1:
        raise ValueError(f"reference year {reference} appears {len(ref)} times in calibrated; "
                         "keep one estimate (breaks='later' or 'earlier')")
    others = calibrated.drop(index=reference)
    log_m = np.log(others["median"].to_numpy(dtype=float))
    log_r = np.log(others["mean_median_ratio"].to_numpy(dtype=float))
    log_m_ref = float(np.log(ref["median"].iloc[0]))
    log_r_ref = float(np.log(ref["mean_median_ratio"].iloc[0]))
    spread = log_r_ref - log_r
    gain = log_m_ref - log_m
    if np.isnan(spread).any() or np.isnan(gain).any():
        year = others.index[np.flatnonzero(np.isnan(spread) | np.isnan(gain))[0]]
        raise ValueError(f"year {year}: median or mean_median_ratio is missing (NaN)")
    richer_unequal = (spread <= 0) & (gain < 0)
    if richer_unequal.any():
        year = others.index[np.flatnonzero(richer_unequal)[0]]
        raise ValueError(f"year {year} has a higher median and at least the inequality of the "
                         f"reference year {reference}: it is preferred by the less risk-averse, so "
                         "no threshold above which it is preferred exists; swap the roles")
    dominated = spread <= 0                        # no richer and at least as unequal: never preferred
    with np.errstate(divide="ignore"):
        gamma_star = np.where(dominated, np.inf, 1.0 + gain / np.where(dominated, 1.0, spread))
    return pd.Series(gamma_star, index=others.index, name="gamma_star")


def tau_from_gini(gini):
    r"""The spread of log income :math:`\tau` of the lognormal with a given Gini coefficient.

    The lognormal's Gini is :math:`G = 2\Phi(\tau/\sqrt2) - 1`, so
    :math:`\tau = \sqrt2\,\Phi^{-1}\big((G + 1)/2\big)`.

    Parameters
    ----------
    gini : array_like
        Gini coefficients, strictly between 0 and 1 (fractions, not percent).

    Returns
    -------
    float or numpy.ndarray
        :math:`\tau \ge 0`.

    Raises
    ------
    ValueError
        If ``gini`` is NaN or not in (0, 1).

    Examples
    --------
    >>> from janus import Economy
    >>> tau = tau_from_gini(0.397)
    >>> round(float(Economy(A=1.0, beta=tau / 15).gini), 6)
    0.397
    """
    from scipy import special

    from ._validate import scalar_or_array

    g = as_float("gini", gini, low=0, high=1, low_open=True, high_open=True)
    return scalar_or_array(np.sqrt(2.0) * special.ndtri((g + 1.0) / 2.0))


def calibrate_gini(median, gini, mu=100.0, sigma=15.0) -> Economy:
    r"""The :class:`~janus.Economy` with a given median and Gini coefficient.

    An alternative to :func:`calibrate`: the spread comes from the Gini,
    :math:`\tau = \sqrt2\,\Phi^{-1}((G+1)/2)` (:func:`tau_from_gini`), so
    :math:`\beta = \tau/\sigma` and :math:`A = m e^{-\beta\mu}`. The mean is then
    whatever this lognormal implies, not the observed mean.

    Parameters
    ----------
    median : array_like
        Median income (> 0).
    gini : array_like
        Gini coefficient, in (0, 1).
    mu, sigma : array_like, optional
        Mean and standard deviation of skill.

    Returns
    -------
    Economy

    Raises
    ------
    ValueError
        If an argument is NaN or out of range, or the shapes do not broadcast.

    Examples
    --------
    >>> eco = calibrate_gini(58_630.0, 0.397)
    >>> round(float(eco.gini), 3), round(float(eco.median))
    (0.397, 58630)
    """
    median = as_float("median", median, low=0, low_open=True)
    tau = np.asarray(tau_from_gini(gini))
    mu_arr = as_float("mu", mu)
    sigma_arr = as_float("sigma", sigma, low=0, low_open=True)
    median, tau, mu_arr, sigma_arr = broadcast(median=median, gini=tau, mu=mu_arr, sigma=sigma_arr)
    beta = tau / sigma_arr
    return Economy(A=np.exp(np.log(median) - beta * mu_arr), beta=beta, mu=mu_arr, sigma=sigma_arr)


#: Names of the inequality measures, as in :func:`janus.load_income_inequality`.
INEQUALITY_COLUMNS = ("gini", "q1_share", "q2_share", "q3_share", "q4_share", "q5_share", "top5_share")


def lognormal_inequality(tau, index=None):
    r"""The Gini, quintile shares and top-5 % share of a lognormal with spread ``tau``.

    Gini :math:`2\Phi(\tau/\sqrt2) - 1`; quintile :math:`(p_1, p_2)` share
    :math:`L(p_2) - L(p_1)` with the Lorenz curve :math:`L(p) = \Phi(\Phi^{-1}(p) - \tau)`;
    top-5 % share :math:`\Phi(\tau - \Phi^{-1}(0.95))`. Shares are **in percent**,
    like the Census table, so that the result lines up with
    :func:`janus.load_income_inequality` column by column.

    Parameters
    ----------
    tau : array_like or pandas.DataFrame
        The spread of log income (``>= 0``), 1-d, or a table with a ``tau``
        column such as :func:`calibrate_years` returns (its index is then used).
    index : sequence, optional
        Row labels (e.g. years) when ``tau`` is an array.

    Returns
    -------
    pandas.DataFrame
        Columns ``gini`` (fraction) and ``q1_share`` ... ``q5_share``, ``top5_share``
        (percent).

    Raises
    ------
    ValueError
        If ``tau`` is NaN, negative or not 1-d.

    Examples
    --------
    >>> lognormal_inequality([0.0]).round(6).iloc[0].tolist()
    [0.0, 20.0, 20.0, 20.0, 20.0, 20.0, 5.0]
    """
    from scipy import special

    if isinstance(tau, pd.DataFrame):
        _check_table(tau, ("tau",), "tau")
        index = tau.index if index is None else index
        tau = tau["tau"].to_numpy(dtype=float, na_value=np.nan)
    t = as_float("tau", tau, low=0)
    if t.ndim > 1:
        raise ValueError(f"tau must be a number or 1-d; got shape {t.shape}")
    t = np.atleast_1d(t)
    edges = np.linspace(0.0, 1.0, 6)
    lorenz = special.ndtr(special.ndtri(edges)[None, :] - t[:, None])
    shares = 100.0 * np.diff(lorenz, axis=1)
    top5 = 100.0 * special.ndtr(t - special.ndtri(0.95))
    data = {"gini": special.erf(t / 2.0)}
    data.update({f"q{i + 1}_share": shares[:, i] for i in range(5)})
    data["top5_share"] = top5
    return pd.DataFrame(data, index=index)


def compare_inequality(calibrated, census=None, *, data_dir=None):
    r"""Inequality implied by the calibrated lognormal against the Census measures, year by year.

    Parameters
    ----------
    calibrated : pandas.DataFrame
        Indexed by year with a ``tau`` column (:func:`calibrate_years`).
    census : pandas.DataFrame, optional
        Census measures indexed by year (default :func:`janus.load_income_inequality`,
        the estimates comparable with later years for 2013 and 2017).
    data_dir : str or os.PathLike, optional
        The data folder, passed to the loader.

    Returns
    -------
    pandas.DataFrame
        For the years in both tables, columns with a two-level index
        ``(measure, source)``: measure in ``gini``, ``q1_share`` ... ``top5_share``,
        source ``"census"``, ``"lognormal"`` or ``"gap"`` (lognormal minus Census).
        A measure Census did not publish for a year (the 2024 Gini, for example)
        stays missing (NaN) in the ``census`` and ``gap`` columns.

    Raises
    ------
    ValueError
        If the tables share no year, or a year appears twice in either.

    Examples
    --------
    >>> cmp = compare_inequality(calibrate_years([1975]))
    >>> float(cmp.loc[1975, ("gini", "census")])
    0.397
    >>> bool(cmp.loc[1975, ("q5_share", "gap")] < 0)    # the lognormal's top fifth is too poor
    True
    """
    if census is None:
        from .data import load_income_inequality
        census = load_income_inequality(data_dir=data_dir)
    _check_table(census, INEQUALITY_COLUMNS, "census")
    model = lognormal_inequality(calibrated)
    for name, table in (("calibrated", model), ("census", census)):
        if not table.index.is_unique:
            dup = table.index[table.index.duplicated()][0]
            raise ValueError(f"year {dup} appears twice in {name}; keep one estimate per year")
    years = model.index.intersection(census.index)
    if len(years) == 0:
        raise ValueError("calibrated and census share no year")
    frames = {}
    for column in INEQUALITY_COLUMNS:
        c = census.loc[years, column].astype(float)
        m = model.loc[years, column].astype(float)
        frames[(column, "census")] = c
        frames[(column, "lognormal")] = m
        frames[(column, "gap")] = m - c
    out = pd.DataFrame(frames, index=years)
    out.columns = pd.MultiIndex.from_tuples(out.columns, names=["measure", "source"])
    return out


def value_of_skill(economy, iq, *, points=1.0, years=1.0, rate=0.0):
    r"""What ``points`` more skill points are worth at skill ``iq``, per year or over a working life.

    The exact gain :math:`w(s)(e^{\beta\Delta} - 1)` per year, times the annuity
    factor :math:`(1 - (1 + r)^{-T})/r` for ``years`` :math:`= T` years
    (:math:`T` itself when ``rate`` is 0, the paper's undiscounted sum).

    Parameters
    ----------
    economy : Economy
        The (calibrated) economy; its parameters broadcast against ``iq``.
    iq : array_like
        Skill levels :math:`s` (IQ points).
    points : array_like, optional
        Extra skill points :math:`\Delta` (default 1).
    years : array_like, optional
        Working years :math:`T` (default 1: the value per year).
    rate : array_like, optional
        Discount rate :math:`r` (default 0), > -1.

    Returns
    -------
    float or numpy.ndarray
        Dollars (in the units of the economy's wages).

    Raises
    ------
    ValueError
        If an argument is NaN or out of range, or the shapes do not broadcast.

    Examples
    --------
    >>> from janus import Economy
    >>> eco = Economy(A=1000.0, beta=0.04)
    >>> bool(np.isclose(value_of_skill(eco, 100.0, years=40), 40 * (eco.wage(101) - eco.wage(100))))
    True
    """
    from .wages import annuity_factor, as_economy

    economy = as_economy(economy)
    iq = as_float("iq", iq)
    gain = np.asarray(economy.gain(points, s=iq))
    return _scalar(gain * np.asarray(annuity_factor(years, rate)))


def _scalar(arr):
    from ._validate import scalar_or_array
    return scalar_or_array(arr)


def time_cost(economy, iq, *, years_out=1.0, points_lost=0.0, years=40.0, rate=0.0):
    r"""Opportunity cost of time away from work or school, at skill ``iq``.

    A person of skill :math:`s` with a working life of :math:`T` years spends the
    first ``years_out`` :math:`= \ell` of them out of work (raising a child, say):
    she forgoes :math:`\ell` years of wages :math:`w(s)`, and if the time away also
    costs her ``points_lost`` :math:`= d` skill points (schooling she does not get,
    or skill that depreciates), each remaining year pays
    :math:`w(s)(1 - e^{-\beta d})` less. At discount rate :math:`r`, with the
    annuity factor :math:`a(Y) = (1 - (1+r)^{-Y})/r` (:math:`a(Y) = Y` at
    :math:`r = 0`), the present value of the cost is

    .. math::

       C = w(s)\,a(\ell) + (1 + r)^{-\ell}\, w(s)\,(1 - e^{-\beta d})\, a(T - \ell).

    Parameters
    ----------
    economy : Economy
        The (calibrated) economy; its parameters broadcast against ``iq``.
    iq : array_like
        Skill :math:`s` (IQ points).
    years_out : array_like, optional
        Years out of work :math:`\ell` (default 1), ``0 <= years_out <= years``.
    points_lost : array_like, optional
        Skill points lost :math:`d \ge 0` (default 0).
    years : array_like, optional
        Working life :math:`T` (default 40).
    rate : array_like, optional
        Discount rate :math:`r > -1` (default 0).

    Returns
    -------
    float or numpy.ndarray
        The cost in the units of the economy's wages.

    Raises
    ------
    ValueError
        If an argument is NaN or out of range (``years_out`` above ``years``,
        negative ``points_lost``), or the shapes do not broadcast.

    Examples
    --------
    >>> from janus import Economy
    >>> eco = Economy(A=1000.0, beta=0.04)
    >>> bool(np.isclose(time_cost(eco, 100.0), eco.wage(100.0)))   # one year's wage
    True
    """
    from scipy import special

    from .wages import annuity_factor, as_economy

    economy = as_economy(economy)
    iq = as_float("iq", iq)
    k = as_float("years_out", years_out, low=0)
    d = as_float("points_lost", points_lost, low=0)
    T = as_float("years", years, low=0)
    r = as_float("rate", rate, low=-1, low_open=True)
    k, T = broadcast(years_out=k, years=T)
    if (k > T).any():
        raise ValueError(f"years_out must be <= years (the working life); got years_out "
                         f"{k[k > T].tolist()} > years {T[k > T].tolist()}")
    wage = np.asarray(economy.wage(iq))
    beta = np.asarray(economy.beta)
    lost_share = -special.expm1(-beta * d)                  # 1 - exp(-beta d)
    discount = np.exp(-k * np.log1p(r))                     # (1 + r)^(-k)
    cost = wage * (np.asarray(annuity_factor(k, r))
                   + discount * lost_share * np.asarray(annuity_factor(T - k, r)))
    return _scalar(cost)


def chain_breaks(income, columns=("median_real", "mean_real")):
    r"""Put the whole income series on the later method by chain-linking at the break years.

    Census reports 2013 and 2017 twice (:data:`janus.data.BREAKS`): once comparable
    with earlier years, once with later years. Chain-linking multiplies every year
    *before* a break by the ratio of the two estimates of the break year
    (later method / earlier method), so that the series has no jump there. **This
    is the book's own adjustment**, not a Census series: it assumes the change of
    method shifted every earlier year by the same factor.

    Parameters
    ----------
    income : pandas.DataFrame
        :func:`janus.load_household_income` with ``breaks="both"`` (both rows of
        each break year, told apart by the ``method`` column).
    columns : sequence of str
        The columns to chain.

    Returns
    -------
    pandas.DataFrame
        One row per year (the later-method row at each break), with ``columns``
        chained and, for each, a column ``<column>_factor`` holding the factor
        applied to each year.

    Raises
    ------
    ValueError
        If a break year does not have exactly its two rows, or a column is missing.

    Examples
    --------
    >>> from janus import load_household_income
    >>> both = load_household_income("both")
    >>> chained = chain_breaks(both)
    >>> later = load_household_income("later")
    >>> bool(np.allclose(chained.loc[2017:, "median_real"], later.loc[2017:, "median_real"]))
    True
    >>> bool(chained.loc[1975, "median_real_factor"] > 1)   # the redesign raised measured income
    True
    """
    from .data import BREAKS

    _check_table(income, tuple(columns) + ("method",), "income")
    for year, (earlier, later) in BREAKS.items():
        rows = income.loc[income.index == year]
        methods = sorted(rows["method"].tolist())
        if methods != sorted([earlier, later]):
            raise ValueError(f"year {year}: chaining needs both Census estimates "
                             f"({earlier!r} and {later!r}); got methods {methods} "
                             "(load the table with breaks='both')")
    out = income.loc[~income["method"].isin([e for e, _ in BREAKS.values()])].copy()
    if not out.index.is_unique:
        raise ValueError("income has a repeated year outside the Census break years")
    for column in columns:
        chained = out[column].astype(float).copy()
        applied = pd.Series(1.0, index=out.index)
        for year, (earlier, later) in BREAKS.items():
            rows = income.loc[income.index == year].set_index("method")
            ratio = float(rows.loc[later, column]) / float(rows.loc[earlier, column])
            before = out.index < year
            chained[before] *= ratio
            applied[before] *= ratio
        out[column] = chained
        out[f"{column}_factor"] = applied
    return out


class Trend:
    r"""A straight line fitted by ordinary least squares, with its uncertainty.

    :math:`y_t = a + b\,(t - \bar t) + e_t` with independent normal errors of
    equal variance: **the book's choice** for extrapolating a calibrated series.
    The coefficients' covariance is :math:`\hat s^2 (X'X)^{-1}` with
    :math:`\hat s^2` the residual variance (``n - 2`` degrees of freedom), and
    intervals use Student's *t*. Autocorrelated errors, as in yearly economic
    series, make these intervals too narrow.

    Use :func:`linear_trend` to fit one.

    Attributes
    ----------
    intercept, slope : float
        :math:`a` (the fitted value at ``x0``) and :math:`b`.
    x0 : float
        The centre :math:`\bar t` of the fitted ``x``.
    cov : numpy.ndarray
        2 x 2 covariance of ``(intercept, slope)``.
    resid_sd : float
        :math:`\hat s`.
    dof : int
        Degrees of freedom, ``n - 2``.

    Examples
    --------
    >>> t = linear_trend([1990, 2000, 2010, 2020], [0.045, 0.052, 0.053, 0.057])
    >>> round(t.slope * 10, 4), round(t.slope_se * 10, 4)
    (0.0037, 0.0008)
    """

    __slots__ = ("intercept", "slope", "x0", "cov", "resid_sd", "dof")

    def __init__(self, intercept, slope, x0, cov, resid_sd, dof):
        self.intercept, self.slope, self.x0 = float(intercept), float(slope), float(x0)
        self.cov, self.resid_sd, self.dof = np.asarray(cov, dtype=float), float(resid_sd), int(dof)

    def __repr__(self) -> str:
        se = np.sqrt(np.diag(self.cov))
        return (f"Trend(intercept={self.intercept:.6g} (se {se[0]:.3g}) at x0={self.x0:g}, "
                f"slope={self.slope:.6g} (se {se[1]:.3g}), dof={self.dof})")

    @property
    def slope_se(self) -> float:
        r"""Standard error of the slope, :math:`\hat s/\sqrt{\sum_t (t - \bar t)^2}`."""
        return float(np.sqrt(self.cov[1, 1]))

    @property
    def intercept_se(self) -> float:
        """Standard error of the intercept (the fitted value at ``x0``)."""
        return float(np.sqrt(self.cov[0, 0]))

    def predict(self, x, level=0.9, kind="mean"):
        r"""Fitted values at ``x`` with a ``level`` interval.

        Parameters
        ----------
        x : array_like
            Where to evaluate the line (years).
        level : float
            Coverage of the interval, in (0, 1).
        kind : {"mean", "observation"}
            An interval for the line itself, or for a new observation (which adds
            the residual variance).

        Returns
        -------
        tuple of numpy.ndarray
            ``(fit, low, high)``.

        Raises
        ------
        ValueError
            If ``x`` is NaN, ``level`` is not in (0, 1) or ``kind`` is unknown.

        Examples
        --------
        >>> t = linear_trend([2000, 2001, 2002, 2003], [1.0, 3.1, 4.9, 7.0])
        >>> fit, low, high = t.predict(2004, level=0.9)
        >>> bool(low < fit < high), bool(t.predict(2004, kind="observation")[1] < low)
        (True, True)
        """
        from scipy import stats

        x = as_float("x", x)
        level = float(as_float("level", level, low=0, high=1, low_open=True, high_open=True))
        if kind not in ("mean", "observation"):
            raise ValueError(f"kind must be 'mean' or 'observation'; got {kind!r}")
        dx = x - self.x0
        fit = self.intercept + self.slope * dx
        var = self.cov[0, 0] + 2 * dx * self.cov[0, 1] + dx ** 2 * self.cov[1, 1]
        if kind == "observation":
            var = var + self.resid_sd ** 2
        half = stats.t.ppf(0.5 + level / 2, self.dof) * np.sqrt(var)
        return fit, fit - half, fit + half


def linear_trend(x, y) -> Trend:
    r"""Fit a straight line by ordinary least squares (the book's choice of trend model).

    Parameters
    ----------
    x, y : array_like
        1-d, of the same length (at least 3), finite; ``x`` not all equal.

    Returns
    -------
    Trend
        Coefficients, their covariance and the residual standard deviation.

    Raises
    ------
    ValueError
        If the inputs contain NaN, differ in length, have fewer than 3 points,
        or ``x`` is constant.

    Examples
    --------
    >>> t = linear_trend([2000, 2001, 2002, 2003], [1.0, 3.1, 4.9, 7.0])
    >>> round(t.slope, 3), round(float(t.predict(2004)[0]), 3)
    (1.98, 8.95)
    """
    x = as_float("x", x)
    y = as_float("y", y)
    if x.ndim != 1 or y.ndim != 1 or x.shape != y.shape:
        raise ValueError(f"x and y must be 1-d of the same length; got shapes {x.shape} and {y.shape}")
    n = x.size
    if n < 3:
        raise ValueError(f"linear_trend needs at least 3 points; got {n}")
    x0 = float(x.mean())
    dx = x - x0
    sxx = float(dx @ dx)
    if sxx == 0:
        raise ValueError("x must not be constant")
    slope = float(dx @ (y - y.mean())) / sxx
    intercept = float(y.mean())
    resid = y - intercept - slope * dx
    s2 = float(resid @ resid) / (n - 2)
    cov = np.array([[s2 / n, 0.0], [0.0, s2 / sxx]])     # x centred: the estimates are uncorrelated
    return Trend(intercept, slope, x0, cov, np.sqrt(s2), n - 2)
