r"""The education arms race (MODEL.md, section 2).

A person spends :math:`e \ge 0` on education before she learns her draw
:math:`\tilde s \sim N(\mu, \sigma^2)`; her skill is :math:`s = \tilde s + h(e)`.
With :math:`M_0 = A e^{\beta\mu + \tau^2/2}` the mean wage with no education
(``economy.mean``), her expected net income is

.. math::

   V(e) = E[w \mid e] - e = M_0 e^{\beta h(e)} - e .

Two skill technologies :math:`h` are studied: the linear :math:`h(e) = \theta e`
(:func:`skill_linear`), for which :math:`V` is strictly convex and the optimum is
a corner (:func:`optimal_linear`), and the logarithmic
:math:`h(e) = \theta\ln(1 + e/\kappa)` (:func:`skill_log`), for which
:math:`V(e) = M_0 (1 + e/\kappa)^{\beta\theta} - e` has an interior optimum while
:math:`\beta\theta < 1` and a corner once technological progress pushes
:math:`\beta` past :math:`1/\theta` (:func:`optimal_log`).

With a rent share :math:`\rho` of the skill premium (relative standing), the
symmetric Nash equilibrium (:func:`nash_spending`) spends more than the social
planner (:func:`planner_spending`) whenever :math:`\rho > 0`
(:func:`overinvestment_ratio`, :func:`welfare_loss`).

Every function takes a :class:`janus.Economy` and broadcasts its parameters
against the other arguments; results are numpy floats for scalar input, arrays
otherwise. Money is computed in logs and turned back into dollars only at the
end (:func:`janus.wages.safe_exp`), so no overflow warning can occur: an
amount that exceeds the largest float raises a :class:`ValueError`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from ._lazy import special

from ._validate import as_float, broadcast, scalar_or_array
from .wages import (LOG_FLOAT_MAX, Economy, _log_abs_expm1, _with_economy,  # noqa: F401 (Economy: doctests)
                    as_economy as _economy, safe_exp)

__all__ = [
    "Choice", "skill_linear", "skill_log", "expected_wage", "expected_net_income",
    "optimal_linear", "optimal_log", "willingness_to_pay", "wtp_exceeds_median",
    "share_not_recovering", "share_earning_below", "school_value", "optimal_school_years",
    "nash_spending", "planner_spending", "planner_corner_rho", "overinvestment_ratio",
    "social_welfare", "welfare_loss",
]

CORNER_ZERO = "corner-zero"
CORNER_MAX = "corner-max"
INTERIOR = "interior"


# --------------------------------------------------------------------- helpers
def _theta(theta):
    return as_float("theta", theta, low=0, low_open=True)


def _kappa(kappa):
    return as_float("kappa", kappa, low=0, low_open=True)


def _e(e):
    return as_float("e", e, low=0)


def _e_max(e_max):
    return as_float("e_max", e_max, low=0, low_open=True, allow_inf=True)


def _rho(rho):
    return as_float("rho", rho, low=0, high=1, high_open=True)


def _years(years):
    return as_float("years", years, low=0, low_open=True)


def _delta(delta):
    return as_float("delta", delta, low=0)


#: Broadcast an economy's attributes with checked arguments (one implementation,
#: :func:`janus.wages._with_economy`).
_setup = _with_economy


def _safe_log(x):
    """``ln x`` with ``ln 0 = -inf`` and no warning."""
    with np.errstate(divide="ignore"):
        return np.log(x)


def _log1p_interior(log_slope, log_m0, kappa, k):
    r"""The stationary point of :math:`M_0(1 + e/\kappa)^{k} - e` against a private slope.

    The first-order condition :math:`e^{\text{log_slope}} M_0 (1 + e/\kappa)^{k - 1} = \kappa`
    gives :math:`L = \ln(1 + e/\kappa) = (\text{log_slope} + \ln M_0 - \ln\kappa)/(1 - k)`,
    before the positive part. The one derivation of the interior optimum: the
    individual's (slope and exponent :math:`\beta\theta`), the Nash equilibrium
    (slope :math:`\beta\theta`, exponent :math:`\beta(1-\rho)\theta`) and the
    planner's (both :math:`\beta(1-\rho)\theta`). Needs :math:`k < 1`.
    """
    return (log_slope + log_m0 - np.log(kappa)) / (1.0 - k)


def _spending_from_log(log1p_e, kappa, what):
    r"""Spending :math:`e = \kappa(e^{L} - 1)` from :math:`L = \ln(1 + e/\kappa) \ge 0`, or a clear error."""
    if (np.log(kappa) + log1p_e > LOG_FLOAT_MAX).any():
        raise ValueError(f"{what} exceeds the largest float: beta * theta is too close to 1 for "
                         "this income level; lower beta or theta, or raise kappa")
    return kappa * np.expm1(log1p_e)


def _money(log_gross, e):
    """:math:`e^{\\text{log gross}} - e`, with ``inf`` where ``e`` is infinite."""
    unbounded = np.isinf(e)
    gross = np.asarray(safe_exp(np.where(unbounded, 0.0, log_gross), "expected income"))
    return np.where(unbounded, np.inf, gross - np.where(unbounded, 0.0, e))


@dataclass(frozen=True, eq=False)
class Choice:
    r"""The optimal education choice, as returned by :func:`optimal_linear` and :func:`optimal_log`.

    Parameters
    ----------
    e : numpy float or numpy.ndarray
        The optimal spending :math:`e^*` (``inf`` when :math:`V` is unbounded
        and no finite ``e_max`` was given).
    value : numpy float or numpy.ndarray
        The expected net income at the optimum, :math:`V(e^*)`.
    case : numpy str or numpy.ndarray of str
        ``'corner-zero'`` (no education), ``'corner-max'`` (spend the most one
        can, :math:`e^* = \bar e`) or ``'interior'`` (first-order condition).

    Examples
    --------
    >>> c = optimal_log(Economy(A=1000.0, beta=0.04), theta=12.5, kappa=10_000.0)
    >>> str(c.case), bool(c.is_corner)
    ('interior', False)
    """

    e: np.ndarray
    value: np.ndarray
    case: np.ndarray

    @property
    def is_corner(self):
        """Whether the optimum is a corner (``case != 'interior'``), elementwise.

        Examples
        --------
        >>> c = optimal_linear(Economy(A=1000.0, beta=0.04), theta=1e-4, e_max=1e5)
        >>> bool(c.is_corner)
        True
        """
        return scalar_or_array(np.asarray(self.case) != INTERIOR)


def _choice(e, value, case) -> Choice:
    out = []
    for arr in (e, value, case):
        arr = np.array(arr)
        arr.setflags(write=False)
        out.append(scalar_or_array(arr))
    return Choice(*out)


# ------------------------------------------------------------ technologies
def skill_linear(e, theta):
    r"""Linear skill technology: :math:`h(e) = \theta e` skill points.

    Parameters
    ----------
    e : array_like
        Education spending, :math:`e \ge 0` (finite).
    theta : array_like
        Skill points per unit of spending, :math:`\theta > 0`.

    Returns
    -------
    numpy float or numpy.ndarray

    Raises
    ------
    ValueError
        If an argument is out of range, NaN or infinite, or they do not broadcast.

    Examples
    --------
    >>> float(skill_linear(2.0, theta=3.0))
    6.0
    """
    e, theta = broadcast(e=_e(e), theta=_theta(theta))
    return scalar_or_array(theta * e)


def skill_log(e, theta, kappa):
    r"""Log skill technology: :math:`h(e) = \theta\ln(1 + e/\kappa)` (diminishing returns).

    :math:`\kappa` is the scale of spending: spending :math:`\kappa` adds
    :math:`\theta\ln 2` points, spending :math:`(\exp(1) - 1)\kappa` adds :math:`\theta`.

    Parameters
    ----------
    e : array_like
        Education spending, :math:`e \ge 0` (finite).
    theta : array_like
        Skill points per log unit of spending, :math:`\theta > 0`.
    kappa : array_like
        Scale of spending, :math:`\kappa > 0`.

    Returns
    -------
    numpy float or numpy.ndarray

    Raises
    ------
    ValueError
        If an argument is out of range, NaN or infinite, or they do not broadcast.

    Examples
    --------
    >>> float(skill_log(np.e - 1.0, theta=10.0, kappa=1.0))
    10.0
    """
    e, theta, kappa = broadcast(e=_e(e), theta=_theta(theta), kappa=_kappa(kappa))
    return scalar_or_array(theta * np.log1p(e / kappa))


def _log_gross(economy, e, theta, kappa):
    """Broadcast arrays and :math:`\\ln E[w | e] = \\ln M_0 + \\beta h(e)`."""
    e, theta = _e(e), _theta(theta)
    if kappa is None:
        log_m0, beta, e, theta = _setup(economy, ("log_mean", "beta"), e=e, theta=theta)
        h = theta * e
    else:
        log_m0, beta, e, theta, kappa = _setup(economy, ("log_mean", "beta"), e=e, theta=theta,
                                               kappa=_kappa(kappa))
        h = theta * np.log1p(e / kappa)
    return log_m0 + beta * h, e


def expected_wage(economy, e, theta, kappa=None):
    r"""Expected wage after spending ``e``: :math:`E[w \mid e] = M_0 e^{\beta h(e)}`.

    :math:`h` is :func:`skill_log` when ``kappa`` is given, else :func:`skill_linear`;
    with the log technology :math:`E[w \mid e] = M_0 (1 + e/\kappa)^{\beta\theta}`.

    Parameters
    ----------
    economy : janus.Economy
    e : array_like
        Education spending, :math:`e \ge 0` (finite).
    theta : array_like
        Skill points per unit of spending (linear) or per log unit (log), :math:`\theta > 0`.
    kappa : array_like, optional
        Scale of the log technology, :math:`\kappa > 0`; default: linear technology.

    Returns
    -------
    numpy float or numpy.ndarray
        The economy and the arguments broadcast together.

    Raises
    ------
    TypeError
        If ``economy`` is not a :class:`janus.Economy`.
    ValueError
        If an argument is out of range, NaN or infinite, the shapes do not
        broadcast, or the wage exceeds the largest float.

    Examples
    --------
    >>> eco = Economy(A=1000.0, beta=0.04)
    >>> bool(np.isclose(expected_wage(eco, 0.0, theta=5.0), eco.mean))
    True
    """
    log_gross, _ = _log_gross(economy, e, theta, kappa)
    return safe_exp(log_gross, "the expected wage")


def expected_net_income(economy, e, theta, kappa=None):
    r"""Expected net income :math:`V(e) = M_0 e^{\beta h(e)} - e`.

    Linear technology (``kappa=None``): :math:`V(e) = M_0 e^{\beta\theta e} - e`;
    log technology: :math:`V(e) = M_0 (1 + e/\kappa)^{\beta\theta} - e`.
    :math:`M_0 = A e^{\beta\mu + \tau^2/2}` is ``economy.mean``.

    Parameters
    ----------
    economy : janus.Economy
    e : array_like
        Education spending, :math:`e \ge 0` (finite).
    theta : array_like
        Skill points per unit of spending (linear) or per log unit (log), :math:`\theta > 0`.
    kappa : array_like, optional
        Scale of the log technology, :math:`\kappa > 0`; default: linear technology.

    Returns
    -------
    numpy float or numpy.ndarray

    Raises
    ------
    TypeError
        If ``economy`` is not a :class:`janus.Economy`.
    ValueError
        As :func:`expected_wage`.

    Examples
    --------
    >>> eco = Economy(A=1000.0, beta=0.04)
    >>> bool(np.isclose(expected_net_income(eco, 0.0, theta=5.0), eco.mean))
    True
    >>> v = expected_net_income(eco, 1000.0, theta=0.001)      # h = 1 point
    >>> bool(np.isclose(v, eco.mean * np.exp(0.04) - 1000.0))
    True
    """
    log_gross, e = _log_gross(economy, e, theta, kappa)
    return scalar_or_array(np.asarray(safe_exp(log_gross, "expected income")) - e)


# ----------------------------------------------------------------- optima
def optimal_linear(economy, theta, e_max) -> Choice:
    r"""Optimal spending with the linear technology :math:`h(e) = \theta e`: a corner.

    :math:`V(e) = M_0 e^{\beta\theta e} - e` is strictly convex, so a stationary
    point is a minimum and the best spending on :math:`[0, \bar e]` is a
    corner: full investment :math:`e^* = \bar e` iff

    .. math:: M_0 e^{\beta\theta\bar e} - \bar e > M_0 ,

    else :math:`e^* = 0` (a tie goes to no education). With :math:`\bar e = \infty`
    and :math:`\beta > 0`, :math:`V` is unbounded: :math:`e^* = V(e^*) = \infty`,
    case ``'corner-max'`` (the corner value, elementwise: see the domain policy
    in :mod:`janus`).

    Parameters
    ----------
    economy : janus.Economy
    theta : array_like
        Skill points per unit of spending, :math:`\theta > 0`.
    e_max : array_like
        The most the person can spend (budget, credit or time), :math:`\bar e > 0`
        (``inf`` allowed).

    Returns
    -------
    Choice
        Fields ``e``, ``value`` and ``case`` (``'corner-zero'`` or ``'corner-max'``).

    Raises
    ------
    TypeError
        If ``economy`` is not a :class:`janus.Economy`.
    ValueError
        If an argument is out of range or NaN, the shapes do not broadcast, or
        :math:`V(\bar e)` exceeds the largest float.

    Examples
    --------
    >>> eco = Economy(A=1000.0, beta=0.04)
    >>> c = optimal_linear(eco, theta=1e-4, e_max=[100_000.0, 1_000_000.0])
    >>> c.case.tolist()
    ['corner-zero', 'corner-max']
    >>> c.e.tolist()
    [0.0, 1000000.0]
    """
    theta, e_max = _theta(theta), _e_max(e_max)
    log_m0, beta, theta, e_max = _setup(economy, ("log_mean", "beta"), theta=theta, e_max=e_max)
    slope = beta * theta
    unbounded = np.isinf(e_max)
    x = slope * np.where(unbounded, 1.0, e_max)              # beta theta e_max
    # V(e_max) - M0 = M0 (e^x - 1) - e_max > 0, compared in logs.
    full = np.where(unbounded, slope > 0, log_m0 + _log_abs_expm1(x) > _safe_log(e_max))
    e = np.where(full, e_max, 0.0)
    value = _money(np.where(full, log_m0 + x, log_m0), e)
    case = np.where(full, CORNER_MAX, CORNER_ZERO)
    return _choice(e, value, case)


def optimal_log(economy, theta, kappa, e_max=np.inf) -> Choice:
    r"""Optimal spending with the log technology :math:`h(e) = \theta\ln(1 + e/\kappa)`.

    :math:`V(e) = M_0 (1 + e/\kappa)^{\beta\theta} - e` on :math:`[0, \bar e]`.

    * :math:`\beta\theta < 1`: :math:`V` is concave and the first-order condition gives

      .. math:: e^* = \kappa\left[\left(\frac{\beta\theta M_0}{\kappa}\right)^{1/(1-\beta\theta)} - 1\right]^+,

      equivalently :math:`e^* + \kappa = \beta\theta\,E[w \mid e^*]`: spending is a
      share :math:`\beta\theta` of expected income. Case ``'interior'``; ``'corner-zero'``
      when the bracket is :math:`\le 0`; ``'corner-max'`` (:math:`e^* = \bar e`) when
      the cap binds.
    * :math:`\beta\theta \ge 1`: :math:`V` is convex, the optimum is a corner:
      :math:`\bar e` iff :math:`M_0[(1 + \bar e/\kappa)^{\beta\theta} - 1] > \bar e`, else 0.
      Technological progress (:math:`\beta` rising past :math:`1/\theta`) turns the
      interior solution into a corner: the arms race.

    With the default :math:`\bar e = \infty` and an unbounded :math:`V`
    (:math:`\beta\theta > 1`, or :math:`\beta\theta = 1` and :math:`M_0 > \kappa`),
    the result is the corner value :math:`e^* = V(e^*) = \infty` with case
    ``'corner-max'``, elementwise (the domain policy of :mod:`janus`: a sweep over
    :math:`\beta` can cross :math:`1/\theta`); pass a finite ``e_max`` for a finite answer.

    Parameters
    ----------
    economy : janus.Economy
    theta : array_like
        Skill points per log unit of spending, :math:`\theta > 0`.
    kappa : array_like
        Scale of spending, :math:`\kappa > 0`.
    e_max : array_like, optional
        The most the person can spend, :math:`\bar e > 0` (default :math:`\infty`).

    Returns
    -------
    Choice
        Fields ``e``, ``value`` and ``case``.

    Raises
    ------
    TypeError
        If ``economy`` is not a :class:`janus.Economy`.
    ValueError
        If an argument is out of range or NaN, the shapes do not broadcast, or a
        finite optimum or its value exceeds the largest float.

    Examples
    --------
    >>> eco = Economy(A=1000.0, beta=0.04)
    >>> c = optimal_log(eco, theta=12.5, kappa=10_000.0)      # beta theta = 0.5
    >>> str(c.case)
    'interior'
    >>> bool(np.isclose(c.e + 10_000.0, 0.5 * expected_wage(eco, c.e, 12.5, 10_000.0)))
    True
    >>> c = optimal_log(eco, theta=[12.5, 30.0], kappa=10_000.0, e_max=1e6)
    >>> c.case.tolist()
    ['interior', 'corner-max']
    """
    theta, kappa, e_max = _theta(theta), _kappa(kappa), _e_max(e_max)
    log_m0, beta, theta, kappa, e_max = _setup(economy, ("log_mean", "beta"), theta=theta,
                                               kappa=kappa, e_max=e_max)
    k0 = beta * theta
    log_cap = np.log1p(e_max / kappa)                     # ln(1 + e_max/kappa), inf if no cap
    concave = k0 < 1
    # Concave case: L = ln(1 + e*/kappa) before the positive part and the cap.
    L = _log1p_interior(_safe_log(k0), log_m0, kappa, np.where(concave, k0, 0.0))
    interior = concave & (L > 0) & (L < log_cap)
    capped_concave = concave & (L > 0) & (L >= log_cap)
    # Convex case: compare V(e_max) with V(0) = M0 in logs.
    unbounded = np.isinf(e_max)
    x = k0 * np.where(unbounded, 1.0, log_cap)
    full_convex = np.where(unbounded, (k0 > 1) | (log_m0 > np.log(kappa)),
                           log_m0 + _log_abs_expm1(x) > _safe_log(e_max))
    full = capped_concave | (~concave & full_convex)
    e_int = _spending_from_log(np.where(interior, L, 0.0), kappa, "the optimal spending")
    e = np.where(interior, e_int, np.where(full, e_max, 0.0))
    log1p_e = np.where(interior, L, np.where(full & ~unbounded, log_cap, 0.0))
    value = _money(log_m0 + k0 * log1p_e, e)
    case = np.where(interior, INTERIOR, np.where(full, CORNER_MAX, CORNER_ZERO))
    return _choice(e, value, case)


# ------------------------------------------------------- willingness to pay
def willingness_to_pay(economy, delta):
    r"""Most one would pay, before the draw, for ``delta`` more skill points.

    :math:`c^* = M_0 (e^{\beta\Delta} - 1)`: the ex-ante gain in expected income,
    so that :math:`M_0 e^{\beta\Delta} - c^* = M_0`. An alias of
    ``economy.gain(delta)`` (:meth:`janus.Economy.gain`) for :math:`\Delta \ge 0`.

    Parameters
    ----------
    economy : janus.Economy
    delta : array_like
        Skill points bought, :math:`\Delta \ge 0` (finite).

    Returns
    -------
    numpy float or numpy.ndarray

    Raises
    ------
    TypeError
        If ``economy`` is not a :class:`janus.Economy`.
    ValueError
        If ``delta`` is negative, NaN or infinite, does not broadcast against the
        economy, or :math:`c^*` exceeds the largest float.

    Examples
    --------
    >>> eco = Economy(A=1000.0, beta=0.04)
    >>> bool(np.isclose(willingness_to_pay(eco, 10.0), eco.mean * np.expm1(0.4)))
    True
    """
    return _economy(economy).gain(_delta(delta))


def wtp_exceeds_median(economy, delta):
    r"""Whether the willingness to pay exceeds median income (claim C4).

    :math:`c^* > m \iff e^{\tau^2/2}(e^{\beta\Delta} - 1) > 1`, since
    :math:`M_0 = m\,e^{\tau^2/2}`. Evaluated in logs, so it holds for economies
    whose incomes exceed the largest float.

    Parameters
    ----------
    economy : janus.Economy
    delta : array_like
        Skill points bought, :math:`\Delta \ge 0` (finite).

    Returns
    -------
    numpy.bool or numpy.ndarray of bool

    Raises
    ------
    TypeError
        If ``economy`` is not a :class:`janus.Economy` or ``delta`` not real.
    ValueError
        If ``delta`` is negative, NaN or infinite, or does not broadcast.

    Examples
    --------
    >>> eco = Economy(A=1000.0, beta=0.04)
    >>> wtp_exceeds_median(eco, [5.0, 20.0]).tolist()
    [False, True]
    """
    delta = _delta(delta)
    tau, beta, delta = _setup(economy, ("tau", "beta"), delta=delta)
    return scalar_or_array(0.5 * tau ** 2 + _log_abs_expm1(beta * delta) > 0)


def share_not_recovering(economy):
    r"""Share of those who paid :math:`c^*` whose ex-post gain falls short of it.

    The gain of a person with draw :math:`\tilde s` is
    :math:`w(\tilde s)(e^{\beta\Delta} - 1)`, less than
    :math:`c^* = M_0(e^{\beta\Delta} - 1)` exactly when :math:`w(\tilde s) < M_0`:
    everyone below the mean wage, a share :math:`\Phi(\tau/2) > 1/2` whatever
    :math:`\Delta > 0`. At :math:`\beta = 0` everyone earns the mean and nobody
    falls short: 0. An alias of ``economy.share_below_mean``
    (:attr:`janus.Economy.share_below_mean`).

    Parameters
    ----------
    economy : janus.Economy

    Returns
    -------
    numpy float or numpy.ndarray

    Raises
    ------
    TypeError
        If ``economy`` is not a :class:`janus.Economy`.

    Examples
    --------
    >>> float(share_not_recovering(Economy(A=1000.0, beta=0.0)))
    0.0
    >>> bool(share_not_recovering(Economy(A=1000.0, beta=0.04)) > 0.5)
    True
    """
    return _economy(economy).share_below_mean


def share_earning_below(economy, amount):
    r"""Share of people whose wage is below ``amount``: :math:`\Phi((\ln a - \ln m)/\tau)`.

    The wage is the economy's (no education); for wages after :math:`\Delta` points
    of education pass ``Economy(A, beta, mu + delta, sigma)``. With ``amount`` the
    willingness to pay :math:`c^* > m`, more than half earn less than the cost.
    For :math:`\beta > 0` this is ``economy.cdf(amount)`` (:meth:`janus.Economy.cdf`,
    the same implementation); at :math:`\beta = 0`, where every wage equals
    :math:`m`, it counts strictly lower wages: 0 up to :math:`m`, 1 above it
    (so that ``share_earning_below(economy, economy.mean)`` is
    ``economy.share_below_mean`` for every :math:`\beta`).

    Parameters
    ----------
    economy : janus.Economy
    amount : array_like
        Income, :math:`a \ge 0` (may be ``inf``).

    Returns
    -------
    numpy float or numpy.ndarray

    Raises
    ------
    TypeError
        If ``economy`` is not a :class:`janus.Economy`.
    ValueError
        If ``amount`` is negative or NaN, or does not broadcast against the economy.

    Examples
    --------
    >>> eco = Economy(A=1000.0, beta=0.04)
    >>> float(share_earning_below(eco, eco.median))
    0.5
    """
    eco = _economy(economy)
    amount = eco._arg("amount", amount, low=0, allow_inf=True)
    return eco._share_below(_safe_log(amount), strict=True)


# ------------------------------------------------------------- time cost
def school_value(economy, t, theta, years=40):
    r"""Lifetime expected income after :math:`t` years of school: :math:`V(t) = M_0 e^{\beta\theta t}(T - t)`.

    School adds :math:`\theta` points a year and leaves :math:`T - t` years of work.

    Parameters
    ----------
    economy : janus.Economy
    t : array_like
        Years of school, :math:`0 \le t \le T`.
    theta : array_like
        Skill points per year of school, :math:`\theta > 0`.
    years : array_like, optional
        Working life :math:`T > 0` (default 40).

    Returns
    -------
    numpy float or numpy.ndarray

    Raises
    ------
    TypeError
        If ``economy`` is not a :class:`janus.Economy`.
    ValueError
        If an argument is out of range (``t > years`` included), NaN or infinite,
        the shapes do not broadcast, or the value exceeds the largest float.

    Examples
    --------
    >>> eco = Economy(A=1000.0, beta=0.04)
    >>> bool(np.isclose(school_value(eco, 0.0, theta=2.0), 40 * eco.mean))
    True
    """
    t = as_float("t", t, low=0)
    log_m0, beta, t, theta, years = _setup(economy, ("log_mean", "beta"), t=t,
                                           theta=_theta(theta), years=_years(years))
    if (t > years).any():
        raise ValueError(f"t must be <= years (school cannot outlast the working life); "
                         f"got t = {t[t > years].tolist()[:5]}")
    gross = np.asarray(safe_exp(log_m0 + beta * theta * t, "the expected wage"))
    return scalar_or_array(gross * (years - t))


def optimal_school_years(economy, theta, years=40):
    r"""Optimal years of school when school costs working time.

    :math:`V(t) = M_0 e^{\beta\theta t}(T - t)` has
    :math:`V'(t) = M_0 e^{\beta\theta t}[\beta\theta(T - t) - 1]`, so

    .. math:: t^* = T - \frac{1}{\beta\theta} \quad\text{if } \beta\theta T > 1, \qquad t^* = 0 \text{ otherwise},

    which rises toward :math:`T` as :math:`\beta` grows.

    Parameters
    ----------
    economy : janus.Economy
    theta : array_like
        Skill points per year of school, :math:`\theta > 0`.
    years : array_like, optional
        Working life :math:`T > 0` (default 40).

    Returns
    -------
    numpy float or numpy.ndarray

    Raises
    ------
    TypeError
        If ``economy`` is not a :class:`janus.Economy`.
    ValueError
        If an argument is out of range, NaN or infinite, or the shapes do not broadcast.

    Examples
    --------
    >>> eco = Economy(A=1000.0, beta=0.05)
    >>> optimal_school_years(eco, theta=[0.4, 2.0]).tolist()     # beta theta T = 0.8, 4
    [0.0, 30.0]
    """
    beta, theta, years = _setup(economy, ("beta",), theta=_theta(theta), years=_years(years))
    c = beta * theta
    t = np.where(c * years > 1, years - 1.0 / np.where(c > 0, c, 1.0), 0.0)
    return scalar_or_array(t)


# ------------------------------------------------------ rents and the planner
def _nash_log(log_m0, beta, theta, kappa, rho, e_max):
    r""":math:`\ln(1 + e_N/\kappa)` of the symmetric Nash equilibrium, with the limit :math:`\bar e`."""
    bt = beta * theta
    k = bt * (1.0 - rho)
    concave = bt < 1
    bounded = np.isfinite(e_max)
    if (~concave & ~bounded).any():
        raise ValueError("the Nash spending needs beta * theta < 1 (only then is each person's "
                         "problem concave with an interior choice) or a finite e_max; got "
                         f"beta * theta = {bt[~concave & ~bounded].tolist()[:5]}: lower theta or "
                         "beta, or pass the spending limit e_max")
    log_cap = np.log1p(e_max / kappa)                        # inf without a limit
    # Concave private problem: the interior first-order condition, then the limit.
    L = _log1p_interior(_safe_log(bt), log_m0, kappa, np.where(concave, k, 0.0))
    L_concave = np.minimum(np.maximum(L, 0.0), log_cap)
    # Convex private problem (beta theta >= 1, finite limit): each person picks a corner.
    cap = np.where(bounded, log_cap, 1.0)
    log_gain = _log_abs_expm1(bt * cap)                          # ln[(1 + e_max/kappa)^(beta theta) - 1]
    log_emax = _safe_log(np.where(bounded, e_max, 1.0))
    zero_eq = log_m0 + log_gain <= log_emax                  # nobody gains from deviating to e_max
    cap_eq = log_m0 - bt * rho * cap + log_gain >= log_emax  # nobody gains from deviating to 0
    none = ~concave & ~zero_eq & ~cap_eq
    if none.any():
        raise ValueError("with beta * theta >= 1 and this e_max there is no symmetric Nash "
                         "equilibrium in pure strategies (everyone at 0 invites a deviation to "
                         "e_max and everyone at e_max a deviation to 0); got beta * theta = "
                         f"{bt[none].tolist()[:5]}")
    return np.where(concave, L_concave, np.where(zero_eq, 0.0, cap))


def _planner_log(log_m0, beta, theta, kappa, rho, e_max):
    r""":math:`\ln(1 + e_P/\kappa)` of the planner's choice, with the limit :math:`\bar e`."""
    k = beta * theta * (1.0 - rho)
    concave = k < 1
    bounded = np.isfinite(e_max)
    if (~concave & ~bounded).any():
        raise ValueError("the planner's problem needs k = beta * (1 - rho) * theta < 1 (else W is "
                         "convex and unbounded) or a finite e_max; got k = "
                         f"{k[~concave & ~bounded].tolist()[:5]}: lower beta or theta, raise rho, "
                         "or pass the spending limit e_max")
    log_cap = np.log1p(e_max / kappa)
    L = _log1p_interior(_safe_log(k), log_m0, kappa, np.where(concave, k, 0.0))
    L_concave = np.minimum(np.maximum(L, 0.0), log_cap)
    # Convex W (k >= 1, finite limit): the better corner, a tie going to 0.
    cap = np.where(bounded, log_cap, 1.0)
    full = log_m0 + _log_abs_expm1(k * cap) > _safe_log(np.where(bounded, e_max, 1.0))
    return np.where(concave, L_concave, np.where(full, cap, 0.0))


