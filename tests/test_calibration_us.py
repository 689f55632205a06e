"""janus.calibration on the U.S. data: every calibrated value against an independent computation.

The moment conditions are solved again with scipy.optimize, the lognormal's Gini and
income shares are integrated numerically, lifetime values are summed year by year,
and the trend's intervals are checked by simulation.
"""

import re

import numpy as np
import pandas as pd
import pytest
from scipy import integrate, optimize, stats

import janus
from janus import calibration as cal
from janus import data


@pytest.fixture(scope="module")
def income():
    return janus.load_household_income()


@pytest.fixture(scope="module")
def calibrated():
    return cal.calibrate_years()


# --------------------------------------------------------------- every year

def _solve_moments(median, mean, mu=100.0, sigma=15.0):
    """Solve A e^{beta mu} = m and A e^{beta mu + beta^2 sigma^2 / 2} = M for (A, beta)."""
    def equations(p):
        log_a, beta = p
        return [log_a + beta * mu - np.log(median),
                log_a + beta * mu + 0.5 * beta ** 2 * sigma ** 2 - np.log(mean)]
    sol = optimize.root(equations, x0=[np.log(median) - 4.0, 0.04], tol=1e-13)
    assert sol.success
    return np.exp(sol.x[0]), sol.x[1]


def test_every_year_solves_the_moment_conditions(income, calibrated):
    assert list(calibrated.index) == list(income.index)
    for year in income.index:
        A, beta = _solve_moments(income.loc[year, "median_real"], income.loc[year, "mean_real"])
        assert calibrated.loc[year, "beta"] == pytest.approx(beta, rel=1e-9)
        assert calibrated.loc[year, "A"] == pytest.approx(A, rel=1e-7)


@pytest.mark.parametrize("sigma", [10.0, 20.0])
def test_other_sigma_solves_the_moment_conditions(income, sigma):
    out = cal.calibrate_years([1975, 2024], sigma=sigma)
    for year in (1975, 2024):
        A, beta = _solve_moments(income.loc[year, "median_real"], income.loc[year, "mean_real"],
                                 sigma=sigma)
        assert out.loc[year, "beta"] == pytest.approx(beta, rel=1e-9)
        assert out.loc[year, "A"] == pytest.approx(A, rel=1e-7)


def test_calibrated_economy_reproduces_the_data_by_simulation(calibrated, income):
    """Median and mean of simulated IQ-based wages match the Census values within sampling error."""
    rng = np.random.default_rng(1975)
    for year in (1975, 2024):
        eco = janus.Economy(A=calibrated.loc[year, "A"], beta=calibrated.loc[year, "beta"])
        w = eco.rvs(size=400_000, random_state=rng)
        se_mean = w.std() / np.sqrt(w.size)
        assert abs(w.mean() - income.loc[year, "mean_real"]) < 5 * se_mean
        assert np.median(w) == pytest.approx(income.loc[year, "median_real"], rel=0.01)


def test_breaks_choose_the_estimate(income):
    earlier = cal.calibrate_years([2013, 2017], breaks="earlier")
    later = cal.calibrate_years([2013, 2017], breaks="later")
    both = janus.load_household_income("both")
    for year in (2013, 2017):
        rows = both.loc[[year]]
        for frame, method in ((earlier, janus.data.BREAKS[year][0]), (later, janus.data.BREAKS[year][1])):
            row = rows[rows["method"] == method].iloc[0]
            assert frame.loc[year, "median"] == pytest.approx(row["median_real"])
            assert frame.loc[year, "mean"] == pytest.approx(row["mean_real"])


def test_calibrate_years_bad_input(income):
    with pytest.raises(ValueError, match="year 1950 has no data"):
        cal.calibrate_years([1975, 1950])
    broken = income.copy()
    broken.loc[1990, "mean_real"] = np.nan
    with pytest.raises(ValueError, match="year 1990: column 'mean_real'"):
        cal.calibrate_years(income=broken)
    broken = income.copy()
    broken.loc[1980, "mean_real"] = broken.loc[1980, "median_real"] - 1.0
    with pytest.raises(ValueError, match="year 1980: the mean .* is below the median"):
        cal.calibrate_years(income=broken)
    broken = income.copy()
    broken.loc[2000, "median_real"] = 0.0
    with pytest.raises(ValueError, match="year 2000: column 'median_real' must be a positive"):
        cal.calibrate_years(income=broken)
    with pytest.raises(TypeError, match="income must be a pandas.DataFrame"):
        cal.calibrate_years(income=[[1, 2]])
    with pytest.raises(ValueError, match="no column 'mean_real'"):
        cal.calibrate_years(income=income[["median_real"]])
    with pytest.raises(TypeError, match="years must be integers"):
        cal.calibrate_years([1975.5])


