r"""Risk aversion and the technological plateau (MODEL.md, section 3).

Households have CRRA utility with relative risk aversion :math:`\gamma \ge 0`.
In this book we write it as :math:`u(c) = (c^{1-\gamma} - 1)/(1-\gamma)`, an
affine transformation of :math:`c^{1-\gamma}/(1-\gamma)` (so the same
preferences) that tends to :math:`\ln c` as :math:`\gamma \to 1`: every formula
here is continuous through :math:`\gamma = 1`.
"""

from __future__ import annotations

import numpy as np
from ._lazy import special

from ._validate import as_float, at_index, broadcast, scalar_or_array
from .wages import Economy, _with_economy, as_economy as _economy, safe_exp  # noqa: F401 (Economy: doctests)

__all__ = ["utility", "inverse_utility", "log_certainty_equivalent", "certainty_equivalent", "expected_utility",
           "risk_premium_factor", "plateau", "indifference_gamma"]


def _gamma(gamma):
    return as_float("gamma", gamma, low=0)


def _log_ce(economy, gamma):
    r""":math:`\ln CE = \ln m + (1-\gamma)\tau^2/2` and :math:`\gamma`, broadcast together."""
    log_m, tau, gamma = _with_economy(economy, ("log_median", "tau"), gamma=_gamma(gamma))
    return log_m + (1.0 - gamma) * 0.5 * tau ** 2, gamma


def utility(c, gamma):
    r"""CRRA utility :math:`u(c) = (c^{1-\gamma} - 1)/(1-\gamma)`, and :math:`\ln c` at :math:`\gamma = 1`.

    Computed as :math:`\ln c \cdot \operatorname{exprel}((1-\gamma)\ln c)` with
    :math:`\operatorname{exprel}(x) = (\exp(x) - 1)/x`, which is continuous through
    :math:`\gamma = 1`.

    Parameters
    ----------
    c : array_like
        Consumption, :math:`c > 0` (finite).
    gamma : array_like
        Relative risk aversion, :math:`\gamma \ge 0`.

    Returns
    -------
    numpy float or numpy.ndarray

    Raises
    ------
    ValueError
        If an argument is out of range, NaN or infinite, they do not broadcast, or
        the utility exceeds the largest float.

    Examples
    --------
    >>> float(utility(np.e, 1.0))
    1.0
    >>> round(float(utility(4.0, 2.0)), 6)      # (4^-1 - 1)/(-1)
    0.75
    """
    c = as_float("c", c, low=0, low_open=True)
    gamma = _gamma(gamma)
    c, gamma = broadcast(c=c, gamma=gamma)
    return _utility_of_log(np.log(c), gamma)


def inverse_utility(u, gamma):
    r"""The consumption whose utility is ``u``: :math:`c = (1 + (1-\gamma)u)^{1/(1-\gamma)}`.

    The inverse of :func:`utility` (:math:`c = \exp(u)` at :math:`\gamma = 1`).

    Parameters
    ----------
    u : array_like
        Utility (finite) with :math:`1 + (1-\gamma)u > 0`, the range of :func:`utility`.
    gamma : array_like
        Relative risk aversion, :math:`\gamma \ge 0`.

    Returns
    -------
    numpy float or numpy.ndarray

    Raises
    ------
    ValueError
        If ``u`` is outside the range of the utility function, an argument is NaN
        or infinite, they do not broadcast, or the consumption exceeds the largest float.

    Examples
    --------
    >>> round(float(inverse_utility(utility(3.0, 2.5), 2.5)), 12)
    3.0
    """
    u = as_float("u", u)
    gamma = _gamma(gamma)
    u, gamma = broadcast(u=u, gamma=gamma)
    one_minus = 1.0 - gamma
    if ((one_minus * u) <= -1.0).any():
        raise ValueError("u must satisfy 1 + (1 - gamma) * u > 0, that is u < 1/(gamma - 1) "
                         "when gamma > 1 and u > -1/(1 - gamma) when gamma < 1")
    log_c = np.where(one_minus == 0, u, np.log1p(one_minus * u) / np.where(one_minus == 0, 1.0, one_minus))
    return safe_exp(log_c, "the consumption")