def _rent_logs(economy, theta, kappa, rho, e_max, which):
    """Validated, broadcast arrays and the log-spending of the Nash and/or planner choice."""
    theta, kappa, rho, e_max = _theta(theta), _kappa(kappa), _rho(rho), _e_max(e_max)
    log_m0, beta, theta, kappa, rho, e_max = _setup(economy, ("log_mean", "beta"), theta=theta,
                                                    kappa=kappa, rho=rho, e_max=e_max)
    args = (log_m0, beta, theta, kappa, rho, e_max)
    L_N = _nash_log(*args) if "N" in which else None
    L_P = _planner_log(*args) if "P" in which else None
    return log_m0, beta * (1.0 - rho) * theta, kappa, e_max, L_N, L_P


def _rent_spending(L, kappa, e_max, what):
    """Spending from its log, exactly ``e_max`` where the limit binds."""
    e = _spending_from_log(L, kappa, what)
    binds = np.isfinite(e_max) & (L >= np.log1p(e_max / kappa))
    return np.where(binds, e_max, e)


def nash_spending(economy, theta, kappa, rho=0.0, e_max=np.inf):
    r"""Symmetric Nash equilibrium spending when a share :math:`\rho` of the premium is rent.

    Wages are :math:`w_i = A e^{\beta(s_i - \rho(\bar s - \mu))}`. Taking the mean
    skill :math:`\bar s` as given, person :math:`i` maximises
    :math:`M_0 e^{-\beta\rho(\bar s - \mu)}(1 + e_i/\kappa)^{\beta\theta} - e_i` on
    :math:`[0, \bar e]`; her marginal benefit ignores that her skill lowers everyone
    else's wage. Setting :math:`\bar s - \mu = \theta\ln(1 + e_N/\kappa)` in her
    first-order condition gives, with :math:`k = \beta(1-\rho)\theta`,

    .. math:: e_N = \min\left\{\kappa\left[\left(\frac{\beta\theta M_0}{\kappa}\right)^{1/(1-k)} - 1\right]^+,\ \bar e\right\} .

    This holds when :math:`\beta\theta < 1`: the private problem is then concave,
    so the best response to the others' spending is the interior optimum cut at
    :math:`\bar e`, and the limit binds for everyone exactly when the interior
    :math:`e_N` exceeds it. At :math:`\rho = 0` this is :func:`optimal_log`'s
    :math:`e^*`.

    When :math:`\beta\theta \ge 1` the private problem is convex and each person
    picks a corner. With a finite :math:`\bar e`, "everyone spends 0" is the
    equilibrium when no one gains by deviating to :math:`\bar e`,
    :math:`M_0[(1 + \bar e/\kappa)^{\beta\theta} - 1] \le \bar e`; otherwise
    "everyone spends :math:`\bar e`" is, if no one gains by deviating to 0,
    :math:`M_0(1 + \bar e/\kappa)^{-\beta\rho\theta}[(1 + \bar e/\kappa)^{\beta\theta} - 1]
    \ge \bar e`. If neither holds there is no symmetric equilibrium in pure
    strategies.

    Parameters
    ----------
    economy : janus.Economy
        The economy without education (its mean wage is :math:`M_0`); its
        parameters broadcast against the other arguments.
    theta : array_like
        Skill points per log unit of spending, :math:`\theta > 0`.
    kappa : array_like
        Scale of spending, :math:`\kappa > 0`.
    rho : array_like, optional
        Rent share of the skill premium, :math:`0 \le \rho < 1` (default 0).
    e_max : array_like, optional
        The spending limit :math:`\bar e > 0` (default :math:`\infty`, no limit).

    Returns
    -------
    numpy float or ndarray
        The equilibrium spending :math:`e_N`, :math:`0 \le e_N \le \bar e`.

    Raises
    ------
    ValueError
        If a parameter is out of range; if :math:`\beta\theta \ge 1` without a
        finite ``e_max`` (spending is unbounded); if :math:`\beta\theta \ge 1` and
        no symmetric pure-strategy equilibrium exists; or if :math:`e_N` exceeds
        the largest float.

    Examples
    --------
    >>> eco = Economy(A=np.exp(-3.0), beta=0.03)              # median wage 1
    >>> round(float(nash_spending(eco, 20.0, 0.25, rho=0.2)), 3)          # no limit
    1.386
    >>> float(nash_spending(eco, 20.0, 0.25, rho=0.2, e_max=1.0))         # the limit binds
    1.0
    >>> bool(np.isclose(nash_spending(eco, 20.0, 0.25), optimal_log(eco, 20.0, 0.25).e))
    True
    """
    _, _, kappa, e_max, L_N, _ = _rent_logs(economy, theta, kappa, rho, e_max, "N")
    return scalar_or_array(_rent_spending(L_N, kappa, e_max, "the Nash spending"))