# ------------------------------------------------------------------ gamma*

def _log_ce_by_quadrature(A, beta, gamma, mu=100.0, sigma=15.0):
    """ln CE from E[w^(1-gamma)] integrated over the skill density (ln-utility at gamma = 1)."""
    pdf = stats.norm(mu, sigma).pdf
    lo, hi = mu - 12 * sigma, mu + 12 * sigma
    if gamma == 1.0:
        return integrate.quad(lambda s: (np.log(A) + beta * s) * pdf(s), lo, hi)[0]
    k = 1.0 - gamma
    # E[w^k] = A^k E[e^{k beta s}]; integrate e^{k beta (s - mu)} to stay in range
    val = integrate.quad(lambda s: np.exp(k * beta * (s - mu)) * pdf(s), lo, hi, epsabs=0,
                         epsrel=1e-12)[0]
    return np.log(A) + beta * mu + np.log(val) / k


def test_gamma_star_equalises_certainty_equivalents(calibrated):
    ref = calibrated.loc[2024]
    years = [1967, 1975, 1990, 2005]
    g = cal.gamma_star_years(calibrated.loc[years + [2024]])
    for year in years:
        row = calibrated.loc[year]
        diff = lambda gamma: (_log_ce_by_quadrature(row["A"], row["beta"], gamma)
                              - _log_ce_by_quadrature(ref["A"], ref["beta"], gamma))
        root = optimize.brentq(diff, 1.0001, 30.0, xtol=1e-12)
        assert g[year] == pytest.approx(root, rel=1e-6)
        # the earlier year wins above gamma*, loses below
        assert diff(root + 0.5) > 0 > diff(root - 0.5)


def test_gamma_star_agrees_with_indifference_gamma(calibrated):
    g = cal.gamma_star_years(calibrated.loc[[1975, 2024]])
    e75 = janus.Economy(A=calibrated.loc[1975, "A"], beta=calibrated.loc[1975, "beta"])
    e24 = janus.Economy(A=calibrated.loc[2024, "A"], beta=calibrated.loc[2024, "beta"])
    assert g[1975] == pytest.approx(janus.indifference_gamma(e75, e24))


def test_gamma_star_does_not_depend_on_sigma():
    a = cal.gamma_star_years(cal.calibrate_years([1975, 2024], sigma=10.0))
    b = cal.gamma_star_years(cal.calibrate_years([1975, 2024], sigma=25.0))
    assert a[1975] == pytest.approx(b[1975], rel=1e-12)


def test_gamma_star_bad_input(calibrated):
    with pytest.raises(ValueError, match="reference year 1950 has no data"):
        cal.gamma_star_years(calibrated, reference=1950)
    unequal = calibrated.loc[[1975, 2024]].copy()
    unequal.loc[1975, "mean_median_ratio"] = unequal.loc[2024, "mean_median_ratio"] * 1.01
    unequal.loc[1975, "median"] = unequal.loc[2024, "median"] * 1.01
    with pytest.raises(ValueError, match="year 1975 has a higher median and at least the inequality"):
        cal.gamma_star_years(unequal)
    unequal.loc[1975, "median"] = np.nan
    with pytest.raises(ValueError, match="year 1975: median or mean_median_ratio is missing"):
        cal.gamma_star_years(unequal)


