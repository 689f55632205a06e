r"""The AI race: firms training models face the arms race of chapter 2 (MODEL.md, section 5).

:math:`n` firms invest :math:`I_i \in [0, B]` before they learn how good their
model turns out. A firm's capability is

.. math:: q_i = \mu_q + h(I_i) + \varepsilon_i, \qquad
          h(I) = \phi\ln(1 + I/\kappa), \qquad \varepsilon_i \sim N(0, \sigma_q^2),

with the logarithmic technology of the education chapter
(:func:`janus.education.skill_log`). Revenue has a productive part and a rent
part,

.. math:: R_i = (1 - \rho) A_q e^{\beta_q q_i} + \rho V S_i, \qquad
          S_i = \frac{e^{\lambda q_i}}{\sum_j e^{\lambda q_j}},

where the market share :math:`S_i` is a logit with network-effect strength
:math:`\lambda` (:math:`\lambda \to \infty`: the winner takes all), and profit
is :math:`\pi_i = R_i - I_i`.

**The Janus symmetry.** The productive part is the human problem with other
parameters: :math:`A_q e^{\beta_q q}` with normal :math:`q` is the lognormal
wage of :class:`janus.Economy`, its expectation after investing :math:`I` is
:func:`janus.education.expected_wage`, and the planner's choice (who counts
only the productive part, the rent being a transfer) is
:func:`janus.education.optimal_log`. :class:`Race` calls those functions; only
the rent part, a contest, is new here.

**The contest.** Since :math:`e^{\lambda q_i} \propto (\kappa + I_i)^{\lambda\phi}
e^{\lambda\varepsilon_i}`, the rent part without noise is a Tullock contest in
:math:`x_i = \kappa + I_i` with exponent :math:`r = \lambda\phi` (the book writes
it :math:`\eta`). :func:`tullock_spending` and :func:`dissipation` give its
symmetric equilibrium in closed form (with a budget); :func:`share_slope` and
:func:`expected_share` give the expected shares with noise by quadrature, and
:meth:`Race.equilibrium` the symmetric equilibrium of the whole model,
verified by maximising a firm's payoff. :meth:`Race.simulate` draws many races.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
from scipy import optimize

from . import education
from ._validate import as_float, broadcast, scalar_or_array
from .wages import Economy, as_economy

__all__ = [
    "tullock_bound", "tullock_spending", "dissipation", "share_slope", "expected_share",
    "expected_hhi", "Race", "Equilibrium", "RaceOutcome", "ConvergenceError",
    "NoEquilibriumError",
]

#: Largest noise :math:`\zeta = \lambda\sigma_q` the quadrature accepts (beyond it
#: the shares are winner-takes-all to machine precision).
MAX_NOISE = 50.0


class ConvergenceError(RuntimeError):
    """A numerical procedure did not reach its stated tolerance.

    Examples
    --------
    >>> try:
    ...     share_slope(5, 2.0, tol=1e-30)
    ... except ConvergenceError as error:
    ...     print(str(error)[:40])
    the share slope did not converge to 1e-3
    """


class NoEquilibriumError(ValueError):
    """No symmetric pure-strategy equilibrium exists for these parameters.

    A :class:`ValueError`, raised by :meth:`Race.equilibrium` when no candidate
    survives the best-response check.

    Examples
    --------
    >>> issubclass(NoEquilibriumError, ValueError)
    True
    """


# ------------------------------------------------------------------ checks
def _n(n):
    arr = as_float("n", n, low=2)
    if np.any(arr != np.floor(arr)):
        raise ValueError(f"n must be an integer >= 2 (the number of firms); got "
                         f"{arr[arr != np.floor(arr)].tolist()[:5]}")
    return arr


def _positive(name, value, allow_inf=False):
    return as_float(name, value, low=0, low_open=True, allow_inf=allow_inf)


# -------------------------------------------------------- the Tullock contest
def tullock_bound(n):
    r"""The largest Tullock exponent with a symmetric pure-strategy equilibrium: :math:`n/(n-1)`.

    Parameters
    ----------
    n : array_like
        Number of firms, an integer :math:`\ge 2`.

    Returns
    -------
    numpy float or array

    Raises
    ------
    ValueError
        If ``n`` is not an integer :math:`\ge 2`.

    Examples
    --------
    >>> float(tullock_bound(2)), float(tullock_bound(5))
    (2.0, 1.25)
    """
    n = _n(n)
    return scalar_or_array(n / (n - 1.0))


def dissipation(n, r):
    r"""Total equilibrium spending as a share of the prize in the Tullock contest: :math:`r(n-1)/n`.

    Each of :math:`n` firms wins a share :math:`x_i^r/\sum_j x_j^r` of the prize
    by spending :math:`x_i`; in the symmetric equilibrium each spends
    :math:`V r (n-1)/n^2` (:func:`tullock_spending`), so together they spend a
    share :math:`r(n-1)/n` of the prize, which reaches 1 (full dissipation) at
    the bound :math:`r = n/(n-1)`.

    Parameters
    ----------
    n : array_like
        Number of firms, an integer :math:`\ge 2`.
    r : array_like
        Tullock exponent, :math:`0 < r \le n/(n-1)`.

    Returns
    -------
    numpy float or array

    Raises
    ------
    ValueError
        If ``n`` is not an integer :math:`\ge 2`, if :math:`r \le 0`, or if
        :math:`r > n/(n-1)`, where no symmetric pure-strategy equilibrium exists
        (see :func:`tullock_spending` for what a budget changes).

    Examples
    --------
    >>> float(dissipation(2, 1.0))
    0.5
    >>> dissipation([2, 5], [2.0, 1.25]).tolist()      # at the bound: full dissipation
    [1.0, 1.0]
    """
    n, r = broadcast(n=_n(n), r=_positive("r", r))
    _check_bound(n, r, None)
    return scalar_or_array(r * (n - 1.0) / n)


def _check_bound(n, r, ok):
    bound = n / (n - 1.0)
    bad = r > bound if ok is None else (r > bound) & ~ok
    if bad.any():
        raise ValueError(
            f"no symmetric pure-strategy equilibrium exists for r > n/(n - 1): got r = "
            f"{r[bad].tolist()[:5]} with the bound n/(n - 1) = {bound[bad].tolist()[:5]}"
            + ("" if ok is None else
               "; a budget <= prize/n (the spending at which a firm's profit is zero) "
               "would make 'everyone spends the budget' the equilibrium"))


def tullock_spending(n, r, prize, budget=np.inf):
    r"""Each firm's spending in the symmetric pure-strategy equilibrium of the Tullock contest.

    :math:`n` firms spend :math:`x_i \in [0, B]`; firm :math:`i` wins a share
    :math:`x_i^r/\sum_j x_j^r` of the prize :math:`V`. Without a binding budget
    the symmetric equilibrium is

    .. math:: x^* = V\,\frac{r(n-1)}{n^2}, \qquad 0 < r \le \frac{n}{n-1},

    and with a budget :math:`B` the equilibrium spending is

    * :math:`\min(x^*, B)` for :math:`r \le n/(n-1)`: when :math:`B < x^*`,
      every firm spends its budget;
    * :math:`B` for :math:`r > n/(n-1)` if :math:`B \le V/n`: everyone spending
      the budget is an equilibrium exactly when no firm gains by spending less,
      and the most profitable deviation is to spend nothing (profit 0 against
      :math:`V/n - B`), because :math:`t^r + n - 1 \ge n t^{r-1}` on
      :math:`[0, 1]` when :math:`r \ge n/(n-1)`;
    * otherwise (:math:`r > n/(n-1)` and :math:`B > V/n`) there is no symmetric
      pure-strategy equilibrium (the firms mix) and a ``ValueError`` says so.

    Parameters
    ----------
    n : array_like
        Number of firms, an integer :math:`\ge 2`.
    r : array_like
        Tullock exponent, :math:`r > 0` (:math:`r = \lambda\phi` in the AI race).
    prize : array_like
        The rent at stake, :math:`V > 0` (:math:`\rho V` in the AI race).
    budget : array_like, optional
        Each firm's financial limit :math:`B > 0` (default :math:`\infty`).

    Returns
    -------
    numpy float or array
        Each firm's equilibrium spending; all arguments broadcast.

    Raises
    ------
    ValueError
        If ``n`` is not an integer :math:`\ge 2`, ``r``, ``prize`` or ``budget``
        is not positive, or :math:`r > n/(n-1)` with :math:`B > V/n` (the message
        names ``r`` and the bound).

    Examples
    --------
    >>> float(tullock_spending(2, 1.0, 100.0))         # V r (n - 1)/n^2
    25.0
    >>> tullock_spending(5, [0.5, 1.0], 100.0, budget=10.0).tolist()
    [8.0, 10.0]
    >>> float(tullock_spending(2, 3.0, 100.0, budget=40.0))   # r > 2, B <= V/n: the corner
    40.0
    >>> tullock_spending(2, 3.0, 100.0)
    Traceback (most recent call last):
    ...
    ValueError: no symmetric pure-strategy equilibrium exists for r > n/(n - 1): got r = [3.0] with the bound n/(n - 1) = [2.0]; a budget <= prize/n (the spending at which a firm's profit is zero) would make 'everyone spends the budget' the equilibrium
    """
    n, r, prize, budget = broadcast(n=_n(n), r=_positive("r", r), prize=_positive("prize", prize),
                                    budget=_positive("budget", budget, allow_inf=True))
    over = r > n / (n - 1.0)
    corner_ok = over & (budget <= prize / n)
    _check_bound(n, r, corner_ok)
    interior = prize * r * (n - 1.0) / n ** 2
    return scalar_or_array(np.where(over, budget, np.minimum(interior, budget)))


# ------------------------------------------------- expected shares with noise
@functools.lru_cache(maxsize=64)
def _quadrature(n: int, omega: float, level: int):
    r"""Grids for the expected share when :math:`\lambda\varepsilon_i \sim N(0, \omega^2)`.

    A logit share is the probability of being chosen by a customer with
    independent standard Gumbel tastes: :math:`s_i = P(\lambda q_i + G_i > \lambda q_j
    + G_j\ \forall j)`. With :math:`Z = \omega\xi + G` (:math:`\xi` standard
    normal), the expected share of a firm ahead by :math:`y` in log units is
    :math:`S(y) = \int f_Z(z) F_Z(z + y)^{n-1} dz`. ``F_Z`` and ``f_Z`` are
    convolutions of a normal and a Gumbel law, computed on a uniform grid by the
    trapezoidal rule (spectrally accurate for these smooth, fast-decaying
    integrands): over the normal variable when :math:`\omega < 1`, over the Gumbel
    variable otherwise, so that the integrand never varies faster than the step.
    Each level halves every step. Returns ``(z, hz, f, F, coef)``: ``coef`` holds the
    polynomial coefficients of ``F``'s cubic spline, interval ``j`` (from ``z[j]``) in
    column ``m + 1 + j`` (``m = z.size``), padded with ``m + 1`` columns on each side
    that give 0 below the grid and 1 above it (:func:`_share_at`).
    """
    from scipy.interpolate import CubicSpline
    from scipy.special import ndtr

    hz = 0.05 * max(1.0, omega / 2.0) / 2 ** level
    z = np.arange(-4.5 - 8.5 * omega, 38.0 + 8.5 * omega + hz / 2, hz)
    if omega < 1.0:
        h = 0.1 / 2 ** level
        xi = np.arange(-8.5, 8.5 + h / 2, h)
        w = np.exp(-0.5 * xi ** 2)
        u = z[:, None] - omega * xi[None, :]
    else:
        h = 0.1 / 2 ** level
        b = np.arange(-4.5, 40.0 + h / 2, h)
        w = np.exp(-b - np.exp(-b))                     # standard Gumbel density
        u = (z[:, None] - b[None, :]) / omega
    w /= w.sum()
    if omega < 1.0:
        eu = np.exp(np.minimum(-u, 700.0))
        G = np.exp(-eu)
        F, f = G @ w, (eu * G) @ w
    else:
        F, f = ndtr(u) @ w, (np.exp(-0.5 * u ** 2) / (omega * np.sqrt(2 * np.pi))) @ w
    m = z.size
    coef = np.zeros((4, 2 * (m + 1) + m - 1))
    coef[:, m + 1:2 * m] = CubicSpline(z, F).c
    coef[3, 2 * m:] = 1.0
    return z, hz, f, F, coef


def _noise(noise):
    return as_float("noise", noise, low=0, high=MAX_NOISE)


def _share_slope_level(n, omega, level):
    if omega == 0.0:
        return (n - 1.0) / n ** 2
    z, hz, f, F, _ = _quadrature(n, omega, level)
    return float((n - 1) * hz * np.sum(f ** 2 * F ** (n - 2)))


def _converge(compute, tol, what, max_level=3):
    prev = compute(0)
    for level in range(1, max_level + 1):
        cur = compute(level)
        if np.max(np.abs(cur - prev)) <= tol:
            return cur
        prev = cur
    raise ConvergenceError(f"{what} did not converge to {tol:g} after halving the quadrature "
                           f"steps {max_level} times (last change "
                           f"{float(np.max(np.abs(cur - prev))):.3g})")


def share_slope(n, noise, tol=1e-10):
    r"""How fast a firm's expected share rises with its lead, at the symmetric point: :math:`E[s_i(1 - s_i)]`.

    When all firms invest the same, firm :math:`i`'s share is
    :math:`s_i = e^{\lambda\varepsilon_i}/\sum_j e^{\lambda\varepsilon_j}`, and the
    derivative of its expected share with respect to :math:`\ln x_i` (with
    :math:`x_i = \kappa + I_i`) is :math:`r\,E[s_i(1-s_i)]`. Without noise
    :math:`E[s_i(1-s_i)] = (n-1)/n^2`, Tullock's value; noise lowers it, since
    :math:`E[s_i(1-s_i)] = (1 - E[\mathrm{HHI}])/n` and noise concentrates the
    shares ex post (:func:`expected_hhi`).

    Parameters
    ----------
    n : int
        Number of firms, an integer :math:`\ge 2`.
    noise : float
        :math:`\omega = \lambda\sigma_q`, the standard deviation of the noise in
        log-share units, :math:`0 \le \omega \le 50`.
    tol : float, optional
        Absolute tolerance: the quadrature steps are halved until two successive
        results differ by at most ``tol``.

    Returns
    -------
    numpy float

    Raises
    ------
    ValueError
        For ``n`` not an integer :math:`\ge 2` or ``noise`` out of range.
    ConvergenceError
        If the quadrature does not reach ``tol``.

    Examples
    --------
    >>> float(share_slope(5, 0.0))                     # (n - 1)/n^2
    0.16
    >>> bool(abs(share_slope(5, 1e-6) - 0.16) < 1e-6)
    True
    >>> bool(share_slope(5, 2.0) < 0.16)               # noise dampens the race
    True
    """
    n = int(_n(n)) if np.ndim(n) == 0 else _scalar_only("n")
    omega = float(_noise(noise)) if np.ndim(noise) == 0 else _scalar_only("noise")
    tol = float(_positive("tol", tol))
    return np.float64(_converge(lambda lv: _share_slope_level(n, omega, lv), tol,
                                "the share slope"))


def _scalar_only(name):
    raise ValueError(f"{name} must be a scalar here (the quadrature is computed for one "
                     f"value at a time); loop over the values")


def expected_hhi(n, noise, tol=1e-10):
    r"""Expected Herfindahl-Hirschman index :math:`E[\sum_i s_i^2]` when all firms invest the same.

    Equal to :math:`1 - n\,E[s_i(1-s_i)]` (:func:`share_slope`): :math:`1/n` without
    noise, rising toward 1 as the noise :math:`\omega = \lambda\sigma_q` grows.

    Parameters
    ----------
    n : int
        Number of firms, an integer :math:`\ge 2`.
    noise : float
        :math:`\omega = \lambda\sigma_q \in [0, 50]`.
    tol : float, optional
        Absolute tolerance of the quadrature (as in :func:`share_slope`).

    Returns
    -------
    numpy float

    Raises
    ------
    ValueError
        For bad ``n`` or ``noise``.
    ConvergenceError
        If the quadrature does not reach ``tol``.

    Examples
    --------
    >>> float(expected_hhi(4, 0.0))
    0.25
    >>> bool(expected_hhi(4, 3.0) > 0.25)
    True
    """
    return np.float64(1.0 - int(_n(n)) * share_slope(n, noise, tol))


def expected_share(lead, n, noise, tol=1e-9):
    r"""Expected market share of a firm that leads each of its :math:`n-1` rivals by ``lead``.

    The lead is in log-share units, :math:`y = \lambda(h(I_i) - h(I))`; with the
    log technology :math:`y = r\ln(x_i/x)`, :math:`x = \kappa + I`. The share is
    :math:`e^{y + \lambda\varepsilon_i}/(e^{y + \lambda\varepsilon_i} + \sum_{j\ne i}
    e^{\lambda\varepsilon_j})`, and its expectation over the noise
    (:math:`\lambda\varepsilon \sim N(0, \omega^2)`) is computed by quadrature:
    :math:`S(y) = \int f_Z(z)F_Z(z + y)^{n-1}dz` with :math:`Z` a normal plus a
    Gumbel variable (a logit share is a choice probability with Gumbel tastes).
    Without noise :math:`S(y) = e^y/(e^y + n - 1)`.

    Parameters
    ----------
    lead : array_like
        The lead :math:`y` (any real number; negative: behind).
    n : int
        Number of firms, an integer :math:`\ge 2`.
    noise : float
        :math:`\omega = \lambda\sigma_q \in [0, 50]`.
    tol : float, optional
        Absolute tolerance of the quadrature: the steps are halved until two
        successive results differ by at most ``tol`` at the symmetric point's
        slope and at the leads -4, -2, -1, 0, 1, 2, 4 (the level found is cached
        for each ``n``, ``noise`` and ``tol``).

    Returns
    -------
    numpy float or array

    Raises
    ------
    ValueError
        For bad ``n`` or ``noise``.
    ConvergenceError
        If the quadrature does not reach ``tol``.

    Examples
    --------
    >>> round(float(expected_share(0.0, 4, 1.5)), 9)   # symmetric: 1/n
    0.25
    >>> bool(np.isclose(expected_share(1.0, 3, 0.0), np.e / (np.e + 2)))
    True
    """
    y = as_float("lead", lead)
    n = int(_n(n)) if np.ndim(n) == 0 else _scalar_only("n")
    omega = float(_noise(noise)) if np.ndim(noise) == 0 else _scalar_only("noise")
    tol = float(_positive("tol", tol))
    if omega == 0.0:
        from scipy.special import expit
        return scalar_or_array(expit(y - np.log(n - 1.0)))
    return scalar_or_array(_share_at(y, n, omega, _level(n, omega, tol)))


_TEST_LEADS = np.array([-4.0, -2.0, -1.0, 0.0, 1.0, 2.0, 4.0])


@functools.lru_cache(maxsize=256)
def _level(n, omega, tol, max_level=3):
    """The first quadrature level that agrees with the one before to ``tol``."""
    prev = np.append(_share_at(_TEST_LEADS, n, omega, 0), _share_slope_level(n, omega, 0))
    for level in range(1, max_level + 1):
        cur = np.append(_share_at(_TEST_LEADS, n, omega, level), _share_slope_level(n, omega, level))
        change = float(np.max(np.abs(cur - prev)))
        if change <= tol:
            return level
        prev = cur
    raise ConvergenceError(f"the expected share did not converge to {tol:g} after halving the "
                           f"quadrature steps {max_level} times (last change {change:.3g})")


def _share_at(y, n, omega, level):
    """:math:`S(y) = h_z\\sum_j f_Z(z_j) F_Z(z_j + y)^{n-1}` for each lead ``y``.

    ``F_Z`` between the grid points is its cubic spline; shifting the uniform grid
    by ``y`` moves every point the same whole number of steps plus the same
    fraction of a step, so each lead evaluates the spline's polynomials on one
    slice of their coefficients (0 below the grid, 1 above it).
    """
    z, hz, f, F, coef = _quadrature(n, omega, level)
    y = np.asarray(y, dtype=float)
    flat = y.reshape(-1)
    m = z.size
    pad = m + 1                                      # columns of padding on each side
    whole = np.floor(flat / hz)
    frac = flat - whole * hz                         # in [0, hz): the same for every point
    whole = np.clip(whole, -m, m).astype(np.intp)    # further out, F is 0 or 1 everywhere
    out = np.empty(flat.size)
    for a, (k, d) in enumerate(zip(whole, frac)):
        c0, c1, c2, c3 = coef[:, pad + k:pad + k + m]
        Fx = ((c0 * d + c1) * d + c2) * d + c3
        np.clip(Fx, 0.0, 1.0, out=Fx)
        out[a] = hz * (_power(Fx, n - 1) @ f)
    return np.clip(out, 0.0, 1.0).reshape(y.shape)


def _power(a, k):
    """``a ** k`` for an integer ``k >= 1`` by repeated squaring (much faster than ``**``)."""
    out = None
    while True:
        if k & 1:
            out = a if out is None else out * a
        k >>= 1
        if not k:
            return out
        a = a * a


# ----------------------------------------------------------------- the race
@dataclass(frozen=True)
class Equilibrium:
    r"""A symmetric equilibrium of the AI race (:meth:`Race.equilibrium`).

    Attributes
    ----------
    spending : float
        Each firm's investment :math:`I^*`.
    case : str
        ``'interior'``, ``'corner-zero'`` or ``'corner-max'`` (everyone spends the budget).
    profit : float
        Each firm's expected profit at :math:`I^*`.
    share_slope : float
        :math:`E[s_i(1-s_i)]` at the symmetric point (:func:`share_slope`).
    best_response : float
        A firm's numerically computed best response when the others spend :math:`I^*`.
    gain : float
        What that best response gains over :math:`I^*` (at most the tolerance).
    others : tuple of float
        Every symmetric equilibrium found (usually just ``spending``).

    Examples
    --------
    >>> import janus
    >>> race = Race(5, 0.05, 20.0, 0.25, 10.0, 0.5, janus.style.running_economy(beta=0.02))
    >>> eq = race.equilibrium()
    >>> eq.case, bool(eq.gain <= 1e-7 * race.prize)
    ('interior', True)
    """

    spending: float
    case: str
    profit: float
    share_slope: float
    best_response: float
    gain: float
    others: tuple


@dataclass(frozen=True)
class RaceOutcome:
    r"""Many simulated races (:meth:`Race.simulate`).

    Attributes
    ----------
    profit : ndarray, shape (races, n)
        Ex-post profit :math:`\pi_i = R_i - I_i` of each firm in each race.
    share : ndarray, shape (races, n)
        Market shares :math:`s_i`.
    spending : ndarray, shape (n,)
        The investment of each firm.

    Examples
    --------
    >>> import janus
    >>> race = Race(5, 0.05, 20.0, 0.25, 10.0, 0.5, janus.style.running_economy(beta=0.02))
    >>> out = race.simulate(1000, seed=1)
    >>> out.profit.shape, bool(np.allclose(out.share.sum(axis=1), 1.0))
    ((1000, 5), True)
    """

    profit: np.ndarray
    share: np.ndarray
    spending: np.ndarray

    @property
    def share_losing(self):
        """Share of firms (over all races and firms) whose profit is negative."""
        return np.float64(np.mean(self.profit < 0))

    @property
    def winner_share(self):
        """The largest market share in each race, shape (races,)."""
        return self.share.max(axis=1)

    @property
    def hhi(self):
        r"""Herfindahl-Hirschman index :math:`\sum_i s_i^2` of each race, shape (races,)."""
        return np.einsum("ij,ij->i", self.share, self.share)


class Race:
    r"""The AI race of :math:`n` firms (MODEL.md, section 5).

    Parameters
    ----------
    n : int
        Number of firms, :math:`n \ge 2`.
    lam : float
        Strength of network effects :math:`\lambda > 0` in the logit shares.
    phi : float
        Capability per log unit of investment, :math:`\phi > 0`.
    kappa : float
        Scale of investment, :math:`\kappa > 0`: :math:`h(I) = \phi\ln(1 + I/\kappa)`.
    prize : float
        :math:`V > 0`; the rent at stake is :math:`\rho V`.
    rho : float
        Share of revenue that is rent, :math:`0 \le \rho \le 1`.
    economy : janus.Economy
        The productive part: capability without investment :math:`\sim N(\mu_q, \sigma_q^2)`
        and revenue :math:`A_q e^{\beta_q q}` (a scalar economy; its ``sigma`` is the
        noise :math:`\sigma_q`).
    budget : float, optional
        Each firm's financial limit :math:`B > 0` (default :math:`\infty`; needs
        :math:`\beta_q\phi < 1`, else the productive return is unbounded).

    Raises
    ------
    ValueError
        If a parameter is out of its range (naming it), not a scalar, or
        :math:`\beta_q\phi \ge 1` with no finite budget.

    Examples
    --------
    >>> import janus
    >>> race = Race(n=5, lam=0.05, phi=20.0, kappa=0.25, prize=10.0, rho=0.5,
    ...             economy=janus.style.running_economy(beta=0.02))
    >>> float(race.r), float(race.noise)
    (1.0, 0.75)
    >>> eq = race.equilibrium()
    >>> eq.case, bool(eq.spending > race.planner().e)   # rents: overinvestment
    ('interior', True)
    """

    def __init__(self, n, lam, phi, kappa, prize, rho, economy, budget=np.inf):
        if np.ndim(n) or np.ndim(lam) or np.ndim(phi) or np.ndim(kappa) or np.ndim(prize) \
                or np.ndim(rho) or np.ndim(budget):
            raise ValueError("Race takes scalar parameters; make one Race per parameter value")
        self.n = int(_n(n))
        self.lam = float(_positive("lam", lam))
        self.phi = float(_positive("phi", phi))
        self.kappa = float(_positive("kappa", kappa))
        self.prize = float(_positive("prize", prize))
        self.rho = float(as_float("rho", rho, low=0, high=1))
        self.budget = float(_positive("budget", budget, allow_inf=True))
        eco = as_economy(economy)
        if eco.shape != ():
            raise ValueError(f"economy must be a scalar Economy; got shape {eco.shape}")
        self.economy = eco
        if self.noise > MAX_NOISE:
            raise ValueError(f"lam * sigma_q must be <= {MAX_NOISE:g}; got {self.noise:g}")
        if self.k >= 1 and np.isinf(self.budget) and self.rho < 1:
            raise ValueError(f"beta_q * phi = {self.k:g} >= 1: the productive return is convex "
                             "and unbounded, so a firm spends all it can; give a finite budget")

    def __repr__(self):
        return (f"Race(n={self.n}, lam={self.lam:g}, phi={self.phi:g}, kappa={self.kappa:g}, "
                f"prize={self.prize:g}, rho={self.rho:g}, economy={self.economy!r}, "
                f"budget={self.budget:g})")

    # ------------------------------------------------------------ parameters
    @property
    def r(self):
        r"""The Tullock exponent :math:`\lambda\phi` (written :math:`\eta` in the book)."""
        return np.float64(self.lam * self.phi)

    @property
    def noise(self):
        r"""Noise in log-share units, :math:`\omega = \lambda\sigma_q`."""
        return np.float64(self.lam * float(self.economy.sigma))

    @property
    def k(self):
        r"""Elasticity of productive revenue with respect to :math:`\kappa + I`: :math:`\beta_q\phi`."""
        return np.float64(float(self.economy.beta) * self.phi)

    @property
    def rent(self):
        r"""The rent at stake, :math:`\rho V`."""
        return np.float64(self.rho * self.prize)

    # -------------------------------------------------------------- payoffs
    def productive_revenue(self, spending):
        r"""Expected productive revenue :math:`(1-\rho)M_q(1 + I/\kappa)^{\beta_q\phi}`.

        The human formula with the firm's parameters:
        :func:`janus.education.expected_wage` of the firm's economy.

        Parameters
        ----------
        spending : array_like
            Investment :math:`I \ge 0`.

        Returns
        -------
        numpy float or array

        Raises
        ------
        ValueError
            If ``spending`` is negative or NaN (``TypeError`` if it is not made of
            real numbers).

        Examples
        --------
        >>> import janus
        >>> race = Race(5, 0.05, 20.0, 0.25, 10.0, 0.5, janus.style.running_economy(beta=0.02))
        >>> bool(np.isclose(race.productive_revenue(0.0), 0.5 * race.economy.mean))
        True
        """
        spending = as_float("spending", spending, low=0)
        gross = education.expected_wage(self.economy, spending, self.phi, self.kappa)
        return scalar_or_array((1.0 - self.rho) * np.asarray(gross))

    def payoff(self, spending, others):
        r"""Expected profit of a firm investing ``spending`` when every rival invests ``others``.

        :math:`(1-\rho)M_q(1 + I_i/\kappa)^{\beta_q\phi} + \rho V S(y) - I_i` with the
        lead :math:`y = \lambda\phi\ln\frac{\kappa + I_i}{\kappa + I}` and :math:`S`
        the expected share (:func:`expected_share`).

        Parameters
        ----------
        spending : array_like
            The firm's investment, :math:`0 \le I_i \le B`.
        others : float
            Each rival's investment, :math:`0 \le I \le B`.

        Returns
        -------
        numpy float or array

        Raises
        ------
        ValueError
            If ``spending`` or ``others`` lies outside :math:`[0, B]`.

        Examples
        --------
        >>> import janus
        >>> race = Race(4, 0.05, 20.0, 0.25, 10.0, 1.0, janus.style.running_economy(beta=0.02))
        >>> round(float(race.payoff(1.0, 1.0)), 9)     # rent only, symmetric: V/n - I
        1.5
        """
        spending = as_float("spending", spending, low=0, high=self.budget)
        others = float(as_float("others", others, low=0, high=self.budget))
        lead = self.r * (np.log1p(spending / self.kappa) - np.log1p(others / self.kappa))
        share = expected_share(lead, self.n, self.noise)
        prod = self.productive_revenue(spending) if self.rho < 1 else 0.0
        return scalar_or_array(prod + self.rent * share - spending)

    def _upper(self):
        """The most a best response can spend."""
        if np.isfinite(self.budget):
            return self.budget
        # A best response earns at least the payoff of I = 0, which is >= the
        # productive revenue at 0; so (1 - rho) M_q [(1 + I/kappa)^k - 1] + rho V >= I.
        m = (1.0 - self.rho) * float(self.economy.mean)
        upper = max(self.rent + m, self.kappa)
        while m * ((1 + upper / self.kappa) ** self.k - 1.0) + self.rent >= upper:
            upper *= 2.0
        return upper

    def best_response(self, others, grid=401):
        r"""A firm's best investment when every rival invests ``others``, by numerical maximisation.

        The payoff (:meth:`payoff`) is evaluated on a grid in :math:`\ln(1 + I/\kappa)`
        over :math:`[0, B]` (or up to a bound no best response exceeds), and the best
        grid point is refined with bounded Brent (``scipy.optimize.minimize_scalar``).

        Parameters
        ----------
        others : float
            Each rival's investment, :math:`0 \le I \le B`.
        grid : int, optional
            Number of grid points before the refinement.

        Returns
        -------
        tuple of float
            The best response and its payoff.

        Raises
        ------
        ValueError
            If ``others`` lies outside :math:`[0, B]`.

        Examples
        --------
        >>> import janus
        >>> race = Race(2, 0.05, 20.0, 0.25, 8.0, 1.0, janus.style.running_economy(beta=0.02, sigma=1e-4))
        >>> I, _ = race.best_response(1.75)      # Tullock: kappa + I = rho V r/4 = 2
        >>> round(float(I), 4)
        1.75
        """
        others = float(as_float("others", others, low=0, high=self.budget))
        u_max = np.log1p(self._upper() / self.kappa)
        u = np.linspace(0.0, u_max, grid)
        spend = np.minimum(self.kappa * np.expm1(u), self._upper())
        values = self.payoff(spend, others)
        j = int(np.argmax(values))
        lo, hi = u[max(j - 1, 0)], u[min(j + 1, u.size - 1)]
        res = optimize.minimize_scalar(
            lambda v: -float(self.payoff(min(self.kappa * np.expm1(v), self._upper()), others)),
            bounds=(lo, hi), method="bounded", options={"xatol": 1e-10 * max(1.0, u_max)})
        best_i, best_v = float(spend[j]), float(values[j])
        if -res.fun > best_v:
            best_i, best_v = min(self.kappa * float(np.expm1(res.x)), self._upper()), -float(res.fun)
        return np.float64(best_i), np.float64(best_v)

    def _foc(self, spending, slope):
        r""":math:`(\kappa + I)\,\partial\Pi/\partial I_i` at the symmetric point."""
        x = self.kappa + spending
        prod = self.k * self.productive_revenue(spending) if self.rho < 1 else 0.0
        return prod + self.rent * self.r * slope - x

    def equilibrium(self, tol=1e-7):
        r"""The symmetric equilibrium, from the first-order condition, verified by best responses.

        At a symmetric interior equilibrium the first-order condition reads

        .. math:: \kappa + I^* = \beta_q\phi\,(1-\rho)M_q\left(1 + \frac{I^*}{\kappa}\right)^{\beta_q\phi}
                  + \rho V\,\lambda\phi\,E[s_i(1-s_i)],

        the human share rule of chapter 2 (:math:`e^* + \kappa = \beta\theta E[w]`) plus
        the rent term; without noise :math:`E[s_i(1-s_i)] = (n-1)/n^2` (Tullock).
        Its roots on :math:`[0, B]` (brentq), with the corners 0 and :math:`B` where the
        derivative has the right sign, are the only candidates. Each candidate is
        accepted if a firm's best response to it (:meth:`best_response`, a numerical
        maximisation) gains less than ``tol`` times the scale of the payoffs.

        Parameters
        ----------
        tol : float, optional
            Relative tolerance of the best-response check (the roots are found to
            :math:`10^{-12}` relative, the share slope to :math:`10^{-10}`).

        Returns
        -------
        Equilibrium

        Raises
        ------
        ValueError
            If ``tol`` is not positive.
        NoEquilibriumError
            If no candidate survives the best-response check (e.g. a Tullock exponent
            above :math:`n/(n-1)` with little noise and a large budget).
        ConvergenceError
            If the quadrature of the shares does not converge.

        Examples
        --------
        >>> import janus
        >>> race = Race(5, 0.05, 20.0, 0.25, 10.0, 1.0, janus.style.running_economy(beta=0.02, sigma=1e-4))
        >>> eq = race.equilibrium()          # rent only, no noise: Tullock in kappa + I
        >>> bool(np.isclose(eq.spending + 0.25, tullock_spending(5, 1.0, 10.0), rtol=1e-5))
        True
        """
        tol = float(_positive("tol", tol))
        slope = float(share_slope(self.n, self.noise))
        upper = self._upper()
        u = np.linspace(0.0, np.log1p(upper / self.kappa), 2001)
        spend = np.minimum(self.kappa * np.expm1(u), upper)
        d = np.asarray(self._foc(spend, slope), dtype=float)
        cands = []
        if d[0] <= 0:  # nobody gains from the first unit when nobody invests
            cands.append((0.0, "corner-zero"))
        for i in np.flatnonzero(np.sign(d[:-1]) * np.sign(d[1:]) < 0):
            root = optimize.brentq(lambda s: self._foc(s, slope), spend[i], spend[i + 1],
                                   xtol=1e-14, rtol=1e-12)
            cands.append((float(root), "interior"))
        if np.isfinite(self.budget) and d[-1] >= 0:
            cands.append((float(self.budget), "corner-max"))
        found = []
        tried = []
        for spending, case in cands:
            pay = float(self.payoff(spending, spending))
            best, best_pay = self.best_response(spending)
            scale = self.rent + float(self.productive_revenue(spending) if self.rho < 1 else 0.0) \
                + spending + self.kappa
            gain = max(best_pay - pay, 0.0)
            tried.append((spending, best, gain))
            if gain <= tol * scale:
                found.append(Equilibrium(np.float64(spending), case, np.float64(pay),
                                         np.float64(slope), best, np.float64(gain), ()))
        if not found:
            details = "; ".join(f"at I = {s:.6g} a firm's best response is {b:.6g}, "
                                f"gaining {g:.3g}" for s, b, g in tried)
            raise NoEquilibriumError(
                f"no symmetric pure-strategy equilibrium (eta = lam * phi = {float(self.r):g}, "
                f"n/(n - 1) = {self.n / (self.n - 1):g}, noise lam * sigma_q = "
                f"{float(self.noise):g}): {details}")
        eq = max(found, key=lambda e: e.spending)
        return Equilibrium(eq.spending, eq.case, eq.profit, eq.share_slope, eq.best_response,
                           eq.gain, tuple(float(e.spending) for e in found))

    def planner(self):
        r"""The planner's investment per firm: the productive part only, the rent being a transfer.

        The planner maximises :math:`(1-\rho)M_q(1 + I/\kappa)^{\beta_q\phi} - I` on
        :math:`[0, B]`: exactly a person's education problem of chapter 2 with the
        firm's parameters, solved by :func:`janus.education.optimal_log` on the
        economy with :math:`A = (1-\rho)A_q`. At :math:`\rho = 1` nothing is
        productive and the planner invests 0.

        Returns
        -------
        janus.education.Choice
            Fields ``e`` (the investment per firm), ``value`` and ``case``.

        Examples
        --------
        >>> import janus
        >>> race = Race(5, 0.05, 20.0, 0.25, 10.0, 0.0, janus.style.running_economy(beta=0.02))
        >>> bool(np.isclose(race.planner().e, race.equilibrium().spending, rtol=1e-6))   # no rent: efficient
        True
        """
        if self.rho >= 1.0:
            return education.Choice(np.float64(0.0), np.float64(0.0), np.str_("corner-zero"))
        eco = Economy(A=(1.0 - self.rho) * self.economy.A, beta=self.economy.beta,
                      mu=self.economy.mu, sigma=self.economy.sigma)
        return education.optimal_log(eco, self.phi, self.kappa, e_max=self.budget)

    # ----------------------------------------------------------- simulation
    def simulate(self, races=100_000, seed=None, spending=None, chunk=1 << 14):
        r"""Draw many races: ex-post profits and market shares.

        Each race draws :math:`\varepsilon_i \sim N(0, \sigma_q^2)` for every firm with
        a ``numpy.random.Generator`` seeded with ``seed``; the same seed gives the same
        races (and common random numbers across parameter values).

        Parameters
        ----------
        races : int
            Number of races.
        seed : int or numpy.random.Generator, optional
            The seed (``None``: fresh entropy).
        spending : float or array_like of shape (n,), optional
            Each firm's investment (default: the symmetric equilibrium).
        chunk : int, optional
            Races drawn at a time (memory); the result does not depend on it.

        Returns
        -------
        RaceOutcome

        Raises
        ------
        ValueError
            If ``races`` < 1, ``spending`` lies outside :math:`[0, B]` or has the wrong
            shape, or productive revenue would overflow.

        Examples
        --------
        >>> import janus
        >>> race = Race(5, 0.05, 20.0, 0.25, 10.0, 0.5, janus.style.running_economy(beta=0.02))
        >>> out = race.simulate(1000, seed=1, spending=0.5)
        >>> out.profit.shape, bool(np.allclose(out.share.sum(axis=1), 1.0))
        ((1000, 5), True)
        """
        races = int(as_float("races", races, low=1))
        if spending is None:
            spending = self.equilibrium().spending
        spend = as_float("spending", spending, low=0, high=self.budget)
        if spend.shape not in ((), (1,), (self.n,)):
            raise ValueError(f"spending must be one number or one per firm, shape ({self.n},); "
                             f"got shape {spend.shape}")
        spend = np.broadcast_to(spend, (self.n,)).astype(float)
        rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
        eco = self.economy
        sigma, beta = float(eco.sigma), float(eco.beta)
        base = float(eco.mu) + self.phi * np.log1p(spend / self.kappa)     # mu_q + h(I_i)
        log_a = np.log((1.0 - self.rho) * float(eco.A)) if self.rho < 1 else -np.inf
        top = log_a + beta * (base.max() + 40.0 * sigma)
        if top > 700:
            raise ValueError("productive revenue would overflow: lower beta_q or mu_q")
        profit = np.empty((races, self.n))
        share = np.empty((races, self.n))
        productive = self.rho < 1
        for a in range(0, races, chunk):
            b = min(races, a + chunk)
            s, p = share[a:b], profit[a:b]
            rng.standard_normal(out=s)                   # epsilon / sigma_q, in place
            s *= sigma
            s += base                                    # q = mu_q + h(I) + epsilon
            if productive:
                np.multiply(s, beta, out=p)
                p += log_a
                np.exp(p, out=p)                         # (1 - rho) A_q exp(beta_q q)
            else:
                p.fill(0.0)
            s *= self.lam                                # logits lam q
            s -= s.max(axis=1, keepdims=True)
            np.exp(s, out=s)
            s /= s.sum(axis=1, keepdims=True)            # logit market shares
            p += self.rent * s
            p -= spend                                   # profit = revenue - investment
        return RaceOutcome(profit, share, spend)
