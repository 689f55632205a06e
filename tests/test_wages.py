"""janus.wages: closed forms against Monte Carlo and quadrature, properties against theory."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate, stats

import janus
from janus import Economy

N = 400_000  # Monte Carlo draws; tolerances below are 5 standard errors


@pytest.fixture(scope="module")
def rng():
    return np.random.default_rng(20260219)


ECONOMIES = [
    Economy(A=1000.0, beta=0.03),
    Economy(A=250.0, beta=0.06, mu=100.0, sigma=15.0),
    Economy(A=1.0, beta=0.5, mu=2.0, sigma=1.2),
]


def skill_expectation(eco, f):
    """E[f(s)] for s ~ N(mu, sigma^2), by adaptive quadrature (independent of the closed forms)."""
    mu, sigma = float(eco.mu), float(eco.sigma)
    value, _ = integrate.quad(lambda s: f(s) * stats.norm.pdf(s, mu, sigma),
                              mu - 12 * sigma, mu + 12 * sigma, limit=200)
    return value


@pytest.mark.parametrize("eco", ECONOMIES)
def test_moments_against_quadrature(eco):
    wage = lambda s: float(eco.A) * np.exp(float(eco.beta) * s)  # noqa: E731
    mean = skill_expectation(eco, wage)
    second = skill_expectation(eco, lambda s: wage(s) ** 2)
    assert eco.mean == pytest.approx(mean, rel=1e-8)
    assert eco.variance == pytest.approx(second - mean ** 2, rel=1e-6)


@pytest.mark.parametrize("eco", ECONOMIES)
def test_distribution_against_monte_carlo(eco, rng):
    w = eco.rvs(size=N, random_state=rng)
    se_mean = w.std() / np.sqrt(N)
    assert abs(w.mean() - eco.mean) < 5 * se_mean
    # the median of the sample: its standard error is 1 / (2 f(m) sqrt(N))
    se_median = 1.0 / (2.0 * eco.pdf(eco.median) * np.sqrt(N))
    assert abs(np.median(w) - eco.median) < 5 * se_median
    # share below the mean, Gini, Lorenz and top shares
    p_below = np.mean(w < eco.mean)
    assert abs(p_below - eco.share_below_mean) < 5 * np.sqrt(0.25 / N)
    sorted_w = np.sort(w)
    cum = np.cumsum(sorted_w) / sorted_w.sum()
    for p in (0.2, 0.5, 0.8):
        assert cum[int(p * N) - 1] == pytest.approx(eco.lorenz(p), abs=0.01)
    top10 = sorted_w[int(0.9 * N):].sum() / sorted_w.sum()
    assert top10 == pytest.approx(eco.top_share(0.1), abs=0.01)
    gini_sample = 1.0 - 2.0 * np.trapezoid(np.r_[0.0, cum], dx=1.0 / N)
    assert gini_sample == pytest.approx(eco.gini, abs=0.01)
    theil_sample = np.mean(w / w.mean() * np.log(w / w.mean()))
    assert theil_sample == pytest.approx(eco.theil, abs=0.02 * max(1.0, eco.theil))
    assert np.var(np.log(w)) == pytest.approx(eco.log_variance, rel=0.01)


@pytest.mark.parametrize("eco", ECONOMIES)
def test_mode_maximises_density(eco):
    from scipy.optimize import minimize_scalar
    res = minimize_scalar(lambda lw: -eco.pdf(np.exp(lw)),   # the density of w, over ln w
                          bracket=(np.log(eco.median) - 2 * eco.tau ** 2, np.log(eco.median)))
    assert np.exp(res.x) == pytest.approx(eco.mode, rel=1e-4)


@pytest.mark.parametrize("eco", ECONOMIES)
def test_quantile_and_cdf_agree_with_scipy(eco):
    ref = stats.lognorm(s=float(eco.tau), scale=float(eco.median))
    p = np.array([0.01, 0.1, 0.5, 0.9, 0.99])
    np.testing.assert_allclose(eco.quantile(p), ref.ppf(p), rtol=1e-10)
    np.testing.assert_allclose(eco.cdf(eco.quantile(p)), p, rtol=1e-10)
    # the wage of the person at skill quantile p is the wage quantile p (w is increasing in s)
    s_p = stats.norm.ppf(p, float(eco.mu), float(eco.sigma))
    np.testing.assert_allclose(eco.wage(s_p), eco.quantile(p), rtol=1e-10)


def test_quintile_shares_sum_and_lorenz():
    eco = Economy(A=1000.0, beta=[[0.02], [0.05]], sigma=[10.0, 15.0, 20.0])
    shares = eco.quintile_shares()
    assert shares.shape == (2, 3, 5)
    np.testing.assert_allclose(shares.sum(axis=-1), 1.0)
    assert (np.diff(shares, axis=-1) > 0).all()          # richer quintiles earn more
    np.testing.assert_allclose(shares[..., :2].sum(axis=-1), eco.lorenz(0.4))


def test_marginal_value_is_the_derivative():
    eco = Economy(A=800.0, beta=0.045)
    s = np.array([85.0, 100.0, 115.0, 130.0])
    h = 1e-4
    numeric = (eco.wage(s + h) - eco.wage(s - h)) / (2 * h)
    np.testing.assert_allclose(eco.marginal_value(s), numeric, rtol=1e-7)
    assert (np.diff(eco.marginal_value(s)) > 0).all()  # worth more at the top
    # ex ante: the derivative of the mean wage with respect to mean skill
    up = Economy(A=800.0, beta=0.045, mu=100 + h).mean
    down = Economy(A=800.0, beta=0.045, mu=100 - h).mean
    assert eco.expected_marginal_value() == pytest.approx((up - down) / (2 * h), rel=1e-7)
    # the gain from delta points, at s and ex ante
    assert eco.gain(3.0, s=100.0) == pytest.approx(eco.wage(103.0) - eco.wage(100.0))
    assert eco.gain(3.0) == pytest.approx(Economy(A=800.0, beta=0.045, mu=103).mean - eco.mean)


def test_mean_grows_exponentially_in_mu_and_sigma_squared():
    """Claim C2: ln M is linear in mu (slope beta) and in sigma^2 (slope beta^2 / 2)."""
    mu = np.linspace(80, 120, 9)
    log_mean = np.log(Economy(A=1.0, beta=0.05, mu=mu).mean)
    assert np.polyfit(mu, log_mean, 1)[0] == pytest.approx(0.05)
    assert np.allclose(np.diff(log_mean, 2), 0.0, atol=1e-10)
    sigma2 = np.linspace(25, 400, 9)
    log_mean = np.log(Economy(A=1.0, beta=0.05, sigma=np.sqrt(sigma2)).mean)
    assert np.polyfit(sigma2, log_mean, 1)[0] == pytest.approx(0.05 ** 2 / 2)


def test_derivative_of_log_mean_in_beta():
    eco = Economy(A=1000.0, beta=0.04)
    h = 1e-6
    numeric = (np.log(Economy(A=1000.0, beta=0.04 + h).mean)
               - np.log(Economy(A=1000.0, beta=0.04 - h).mean)) / (2 * h)
    assert numeric == pytest.approx(float(eco.mu + eco.beta * eco.sigma ** 2), rel=1e-6)


def test_lifetime_and_annuity():
    assert janus.lifetime(1.0, years=40) == 40.0
    r, T = 0.03, 40
    direct = sum((1 + r) ** -t for t in range(1, T + 1))
    assert janus.annuity_factor(T, r) == pytest.approx(direct, rel=1e-12)
    # continuous through r = 0
    assert janus.annuity_factor(T, 1e-9) == pytest.approx(T, rel=1e-6)
    np.testing.assert_allclose(janus.lifetime([1.0, 2.0], years=[10, 20]), [10.0, 40.0])


def test_vectorised_like_scipy():
    eco = Economy(A=1000.0, beta=np.array([0.02, 0.04, 0.06]))
    assert eco.mean.shape == (3,)
    assert eco.wage(np.array([[90.0], [110.0]])).shape == (2, 3)
    each = [Economy(A=1000.0, beta=b).mean for b in (0.02, 0.04, 0.06)]
    np.testing.assert_allclose(eco.mean, each)
    assert isinstance(Economy(A=1.0, beta=0.1).mean, np.floating)


def test_immutable():
    eco = Economy(A=1.0, beta=0.1)
    with pytest.raises(AttributeError):
        eco.beta = 0.2
    with pytest.raises(ValueError):
        eco._beta[...] = 0.3


# ------------------------------------------------------------------ properties
betas = st.floats(min_value=0.0, max_value=0.2)
sigmas = st.floats(min_value=0.5, max_value=30.0)
As = st.floats(min_value=1e-3, max_value=1e4)


@settings(max_examples=60, deadline=None)
@given(A=As, beta=betas, sigma=sigmas)
def test_mean_at_least_median_and_gini_in_unit_interval(A, beta, sigma):
    eco = Economy(A=A, beta=beta, sigma=sigma)
    assert eco.mean >= eco.median >= eco.mode
    assert 0.0 <= eco.gini < 1.0
    if beta * sigma > 0:
        assert 0.5 <= eco.share_below_mean < 1.0
    else:                                   # a point mass: nobody earns less than the mean
        assert eco.share_below_mean == 0.0


@settings(max_examples=60, deadline=None)
@given(beta=st.floats(min_value=0.0, max_value=0.19), step=st.floats(min_value=1e-3, max_value=0.01),
       sigma=sigmas)
def test_inequality_and_mean_rise_with_beta(beta, step, sigma):
    """Claim C1 (mu > 0): mean income, mean/median and the Gini all rise with beta."""
    low, high = Economy(A=1.0, beta=beta, sigma=sigma), Economy(A=1.0, beta=beta + step, sigma=sigma)
    assert high.mean > low.mean
    assert high.mean_median_ratio > low.mean_median_ratio
    assert high.gini > low.gini
    assert high.top_share(0.1) > low.top_share(0.1)


# ------------------------------------------------------------------ bad input
@pytest.mark.parametrize("kwargs, name", [
    (dict(A=0.0, beta=0.1), "A"),
    (dict(A=-1.0, beta=0.1), "A"),
    (dict(A=1.0, beta=-0.1), "beta"),
    (dict(A=1.0, beta=0.1, sigma=0.0), "sigma"),
    (dict(A=1.0, beta=0.1, sigma=-2.0), "sigma"),
    (dict(A=np.nan, beta=0.1), "A"),
    (dict(A=1.0, beta=np.inf), "beta"),
    (dict(A=1.0, beta=0.1, mu=np.nan), "mu"),
    (dict(A=[1.0, 2.0], beta=[0.1, 0.2, 0.3]), "A, beta"),
])
def test_bad_parameters(kwargs, name):
    with pytest.raises(ValueError, match=name):
        Economy(**kwargs)


@pytest.mark.parametrize("value", ["0.1", None, True, 1 + 2j])
def test_bad_types(value):
    with pytest.raises(TypeError, match="beta"):
        Economy(A=1.0, beta=value)


def test_bad_probabilities_and_skills():
    eco = Economy(A=1.0, beta=0.1)
    for method in (eco.quantile, eco.lorenz, eco.top_share):
        with pytest.raises(ValueError, match=r"p must be >= 0 and <= 1"):
            method(1.5)
        with pytest.raises(ValueError, match="p must not be NaN"):
            method(np.nan)
    with pytest.raises(ValueError, match="s must not be NaN"):
        eco.wage(np.nan)
    with pytest.raises(ValueError, match="years"):
        janus.lifetime(1.0, years=-1)
    with pytest.raises(ValueError, match="rate"):
        janus.lifetime(1.0, rate=-1.0)


def test_large_values_raise_instead_of_overflowing():
    eco = Economy(A=1.0, beta=8.0)          # beta * mu = 800: exp overflows a float
    assert eco.log_mean == pytest.approx(800 + 0.5 * 120.0 ** 2)
    with pytest.raises(ValueError, match="exceeds the largest float"):
        eco.mean
    assert eco.gini == pytest.approx(1.0)   # still well defined, no warning


def test_arguments_that_do_not_broadcast_name_themselves():
    eco = Economy(A=1.0, beta=[0.1, 0.2, 0.3])
    for method, name, value in [(eco.wage, "s", [90.0, 110.0]), (eco.marginal_value, "s", [90.0, 110.0]),
                                (eco.quantile, "p", [0.1, 0.2]), (eco.lorenz, "p", [0.1, 0.2]),
                                (eco.top_share, "p", [0.1, 0.2]), (eco.cdf, "w", [1.0, 2.0]),
                                (eco.pdf, "w", [1.0, 2.0]), (eco.gain, "delta", [1.0, 2.0])]:
        with pytest.raises(ValueError, match=rf"cannot be broadcast.*economy \(3,\), {name} \(2,\)"):
            method(value)
    with pytest.raises(ValueError, match=r"economy \(3,\), gamma \(2,\)"):
        janus.certainty_equivalent(eco, [1.0, 2.0])
