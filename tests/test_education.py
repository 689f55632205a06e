"""Tests of janus.education against simulation, numerical optimisation and theory.

Every objective below (V, W, the private payoff of one person) is written here
again from MODEL.md, section 2, independently of the code under test.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy import integrate, optimize, stats

import janus
from janus import Economy
from janus import education as ed

MU, SIGMA = 100.0, 15.0
A0, BETA0 = 1000.0, 0.04
KAPPA0 = 10_000.0


def mean_wage(A, beta, mu=MU, sigma=SIGMA):
    """M0 by numerical integration over the skill density (not the closed form)."""
    f = lambda s: A * np.exp(beta * s) * stats.norm.pdf(s, mu, sigma)
    return integrate.quad(f, mu - 12 * sigma, mu + 12 * sigma, epsabs=0, epsrel=1e-12, limit=200)[0]


def v_log(A, beta, theta, kappa):
    m0 = mean_wage(A, beta)
    return lambda e: m0 * np.exp(beta * theta * np.log1p(np.asarray(e) / kappa)) - e


def v_linear(A, beta, theta):
    m0 = mean_wage(A, beta)
    return lambda e: m0 * np.exp(beta * theta * np.asarray(e)) - e


def numeric_argmax(V, upper, lower=0.0, n=4001):
    """Brute force on a log grid, then bounded Brent around the best grid point."""
    grid = np.concatenate([[lower], lower + np.geomspace((upper - lower) * 1e-12, upper - lower, n)])
    vals = V(grid)
    i = int(np.argmax(vals))
    lo, hi = grid[max(i - 1, 0)], grid[min(i + 1, grid.size - 1)]
    res = optimize.minimize_scalar(lambda x: -V(x), bounds=(lo, hi), method="bounded",
                                   options={"xatol": 1e-12 * max(hi, 1.0)})
    return float(res.x) if -res.fun >= vals[i] else float(grid[i])


# ------------------------------------------------------------ technologies
def test_skill_technologies():
    e = np.array([0.0, 1.0, 50.0, 1e4])
    assert np.allclose(ed.skill_linear(e, 0.3), [0.0, 0.3, 15.0, 3000.0])
    # h(kappa (e^x - 1)) = theta x
    x = np.array([0.0, 0.5, 2.0])
    assert np.allclose(ed.skill_log(KAPPA0 * np.expm1(x), 7.0, KAPPA0), 7.0 * x)
    # diminishing returns: the log technology is concave
    h = ed.skill_log(np.linspace(0, 1e5, 101), 10.0, KAPPA0)
    assert np.all(np.diff(h, 2) < 0)


@pytest.mark.parametrize("kappa", [None, KAPPA0])
def test_expected_net_income_monte_carlo(kappa):
    rng = np.random.default_rng(20240601)
    s = rng.normal(MU, SIGMA, size=400_000)
    theta = 2e-4 if kappa is None else 12.5
    eco = Economy(A0, BETA0)
    for e in [0.0, 3_000.0, 50_000.0]:
        h = theta * e if kappa is None else theta * np.log(1 + e / kappa)
        net = A0 * np.exp(BETA0 * (s + h)) - e
        se = net.std(ddof=1) / np.sqrt(net.size)
        assert abs(ed.expected_net_income(eco, e, theta, kappa) - net.mean()) < 5 * se
        assert abs(ed.expected_wage(eco, e, theta, kappa) - (net + e).mean()) < 5 * se


def test_expected_net_income_broadcasts_economy():
    eco = Economy(A0, [0.02, 0.03, 0.04])
    theta = np.array([[5.0], [10.0]])
    v = ed.expected_net_income(eco, 2_000.0, theta, KAPPA0)
    assert v.shape == (2, 3)
    for i, t in enumerate(theta[:, 0]):
        for j, b in enumerate([0.02, 0.03, 0.04]):
            assert np.isclose(v[i, j], v_log(A0, b, t, KAPPA0)(2_000.0), rtol=1e-10)


# ------------------------------------------------------------ linear optimum
@pytest.mark.parametrize("theta, e_max", [(1e-4, 1e5), (1e-4, 1e6), (1e-3, 1e3), (2e-5, 5e5),
                                          (1e-5, 2e6), (5e-4, 10.0)])
def test_optimal_linear_is_the_brute_force_corner(theta, e_max):
    V = v_linear(A0, BETA0, theta)
    grid = np.linspace(0.0, e_max, 20_001)
    vals = V(grid)
    best = grid[np.argmax(vals)]
    choice = ed.optimal_linear(Economy(A0, BETA0), theta, e_max)
    assert best in (0.0, e_max)                      # convexity: a corner
    assert choice.e == best
    assert np.isclose(choice.value, vals.max(), rtol=1e-10)
    assert str(choice.case) == ("corner-max" if best == e_max else "corner-zero")
    # strict convexity of V
    assert np.all(np.diff(vals, 2) > -1e-9 * vals.max())


@pytest.mark.parametrize("theta", [1e-4, 3e-5, 1e-5])
def test_optimal_linear_switches_where_full_investment_pays(theta):
    # the budget at which V(e_max) = V(0), found numerically: just below it no
    # education, just above it full investment
    V = v_linear(A0, BETA0, theta)
    e_switch = optimize.brentq(lambda x: V(x) - V(0.0), 1.0, 1e8, xtol=1e-6, rtol=1e-14)
    c = ed.optimal_linear(Economy(A0, BETA0), theta, [0.999 * e_switch, 1.001 * e_switch])
    assert c.case.tolist() == ["corner-zero", "corner-max"]
    assert c.e[1] == 1.001 * e_switch and c.e[0] == 0.0


def test_optimal_linear_unbounded_and_vectorised():
    eco = Economy(A0, BETA0)
    c = ed.optimal_linear(eco, 1e-4, np.inf)
    assert np.isinf(c.e) and np.isinf(c.value) and c.case == "corner-max"
    c = ed.optimal_linear(Economy(A0, [0.0, BETA0]), 1e-4, [[1e5], [1e6]])
    assert c.e.shape == (2, 2)
    assert c.case.tolist() == [["corner-zero", "corner-zero"], ["corner-zero", "corner-max"]]
    with pytest.raises(dataclasses.FrozenInstanceError):
        c.e = 0.0
    with pytest.raises(ValueError):
        c.e[0, 0] = 1.0


# --------------------------------------------------------------- log optimum
@pytest.mark.parametrize("beta, theta, kappa", [(0.04, 12.5, KAPPA0), (0.04, 5.0, KAPPA0),
                                                (0.03, 20.0, 5_000.0), (0.05, 4.0, 2e5),
                                                (0.02, 1.0, 1e6), (0.04, 20.0, 50_000.0)])
def test_optimal_log_interior_matches_scipy(beta, theta, kappa):
    eco = Economy(A0, beta)
    V = v_log(A0, beta, theta, kappa)
    e_num = numeric_argmax(V, upper=1e4 * mean_wage(A0, beta))
    c = ed.optimal_log(eco, theta, kappa)
    assert np.isclose(c.e + kappa, e_num + kappa, rtol=1e-5)
    assert np.isclose(c.value, V(e_num), rtol=1e-10)
    assert str(c.case) == ("interior" if e_num > 1e-6 * kappa else "corner-zero")
    # spending is a share beta*theta of expected income: e* + kappa = beta theta E[w | e*],
    # with E[w | e*] integrated over the skill density
    h = theta * np.log1p(c.e / kappa)
    expected_w = mean_wage(A0, beta, mu=MU + h)
    if c.case == "interior":
        assert np.isclose(c.e + kappa, beta * theta * expected_w, rtol=1e-9)


def test_optimal_log_cap_binds():
    eco = Economy(A0, BETA0)
    free = ed.optimal_log(eco, 12.5, KAPPA0)
    capped = ed.optimal_log(eco, 12.5, KAPPA0, e_max=free.e / 2)
    V = v_log(A0, BETA0, 12.5, KAPPA0)
    e_num = numeric_argmax(V, upper=float(free.e) / 2)
    assert capped.case == "corner-max"
    assert capped.e == free.e / 2
    assert np.isclose(capped.e, e_num, rtol=1e-6)


def test_interior_turns_into_corner_as_beta_crosses_one_over_theta():
    theta, kappa, e_max = 12.5, KAPPA0, 1e8
    betas = np.linspace(0.02, 0.12, 21)                  # beta * theta from 0.25 to 1.5
    c = ed.optimal_log(Economy(A0, betas), theta, kappa, e_max)
    for b, e, case in zip(betas, c.e, c.case):
        V = v_log(A0, b, theta, kappa)
        e_num = numeric_argmax(V, upper=e_max)
        assert np.isclose(e + kappa, e_num + kappa, rtol=1e-5), (b, e, e_num)
        if b * theta >= 1:
            assert case == "corner-max"
    # as beta rises: no education, then an interior choice, then the upper corner for good
    rank = [["corner-zero", "interior", "corner-max"].index(x) for x in c.case.tolist()]
    assert np.all(np.diff(rank) >= 0) and set(rank) == {0, 1, 2}
    first_corner = rank.index(2)
    assert betas[first_corner] * theta <= 1              # the switch happens at beta <= 1/theta
    # without a cap, beta above 1/theta means unbounded spending
    c = ed.optimal_log(Economy(A0, [0.9 / theta, 1.1 / theta]), theta, kappa)
    assert c.case.tolist() == ["interior", "corner-max"]
    assert np.isfinite(c.e[0]) and np.isinf(c.e[1])
    V = v_log(A0, 1.1 / theta, theta, kappa)
    assert np.all(np.diff(V(np.geomspace(1e6, 1e12, 20))) > 0)


def test_optimal_log_convex_small_cap_is_zero():
    # beta theta > 1 but a tiny budget: V(e_max) < V(0), stay at zero
    eco = Economy(A0, BETA0)
    kappa, theta, e_max = 1e9, 30.0, 1_000.0
    V = v_log(A0, BETA0, theta, kappa)
    assert V(e_max) < V(0.0)
    c = ed.optimal_log(eco, theta, kappa, e_max)
    assert c.case == "corner-zero" and c.e == 0.0


# --------------------------------------------------------- willingness to pay
@pytest.mark.parametrize("beta, delta", [(0.02, 5.0), (0.04, 10.0), (0.06, 30.0), (0.04, 0.0)])
def test_willingness_to_pay_is_the_ex_ante_gain(beta, delta):
    gain = mean_wage(A0, beta, mu=MU + delta) - mean_wage(A0, beta)
    c = ed.willingness_to_pay(Economy(A0, beta), delta)
    assert np.isclose(c, gain, rtol=1e-9, atol=1e-9)
    # paying c* for delta points leaves expected net income unchanged
    V = v_linear(A0, beta, 1.0)                         # h(e) = e: delta points
    assert np.isclose(V(delta) + delta - c, mean_wage(A0, beta), rtol=1e-9)


@pytest.mark.parametrize("beta, delta", [(0.02, 10.0), (0.04, 10.0), (0.07, 5.0)])
def test_share_not_recovering_simulation(beta, delta):
    rng = np.random.default_rng(7)
    n = 200_000
    eco = Economy(A0, beta)
    c_star = ed.willingness_to_pay(eco, delta)
    s = rng.normal(MU, SIGMA, size=n)
    gain = A0 * np.exp(beta * (s + delta)) - A0 * np.exp(beta * s)
    share = np.mean(gain < c_star)
    p = ed.share_not_recovering(eco)
    assert abs(share - p) < 5 * np.sqrt(p * (1 - p) / n)
    assert p > 0.5


def test_when_c_star_exceeds_the_median_most_earn_less():
    rng = np.random.default_rng(11)
    n = 200_000
    s = rng.normal(MU, SIGMA, size=n)
    for beta, delta in [(0.04, 20.0), (0.06, 15.0), (0.04, 5.0)]:
        eco = Economy(A0, beta)
        c_star = ed.willingness_to_pay(eco, delta)
        wages = A0 * np.exp(beta * s)
        simulated = np.mean(wages < c_star)
        closed = ed.share_earning_below(eco, c_star)
        assert abs(simulated - closed) < 5 * np.sqrt(closed * (1 - closed) / n)
        above = c_star > np.median(wages)
        assert bool(ed.wtp_exceeds_median(eco, delta)) == above
        if above:
            assert simulated > 0.5 and closed > 0.5


def test_wtp_exceeds_median_against_direct_comparison():
    betas = np.linspace(0.005, 0.08, 16)[:, None]
    deltas = np.linspace(0.0, 40.0, 21)[None, :]
    median = A0 * np.exp(betas * MU)
    c_star = A0 * np.exp(betas * MU + (betas * SIGMA) ** 2 / 2) * (np.exp(betas * deltas) - 1)
    flags = ed.wtp_exceeds_median(Economy(A0, betas[:, 0][:, None]), deltas)
    assert flags.dtype == bool and flags.shape == (16, 21)
    assert np.array_equal(flags, c_star > median)
    assert flags.any() and not flags.all()


def test_share_earning_below():
    eco = Economy(A0, BETA0)
    rng = np.random.default_rng(3)
    wages = A0 * np.exp(BETA0 * rng.normal(MU, SIGMA, size=200_000))
    amounts = np.array([0.0, 30_000.0, 54_600.0, 100_000.0, np.inf])
    closed = ed.share_earning_below(eco, amounts)
    for a, p in zip(amounts, closed):
        assert abs(np.mean(wages < a) - p) <= 5 * np.sqrt(max(p * (1 - p), 1e-12) / wages.size)
    flat = Economy(A0, 0.0)
    assert ed.share_earning_below(flat, [A0 / 2, A0, 2 * A0]).tolist() == [0.0, 0.0, 1.0]


# ---------------------------------------------------------------- school years
@pytest.mark.parametrize("beta, theta, years", [(0.05, 2.0, 40), (0.04, 1.0, 40), (0.02, 0.5, 40),
                                                (0.04, 5.0, 30), (0.01, 0.2, 45), (0.08, 3.0, 10)])
def test_optimal_school_years_numeric(beta, theta, years):
    m0 = mean_wage(A0, beta)
    V = lambda t: m0 * np.exp(beta * theta * t) * (years - t)
    res = optimize.minimize_scalar(lambda t: -V(t) / m0, bounds=(0.0, years), method="bounded",
                                   options={"xatol": 1e-10})
    t_num = res.x if V(res.x) > V(0.0) else 0.0
    eco = Economy(A0, beta)
    t_star = ed.optimal_school_years(eco, theta, years)
    assert np.isclose(t_star, t_num, atol=1e-5 * years)
    assert (t_star > 0) == (beta * theta * years > 1)
    assert np.isclose(ed.school_value(eco, t_star, theta, years), V(t_star), rtol=1e-10)


def test_school_years_rise_toward_T_with_beta():
    t = ed.optimal_school_years(Economy(A0, np.linspace(0.001, 0.5, 50)), 2.0, 40)
    assert np.all(np.diff(t) >= 0) and t[0] == 0 and 38 < t[-1] < 40


# ------------------------------------------------------ rents and the planner
RENT_CASES = [(0.04, 12.5, KAPPA0, 0.0), (0.04, 12.5, KAPPA0, 0.3), (0.04, 20.0, KAPPA0, 0.5),
              (0.03, 10.0, 30_000.0, 0.1), (0.05, 8.0, 2_000.0, 0.8), (0.02, 3.0, 1e6, 0.4)]


@pytest.mark.parametrize("beta, theta, kappa, rho", RENT_CASES)
def test_nash_spending_is_a_best_response(beta, theta, kappa, rho):
    eco = Economy(A0, beta)
    e_n = float(ed.nash_spending(eco, theta, kappa, rho))
    m0 = mean_wage(A0, beta)
    s_bar_minus_mu = theta * np.log1p(e_n / kappa)     # everyone else chose e_N

    def private(e):
        return m0 * np.exp(beta * (theta * np.log1p(np.asarray(e) / kappa)
                                   - rho * s_bar_minus_mu)) - e

    best = numeric_argmax(private, upper=1e4 * m0)
    assert np.isclose(best + kappa, e_n + kappa, rtol=1e-5)


@pytest.mark.parametrize("beta, theta, kappa, rho", RENT_CASES)
def test_planner_maximises_welfare(beta, theta, kappa, rho):
    eco = Economy(A0, beta)
    m0 = mean_wage(A0, beta)
    W = lambda e: m0 * (1 + np.asarray(e) / kappa) ** (beta * (1 - rho) * theta) - e
    e_num = numeric_argmax(W, upper=1e4 * m0)
    e_p = ed.planner_spending(eco, theta, kappa, rho)
    assert np.isclose(e_p + kappa, e_num + kappa, rtol=1e-5)
    assert np.isclose(ed.social_welfare(eco, e_p, theta, kappa, rho), W(e_num), rtol=1e-10)
    # overinvestment ratio from the numerical optima and from the closed form
    e_n = ed.nash_spending(eco, theta, kappa, rho)
    ratio = ed.overinvestment_ratio(eco, theta, kappa, rho)
    assert np.isclose(ratio, (kappa + e_n) / (kappa + e_num), rtol=1e-5)
    k = beta * (1 - rho) * theta
    if k * m0 / kappa > 1:                                # both interior
        assert np.isclose(ratio, (1 / (1 - rho)) ** (1 / (1 - k)), rtol=1e-10)
    if rho == 0:
        assert ratio == 1.0
    elif e_n > 0:
        assert ratio > 1
    # the welfare loss: best W found numerically minus W at the Nash spending
    loss = ed.welfare_loss(eco, theta, kappa, rho)
    assert loss >= 0
    assert np.isclose(loss, W(e_num) - W(e_n), rtol=1e-6, atol=1e-9 * m0)


def test_welfare_loss_rises_with_rho_in_a_moderate_race():
    eco = Economy(A0, BETA0)
    rho = np.linspace(0.0, 0.99, 400)
    loss = ed.welfare_loss(eco, 12.5, KAPPA0, rho)     # beta theta = 1/2, M0/kappa ~ 6.5
    assert loss[0] == 0 and np.all(loss[1:] > 0)
    assert np.all(np.diff(loss) > 0)


def test_welfare_loss_can_peak_at_a_small_rho_in_an_intense_race():
    # beta theta = 0.8 and M0/kappa = 100: a larger rent share shrinks the whole race
    beta, theta = BETA0, 20.0
    m0 = mean_wage(A0, beta)
    kappa = m0 / 100

    def loss_numeric(rho):
        k = beta * (1 - rho) * theta
        W = lambda e: m0 * (1 + np.asarray(e) / kappa) ** k - e
        e_n = kappa * ((beta * theta * m0 / kappa) ** (1 / (1 - k)) - 1)
        return W(numeric_argmax(W, upper=1e3 * e_n)) - W(e_n)

    eco = Economy(A0, beta)
    small, large = ed.welfare_loss(eco, theta, kappa, [0.03, 0.3])
    assert np.isclose(small, loss_numeric(0.03), rtol=1e-5)
    assert np.isclose(large, loss_numeric(0.3), rtol=1e-5)
    assert small > large > 0
    assert ed.overinvestment_ratio(eco, theta, kappa, 0.3) > ed.overinvestment_ratio(eco, theta, kappa, 0.03)


# ------------------------------------------------------------ properties
def _params(draw_bt, draw_a, beta):
    """Economy, theta and kappa from beta, beta*theta and M0/kappa."""
    eco = Economy(A0, beta)
    return eco, draw_bt / beta, float(eco.mean) / draw_a


betas = st.floats(0.005, 0.08)
bts = st.floats(0.02, 0.95)
ratios_m0_kappa = st.floats(0.05, 1000.0)
rhos = st.floats(0.0, 0.95)


@settings(max_examples=150, deadline=None)
@given(beta=betas, bt=bts, a=ratios_m0_kappa, rho=rhos)
def test_nash_at_least_planner(beta, bt, a, rho):
    eco, theta, kappa = _params(bt, a, beta)
    e_n = ed.nash_spending(eco, theta, kappa, rho)
    e_p = ed.planner_spending(eco, theta, kappa, rho)
    assert e_n >= e_p * (1 - 1e-12)
    if e_n > 0 and rho > 1e-6:
        assert e_n > e_p
    assert np.isclose(ed.nash_spending(eco, theta, kappa, 0.0),
                      ed.planner_spending(eco, theta, kappa, 0.0), rtol=1e-12)


@settings(max_examples=150, deadline=None)
@given(beta=betas, bt=bts, a=ratios_m0_kappa, rho1=rhos, rho2=rhos)
def test_ratio_increasing_in_rho(beta, bt, a, rho1, rho2):
    lo, hi = sorted((rho1, rho2))
    assume(hi - lo > 1e-6)
    eco, theta, kappa = _params(bt, a, beta)
    assume(bt * (1 - hi) * a > 1.001)                   # the planner is interior at both rho
    r_lo, r_hi = ed.overinvestment_ratio(eco, theta, kappa, [lo, hi])
    assert r_hi > r_lo >= 1.0


@settings(max_examples=150, deadline=None)
@given(beta1=betas, beta2=betas, theta=st.floats(1.0, 11.0), kappa=st.floats(100.0, 1e6),
       rho=st.floats(0.01, 0.95))
def test_ratio_increasing_in_beta(beta1, beta2, theta, kappa, rho):
    lo, hi = sorted((beta1, beta2))
    assume(hi - lo > 1e-6 and hi * theta < 0.95)
    r_lo, r_hi = ed.overinvestment_ratio(Economy(A0, [lo, hi]), theta, kappa, rho)
    assert r_hi >= r_lo * (1 - 1e-12)
    assert r_lo >= 1.0


# ------------------------------------------------------------- bad input
ECO = Economy(A0, BETA0)
BAD = [
    (ed.skill_linear, dict(e=-1.0, theta=1.0), ValueError, "e must be >= 0"),
    (ed.skill_log, dict(e=1.0, theta=1.0, kappa=0.0), ValueError, "kappa must be > 0"),
    (ed.expected_net_income, dict(economy=ECO, e=1.0, theta=0.0), ValueError, "theta must be > 0"),
    (ed.expected_net_income, dict(economy=ECO, e=np.inf, theta=1.0), ValueError, "e must be finite"),
    (ed.expected_net_income, dict(economy=ECO, e=np.nan, theta=1.0), ValueError, "e must not be NaN"),
    (ed.expected_net_income, dict(economy="eco", e=1.0, theta=1.0), TypeError, "economy"),
    (ed.optimal_linear, dict(economy=ECO, theta=1.0, e_max=0.0), ValueError, "e_max must be > 0"),
    (ed.optimal_log, dict(economy=ECO, theta=1.0, kappa=-2.0), ValueError, "kappa must be > 0"),
    (ed.optimal_log, dict(economy=ECO, theta=-1.0, kappa=1.0), ValueError, "theta must be > 0"),
    (ed.optimal_log, dict(economy=None, theta=1.0, kappa=1.0), TypeError, "economy"),
    (ed.willingness_to_pay, dict(economy=ECO, delta=-1.0), ValueError, "delta must be >= 0"),
    (ed.willingness_to_pay, dict(economy=ECO, delta=np.inf), ValueError, "delta must be finite"),
    (ed.wtp_exceeds_median, dict(economy=ECO, delta="5"), TypeError, "delta"),
    (ed.share_not_recovering, dict(economy=3.0), TypeError, "economy"),
    (ed.share_earning_below, dict(economy=ECO, amount=-5.0), ValueError, "amount must be >= 0"),
    (ed.optimal_school_years, dict(economy=ECO, theta=1.0, years=0), ValueError, "years must be > 0"),
    (ed.school_value, dict(economy=ECO, t=41.0, theta=1.0, years=40), ValueError, "t must be <= years"),
    (ed.nash_spending, dict(economy=ECO, theta=1.0, kappa=1.0, rho=1.0), ValueError,
     r"rho must be >= 0 and < 1"),
    (ed.nash_spending, dict(economy=ECO, theta=30.0, kappa=1.0, rho=0.5), ValueError,
     r"beta \* theta < 1"),
    (ed.planner_spending, dict(economy=ECO, theta=30.0, kappa=1.0, rho=0.1), ValueError,
     r"k = beta \* \(1 - rho\) \* theta < 1"),
    (ed.overinvestment_ratio, dict(economy=ECO, theta=30.0, kappa=1.0, rho=0.5), ValueError,
     r"beta \* theta < 1"),
    (ed.welfare_loss, dict(economy=ECO, theta=10.0, kappa=1.0, rho=-0.1), ValueError, "rho must be"),
    (ed.social_welfare, dict(economy=ECO, e=-1.0, theta=1.0, kappa=1.0, rho=0.0), ValueError,
     "e must be >= 0"),
    (ed.expected_net_income, dict(economy=ECO, e=[1.0, 2.0], theta=[1.0, 2.0, 3.0]), ValueError,
     "cannot be broadcast"),
]


@pytest.mark.parametrize("func, kwargs, exc, match", BAD,
                         ids=[f"{f.__name__}-{m[:20]}" for f, _, _, m in BAD])
def test_bad_input(func, kwargs, exc, match):
    with pytest.raises(exc, match=match):
        func(**kwargs)


def test_overflow_is_an_error_not_a_warning():
    with pytest.raises(ValueError, match="largest float"):
        ed.expected_net_income(ECO, 1e6, theta=1.0)
    with pytest.raises(ValueError, match="largest float"):
        ed.nash_spending(Economy(A0, BETA0), theta=24.99, kappa=1.0)


def test_public_names():
    for name in ["optimal_linear", "optimal_log", "willingness_to_pay", "nash_spending",
                 "planner_spending", "overinvestment_ratio", "welfare_loss", "Choice"]:
        assert getattr(janus, name) is getattr(ed, name)
        assert name in janus.__all__
    assert janus.education is ed


def test_planner_corner_rho_separates_interior_from_corner():
    """e_P > 0 exactly for rho below the threshold, found on a grid independently."""
    eco = Economy(A=1000.0, beta=np.array([[0.02], [0.03], [0.04]]))
    theta, kappa = 12.5, 10_000.0
    rho = np.linspace(0.0, 0.95, 400)
    e_P = ed.planner_spending(eco, theta, kappa, rho)
    rho_bar = ed.planner_corner_rho(eco, theta, kappa)
    assert rho_bar.shape == (3, 1)
    np.testing.assert_array_equal(e_P > 0, rho < rho_bar)
    # at the threshold k M0 = kappa
    k = eco.beta * (1 - rho_bar) * theta
    np.testing.assert_allclose(k * eco.mean, kappa, rtol=1e-12)
    with pytest.raises(ValueError, match="kappa"):
        ed.planner_corner_rho(eco, theta, -1.0)