def planner_spending(economy, theta, kappa, rho=0.0, e_max=np.inf):
    r"""Spending that maximises social welfare :math:`W(e) = M_0(1 + e/\kappa)^k - e` on :math:`[0, \bar e]`.

    When everyone spends :math:`e`, mean skill rises by :math:`h(e)` and incomes
    only by :math:`e^{\beta(1-\rho)h(e)} = (1 + e/\kappa)^k`, with
    :math:`k = \beta(1-\rho)\theta`. For :math:`k < 1`, :math:`W` is concave and

    .. math:: e_P = \min\left\{\kappa\left[\left(\frac{k M_0}{\kappa}\right)^{1/(1-k)} - 1\right]^+,\ \bar e\right\} .

    For :math:`k \ge 1`, :math:`W` is convex: the planner picks :math:`\bar e` if
    :math:`M_0[(1 + \bar e/\kappa)^k - 1] > \bar e`, else 0 (and without a finite
    :math:`\bar e`, :math:`W` is unbounded: ``ValueError``).

    Parameters
    ----------
    economy : janus.Economy
        The economy without education (its mean wage is :math:`M_0`); its
        parameters broadcast against the other arguments.
    theta : array_like
        Skill points per log unit of spending, :math:`\theta > 0`.
    kappa : array_like
        Scale of spending, :math:`\kappa > 0`.
    rho : array_like, optional
        Rent share of the skill premium, :math:`0 \le \rho < 1` (default 0).
    e_max : array_like, optional
        The spending limit :math:`\bar e > 0` (default :math:`\infty`, no limit).

    Returns
    -------
    numpy float or ndarray
        The planner's spending :math:`e_P`, :math:`0 \le e_P \le \bar e`.

    Raises
    ------
    ValueError
        If a parameter is out of range; if :math:`k \ge 1` without a finite
        ``e_max``; or if :math:`e_P` exceeds the largest float.

    Examples
    --------
    >>> eco = Economy(A=np.exp(-3.0), beta=0.03)
    >>> e_P = planner_spending(eco, 20.0, 0.25, rho=0.2)
    >>> bool(e_P < nash_spending(eco, 20.0, 0.25, rho=0.2))
    True
    >>> bool(np.isclose(planner_spending(eco, 20.0, 0.25, rho=0.2, e_max=1.0), e_P))
    True
    """
    _, _, kappa, e_max, _, L_P = _rent_logs(economy, theta, kappa, rho, e_max, "P")
    return scalar_or_array(_rent_spending(L_P, kappa, e_max, "the planner's spending"))


