"""Rents and the planner with a spending limit e_max, against numerical optimisation.

The Nash equilibrium is checked as a fixed point of the best response: given that
everyone else spends e_N, a person's best response, found by maximising her
expected net income numerically on [0, e_max], is e_N again. The planner's choice
is checked by maximising social welfare W numerically on [0, e_max].
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy import integrate, optimize, stats

from janus import Economy
from janus import education as ed

MU, SIGMA = 100.0, 15.0


def mean_wage(beta, median=1.0):
    """M0 by quadrature over the skill density (not the closed form)."""
    A = median * np.exp(-beta * MU)
    f = lambda s: A * np.exp(beta * s) * stats.norm.pdf(s, MU, SIGMA)
    return integrate.quad(f, MU - 12 * SIGMA, MU + 12 * SIGMA, epsabs=0, epsrel=1e-12, limit=200)[0]


def economy(beta):
    return Economy(A=np.exp(-beta * MU), beta=beta)


def argmax_on(f, upper):
    """Maximiser of f on [0, upper]: a fine grid, refined by a bounded scalar search."""
    grid = np.linspace(0.0, upper, 20001)
    values = f(grid)
    i = int(np.argmax(values))
    lo, hi = grid[max(i - 1, 0)], grid[min(i + 1, grid.size - 1)]
    if hi > lo:
        res = optimize.minimize_scalar(lambda x: -f(x), bounds=(lo, hi), method="bounded",
                                       options={"xatol": 1e-12 * max(upper, 1.0)})
        if f(res.x) >= values[i]:
            return float(res.x)
    return float(grid[i])


def best_response(beta, theta, kappa, rho, e_others, e_max):
    """A person's best response when everyone else spends e_others (numerically)."""
    m0 = mean_wage(beta)
    s_bar_minus_mu = theta * np.log1p(e_others / kappa)

    def private(e):
        e = np.asarray(e, dtype=float)
        return m0 * np.exp(beta * (theta * np.log1p(e / kappa) - rho * s_bar_minus_mu)) - e

    return argmax_on(private, e_max), private


def welfare(beta, theta, kappa, rho):
    m0 = mean_wage(beta)
    k = beta * (1 - rho) * theta
    return lambda e: m0 * (1 + np.asarray(e, dtype=float) / kappa) ** k - e


# (beta, theta, kappa, rho, e_max): the chapter's economy (theta = 20, kappa = 1/4,
# limit 1) in both regimes, and other economies where the limit binds or not.
CASES = [
    (0.03, 20.0, 0.25, 0.2, 1.0),     # Nash capped at 1, planner interior
    (0.03, 20.0, 0.25, 0.05, 1.0),    # both capped
    (0.03, 20.0, 0.25, 0.5, 1.0),     # neither capped
    (0.025, 20.0, 0.25, 0.3, 1.0),
    (0.04, 20.0, 0.25, 0.2, 1.0),     # intense race: both capped
    (0.04, 20.0, 0.25, 0.6, 1.0),
    (0.02, 20.0, 0.25, 0.1, 0.05),    # a tight limit
    (0.03, 10.0, 0.5, 0.4, 2.0),
]


@pytest.mark.parametrize("beta, theta, kappa, rho, e_max", CASES)
def test_nash_with_limit_is_a_fixed_point_of_the_best_response(beta, theta, kappa, rho, e_max):
    e_n = float(ed.nash_spending(economy(beta), theta, kappa, rho, e_max=e_max))
    assert 0.0 <= e_n <= e_max
    best, _ = best_response(beta, theta, kappa, rho, e_n, e_max)
    assert np.isclose(best + kappa, e_n + kappa, rtol=1e-6)
    # the limit binds exactly when the unconstrained equilibrium lies beyond it
    free = float(ed.nash_spending(economy(beta), theta, kappa, rho))
    assert np.isclose(e_n, min(free, e_max), rtol=1e-12)


@pytest.mark.parametrize("beta, theta, kappa, rho, e_max", CASES)
def test_planner_with_limit_maximises_welfare(beta, theta, kappa, rho, e_max):
    W = welfare(beta, theta, kappa, rho)
    e_num = argmax_on(W, e_max)
    eco = economy(beta)
    e_p = float(ed.planner_spending(eco, theta, kappa, rho, e_max=e_max))
    assert np.isclose(e_p + kappa, e_num + kappa, rtol=1e-6)
    e_n = float(ed.nash_spending(eco, theta, kappa, rho, e_max=e_max))
    ratio = ed.overinvestment_ratio(eco, theta, kappa, rho, e_max=e_max)
    assert np.isclose(ratio, (kappa + e_n) / (kappa + e_num), rtol=1e-6)
    loss = ed.welfare_loss(eco, theta, kappa, rho, e_max=e_max)
    assert np.isclose(loss, W(e_num) - W(e_n), rtol=1e-6, atol=1e-10)


def test_chapter_numbers_with_the_limit():
    """beta = 0.03, rho = 0.2: without a limit e_N = 1.386 and ratio 1.536; with e_max = 1
    the market is capped and the ratio is (kappa + 1)/(kappa + e_P), computed here from
    the planner's optimum found numerically."""
    beta, theta, kappa, rho = 0.03, 20.0, 0.25, 0.2
    eco = economy(beta)
    W = welfare(beta, theta, kappa, rho)
    e_p = argmax_on(W, 10.0)
    assert e_p < 1.0
    assert np.isclose(ed.overinvestment_ratio(eco, theta, kappa, rho, e_max=1.0),
                      (kappa + 1.0) / (kappa + e_p), rtol=1e-6)
    # when everyone spends the limit, each would like to spend more: the limit binds
    wanted, _ = best_response(beta, theta, kappa, rho, 1.0, 10.0)
    assert wanted > 1.0
    assert ed.nash_spending(eco, theta, kappa, rho, e_max=1.0) == 1.0