def test_a_poorer_more_unequal_year_is_never_preferred(calibrated):
    """2021 had a lower median and a higher mean/median ratio than 2024 (checked here)."""
    r, m = calibrated["mean_median_ratio"], calibrated["median"]
    assert r[2021] > r[2024] and m[2021] < m[2024]
    g = cal.gamma_star_years(calibrated)
    assert g[2021] == np.inf
    e21 = janus.Economy(A=calibrated.loc[2021, "A"], beta=calibrated.loc[2021, "beta"])
    e24 = janus.Economy(A=calibrated.loc[2024, "A"], beta=calibrated.loc[2024, "beta"])
    gammas = np.linspace(0, 50, 101)
    assert (janus.certainty_equivalent(e21, gammas) < janus.certainty_equivalent(e24, gammas)).all()
    twice = pd.concat([calibrated.loc[[2024]], calibrated.loc[[2024, 1975]]])
    with pytest.raises(ValueError, match="appears 2 times"):
        cal.gamma_star_years(twice)


# ---------------------------------------------------- Gini, quintiles, tau

def _gini_by_quadrature(tau):
    dist = stats.lognorm(s=tau)
    mean = dist.mean()
    # G = 1 - (1/M) * integral of (1 - F(x))^2 over x > 0
    val = integrate.quad(lambda x: dist.sf(x) ** 2, 0, np.inf, epsabs=1e-13, limit=200)[0]
    return 1.0 - val / mean


def _share_by_quadrature(tau, p_lo, p_hi):
    dist = stats.lognorm(s=tau)
    lo = dist.ppf(p_lo) if p_lo > 0 else 0.0
    hi = dist.ppf(p_hi) if p_hi < 1 else np.inf
    return integrate.quad(lambda x: x * dist.pdf(x), lo, hi, epsabs=1e-13, limit=200)[0] / dist.mean()


@pytest.mark.parametrize("gini", [0.05, 0.3, 0.397, 0.485, 0.8])
def test_tau_from_gini_against_integrated_gini(gini):
    tau = cal.tau_from_gini(gini)
    assert _gini_by_quadrature(tau) == pytest.approx(gini, abs=1e-8)


def test_calibrate_gini_keeps_the_median():
    eco = cal.calibrate_gini([50_000.0, 80_000.0], [0.4, 0.48])
    np.testing.assert_allclose(eco.median, [50_000.0, 80_000.0])
    np.testing.assert_allclose([_gini_by_quadrature(t) for t in eco.tau], [0.4, 0.48], atol=1e-8)


@pytest.mark.parametrize("bad", [0.0, 1.0, -0.1, 1.2, np.nan])
def test_tau_from_gini_bad_input(bad):
    with pytest.raises(ValueError, match="gini"):
        cal.tau_from_gini(bad)


def test_lognormal_inequality_against_quadrature(calibrated):
    years = [1967, 1975, 2024]
    out = cal.lognormal_inequality(calibrated.loc[years])
    edges = np.linspace(0, 1, 6)
    for year in years:
        tau = calibrated.loc[year, "tau"]
        assert out.loc[year, "gini"] == pytest.approx(_gini_by_quadrature(tau), abs=1e-8)
        for i in range(5):
            share = 100 * _share_by_quadrature(tau, edges[i], edges[i + 1])
            assert out.loc[year, f"q{i + 1}_share"] == pytest.approx(share, abs=1e-6)
        top5 = 100 * _share_by_quadrature(tau, 0.95, 1.0)
        assert out.loc[year, "top5_share"] == pytest.approx(top5, abs=1e-6)


def test_lognormal_shares_by_monte_carlo(calibrated):
    tau = float(calibrated.loc[2024, "tau"])
    x = np.sort(np.exp(tau * np.random.default_rng(3).standard_normal(2_000_000)))
    q5 = 100 * x[int(0.8 * x.size):].sum() / x.sum()
    assert cal.lognormal_inequality([tau])["q5_share"].iloc[0] == pytest.approx(q5, abs=0.15)


def test_lognormal_inequality_bad_input():
    with pytest.raises(ValueError, match="tau must not be NaN"):
        cal.lognormal_inequality([0.5, np.nan])
    with pytest.raises(ValueError, match="tau must be >= 0"):
        cal.lognormal_inequality([-0.1])