def planner_corner_rho(economy, theta, kappa):
    r"""The rent share beyond which the planner stops educating: :math:`\bar\rho = 1 - \kappa/(\beta\theta M_0)`.

    The planner spends :math:`e_P > 0` exactly when :math:`k M_0 > \kappa` with
    :math:`k = \beta(1-\rho)\theta`, that is when :math:`\rho < \bar\rho`. A
    negative :math:`\bar\rho` means that even without rents nobody should educate
    (:math:`\beta\theta M_0 \le \kappa`). A spending limit does not move
    :math:`\bar\rho`: it caps :math:`e_P` but cannot make a zero choice positive.

    Parameters
    ----------
    economy : janus.Economy
        The economy without education (mean wage :math:`M_0`).
    theta : array_like
        Skill points per log unit of spending, :math:`\theta > 0`.
    kappa : array_like
        Scale of spending, :math:`\kappa > 0`.

    Returns
    -------
    numpy float or ndarray
        :math:`\bar\rho` (:math:`-\infty` when :math:`\beta = 0`).

    Raises
    ------
    ValueError
        If ``theta`` or ``kappa`` is out of range.

    Examples
    --------
    >>> eco = Economy(A=1000.0, beta=0.04)
    >>> rho_bar = planner_corner_rho(eco, 12.5, 10_000.0)
    >>> bool(planner_spending(eco, 12.5, 10_000.0, rho=0.99 * rho_bar) > 0)
    True
    >>> float(planner_spending(eco, 12.5, 10_000.0, rho=min(1.01 * rho_bar, 0.999)))
    0.0
    """
    log_m0, beta, theta, kappa = _setup(economy, ("log_mean", "beta"), theta=_theta(theta),
                                        kappa=_kappa(kappa))
    # 1 - kappa / (beta theta M0), with M0 kept in logs
    # (beta = 0: -inf, the planner never educates)
    return scalar_or_array(-special.expm1(np.log(kappa) - _safe_log(beta * theta) - log_m0))


