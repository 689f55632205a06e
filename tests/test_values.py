"""Values of every public function of janus.wages, risk, education, calibration and data
against independent references: ``scipy.stats.lognorm``, quadrature with
``scipy.integrate.quad``, direct sums and seeded Monte Carlo. The rent functions of
janus.education are tested in tests/test_education.py.

Each reference is written here from MODEL.md, not taken from janus, so that a
wrong constant, sign or factor in janus makes a test fail.
"""

from __future__ import annotations

import copy
import math
import pickle

import numpy as np
import pytest
from scipy import integrate, optimize, stats

import janus
from janus import Economy
from janus import data as jd
from janus import education as ed

# Economies as (A, beta, mu, sigma): different enough that a constant mistaken
# for a parameter shows.
CASES = [(1000.0, 0.04, 100.0, 15.0), (250.0, 0.07, 90.0, 12.0), (2.0, 0.3, 1.5, 1.3)]


def reference(A, beta, mu, sigma):
    """The wage distribution as scipy.stats.lognorm, from its definition."""
    return stats.lognorm(s=beta * sigma, scale=A * math.exp(beta * mu))


def expect_over_skill(f, mu, sigma):
    """E[f(s)] for s ~ N(mu, sigma^2) by adaptive quadrature."""
    return integrate.quad(lambda s: f(s) * stats.norm.pdf(s, mu, sigma),
                          mu - 14 * sigma, mu + 14 * sigma, epsabs=0, epsrel=1e-11, limit=300)[0]


# ------------------------------------------------------------------- wages
@pytest.mark.parametrize("A, beta, mu, sigma", CASES)
def test_moments_and_levels_against_scipy_lognorm(A, beta, mu, sigma):
    eco, ref = Economy(A, beta, mu, sigma), reference(A, beta, mu, sigma)
    assert eco.tau == pytest.approx(beta * sigma, rel=1e-15)
    assert eco.mean == pytest.approx(ref.mean(), rel=1e-12)
    assert eco.median == pytest.approx(ref.median(), rel=1e-12)
    assert eco.variance == pytest.approx(ref.var(), rel=1e-10)
    assert eco.std == pytest.approx(ref.std(), rel=1e-10)
    assert eco.log_mean == pytest.approx(math.log(ref.mean()), rel=1e-12)
    assert eco.log_median == pytest.approx(math.log(ref.median()), rel=1e-12)
    assert eco.mean_median_ratio == pytest.approx(ref.mean() / ref.median(), rel=1e-12)
    assert eco.log_variance == pytest.approx(stats.norm(0, beta * sigma).var(), rel=1e-12)
    mode = optimize.minimize_scalar(lambda lw: -ref.pdf(math.exp(lw)) * math.exp(lw) / math.exp(lw),
                                    bounds=(math.log(ref.ppf(1e-4)), math.log(ref.median())),
                                    method="bounded", options={"xatol": 1e-12}).x
    assert eco.mode == pytest.approx(math.exp(mode), rel=1e-5)
    assert eco.log_mode == pytest.approx(mode, abs=1e-5)
    assert eco.to_scipy().mean() == pytest.approx(ref.mean(), rel=1e-12)
    assert eco.to_scipy().std() == pytest.approx(ref.std(), rel=1e-12)


@pytest.mark.parametrize("A, beta, mu, sigma", CASES)
def test_distribution_functions_against_scipy_lognorm(A, beta, mu, sigma):
    eco, ref = Economy(A, beta, mu, sigma), reference(A, beta, mu, sigma)
    p = np.array([0.0, 1e-6, 0.01, 0.25, 0.5, 0.75, 0.99, 1.0])
    np.testing.assert_allclose(eco.quantile(p), ref.ppf(p), rtol=1e-10)
    np.testing.assert_allclose(eco.ppf(p), ref.ppf(p), rtol=1e-10)
    w = np.r_[0.0, ref.ppf(p[1:-1]) * 1.01, np.inf]
    np.testing.assert_allclose(eco.cdf(w), ref.cdf(w), rtol=1e-10, atol=1e-300)
    np.testing.assert_allclose(eco.pdf(w), ref.pdf(w), rtol=1e-10, atol=1e-300)
    # the density integrates to one and its first moment is the mean
    lo, hi = math.log(ref.median()) - 12 * beta * sigma, math.log(ref.median()) + 12 * beta * sigma
    assert integrate.quad(lambda y: eco.pdf(math.exp(y)) * math.exp(y), lo, hi)[0] == \
        pytest.approx(1.0, abs=1e-8)
    assert integrate.quad(lambda y: eco.pdf(math.exp(y)) * math.exp(2 * y), lo, hi)[0] == \
        pytest.approx(ref.mean(), rel=1e-7)
    assert eco.share_below_mean == pytest.approx(ref.cdf(ref.mean()), rel=1e-12)