def test_no_overinvestment_while_the_limit_binds_for_the_planner():
    """If the limit binds for the planner it binds for the market: ratio 1, loss 0."""
    eco = economy(0.03)
    rho = np.linspace(0.0, 0.6, 121)
    e_p = ed.planner_spending(eco, 20.0, 0.25, rho, e_max=1.0)
    ratio = ed.overinvestment_ratio(eco, 20.0, 0.25, rho, e_max=1.0)
    loss = ed.welfare_loss(eco, 20.0, 0.25, rho, e_max=1.0)
    capped = e_p == 1.0
    assert capped.any() and (~capped).any()
    np.testing.assert_array_equal(ratio[capped], 1.0)
    np.testing.assert_array_equal(loss[capped], 0.0)
    # beyond that, the ratio and the loss are positive (claim C6 survives the limit)
    assert np.all(ratio[~capped] > 1.0) and np.all(loss[~capped] > 0.0)
    # the threshold: k M0 (1 + e_max/kappa)^(k-1) = kappa, i.e. W'(e_max) = 0, by brentq
    M0 = mean_wage(0.03)

    def w_prime_at_limit(r):
        k = 0.03 * 20.0 * (1 - r)
        return k * M0 / 0.25 * (1 + 1.0 / 0.25) ** (k - 1) - 1.0

    rho_star = optimize.brentq(w_prime_at_limit, 0.0, 0.6)
    np.testing.assert_array_equal(capped, rho <= rho_star)


def test_limit_broadcasts():
    eco = economy(np.array([[0.02], [0.03]]))
    e_n = ed.nash_spending(eco, 20.0, 0.25, 0.2, e_max=[0.5, 1.0, np.inf])
    assert e_n.shape == (2, 3)
    free = ed.nash_spending(eco, 20.0, 0.25, 0.2)
    np.testing.assert_allclose(e_n, np.minimum(free, [0.5, 1.0, np.inf]), rtol=1e-12)


# ----------------------------------------- beta theta >= 1: convex private problem
def test_convex_private_problem_needs_a_limit():
    with pytest.raises(ValueError, match=r"beta \* theta < 1.*finite e_max"):
        ed.nash_spending(economy(0.06), 20.0, 0.25, 0.2)
    with pytest.raises(ValueError, match=r"k = beta \* \(1 - rho\) \* theta < 1.*finite e_max"):
        ed.planner_spending(economy(0.06), 20.0, 0.25, 0.0)


@pytest.mark.parametrize("beta, rho, e_max", [(0.06, 0.2, 1.0), (0.06, 0.0, 1.0),
                                              (0.05, 0.1, 3.0), (0.07, 0.4, 0.5)])
def test_convex_nash_is_the_limit_and_a_fixed_point(beta, rho, e_max):
    theta, kappa = 20.0, 0.25
    e_n = float(ed.nash_spending(economy(beta), theta, kappa, rho, e_max=e_max))
    best, private = best_response(beta, theta, kappa, rho, e_n, e_max)
    # the best response is a corner; compare values, the argmax of a near-tie may differ
    assert np.isclose(private(best), private(e_n), rtol=1e-9)
    assert e_n in (0.0, e_max)


def test_convex_nash_can_be_zero_with_a_tiny_limit():
    # beta theta = 1.2 but a limit so small that buying it does not pay
    theta, kappa, e_max = 20.0, 10.0, 0.01
    e_n = float(ed.nash_spending(economy(0.06), theta, kappa, 0.0, e_max=e_max))
    best, private = best_response(0.06, theta, kappa, 0.0, e_n, e_max)
    assert e_n == 0.0 and private(0.0) >= private(e_max)


def test_convex_nash_without_a_symmetric_pure_equilibrium():
    """Find, by a direct search, a case where neither corner is a symmetric equilibrium."""
    theta, kappa, e_max, beta = 20.0, 0.25, 3.0, 0.06
    M0 = mean_wage(beta)
    x = 1 + e_max / kappa
    bt = beta * theta
    # zero is no equilibrium: M0 (x^bt - 1) > e_max; e_max is none: M0 x^(-bt rho)(x^bt - 1) < e_max
    assert M0 * (x ** bt - 1) > e_max
    rho = optimize.brentq(lambda r: M0 * x ** (-bt * r) * (x ** bt - 1) - e_max, 0.0, 0.99) + 0.01
    with pytest.raises(ValueError, match="no symmetric Nash equilibrium"):
        ed.nash_spending(economy(beta), theta, kappa, rho, e_max=e_max)


@pytest.mark.parametrize("beta, rho", [(0.06, 0.0), (0.06, 0.1), (0.08, 0.3)])
def test_convex_planner_with_limit(beta, rho):
    theta, kappa, e_max = 20.0, 0.25, 1.0
    W = welfare(beta, theta, kappa, rho)
    e_p = float(ed.planner_spending(economy(beta), theta, kappa, rho, e_max=e_max))
    assert np.isclose(W(e_p), max(W(0.0), W(e_max), W(argmax_on(W, e_max))), rtol=1e-12)