def overinvestment_ratio(economy, theta, kappa, rho=0.0, e_max=np.inf):
    r"""How much private spending exceeds the social optimum: :math:`(\kappa + e_N)/(\kappa + e_P)`.

    When both are interior (:math:`k M_0 > \kappa` and :math:`e_N < \bar e`),

    .. math:: \frac{\kappa + e_N}{\kappa + e_P} = \left(\frac{1}{1-\rho}\right)^{1/(1-k)},

    which is 1 at :math:`\rho = 0`, above 1 for every :math:`\rho > 0` (claim C6),
    and rises with :math:`\rho` and with :math:`\beta`. When the planner's choice is
    the corner :math:`e_P = 0` it is :math:`1 + e_N/\kappa`: still rising with
    :math:`\beta`, but falling with :math:`\rho` (a larger rent share lowers
    :math:`k`, hence :math:`e_N`, while :math:`e_P` stays at 0). When the limit
    binds for the market, :math:`e_N = \bar e`, the ratio is
    :math:`(\kappa + \bar e)/(\kappa + e_P)`, and 1 (no overinvestment) while the
    limit binds for the planner too. See :func:`nash_spending` for the case
    :math:`\beta\theta \ge 1`.

    Parameters
    ----------
    economy : janus.Economy
        The economy without education (its mean wage is :math:`M_0`); its
        parameters broadcast against the other arguments.
    theta : array_like
        Skill points per log unit of spending, :math:`\theta > 0`.
    kappa : array_like
        Scale of spending, :math:`\kappa > 0`.
    rho : array_like, optional
        Rent share of the skill premium, :math:`0 \le \rho < 1` (default 0).
    e_max : array_like, optional
        The spending limit :math:`\bar e > 0` (default :math:`\infty`, no limit).

    Returns
    -------
    numpy float or ndarray
        The ratio, at least 1.

    Raises
    ------
    ValueError
        As :func:`nash_spending` and :func:`planner_spending`.

    Examples
    --------
    >>> eco = Economy(A=np.exp(-3.0), beta=0.03)              # median wage 1
    >>> r = overinvestment_ratio(eco, 20.0, 0.25, rho=[0.0, 0.2])
    >>> bool(r[0] == 1.0), bool(np.isclose(r[1], (1 / 0.8) ** (1 / (1 - 0.48))))
    (True, True)
    >>> round(float(overinvestment_ratio(eco, 20.0, 0.25, rho=0.2, e_max=1.0)), 3)
    1.174
    """
    _, _, _, _, L_N, L_P = _rent_logs(economy, theta, kappa, rho, e_max, "NP")
    return safe_exp(L_N - L_P, "the overinvestment ratio")