@pytest.mark.parametrize("A, beta, mu, sigma", CASES)
def test_inequality_measures_against_quadrature(A, beta, mu, sigma):
    eco, ref = Economy(A, beta, mu, sigma), reference(A, beta, mu, sigma)
    M = ref.mean()

    def lorenz(p):           # share of income below the p-quantile
        if p == 0:
            return 0.0
        if p == 1:
            return 1.0
        return integrate.quad(lambda x: x * ref.pdf(x), 0, ref.ppf(p), limit=200)[0] / M

    for p in (0.0, 0.1, 0.4, 0.5, 0.9, 1.0):
        assert eco.lorenz(p) == pytest.approx(lorenz(p), abs=1e-9)
        assert eco.top_share(p) == pytest.approx(1.0 - lorenz(1.0 - p), abs=1e-9)
    edges = [lorenz(q) for q in (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)]
    np.testing.assert_allclose(eco.quintile_shares(), np.diff(edges), atol=1e-9)
    # Gini = 1 - 2 * integral of the Lorenz curve
    gini = 1.0 - 2.0 * integrate.quad(lambda p: float(eco.lorenz(p)), 0, 1, limit=200)[0]
    assert eco.gini == pytest.approx(gini, abs=1e-8)
    # Theil = E[(w/M) ln(w/M)]
    theil = expect_over_skill(lambda s: A * math.exp(beta * s) / M * math.log(A * math.exp(beta * s) / M),
                              mu, sigma)
    assert eco.theil == pytest.approx(theil, rel=1e-7)