def _utility_of_log(log_c, gamma):
    x = (1.0 - gamma) * log_c
    if (x > np.log(np.finfo(float).max)).any():
        raise ValueError("utility exceeds the largest float: gamma is too far below 1 for "
                         "this income level; work with log consumption instead")
    return scalar_or_array(log_c * special.exprel(x))


def log_certainty_equivalent(economy, gamma):
    r"""Log of the certainty equivalent: :math:`\ln A + \beta\mu + (1-\gamma)\tau^2/2`.

    Finite for every economy, even where :func:`certainty_equivalent` exceeds the
    largest float.

    Parameters
    ----------
    economy : janus.Economy
    gamma : array_like
        Relative risk aversion, :math:`\gamma \ge 0`.

    Returns
    -------
    numpy float or numpy.ndarray
        The economy and ``gamma`` broadcast together.

    Raises
    ------
    TypeError
        If ``economy`` is not a :class:`janus.Economy`.
    ValueError
        If ``gamma`` is negative or NaN, or does not broadcast against the economy.

    Examples
    --------
    >>> eco = Economy(A=1000.0, beta=0.04)
    >>> bool(np.isclose(log_certainty_equivalent(eco, 0.0), eco.log_mean))
    True
    """
    return scalar_or_array(_log_ce(economy, gamma)[0])


def certainty_equivalent(economy, gamma):
    r"""Certainty equivalent of the lognormal wage under CRRA utility.

    :math:`CE = A e^{\beta\mu + (1-\gamma)\tau^2/2} = m (M/m)^{1-\gamma}`: the sure
    income that a household with risk aversion :math:`\gamma` values as much as
    a random draw from ``economy``.

    Parameters
    ----------
    economy : janus.Economy
    gamma : array_like
        Relative risk aversion, :math:`\gamma \ge 0`.

    Returns
    -------
    numpy float or numpy.ndarray

    Raises
    ------
    TypeError
        If ``economy`` is not a :class:`janus.Economy`.
    ValueError
        As :func:`log_certainty_equivalent`, or if the amount exceeds the largest float.

    Examples
    --------
    >>> eco = Economy(A=1000.0, beta=0.04)
    >>> bool(np.isclose(certainty_equivalent(eco, 1.0), eco.median))
    True
    """
    return safe_exp(log_certainty_equivalent(economy, gamma), "the certainty equivalent")


def expected_utility(economy, gamma):
    r"""Expected CRRA utility of the wage, :math:`E[u(w)] = u(CE)`.

    With :math:`u(c) = (c^{1-\gamma} - 1)/(1-\gamma)` this is
    :math:`\ln CE \cdot \operatorname{exprel}((1-\gamma)\ln CE)`, where
    :math:`\operatorname{exprel}(x) = (\exp(x) - 1)/x`; it equals :math:`\ln CE`
    at :math:`\gamma = 1`.

    Parameters
    ----------
    economy : janus.Economy
    gamma : array_like
        Relative risk aversion, :math:`\gamma \ge 0`.

    Returns
    -------
    numpy float or numpy.ndarray

    Raises
    ------
    TypeError
        If ``economy`` is not a :class:`janus.Economy`.
    ValueError
        As :func:`log_certainty_equivalent`, or if the utility exceeds the largest float.

    Examples
    --------
    >>> eco = Economy(A=1000.0, beta=0.04)
    >>> bool(np.isclose(expected_utility(eco, 1.0), np.log(eco.median)))
    True
    """
    return _utility_of_log(*_log_ce(economy, gamma))


def risk_premium_factor(economy, gamma):
    r"""How many times the mean exceeds the certainty equivalent: :math:`M/CE = e^{\gamma\tau^2/2}`.

    Parameters
    ----------
    economy : janus.Economy
    gamma : array_like
        Relative risk aversion, :math:`\gamma \ge 0`.

    Returns
    -------
    numpy float or numpy.ndarray

    Raises
    ------
    TypeError
        If ``economy`` is not a :class:`janus.Economy`.
    ValueError
        As :func:`log_certainty_equivalent`, or if the factor exceeds the largest float.

    Examples
    --------
    >>> float(risk_premium_factor(Economy(A=1.0, beta=0.0), 3.0))
    1.0
    """
    tau, gamma = _with_economy(economy, ("tau",), gamma=_gamma(gamma))
    return safe_exp(gamma * 0.5 * tau ** 2, "the risk premium factor")


