"""Values of the rent functions of janus.education (without a spending limit)
against numerical optimisation and quadrature written here from MODEL.md, section 2.

The mean wage is integrated over the skill density, the Nash equilibrium is the
fixed point of the numerical best response, the planner's choice the numerical
maximum of welfare: none of them uses the closed forms under test.
"""

from __future__ import annotations

import functools
import math

import numpy as np
import pytest
from scipy import integrate, optimize, stats

from janus import Economy
from janus import education as ed

MU, SIGMA = 100.0, 15.0
# (A, beta, theta, kappa, rho): moderate and intense races, interior and corner planners
CASES = [(1000.0, 0.04, 12.5, 10_000.0, 0.2), (800.0, 0.05, 15.0, 20_000.0, 0.4),
         (1000.0, 0.03, 20.0, 5_000.0, 0.05), (1000.0, 0.04, 12.5, 10_000.0, 0.7)]


@functools.lru_cache(maxsize=None)
def base_mean(A, beta):
    """E[A exp(beta s)] for s ~ N(MU, SIGMA^2), by quadrature."""
    f = lambda s: A * math.exp(beta * s) * stats.norm.pdf(s, MU, SIGMA)  # noqa: E731
    return integrate.quad(f, MU - 12 * SIGMA, MU + 12 * SIGMA, epsabs=0, epsrel=1e-12, limit=200)[0]


def mean_income(A, beta, rho, h):
    """E[w] when everyone has h extra points and a share rho of the premium is rent:
    w = A exp(beta (s + h - rho h)), so E[w] = exp(beta (1 - rho) h) E[A exp(beta s)]."""
    return math.exp(beta * (1 - rho) * h) * base_mean(A, beta)


def welfare(A, beta, theta, kappa, rho, e):
    return mean_income(A, beta, rho, theta * math.log1p(e / kappa)) - e


def best_response(A, beta, theta, kappa, rho, e_others):
    """argmax over e of one person's expected net income when everyone else spends e_others."""
    m0 = mean_income(A, beta, 0.0, 0.0)
    shift = math.exp(-beta * rho * theta * math.log1p(e_others / kappa))
    payoff = lambda e: -(m0 * shift * (1 + e / kappa) ** (beta * theta) - e)  # noqa: E731
    grid = np.r_[0.0, np.geomspace(1e-6, 1e9, 400)]
    i = int(np.argmin(payoff(grid)))
    lo, hi = grid[max(i - 1, 0)], grid[min(i + 1, grid.size - 1)]
    res = optimize.minimize_scalar(payoff, bounds=(lo, hi), method="bounded", options={"xatol": 1e-9})
    return res.x if res.fun < payoff(0.0) else 0.0


def nash(A, beta, theta, kappa, rho):
    gap = lambda e: best_response(A, beta, theta, kappa, rho, e) - e  # noqa: E731
    if gap(0.0) <= 0:
        return 0.0
    return optimize.brentq(gap, 0.0, 1e9, xtol=1e-6, rtol=1e-10)


def planner(A, beta, theta, kappa, rho):
    res = optimize.minimize_scalar(lambda e: -welfare(A, beta, theta, kappa, rho, e),
                                   bounds=(0.0, 1e7), method="bounded", options={"xatol": 1e-6})
    return res.x if -res.fun > welfare(A, beta, theta, kappa, rho, 0.0) else 0.0


@pytest.mark.parametrize("A, beta, theta, kappa, rho", CASES)
def test_rent_functions_against_numerical_equilibrium_and_optimum(A, beta, theta, kappa, rho):
    eco = Economy(A, beta, MU, SIGMA)
    e_N, e_P = nash(A, beta, theta, kappa, rho), planner(A, beta, theta, kappa, rho)
    assert ed.nash_spending(eco, theta, kappa, rho) + kappa == pytest.approx(e_N + kappa, rel=1e-6)
    assert ed.planner_spending(eco, theta, kappa, rho) + kappa == pytest.approx(e_P + kappa, rel=1e-5)
    assert ed.overinvestment_ratio(eco, theta, kappa, rho) == pytest.approx((kappa + e_N) / (kappa + e_P),
                                                                          rel=1e-5)
    loss = welfare(A, beta, theta, kappa, rho, e_P) - welfare(A, beta, theta, kappa, rho, e_N)
    assert ed.welfare_loss(eco, theta, kappa, rho) == pytest.approx(loss, rel=1e-4, abs=1e-6 * kappa)
    for e in (0.0, e_N, 3 * kappa):
        assert ed.social_welfare(eco, e, theta, kappa, rho) == \
            pytest.approx(welfare(A, beta, theta, kappa, rho, e), rel=1e-10)


@pytest.mark.parametrize("A, beta, theta, kappa", [(1000.0, 0.04, 12.5, 10_000.0), (900.0, 0.03, 8.0, 4_000.0)])
def test_planner_corner_rho_is_where_the_planner_stops(A, beta, theta, kappa):
    rho_bar = float(ed.planner_corner_rho(Economy(A, beta, MU, SIGMA), theta, kappa))
    # the planner's marginal welfare at e = 0 is zero exactly at rho_bar (numerical derivative)
    h = 1e-3
    slope = lambda rho: (welfare(A, beta, theta, kappa, rho, h) - welfare(A, beta, theta, kappa, rho, 0.0)) / h  # noqa: E731
    root = optimize.brentq(slope, 0.0, 0.999, xtol=1e-12)
    assert rho_bar == pytest.approx(root, abs=1e-5)


def test_without_rents_by_default():
    eco = Economy(1000.0, 0.04, MU, SIGMA)
    theta, kappa = 12.5, 10_000.0
    for e in (0.0, 5_000.0):
        assert ed.social_welfare(eco, e, theta, kappa) == pytest.approx(welfare(1000.0, 0.04, theta, kappa, 0.0, e),
                                                                     rel=1e-10)
    assert ed.welfare_loss(eco, theta, kappa) == 0.0
    assert ed.overinvestment_ratio(eco, theta, kappa) == 1.0
    assert ed.nash_spending(eco, theta, kappa) == pytest.approx(ed.planner_spending(eco, theta, kappa), rel=1e-12)
