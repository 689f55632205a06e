"""Tests of janus.ai_race against numerical optimisation and Monte Carlo.

Every payoff below is written again from MODEL.md, section 5, independently of
the code under test: the Tullock payoff in closed form, expected logit shares by
Monte Carlo with common random numbers, expected revenue by numerical
integration. Best responses are found with scipy.optimize.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy import integrate, optimize, stats

import janus
from janus import ai_race as ar
from janus import education as ed


# ------------------------------------------------------------ helpers
def tullock_payoff(x, others, n, r, prize):
    """Firm 1 spends x, the n - 1 others spend `others` each: V x^r / (x^r + (n-1) o^r) - x."""
    x = np.asarray(x, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(x > 0, x ** r / (x ** r + (n - 1) * others ** r), 0.0)
    return prize * share - x


def numeric_best_response(payoff, upper, n_grid=20001):
    """Global maximum on [0, upper]: fine grid, then bounded Brent around the best point."""
    grid = np.linspace(0.0, upper, n_grid)
    values = payoff(grid)
    i = int(np.argmax(values))
    lo, hi = grid[max(i - 1, 0)], grid[min(i + 1, n_grid - 1)]
    res = optimize.minimize_scalar(lambda x: -payoff(x), bounds=(lo, hi), method="bounded",
                                   options={"xatol": 1e-12 * max(upper, 1.0)})
    if -res.fun >= values[i]:
        return float(res.x), float(-res.fun)
    return float(grid[i]), float(values[i])


def mc_share(lead, n, omega, draws=400_000, seed=12345):
    """Expected logit share of a firm ahead by `lead` (log units), by Monte Carlo (common draws)."""
    rng = np.random.default_rng(seed)
    e = omega * rng.standard_normal((draws, n))
    lead = np.atleast_1d(np.asarray(lead, dtype=float))
    own = lead[:, None] + e[None, :, 0]
    rest = e[:, 1:]
    m = np.maximum(own, rest.max(axis=1)[None, :])
    s = np.exp(own - m) / (np.exp(own - m) + np.exp(rest[None] - m[..., None]).sum(axis=2))
    return s.mean(axis=1), s.std(axis=1, ddof=1) / np.sqrt(draws)


def economy(beta=0.02, sigma=15.0):
    return janus.style.running_economy(beta=beta, sigma=sigma)


# ---------------------------------------------------- Tullock closed forms
@pytest.mark.parametrize("n, r, prize", [(2, 0.5, 1.0), (2, 1.0, 10.0), (2, 2.0, 3.0),
                                         (3, 1.2, 5.0), (5, 1.0, 100.0), (5, 1.25, 7.0),
                                         (10, 0.3, 2.0)])
def test_tullock_spending_is_a_best_response(n, r, prize):
    x = float(ar.tullock_spending(n, r, prize))
    assert np.isclose(x, prize * r * (n - 1) / n ** 2)
    best, value = numeric_best_response(lambda z: tullock_payoff(z, x, n, r, prize), prize)
    assert value <= float(tullock_payoff(x, x, n, r, prize)) + 1e-9 * prize
    if r < n / (n - 1):
        assert abs(best - x) < 2e-4 * prize
    else:   # at the bound the profit is zero: spending nothing ties with x*
        assert tullock_payoff(x, x, n, r, prize) == pytest.approx(0.0, abs=1e-12)
    assert np.isclose(ar.dissipation(n, r), n * x / prize)


def test_budget_binds_below_the_bound():
    n, r, prize = 4, 1.0, 16.0                       # x* = 3
    for budget in (0.5, 2.0, 2.999):
        x = float(ar.tullock_spending(n, r, prize, budget))
        assert x == budget
        best, value = numeric_best_response(lambda z: tullock_payoff(z, x, n, r, prize), budget)
        assert value <= float(tullock_payoff(x, x, n, r, prize)) + 1e-12
        assert best == pytest.approx(budget, rel=1e-6)
    assert ar.tullock_spending(n, r, prize, 5.0) == 3.0   # budget does not bind


@pytest.mark.parametrize("n, r", [(2, 2.5), (2, 6.0), (3, 2.0), (5, 1.5), (5, 10.0)])
def test_above_the_bound_everyone_spends_a_small_budget(n, r):
    prize = 10.0
    for budget in (0.2 * prize / n, prize / n):
        x = float(ar.tullock_spending(n, r, prize, budget))
        assert x == budget
        # no firm gains by deviating anywhere in [0, B]
        best, value = numeric_best_response(lambda z: tullock_payoff(z, x, n, r, prize), budget)
        assert value <= float(tullock_payoff(x, x, n, r, prize)) + 1e-10
    # just above prize/n the corner fails: spending nothing beats spending B (profit < 0) ...
    budget = 1.01 * prize / n
    assert tullock_payoff(budget, budget, n, r, prize) < tullock_payoff(0.0, budget, n, r, prize)
    # ... and no symmetric level x in (0, B] survives a deviation either
    for x in np.linspace(0.05, 1.0, 20) * budget:
        _, value = numeric_best_response(lambda z: tullock_payoff(z, x, n, r, prize), budget, 4001)
        assert value > float(tullock_payoff(x, x, n, r, prize)) + 1e-9
    with pytest.raises(ValueError, match=r"r > n/\(n - 1\).*r = .*bound"):
        ar.tullock_spending(n, r, prize, budget)
    with pytest.raises(ValueError, match="bound"):
        ar.tullock_spending(n, r, prize)
    with pytest.raises(ValueError, match="bound"):
        ar.dissipation(n, r)


def test_tullock_is_vectorised():
    n = np.array([[2], [5]])
    r = np.array([0.5, 1.0, 1.2])
    x = ar.tullock_spending(n, r, 10.0, budget=[[np.inf], [0.3]])
    assert x.shape == (2, 3)
    assert np.allclose(x[0], 10.0 * r / 4)
    assert np.allclose(x[1], np.minimum(10.0 * r * 4 / 25, 0.3))
    assert np.allclose(ar.dissipation(n, r), r * (n - 1) / n)
    assert np.allclose(ar.tullock_bound([2, 3, 11]), [2.0, 1.5, 1.1])
    # an element above the bound but with a small enough budget is fine
    assert np.allclose(ar.tullock_spending(2, [1.0, 3.0], 10.0, budget=[10.0, 5.0]), [2.5, 5.0])


@pytest.mark.parametrize("kwargs, name", [
    (dict(n=1, r=1.0, prize=1.0), "n"), (dict(n=2.5, r=1.0, prize=1.0), "n"),
    (dict(n=3, r=0.0, prize=1.0), "r"), (dict(n=3, r=-1.0, prize=1.0), "r"),
    (dict(n=3, r=1.0, prize=0.0), "prize"), (dict(n=3, r=1.0, prize=np.nan), "prize"),
    (dict(n=3, r=1.0, prize=1.0, budget=0.0), "budget"),
    (dict(n=3, r=1.0, prize=1.0, budget=-2.0), "budget"),
])
def test_tullock_bad_input(kwargs, name):
    with pytest.raises(ValueError, match=rf"^{name} must"):
        ar.tullock_spending(**kwargs)


def test_tullock_type_errors():
    with pytest.raises(TypeError, match="n must"):
        ar.tullock_spending(True, 1.0, 1.0)
    with pytest.raises(TypeError, match="r must"):
        ar.dissipation(2, "1")
    with pytest.raises(ValueError, match="cannot be broadcast"):
        ar.tullock_spending([2, 3], [1.0, 1.0, 1.0], 1.0)


# ------------------------------------------------------- shares with noise
@pytest.mark.parametrize("n, omega", [(2, 0.5), (5, 0.75), (5, 2.0), (8, 4.0)])
def test_share_slope_and_hhi_against_monte_carlo(n, omega):
    rng = np.random.default_rng(99)
    e = omega * rng.standard_normal((400_000, n))
    s = np.exp(e - e.max(axis=1, keepdims=True))
    s /= s.sum(axis=1, keepdims=True)
    v = (s * (1 - s))[:, 0]
    assert abs(ar.share_slope(n, omega) - v.mean()) < 5 * v.std(ddof=1) / np.sqrt(v.size)
    h = (s ** 2).sum(axis=1)
    assert abs(ar.expected_hhi(n, omega) - h.mean()) < 5 * h.std(ddof=1) / np.sqrt(h.size)


def test_share_slope_tends_to_tullock_and_falls_with_noise():
    for n in (2, 3, 5, 10):
        assert ar.share_slope(n, 0.0) == pytest.approx((n - 1) / n ** 2, rel=1e-15)
        assert ar.share_slope(n, 1e-5) == pytest.approx((n - 1) / n ** 2, rel=1e-6)
        slopes = [ar.share_slope(n, w) for w in (0.1, 0.5, 1.0, 2.0, 5.0)]
        assert np.all(np.diff(slopes) < 0)


def test_noise_times_slope_rises_and_saturates():
    """lam E[s(1 - s)] rises with lam (at fixed sigma): the rent term of the FOC grows with lam."""
    omegas = np.array([0.1, 0.5, 1.0, 2.0, 4.0, 8.0])
    incentive = omegas * np.array([ar.share_slope(5, w) for w in omegas])
    assert np.all(np.diff(incentive) > 0)
    # the limit is the rank-order tournament's: (n - 1) int phi(z)^2 Phi(z)^(n - 2) dz
    limit = 4 * integrate.quad(lambda z: stats.norm.pdf(z) ** 2 * stats.norm.cdf(z) ** 3,
                               -12, 12)[0]
    assert 25.0 * ar.share_slope(5, 25.0) == pytest.approx(limit, rel=2e-2)


@pytest.mark.parametrize("n, omega", [(2, 1.0), (5, 0.75), (5, 3.0)])
def test_expected_share_against_monte_carlo(n, omega):
    leads = np.array([-3.0, -0.5, 0.0, 0.4, 2.0])
    mc, se = mc_share(leads, n, omega)
    exact = ar.expected_share(leads, n, omega)
    assert np.all(np.abs(exact - mc) < 5 * se + 1e-12)
    assert ar.expected_share(0.0, n, omega) == pytest.approx(1 / n, abs=1e-9)
    assert np.all(np.diff(ar.expected_share(np.linspace(-10, 10, 41), n, omega)) > 0)
    # the derivative at 0 is the share slope
    h = 1e-4
    d = (ar.expected_share(h, n, omega) - ar.expected_share(-h, n, omega)) / (2 * h)
    assert d == pytest.approx(ar.share_slope(n, omega), rel=1e-5)


@pytest.mark.parametrize("omega", [0.3, 1.0, 4.0, 30.0])
def test_two_firms_shares_add_up_at_any_lead(omega):
    """With two firms s_1 + s_2 = 1 in every draw, so S(y) + S(-y) = 1 for every lead,
    also where the shifted quadrature grid leaves the range on which F_Z is tabulated;
    far ahead (behind) the share tends to 1 (0), and it never falls as the lead grows."""
    leads = np.concatenate([np.linspace(-60.0, 60.0, 121), [-1e6, 1e6, 1e300]])
    ahead, behind = ar.expected_share(leads, 2, omega), ar.expected_share(-leads, 2, omega)
    np.testing.assert_allclose(ahead + behind, 1.0, atol=1e-9)
    assert ar.expected_share(1e6, 2, omega) == pytest.approx(1.0, abs=1e-12)
    assert ar.expected_share(-1e6, 2, omega) == pytest.approx(0.0, abs=1e-12)
    assert np.all(np.diff(ahead[:121]) >= -1e-12)


def test_expected_share_without_noise_and_errors():
    y = np.linspace(-4, 4, 9)
    assert np.allclose(ar.expected_share(y, 4, 0.0), np.exp(y) / (np.exp(y) + 3))
    assert np.allclose(ar.expected_share(y, 4, 1e-5), np.exp(y) / (np.exp(y) + 3), atol=1e-8)
    with pytest.raises(ValueError, match="noise must"):
        ar.share_slope(3, -1.0)
    with pytest.raises(ValueError, match="noise must"):
        ar.expected_share(0.0, 3, 60.0)
    with pytest.raises(ValueError, match="n must"):
        ar.share_slope(1, 1.0)
    with pytest.raises(ValueError, match="scalar"):
        ar.share_slope([2, 3], 1.0)
    with pytest.raises(ar.ConvergenceError, match="did not converge"):
        ar.expected_share(0.3, 3, 2.0, tol=1e-30)


# --------------------------------------------------------------- the race
def race(**changes):
    p = dict(n=5, lam=0.05, phi=20.0, kappa=0.25, prize=10.0, rho=0.5, economy=economy())
    p.update(changes)
    return ar.Race(**p)


def mc_payoff(rc, others, draws=200_000, seed=7):
    """Expected profit of firm 1 as a function of its spending, by Monte Carlo with common draws."""
    eco = rc.economy
    rng = np.random.default_rng(seed)
    eps = float(eco.sigma) * rng.standard_normal((draws, rc.n))
    m_q = integrate.quad(lambda s: float(eco.A) * np.exp(float(eco.beta) * s)
                         * stats.norm.pdf(s, float(eco.mu), float(eco.sigma)),
                         float(eco.mu) - 12 * float(eco.sigma), float(eco.mu) + 12 * float(eco.sigma))[0]
    h_others = rc.phi * np.log(1 + others / rc.kappa)
    rest = rc.lam * (h_others + eps[:, 1:])

    def payoff(spend):
        h = rc.phi * np.log(1 + spend / rc.kappa)
        own = rc.lam * (h + eps[:, 0])
        m = np.maximum(own, rest.max(axis=1))
        s = np.exp(own - m) / (np.exp(own - m) + np.exp(rest - m[:, None]).sum(axis=1))
        prod = (1 - rc.rho) * m_q * (1 + spend / rc.kappa) ** (float(eco.beta) * rc.phi)
        return prod + rc.rho * rc.prize * s.mean() - spend
    return payoff, m_q


@pytest.mark.parametrize("changes", [dict(), dict(lam=0.1), dict(rho=0.9, n=3),
                                     dict(lam=0.02, n=2)])
def test_equilibrium_is_a_best_response_by_monte_carlo(changes):
    rc = race(**changes)
    eq = rc.equilibrium()
    assert eq.case == "interior"
    payoff, _ = mc_payoff(rc, float(eq.spending))
    res = optimize.minimize_scalar(lambda x: -payoff(x), bounds=(0.0, 5 * (eq.spending + 1)),
                                   method="bounded", options={"xatol": 1e-8})
    assert res.x == pytest.approx(float(eq.spending), rel=2e-2)
    assert eq.best_response == pytest.approx(float(eq.spending), rel=1e-3)
    assert eq.profit == pytest.approx(payoff(float(eq.spending)), rel=1e-2)


def test_equilibrium_first_order_condition_with_monte_carlo_slope():
    rc = race(lam=0.08)
    eq = rc.equilibrium()
    omega = rc.lam * 15.0
    rng = np.random.default_rng(3)
    e = omega * rng.standard_normal((400_000, rc.n))
    s = np.exp(e - e.max(axis=1, keepdims=True))
    s /= s.sum(axis=1, keepdims=True)
    c = (s * (1 - s))[:, 0].mean()
    m_q = float(rc.economy.mean)
    k = 0.02 * rc.phi
    rhs = k * (1 - rc.rho) * m_q * (1 + eq.spending / rc.kappa) ** k + rc.rho * rc.prize * rc.r * c
    assert eq.spending + rc.kappa == pytest.approx(rhs, rel=5e-3)


@pytest.mark.parametrize("n, lam", [(2, 0.05), (5, 0.05), (5, 0.0625), (3, 0.07)])
def test_equilibrium_tends_to_tullock_as_noise_vanishes(n, lam):
    rc = race(n=n, lam=lam, rho=1.0, economy=economy(sigma=1e-5))
    eq = rc.equilibrium()
    tullock = ar.tullock_spending(n, rc.r, rc.rent)
    assert eq.spending + rc.kappa == pytest.approx(tullock, rel=1e-5)
    # and the numerical best response, by an independent Tullock payoff in x = kappa + I
    x = float(eq.spending) + rc.kappa
    best, value = numeric_best_response(
        lambda i: tullock_payoff(rc.kappa + i, x, n, float(rc.r), rc.rent) + rc.kappa, 3 * x)
    assert value <= tullock_payoff(x, x, n, float(rc.r), rc.rent) + rc.kappa + 1e-9
    assert best == pytest.approx(float(eq.spending), rel=1e-3)


def test_no_equilibrium_above_the_bound_without_noise():
    rc = race(n=2, lam=0.15, rho=1.0, economy=economy(sigma=1e-4))      # eta = 3 > 2
    with pytest.raises(ar.NoEquilibriumError, match="no symmetric pure-strategy"):
        rc.equilibrium()
    # with a small budget everyone spends it, as in the closed form
    small = race(n=2, lam=0.15, rho=1.0, economy=economy(sigma=1e-4), budget=1.0)
    eq = small.equilibrium()
    assert eq.case == "corner-max" and eq.spending == 1.0


def test_budget_corner_in_the_race():
    free = race(lam=0.1).equilibrium()
    capped = race(lam=0.1, budget=0.5 * float(free.spending)).equilibrium()
    assert capped.case == "corner-max"
    assert capped.spending == pytest.approx(0.5 * float(free.spending))
    assert capped.gain <= 1e-7 * 10


def test_planner_is_the_education_problem_and_overinvestment():
    eco = economy()
    for rho in (0.0, 0.3, 0.6):
        rc = race(rho=rho)
        # the planner's objective, written out: (1 - rho) M_q (1 + I/kappa)^k - I
        _, m_q = mc_payoff(rc, 0.0, draws=10)
        k = float(eco.beta) * rc.phi
        best, _ = numeric_best_response(
            lambda i: (1 - rho) * m_q * (1 + i / rc.kappa) ** k - i, 20.0)
        assert rc.planner().e == pytest.approx(best, rel=1e-4, abs=1e-8)
        assert rc.planner().e == ed.optimal_log(
            janus.Economy((1 - rho) * eco.A, eco.beta, eco.mu, eco.sigma), rc.phi, rc.kappa).e
        eq = rc.equilibrium()
        if rho == 0:
            assert eq.spending == pytest.approx(rc.planner().e, rel=1e-7)
        else:
            assert eq.spending > rc.planner().e
    nothing = race(rho=1.0).planner()           # everything is rent: the planner invests nothing
    assert nothing.e == 0.0 and nothing.case == "corner-zero" and nothing.is_corner
    # overinvestment rises with lam and with rho
    ratios = [(race(lam=lam).equilibrium().spending + 0.25) / (race(lam=lam).planner().e + 0.25)
              for lam in (0.01, 0.03, 0.06, 0.1, 0.2)]
    assert np.all(np.diff(ratios) > 0) and ratios[0] > 1
    ratios = [(race(rho=rho).equilibrium().spending + 0.25) / (race(rho=rho).planner().e + 0.25)
              for rho in (0.1, 0.3, 0.5, 0.7)]
    assert np.all(np.diff(ratios) > 0)


def test_race_validation():
    with pytest.raises(ValueError, match="rho must"):
        race(rho=1.5)
    with pytest.raises(ValueError, match="lam must"):
        race(lam=0.0)
    with pytest.raises(ValueError, match="n must"):
        race(n=1)
    with pytest.raises(ValueError, match="finite budget"):
        race(phi=60.0)                                  # beta_q phi = 1.2
    with pytest.raises(ValueError, match="scalar"):
        race(lam=[0.1, 0.2])


# ------------------------------------------------------------- simulation
def test_simulation_reproducible_and_unbiased():
    rc = race(lam=0.08)
    eq = rc.equilibrium()
    a = rc.simulate(200_000, seed=11)
    b = rc.simulate(200_000, seed=11, chunk=12_345)
    c = rc.simulate(200_000, seed=12)
    assert np.array_equal(a.profit, b.profit) and np.array_equal(a.share, b.share)
    assert not np.array_equal(a.profit, c.profit)
    assert np.allclose(a.share.sum(axis=1), 1.0)
    # mean profit = expected equilibrium profit, mean HHI = expected HHI
    p = a.profit.mean(axis=1)           # average over the symmetric firms of each race
    assert abs(p.mean() - eq.profit) < 5 * p.std(ddof=1) / np.sqrt(p.size)
    h = a.hhi
    assert abs(h.mean() - ar.expected_hhi(rc.n, rc.noise)) < 5 * h.std(ddof=1) / np.sqrt(h.size)
    assert np.all(a.winner_share >= 1 / rc.n - 1e-12)
    assert 0 < a.share_losing < 1
    # shares concentrate as lam rises (common random numbers: same seed)
    hhis = [race(lam=lam).simulate(50_000, seed=5, spending=1.0).hhi.mean()
            for lam in (0.02, 0.05, 0.1, 0.2)]
    assert np.all(np.diff(hhis) > 0)


def test_simulation_asymmetric_spending_and_errors():
    rc = race()
    out = rc.simulate(100_000, seed=2, spending=[2.0, 1.0, 1.0, 1.0, 1.0])
    mc, se = mc_share(rc.r * (np.log1p(2 / 0.25) - np.log1p(1 / 0.25)), rc.n, rc.noise)
    assert abs(out.share[:, 0].mean() - mc[0]) < 5 * out.share[:, 0].std() / np.sqrt(1e5) + 5 * se[0]
    with pytest.raises(ValueError, match="spending must"):
        rc.simulate(10, seed=1, spending=-1.0)
    with pytest.raises(ValueError, match="spending must be one number or one per firm"):
        rc.simulate(10, seed=1, spending=[1.0, 2.0])
    with pytest.raises(ValueError, match="races must"):
        rc.simulate(0, seed=1)
    with pytest.raises(ValueError, match="spending must be >= 0"):
        rc.productive_revenue(-0.5)