def social_welfare(economy, e, theta, kappa, rho=0.0):
    r"""Social welfare when everyone spends ``e``: :math:`W(e) = M_0(1 + e/\kappa)^k - e`.

    Mean income net of the cost, with :math:`k = \beta(1-\rho)\theta`: the rent
    share :math:`\rho` of the skill premium is a transfer, not output.

    Parameters
    ----------
    economy : janus.Economy
        The economy without education (mean wage :math:`M_0`).
    e : array_like
        Spending per person, :math:`e \ge 0` (finite).
    theta : array_like
        Skill points per log unit of spending, :math:`\theta > 0`.
    kappa : array_like
        Scale of spending, :math:`\kappa > 0`.
    rho : array_like, optional
        Rent share, :math:`0 \le \rho < 1` (default 0).

    Returns
    -------
    numpy float or ndarray
        :math:`W(e)`.

    Raises
    ------
    ValueError
        If a parameter is out of range or :math:`W` exceeds the largest float.

    Examples
    --------
    >>> eco = Economy(A=1000.0, beta=0.04)
    >>> bool(np.isclose(social_welfare(eco, 0.0, 12.5, 10_000.0, 0.3), eco.mean))
    True
    """
    e = _e(e)
    log_m0, beta, e, theta, kappa, rho = _setup(economy, ("log_mean", "beta"), e=e,
                                                theta=_theta(theta), kappa=_kappa(kappa),
                                                rho=_rho(rho))
    k = beta * (1.0 - rho) * theta
    gross = np.asarray(safe_exp(log_m0 + k * np.log1p(e / kappa), "social welfare"))
    return scalar_or_array(gross - e)