def plateau(gamma, mu=100.0, sigma=15.0):
    r"""The optimal technological plateau :math:`\beta^* = \mu/((\gamma - 1)\sigma^2)`.

    With :math:`A` fixed, :math:`d\ln CE/d\beta = \mu - (\gamma - 1)\beta\sigma^2`,
    so for :math:`\gamma > 1` the certainty equivalent peaks at :math:`\beta^*` and
    falls beyond it; for :math:`\gamma \le 1` it rises for ever and
    :math:`\beta^* = \infty` (the limit value, elementwise: see the domain policy
    in :mod:`janus`).

    Parameters
    ----------
    gamma : array_like
        Relative risk aversion, :math:`\gamma \ge 0`.
    mu : array_like, optional
        Mean skill, :math:`\mu > 0` (default 100).
    sigma : array_like, optional
        Standard deviation of skill, :math:`\sigma > 0` (default 15).

    Returns
    -------
    numpy float or numpy.ndarray

    Raises
    ------
    ValueError
        If an argument is out of range, NaN or infinite, or they do not broadcast.

    Examples
    --------
    >>> float(plateau(3.0))
    0.2222222222222222
    >>> float(plateau(0.5))
    inf
    """
    gamma = _gamma(gamma)
    mu = as_float("mu", mu, low=0, low_open=True)
    sigma = as_float("sigma", sigma, low=0, low_open=True)
    gamma, mu, sigma = broadcast(gamma=gamma, mu=mu, sigma=sigma)
    excess = gamma - 1.0
    with np.errstate(divide="ignore"):
        beta_star = np.where(excess > 0, mu / (np.where(excess > 0, excess, 1.0) * sigma ** 2), np.inf)
    return scalar_or_array(beta_star)


def indifference_gamma(economy_1, economy_2):
    r"""The risk aversion :math:`\gamma^*` above which economy 1 is preferred to economy 2.

    With medians :math:`m_1, m_2` and mean/median ratios :math:`r_1 < r_2`,
    :math:`\ln CE_i = \ln m_i + (1-\gamma)\ln r_i`, so households prefer economy 1
    exactly when :math:`\gamma > \gamma^* = 1 + \ln(m_2/m_1)/\ln(r_2/r_1)`.

    Raises ``ValueError`` when no such threshold exists: economy 1 must be the
    less unequal one (:math:`r_1 < r_2`), and the threshold must be
    non-negative (otherwise economy 1 is preferred at every :math:`\gamma \ge 0`).

    Parameters
    ----------
    economy_1, economy_2 : janus.Economy
        Economy 1 the less unequal; their shapes broadcast together.

    Returns
    -------
    numpy float or numpy.ndarray

    Raises
    ------
    TypeError
        If an argument is not a :class:`janus.Economy`.
    ValueError
        Naming the offending values, if for some element economy 1 is not less
        unequal, or the threshold would be negative; or if the shapes do not broadcast.

    Examples
    --------
    >>> poor_equal = Economy(A=1000.0, beta=0.03)
    >>> rich_unequal = Economy(A=1000.0, beta=0.035)
    >>> g = indifference_gamma(poor_equal, rich_unequal)
    >>> bool(np.isclose(certainty_equivalent(poor_equal, g), certainty_equivalent(rich_unequal, g)))
    True
    """
    e1 = _economy(economy_1, "economy_1")
    e2 = _economy(economy_2, "economy_2")
    log_m1, log_m2 = broadcast(economy_1=np.asarray(e1.log_median), economy_2=np.asarray(e2.log_median))
    log_r1, log_r2 = broadcast(economy_1=0.5 * np.asarray(e1.tau) ** 2,
                               economy_2=0.5 * np.asarray(e2.tau) ** 2)
    spread = log_r2 - log_r1
    if (spread <= 0).any():
        raise ValueError("indifference_gamma needs economy_1 to be less unequal than economy_2 "
                         "(mean/median ratio r1 < r2); swap the economies, or they have equal "
                         f"inequality and no threshold exists{at_index(spread <= 0)}")
    gamma_star = 1.0 + (log_m2 - log_m1) / spread
    if (gamma_star < 0).any():
        raise ValueError("no threshold gamma* >= 0 exists: economy_1 has the higher median and "
                         f"less inequality, so it is preferred at every gamma >= 0{at_index(gamma_star < 0)}")
    return scalar_or_array(gamma_star)