def test_compare_inequality_lines_up_with_census(calibrated):
    census = janus.load_income_inequality()
    cmp = cal.compare_inequality(calibrated)
    assert list(cmp.index) == list(calibrated.index)
    for year in (1967, 1993, 2023):
        for m in cal.INEQUALITY_COLUMNS:
            c = census.loc[year, m]
            assert cmp.loc[year, (m, "census")] == pytest.approx(c)
            assert cmp.loc[year, (m, "gap")] == pytest.approx(cmp.loc[year, (m, "lognormal")] - c)
    assert np.isnan(cmp.loc[2024, ("gini", "census")])      # not published, stays missing
    twice = pd.concat([calibrated.loc[[1975]], calibrated.loc[[1975]]])
    with pytest.raises(ValueError, match="year 1975 appears twice"):
        cal.compare_inequality(twice)


# ------------------------------------------------------- value of skill, time

def _discounted_sum(yearly, years, rate):
    """Sum of a constant yearly amount paid at the end of each of `years` years."""
    return sum(yearly / (1 + rate) ** t for t in range(1, int(years) + 1))


@pytest.mark.parametrize("rate", [0.0, 0.03])
def test_value_of_skill_by_summing_years(calibrated, rate):
    eco = janus.Economy(A=calibrated.loc[[1975, 2024], "A"].to_numpy()[:, None],
                        beta=calibrated.loc[[1975, 2024], "beta"].to_numpy()[:, None])
    iq = np.array([85.0, 100.0, 115.0, 130.0])
    value = cal.value_of_skill(eco, iq, years=40, rate=rate)
    assert value.shape == (2, 4)
    for i, year in enumerate((1975, 2024)):
        A, beta = calibrated.loc[year, "A"], calibrated.loc[year, "beta"]
        for j, s in enumerate(iq):
            yearly = A * np.exp(beta * (s + 1)) - A * np.exp(beta * s)
            assert value[i, j] == pytest.approx(_discounted_sum(yearly, 40, rate), rel=1e-10)


@pytest.mark.parametrize("years_out, points_lost, rate", [(1, 0, 0.0), (2, 0, 0.03), (1, 3, 0.0),
                                                          (0, 3, 0.03), (3, 5, 0.05)])
def test_time_cost_by_cash_flows(calibrated, years_out, points_lost, rate):
    A, beta = calibrated.loc[2024, "A"], calibrated.loc[2024, "beta"]
    eco = janus.Economy(A=A, beta=beta)
    for s in (85.0, 130.0):
        full = A * np.exp(beta * s)
        reduced = A * np.exp(beta * (s - points_lost))
        flows = [full if t <= years_out else full - reduced for t in range(1, 41)]
        expected = sum(f / (1 + rate) ** t for t, f in enumerate(flows, start=1))
        got = cal.time_cost(eco, s, years_out=years_out, points_lost=points_lost, rate=rate)
        assert got == pytest.approx(expected, rel=1e-10)


def test_time_cost_bad_input():
    eco = janus.Economy(A=1000.0, beta=0.04)
    with pytest.raises(ValueError, match="years_out must be <= years"):
        cal.time_cost(eco, 100.0, years_out=41)
    with pytest.raises(ValueError, match="points_lost must be >= 0"):
        cal.time_cost(eco, 100.0, points_lost=-1)
    with pytest.raises(ValueError, match="iq must not be NaN"):
        cal.time_cost(eco, np.nan)
    with pytest.raises(ValueError, match="iq must not be NaN"):
        cal.value_of_skill(eco, [100.0, np.nan])
    with pytest.raises(TypeError, match="economy must be a janus.Economy"):
        cal.value_of_skill(0.04, 100.0)
    with pytest.raises(ValueError, match="rate must be > -1"):
        cal.value_of_skill(eco, 100.0, years=40, rate=-1.0)


# --------------------------------------------------------------- chaining

def test_chain_breaks_removes_the_jumps():
    both = janus.load_household_income("both")
    chained = cal.chain_breaks(both)
    later = janus.load_household_income("later")
    assert list(chained.index) == list(later.index)
    for year, (earlier, _) in janus.data.BREAKS.items():
        rows = both.loc[[year]].set_index("method")
        for col in ("median_real", "mean_real"):
            # the change into the break year is the one the earlier method measures
            ratio = chained.loc[year - 1, col] / chained.loc[year, col]
            raw_old = both.loc[both.index == year - 1, col].iloc[0] / rows.loc[earlier, col]
            assert ratio == pytest.approx(raw_old, rel=1e-12), (year, col)
    pd.testing.assert_series_equal(chained.loc[2017:, "median_real"], later.loc[2017:, "median_real"])
    for col in ("median_real", "mean_real"):
        factor = np.prod([both.loc[both.index == y].set_index("method").loc[n, col]
                          / both.loc[both.index == y].set_index("method").loc[e, col]
                          for y, (e, n) in janus.data.BREAKS.items()])
        assert chained.loc[1975, f"{col}_factor"] == pytest.approx(factor, rel=1e-12)
        assert chained.loc[1975, col] == pytest.approx(later.loc[1975, col] * factor, rel=1e-12)