def welfare_loss(economy, theta, kappa, rho=0.0, e_max=np.inf):
    r"""Welfare lost to the arms race: :math:`W(e_P) - W(e_N) \ge 0`.

    :math:`W(e) = M_0(1 + e/\kappa)^k - e` (:func:`social_welfare`), :math:`e_N` the
    Nash and :math:`e_P` the planner's spending, both at most :math:`\bar e`. Zero at
    :math:`\rho = 0`, and zero while the limit binds for both. Rounding below zero
    (for :math:`\rho` near 0) is clipped to 0, since :math:`e_P` maximises :math:`W`
    on :math:`[0, \bar e]`.

    In money the loss is not monotone in :math:`\rho` in general: it rises with
    :math:`\rho` for a moderate race (e.g. :math:`\beta\theta = 1/2`,
    :math:`M_0/\kappa` of a few units), but when the race is intense
    (:math:`\beta\theta` near 1 or :math:`M_0/\kappa` large) it peaks at a small
    :math:`\rho`: a larger rent share lowers :math:`k` and so shrinks the whole
    race, the Nash spending included, while the ratio
    :func:`overinvestment_ratio` keeps rising.

    Parameters
    ----------
    economy : janus.Economy
        The economy without education (its mean wage is :math:`M_0`); its
        parameters broadcast against the other arguments.
    theta : array_like
        Skill points per log unit of spending, :math:`\theta > 0`.
    kappa : array_like
        Scale of spending, :math:`\kappa > 0`.
    rho : array_like, optional
        Rent share of the skill premium, :math:`0 \le \rho < 1` (default 0).
    e_max : array_like, optional
        The spending limit :math:`\bar e > 0` (default :math:`\infty`, no limit).

    Returns
    -------
    numpy float or ndarray
        :math:`W(e_P) - W(e_N)`, in the units of the wages.

    Raises
    ------
    ValueError
        As :func:`nash_spending` and :func:`planner_spending`.

    Examples
    --------
    >>> eco = Economy(A=np.exp(-3.0), beta=0.03)
    >>> float(welfare_loss(eco, 20.0, 0.25, rho=0.0))
    0.0
    >>> bool(welfare_loss(eco, 20.0, 0.25, rho=0.3) > welfare_loss(eco, 20.0, 0.25, rho=0.3, e_max=1.0) > 0)
    True
    """
    log_m0, k, kappa, e_max, L_N, L_P = _rent_logs(economy, theta, kappa, rho, e_max, "NP")
    e_N = _rent_spending(L_N, kappa, e_max, "the Nash spending")
    e_P = _rent_spending(L_P, kappa, e_max, "the planner's spending")
    w_N = np.asarray(safe_exp(log_m0 + k * L_N, "social welfare")) - e_N
    w_P = np.asarray(safe_exp(log_m0 + k * L_P, "social welfare")) - e_P
    return scalar_or_array(np.maximum(w_P - w_N, 0.0))