@pytest.mark.parametrize("A, beta, mu, sigma", CASES)
def test_functions_of_skill_against_direct_formulas(A, beta, mu, sigma):
    eco = Economy(A, beta, mu, sigma)
    s = np.array([mu - 2 * sigma, mu, mu + 1.5 * sigma])
    direct = np.array([A * math.exp(beta * x) for x in s])
    np.testing.assert_allclose(eco.wage(s), direct, rtol=1e-13)
    np.testing.assert_allclose(eco.log_wage(s), np.log(direct), rtol=1e-13)
    h = 1e-5 * sigma
    np.testing.assert_allclose(eco.marginal_value(s),
                               [(A * math.exp(beta * (x + h)) - A * math.exp(beta * (x - h))) / (2 * h)
                                for x in s], rtol=1e-7)
    # the ex-ante value of a point of mean skill: the derivative of E[w] in mu, by quadrature
    up = expect_over_skill(lambda x: A * math.exp(beta * x), mu + h, sigma)
    down = expect_over_skill(lambda x: A * math.exp(beta * x), mu - h, sigma)
    assert eco.expected_marginal_value() == pytest.approx((up - down) / (2 * h), rel=1e-6)
    for delta in (-3.0, 0.0, 2.5):
        np.testing.assert_allclose(eco.gain(delta, s=s),
                                   [A * math.exp(beta * (x + delta)) - A * math.exp(beta * x) for x in s],
                                   rtol=1e-12, atol=1e-12)
        ex_ante = expect_over_skill(lambda x: A * math.exp(beta * (x + delta)) - A * math.exp(beta * x),
                                    mu, sigma)
        assert eco.gain(delta) == pytest.approx(ex_ante, rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("A, beta, mu, sigma", CASES)
def test_rvs_are_the_wages_of_normal_skills(A, beta, mu, sigma):
    eco = Economy(A, beta, mu, sigma)
    w = eco.rvs(size=5, random_state=np.random.default_rng(42))
    skills = np.random.default_rng(42).normal(mu, sigma, size=5)
    np.testing.assert_allclose(w, A * np.exp(beta * skills), rtol=1e-13)
    np.testing.assert_array_equal(eco.rvs(size=3, random_state=9), eco.rvs(size=3, random_state=9))
    # and a large sample has the lognormal's law (Kolmogorov-Smirnov, fixed seed)
    big = eco.rvs(size=20_000, random_state=np.random.default_rng(5))
    assert stats.kstest(big, reference(A, beta, mu, sigma).cdf).pvalue > 1e-3
    assert Economy(A, [beta, beta], mu, sigma).rvs(random_state=1).shape == (2,)


def test_point_mass_at_beta_zero():
    """beta = 0: every wage is A (the domain policy in janus.__doc__)."""
    eco = Economy(A=3.0, beta=0.0, mu=100.0, sigma=15.0)
    assert eco.mean == eco.median == eco.mode == pytest.approx(3.0)
    assert eco.variance == 0.0 and eco.std == 0.0
    assert eco.gini == 0.0 and eco.theil == 0.0
    assert eco.share_below_mean == 0.0
    assert ed.share_not_recovering(eco) == 0.0
    np.testing.assert_array_equal(eco.cdf([0.0, 2.999, 3.0, 4.0, np.inf]), [0, 0, 1, 1, 1])
    np.testing.assert_array_equal(ed.share_earning_below(eco, [2.999, 3.0, 3.001]), [0, 0, 1])
    np.testing.assert_allclose(eco.quantile([0.0, 0.3, 1.0]), 3.0)
    np.testing.assert_allclose(eco.lorenz([0.0, 0.3, 1.0]), [0.0, 0.3, 1.0])
    np.testing.assert_allclose(eco.quintile_shares(), 0.2)
    with pytest.raises(ValueError, match="beta must be > 0 for a wage density; got beta = 0, where"):
        eco.pdf(3.0)
    with pytest.raises(ValueError, match="beta must be > 0 for a scipy.stats.lognorm; got beta = 0,"):
        eco.to_scipy()
    # in a sweep the point mass is one element among others, and the error names it
    sweep = Economy(A=3.0, beta=[0.02, 0.0, 0.04])
    assert sweep.share_below_mean.tolist()[1] == 0.0 and sweep.share_below_mean[0] > 0.5
    np.testing.assert_allclose(sweep.variance[[0, 2]],
                               [reference(3.0, b, 100, 15).var() for b in (0.02, 0.04)], rtol=1e-10)
    with pytest.raises(ValueError, match=r"at index \[\(1,\)\]"):
        sweep.pdf(3.0)


def test_share_below_mean_equals_share_earning_below_the_mean():
    eco = Economy(A=100.0, beta=np.array([0.0, 0.01, 0.05]))
    np.testing.assert_allclose(ed.share_earning_below(eco, eco.mean), eco.share_below_mean, rtol=1e-12)


@pytest.mark.parametrize("eco", [Economy(1000.0, 0.04), Economy([1.0, 2.0], [[0.0], [0.1]], 3.0, 2.0)])
def test_pickle_copy_and_deepcopy_round_trip(eco):
    for twin in (pickle.loads(pickle.dumps(eco)), copy.copy(eco), copy.deepcopy(eco)):
        assert type(twin) is Economy and twin.shape == eco.shape
        for name in ("A", "beta", "mu", "sigma", "mean"):
            np.testing.assert_array_equal(getattr(twin, name), getattr(eco, name))
        with pytest.raises(AttributeError, match="immutable"):
            twin.beta = 0.5
        with pytest.raises(AttributeError, match="immutable"):
            del twin._beta
        with pytest.raises(ValueError):
            twin._beta[...] = 0.3


@pytest.mark.parametrize("rate", [-0.02, 0.0, 1e-12, 0.03, 0.5])
@pytest.mark.parametrize("years", [0, 1, 7, 40])
def test_annuity_and_lifetime_against_direct_sums(rate, years):
    direct = sum((1.0 + rate) ** -t for t in range(1, years + 1))
    assert janus.annuity_factor(years, rate) == pytest.approx(direct, rel=1e-10, abs=1e-12)
    assert janus.lifetime(1234.5, years=years, rate=rate) == pytest.approx(1234.5 * direct, rel=1e-10,
                                                                           abs=1e-9)


def test_lifetime_defaults_are_forty_undiscounted_years():
    assert janus.lifetime(2.0) == 80.0 and janus.annuity_factor() == 40.0
    for kwargs, name in [(dict(value=np.nan), "value"), (dict(value=1.0, years=np.inf), "years"),
                         (dict(value=1.0, rate=-2.0), "rate")]:
        with pytest.raises(ValueError, match=rf"^{name} must"):
            janus.lifetime(**kwargs)


def test_safe_exp_and_as_economy():
    from janus.wages import as_economy, safe_exp
    np.testing.assert_allclose(safe_exp([-np.inf, 0.0, 700.0]), [0.0, 1.0, math.exp(700.0)])
    with pytest.raises(ValueError, match="the thing is exp"):
        safe_exp([1.0, 710.0], "the thing")
    eco = Economy(1.0, 0.1)
    assert as_economy(eco) is eco
    with pytest.raises(TypeError, match="rich must be a janus.Economy; got str"):
        as_economy("x", "rich")


def test_distribution_arguments_are_checked():
    eco = Economy(A=10.0, beta=0.05)
    for method in (eco.cdf, eco.pdf):
        with pytest.raises(ValueError, match=r"^w must be >= 0; got -1.0"):
            method(-1.0)
    with pytest.raises(ValueError, match="^the expected wage is exp"):
        ed.expected_wage(eco, 1e6, theta=1.0)
    with pytest.raises(ValueError, match="^the quantile is exp"):
        Economy(A=1.0, beta=8.0).quantile(0.5)
    with pytest.raises(TypeError, match="^economy_2 must be a janus.Economy"):
        janus.indifference_gamma(eco, 2.0)
    with pytest.raises(TypeError, match="^economy_1 must be a janus.Economy"):
        janus.indifference_gamma(2.0, eco)


def test_quantile_ends_in_a_sweep():
    eco = Economy(A=10.0, beta=[0.0, 0.05])
    q = eco.quantile([[0.0], [1.0]])
    np.testing.assert_allclose(q, [[10.0, 0.0], [10.0, np.inf]], rtol=1e-14)


# ------------------------------------------------------------------- risk
def crra(c, gamma):
    return math.log(c) if gamma == 1 else (c ** (1 - gamma) - 1) / (1 - gamma)


@pytest.mark.parametrize("gamma", [0.0, 0.7, 1.0, 2.5])
@pytest.mark.parametrize("A, beta, mu, sigma", [(0.01, 0.04, 100.0, 15.0), (0.5, 0.2, 2.0, 1.5)])
def test_risk_functions_against_quadrature(A, beta, mu, sigma, gamma):
    eco = Economy(A, beta, mu, sigma)
    eu = expect_over_skill(lambda s: crra(A * math.exp(beta * s), gamma), mu, sigma)
    ce = math.exp(eu) if gamma == 1 else (1 + (1 - gamma) * eu) ** (1 / (1 - gamma))
    mean = expect_over_skill(lambda s: A * math.exp(beta * s), mu, sigma)
    assert janus.expected_utility(eco, gamma) == pytest.approx(eu, rel=1e-8, abs=1e-12)
    assert janus.certainty_equivalent(eco, gamma) == pytest.approx(ce, rel=1e-8)
    assert janus.log_certainty_equivalent(eco, gamma) == pytest.approx(math.log(ce), rel=1e-8, abs=1e-10)
    assert janus.risk_premium_factor(eco, gamma) == pytest.approx(mean / ce, rel=1e-8)
    c = np.array([0.3, 1.0, 4.0])
    np.testing.assert_allclose(janus.utility(c, gamma), [crra(x, gamma) for x in c], rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(janus.inverse_utility([crra(x, gamma) for x in c], gamma), c, rtol=1e-12)


def test_risk_functions_broadcast_gamma_against_the_economy():
    eco = Economy(A=0.01, beta=[0.03, 0.05])
    gammas = np.array([[0.5], [2.0]])
    out = janus.certainty_equivalent(eco, gammas)
    assert out.shape == (2, 2)
    for i, g in enumerate(gammas[:, 0]):
        for j, b in enumerate((0.03, 0.05)):
            assert out[i, j] == pytest.approx(janus.certainty_equivalent(Economy(0.01, b), g), rel=1e-14)


@pytest.mark.parametrize("gamma, mu, sigma", [(2.0, 100.0, 15.0), (4.0, 50.0, 10.0), (1.5, 120.0, 25.0)])
def test_plateau_is_a_stationary_maximum_of_the_certainty_equivalent(gamma, mu, sigma):
    def log_ce(b):          # ln CE at A = 1 from expected utility by quadrature, scaled by exp(-b mu)
        eu = expect_over_skill(lambda s: crra(math.exp(b * (s - mu)), gamma), mu, sigma)
        return b * mu + math.log(1 + (1 - gamma) * eu) / (1 - gamma)
    b = float(janus.plateau(gamma, mu=mu, sigma=sigma))
    h = 1e-4 * b
    slope = (log_ce(b + h) - log_ce(b - h)) / (2 * h)
    assert abs(slope) < 1e-5 * mu                      # d ln CE / d beta = mu - (gamma - 1) beta sigma^2 = 0
    assert log_ce(b) > log_ce(1.02 * b) and log_ce(b) > log_ce(0.98 * b)
    np.testing.assert_array_equal(janus.plateau([0.0, 1.0]), [np.inf, np.inf])


def test_indifference_gamma_is_the_root_of_the_ce_difference():
    e1, e2 = Economy(1500.0, 0.03, 100.0, 15.0), Economy(900.0, 0.036, 100.0, 15.0)

    def log_ce(eco, g):
        A, b = float(eco.A), float(eco.beta)
        eu = expect_over_skill(lambda s: crra(A * math.exp(b * s) / 1e4, g), 100.0, 15.0)
        return math.log(1e4) + (eu if g == 1 else math.log(1 + (1 - g) * eu) / (1 - g))
    root = optimize.brentq(lambda g: log_ce(e1, g) - log_ce(e2, g), 1.01, 30.0, xtol=1e-12)
    assert janus.indifference_gamma(e1, e2) == pytest.approx(root, rel=1e-6)
    with pytest.raises(ValueError, match=r"less unequal.*at index \[\(1,\)\]"):
        janus.indifference_gamma(Economy(1500.0, [0.03, 0.04]), Economy(900.0, 0.036))


# -------------------------------------------------------------- education
A0, BETA0, KAPPA0 = 1000.0, 0.04, 10_000.0


def test_skill_technologies_against_direct_formulas():
    e = np.array([0.0, 0.5, 3.0, 250.0])
    np.testing.assert_allclose(ed.skill_linear(e, 0.7), [0.7 * x for x in e], rtol=1e-15)
    np.testing.assert_allclose(ed.skill_log(e, 4.0, 2.5), [4.0 * math.log(1 + x / 2.5) for x in e],
                               rtol=1e-14)


@pytest.mark.parametrize("kappa", [None, KAPPA0])
def test_expected_wage_and_net_income_against_quadrature(kappa):
    eco = Economy(A0, BETA0)
    theta = 2e-4 if kappa is None else 12.5
    for e in (0.0, 3_000.0, 40_000.0):
        h = theta * e if kappa is None else theta * math.log1p(e / kappa)
        gross = expect_over_skill(lambda s: A0 * math.exp(BETA0 * (s + h)), 100.0, 15.0)
        assert ed.expected_wage(eco, e, theta, kappa) == pytest.approx(gross, rel=1e-9)
        assert ed.expected_net_income(eco, e, theta, kappa) == pytest.approx(gross - e, rel=1e-9)


def test_choice_is_corner_follows_the_case():
    eco = Economy(A0, np.array([0.001, 0.04, 0.09]))
    c = ed.optimal_log(eco, 12.5, KAPPA0, e_max=1e6)
    assert c.case.tolist() == ["corner-zero", "interior", "corner-max"]
    assert c.is_corner.tolist() == [True, False, True]
    assert bool(ed.optimal_linear(Economy(A0, BETA0), 1e-4, 1e5).is_corner) is True


def test_optimal_log_value_and_spending_against_brute_force():
    eco = Economy(A0, BETA0)
    m0 = expect_over_skill(lambda s: A0 * math.exp(BETA0 * s), 100.0, 15.0)
    for theta, e_max in [(12.5, np.inf), (12.5, 20_000.0), (30.0, 5e5), (2.0, np.inf)]:
        V = lambda e: m0 * (1 + e / KAPPA0) ** (BETA0 * theta) - e      # noqa: E731
        top = 1e6 if np.isinf(e_max) else e_max
        grid = np.r_[0.0, np.geomspace(1e-3, top, 20_001)]
        best = grid[np.argmax(V(grid))]
        c = ed.optimal_log(eco, theta, KAPPA0, e_max=e_max)
        assert c.value == pytest.approx(V(c.e), rel=1e-12)
        assert c.value >= V(grid).max() * (1 - 1e-12)
        assert c.e == pytest.approx(best, rel=2e-3, abs=1e-6)


def test_optimal_linear_value_against_direct_formula():
    eco = Economy(A0, BETA0)
    m0 = expect_over_skill(lambda s: A0 * math.exp(BETA0 * s), 100.0, 15.0)
    for theta, e_max in [(1e-4, 1e5), (1e-4, 1e6)]:
        c = ed.optimal_linear(eco, theta, e_max)
        direct = max(m0, m0 * math.exp(BETA0 * theta * e_max) - e_max)
        assert c.value == pytest.approx(direct, rel=1e-10)
        assert c.e == (e_max if direct > m0 else 0.0)


def test_willingness_to_pay_and_school_value_against_quadrature():
    eco = Economy(A0, BETA0)
    for delta in (0.0, 4.0, 12.0):
        gain = expect_over_skill(lambda s: A0 * (math.exp(BETA0 * (s + delta)) - math.exp(BETA0 * s)),
                                 100.0, 15.0)
        assert ed.willingness_to_pay(eco, delta) == pytest.approx(gain, rel=1e-9, abs=1e-9)
    for t, theta, years in [(0.0, 2.0, 40), (5.0, 2.0, 40), (12.0, 0.5, 45)]:
        wage = expect_over_skill(lambda s: A0 * math.exp(BETA0 * (s + theta * t)), 100.0, 15.0)
        assert ed.school_value(eco, t, theta, years) == pytest.approx(wage * (years - t), rel=1e-9)


def test_optimal_school_years_defaults_and_no_returns():
    eco = Economy(A0, 0.05)
    assert ed.optimal_school_years(eco, 2.0) == pytest.approx(40.0 - 1.0 / 0.1, rel=1e-14)
    assert ed.school_value(eco, 5.0, 2.0) == pytest.approx(ed.school_value(eco, 5.0, 2.0, years=40))
    # beta = 0: school only costs time
    np.testing.assert_array_equal(ed.optimal_school_years(Economy(A0, [0.0, 0.05]), 2.0), [0.0, 30.0])


@pytest.mark.parametrize("beta, theta, years", [(0.05, 2.0, 40), (0.03, 1.0, 45), (0.04, 0.5, 40)])
def test_optimal_school_years_maximise_school_value(beta, theta, years):
    eco = Economy(A0, beta)
    res = optimize.minimize_scalar(lambda t: -float(ed.school_value(eco, t, theta, years)),
                                   bounds=(0.0, years), method="bounded", options={"xatol": 1e-9})
    best = res.x if -res.fun > float(ed.school_value(eco, 0.0, theta, years)) else 0.0
    assert ed.optimal_school_years(eco, theta, years) == pytest.approx(best, abs=1e-5)


def test_share_earning_below_against_monte_carlo_after_education():
    eco = Economy(A0, BETA0, mu=105.0)
    rng = np.random.default_rng(2026)
    w = A0 * np.exp(BETA0 * rng.normal(105.0, 15.0, size=100_000))
    for amount in (40_000.0, 70_000.0, 150_000.0):
        p = ed.share_earning_below(eco, amount)
        assert abs(np.mean(w < amount) - p) < 5 * math.sqrt(p * (1 - p) / w.size)
        assert p == pytest.approx(stats.norm.cdf((math.log(amount) - math.log(A0) - BETA0 * 105.0)
                                                 / (BETA0 * 15.0)), rel=1e-12)


# ------------------------------------------------------------ calibration
def test_calibrate_against_the_moments_it_must_reproduce():
    median, mean = np.array([40_000.0, 58_630.0]), np.array([52_000.0, 68_460.0])
    eco = janus.calibrate(median, mean, mu=95.0, sigma=14.0)
    for i in range(2):
        ref = reference(float(eco.A[i]), float(eco.beta[i]), 95.0, 14.0)
        assert ref.median() == pytest.approx(median[i], rel=1e-12)
        assert ref.mean() == pytest.approx(mean[i], rel=1e-12)
    np.testing.assert_allclose(eco.mu, 95.0)
    np.testing.assert_allclose(eco.sigma, 14.0)


def test_calibrate_series_columns_against_independent_formulas():
    import pandas as pd
    table = pd.DataFrame({"med": [50_000.0, 60_000.0], "avg": [60_000.0, 80_000.0]}, index=[1990, 2000])
    out = janus.calibrate_series(table, median="med", mean="avg", sigma=10.0)
    ratio = table["avg"].to_numpy() / table["med"].to_numpy()
    tau = np.sqrt(2 * np.log(ratio))
    np.testing.assert_allclose(out["mean_median_ratio"], ratio, rtol=1e-12)
    np.testing.assert_allclose(out["tau"], tau, rtol=1e-12)
    np.testing.assert_allclose(out["beta"], tau / 10.0, rtol=1e-12)
    np.testing.assert_allclose(out["A"], table["med"].to_numpy() * np.exp(-tau / 10.0 * 100.0), rtol=1e-12)
    np.testing.assert_allclose(out["gini"], 2 * stats.norm.cdf(tau / math.sqrt(2)) - 1, rtol=1e-12)
    np.testing.assert_allclose(out["median"], table["med"], rtol=1e-12)
    np.testing.assert_allclose(out["mean"], table["avg"], rtol=1e-12)
    assert out.index.tolist() == [1990, 2000]


# ------------------------------------------------------------------- data
def _rows(folder, name):
    import csv
    with open(folder / name, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def _write(path, rows):
    import csv
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\r\n").writerows(rows)


@pytest.mark.parametrize("name, loader, which", [
    ("us_household_income.csv", jd.load_household_income, -1),
    ("us_household_income.csv", jd.load_household_income, 1),
    ("us_income_inequality.csv", jd.load_income_inequality, -1),
    ("us_income_inequality.csv", jd.load_income_inequality, 1),
])
def test_a_file_missing_its_first_or_last_year_is_refused(tmp_path, name, loader, which):
    rows = _rows(jd.data_folder(), name)
    year = rows[which][0]
    del rows[which]
    _write(tmp_path / name, rows)
    with pytest.raises(ValueError, match=rf"years \[{year}\] are missing"):
        loader(data_dir=tmp_path, verify=False)


def test_loaders_return_the_file_values(tmp_path):
    folder = jd.data_folder()
    income = _rows(folder, "us_household_income.csv")
    header = income[0]
    table = jd.load_household_income("both")
    assert len(table) == len(income) - 1
    for row, (year, got) in zip(income[1:], table.iterrows()):
        rec = dict(zip(header, row))
        assert year == int(rec["year"])
        assert got["median_real"] == float(rec["median_real"]) and got["mean_real"] == float(rec["mean_real"])
    ineq = _rows(folder, "us_income_inequality.csv")
    table = jd.load_income_inequality("both")
    for row, (_, got) in zip(ineq[1:], table.iterrows()):
        rec = dict(zip(ineq[0], row))
        for col in ("q1_share", "q3_share", "q5_share"):
            assert got[col] == float(rec[col])
    gdp = _rows(folder, "us_gdp_per_capita.csv")
    table = jd.load_gdp_per_capita()
    assert [str(q) for q in table.index] == [r[0] for r in gdp[1:]]
    np.testing.assert_array_equal(table["value"], [float(r[1]) for r in gdp[1:]])


def test_data_folder_requires_the_files(tmp_path, monkeypatch):
    """A data/ folder next to the package without the book's files is skipped."""
    import shutil
    monkeypatch.delenv(jd.ENV_VAR, raising=False)
    site = tmp_path / "site-packages"
    (site / "janus").mkdir(parents=True)
    (site / "data").mkdir()                        # someone else's data/ folder
    (site / "data" / "us_household_income.csv").write_text("not ours\n")
    monkeypatch.setattr(jd, "__file__", str(site / "janus" / "data.py"))
    book = tmp_path / "book"
    (book / "data").mkdir(parents=True)
    for name in jd.SHA256:
        shutil.copy(jd.Path(__file__).resolve().parent.parent / "data" / name, book / "data" / name)
    (book / "chapters").mkdir()
    monkeypatch.chdir(book / "chapters")
    assert jd.data_folder() == (book / "data").resolve()
    monkeypatch.chdir(tmp_path)                     # neither place holds the files
    with pytest.raises(FileNotFoundError, match="no folder holding the Janus data files"):
        jd.data_folder()
    # with all the files beside the package, that folder wins
    for name in jd.SHA256:
        shutil.copy(book / "data" / name, site / "data" / name)
    monkeypatch.chdir(book / "chapters")
    assert jd.data_folder() == (site / "data").resolve()


def test_verify_returns_the_digests_of_the_files():
    import hashlib
    folder = jd.data_folder()
    digests = jd.verify(folder)
    for name, digest in digests.items():
        assert digest == hashlib.sha256((folder / name).read_bytes()).hexdigest()
    assert jd.verify(folder / "us_gdp_per_capita.csv") == {"us_gdp_per_capita.csv":
                                                         digests["us_gdp_per_capita.csv"]}


# -------------------------------------------------------------- _validate
@pytest.mark.parametrize("kwargs, message", [
    (dict(value=[1, -2, 3], low=0), "x must be >= 0; got -2.0"),
    (dict(value=-2, low=0, low_open=True), "x must be > 0; got -2.0"),
    (dict(value=[0.5, 2.0, 7, 8, 9, 10, 11], high=1), "x must be <= 1; got [ 2.  7.  8.  9. 10.] ..."),
    (dict(value=[0.5, 2.0, 3.0], high=1, high_open=True), "x must be < 1; got [2. 3.]"),
    (dict(value=5, low=0, high=1, high_open=True), "x must be >= 0 and < 1; got 5.0"),
    (dict(value=np.inf), "x must be finite; got inf"),
    (dict(value=-np.inf, allow_inf=True, low=0), "x must be >= 0; got -inf"),
    (dict(value=[np.nan]), "x must not be NaN; got nan"),
])
def test_error_messages_name_the_parameter_the_range_and_the_values(kwargs, message):
    from janus._validate import as_float
    with pytest.raises(ValueError) as info:
        as_float("x", **kwargs)
    assert str(info.value) == message


def test_valid_values_pass_unchanged():
    from janus._validate import as_float, broadcast, scalar_or_array
    out = as_float("x", [0, 1], low=0, high=1)
    assert out.dtype == float and out.tolist() == [0.0, 1.0]
    assert as_float("x", np.inf, allow_inf=True, low=0) == np.inf
    assert as_float("x", np.array([1, 2], dtype=object)).tolist() == [1.0, 2.0]
    a, b = broadcast(a=np.zeros(2), b=np.ones((3, 1)))
    assert a.shape == b.shape == (3, 2)
    assert isinstance(scalar_or_array(np.array(1.5)), np.floating)


def test_calibrate_series_passes_mu_and_sigma_on():
    import pandas as pd
    table = pd.DataFrame({"median_real": [50_000.0], "mean_real": [60_000.0]}, index=[1990])
    out = janus.calibrate_series(table, mu=80.0, sigma=10.0)
    beta = math.sqrt(2 * math.log(1.2)) / 10.0
    assert out.loc[1990, "beta"] == pytest.approx(beta, rel=1e-12)
    assert out.loc[1990, "A"] == pytest.approx(50_000.0 * math.exp(-beta * 80.0), rel=1e-12)
    with pytest.raises(ValueError, match=r"missing 'median_real' or 'mean_real' in rows \[1991\]"):
        janus.calibrate_series(pd.DataFrame({"median_real": [1.0, np.nan], "mean_real": [2.0, 3.0]},
                                            index=[1990, 1991]))


def test_annual_gdp_checks_the_checksum_by_default(tmp_path):
    rows = _rows(jd.data_folder(), "us_gdp_per_capita.csv")
    rows[1][1] = str(float(rows[1][1]) + 1.0)
    _write(tmp_path / "us_gdp_per_capita.csv", rows)
    with pytest.raises(ValueError, match="SHA-256"):
        jd.annual_gdp_per_capita(data_dir=tmp_path)
    assert jd.annual_gdp_per_capita(data_dir=tmp_path, verify=False).index.tolist() == [1975, 2024]


def test_gdp_text_columns_and_duplicate_quarters(tmp_path):
    rows = _rows(jd.data_folder(), "us_gdp_per_capita.csv")
    table = jd.load_gdp_per_capita()
    assert table["units"].tolist() == [r[2] for r in rows[1:]]
    assert table["source"].tolist() == [r[3] for r in rows[1:]]
    assert table.index.freqstr.startswith("Q")
    rows.insert(3, list(rows[2]))                          # the second quarter again, on line 4
    _write(tmp_path / "us_gdp_per_capita.csv", rows)
    with pytest.raises(ValueError, match=rf"line 4.*duplicated quarter {rows[2][0]} \(also on line 3\)"):
        jd.load_gdp_per_capita(data_dir=tmp_path, verify=False)


def test_risk_arguments_are_checked_and_named():
    for mu in (0.0, -1.0, 0.5j):
        with pytest.raises((ValueError, TypeError), match="^mu must"):
            janus.plateau(2.0, mu=mu)
    with pytest.raises(ValueError, match="^sigma must be > 0"):
        janus.plateau(2.0, sigma=-1.0)
    assert janus.plateau(2.0, mu=1e-3) == pytest.approx(1e-3 / 225)
    with pytest.raises(ValueError, match="^u must not be NaN"):
        janus.inverse_utility(np.nan, 2.0)
    with pytest.raises(ValueError, match="^the consumption is exp"):
        janus.inverse_utility(800.0, 1.0)
    rich = Economy(A=1.0, beta=8.0)                       # ln CE beyond the largest float
    with pytest.raises(ValueError, match="^the certainty equivalent is exp"):
        janus.certainty_equivalent(rich, 1.0)
    with pytest.raises(ValueError, match="^the risk premium factor is exp"):
        janus.risk_premium_factor(rich, 1.0)