def test_chain_breaks_needs_both_rows():
    with pytest.raises(ValueError, match="year 2013: chaining needs both"):
        cal.chain_breaks(janus.load_household_income("later"))


# ------------------------------------------------------------------ trend

def test_linear_trend_matches_linregress():
    rng = np.random.default_rng(5)
    x = np.arange(1967, 2025, dtype=float)
    y = 0.03 + 0.0004 * (x - 1967) + rng.normal(0, 0.002, x.size)
    t = cal.linear_trend(x, y)
    ref = stats.linregress(x, y)
    assert t.slope == pytest.approx(ref.slope, rel=1e-10)
    assert t.slope_se == pytest.approx(ref.stderr, rel=1e-10)
    assert t.predict(x.mean())[0] == pytest.approx(ref.intercept + ref.slope * x.mean(), rel=1e-10)
    fit_2050, lo, hi = t.predict(2050.0, level=0.9)
    assert lo < fit_2050 < hi


def test_linear_trend_intervals_cover_by_simulation():
    """90 % intervals for the line at 2050 cover the true value about 90 % of the time."""
    rng = np.random.default_rng(11)
    x = np.arange(1993, 2025, dtype=float)
    truth = lambda z: 0.05 + 0.0003 * (z - 2000)
    n_sim, hits_mean, hits_obs = 2000, 0, 0
    for _ in range(n_sim):
        y = truth(x) + rng.normal(0, 0.003, x.size)
        t = cal.linear_trend(x, y)
        _, lo, hi = t.predict(2050.0, level=0.9)
        hits_mean += lo <= truth(2050.0) <= hi
        _, lo, hi = t.predict(2050.0, level=0.9, kind="observation")
        hits_obs += lo <= truth(2050.0) + rng.normal(0, 0.003) <= hi
    se = np.sqrt(0.9 * 0.1 / n_sim)
    assert abs(hits_mean / n_sim - 0.9) < 4 * se
    assert abs(hits_obs / n_sim - 0.9) < 4 * se


@pytest.mark.parametrize("x, y, match", [
    ([1, 2], [1, 2], "at least 3 points"),
    ([1, 1, 1], [1, 2, 3], "x must not be constant"),
    ([1, 2, np.nan], [1, 2, 3], "x must not be NaN"),
    ([1, 2, 3], [1, 2], "same length"),
])
def test_linear_trend_bad_input(x, y, match):
    with pytest.raises(ValueError, match=match):
        cal.linear_trend(x, y)


def test_trend_predict_bad_input():
    t = cal.linear_trend([1, 2, 3, 4], [1.0, 2.1, 2.9, 4.2])
    with pytest.raises(ValueError, match="level must be"):
        t.predict(5, level=1.5)
    with pytest.raises(ValueError, match="kind must be"):
        t.predict(5, kind="band")


# ------------------------------------------------------------- revision

def test_revision_2024_is_the_one_documented_in_the_readme():
    readme = (data.data_folder() / "README.md").read_text(encoding="utf-8")
    rev = data.REVISION_2024
    shown = lambda v: f"{int(v):,}"
    item = re.search(r"2024 was revised.*?(?=\n\d\. )", readme, flags=re.S).group(0)
    assert shown(rev["median_nominal"]) in item and shown(rev["replaces"]) in item
    assert janus.load_household_income().loc[2024, "median_nominal"] == rev["replaces"]


def test_method_breaks_are_the_ones_in_the_readme():
    readme = (data.data_folder() / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Series breaks", 1)[1].split("\n## ", 1)[0]
    for year in data.METHOD_BREAKS:
        assert str(year) in section, year
    assert set(data.BREAKS) <= set(data.METHOD_BREAKS)
