"""janus.risk: certainty equivalents, the plateau and the indifference gamma."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate, optimize, stats

import janus
from janus import Economy


def crra(c, gamma):
    """The book's CRRA utility, written independently of janus."""
    return np.log(c) if gamma == 1 else (c ** (1 - gamma) - 1) / (1 - gamma)


def crra_inverse(u, gamma):
    return np.exp(u) if gamma == 1 else (1 + (1 - gamma) * u) ** (1 / (1 - gamma))


def expected_utility_by_quadrature(eco, gamma):
    mu, sigma, A, beta = (float(x) for x in (eco.mu, eco.sigma, eco.A, eco.beta))
    value, _ = integrate.quad(lambda s: crra(A * np.exp(beta * s), gamma) * stats.norm.pdf(s, mu, sigma),
                              mu - 12 * sigma, mu + 12 * sigma, limit=200)
    return value


@pytest.mark.parametrize("gamma", [0.0, 0.5, 1.0, 2.0, 3.5])
def test_certainty_equivalent_against_quadrature(gamma):
    eco = Economy(A=0.02, beta=0.035)    # wages near 1, so utilities are of moderate size
    eu = expected_utility_by_quadrature(eco, gamma)
    assert janus.expected_utility(eco, gamma) == pytest.approx(eu, rel=1e-8, abs=1e-12)
    assert janus.certainty_equivalent(eco, gamma) == pytest.approx(crra_inverse(eu, gamma), rel=1e-7)


def test_certainty_equivalent_against_monte_carlo():
    eco = Economy(A=1000.0, beta=0.04)
    gamma, n = 2.0, 400_000
    w = eco.rvs(size=n, random_state=np.random.default_rng(7))
    u = crra(w, gamma)
    half_width = 5 * u.std() / np.sqrt(n)
    ce_low, ce_high = crra_inverse(u.mean() - half_width, gamma), crra_inverse(u.mean() + half_width, gamma)
    assert ce_low < janus.certainty_equivalent(eco, gamma) < ce_high


def test_certainty_equivalent_identities():
    eco = Economy(A=500.0, beta=[0.02, 0.05])
    gamma = 2.5
    ce = janus.certainty_equivalent(eco, gamma)
    np.testing.assert_allclose(ce, eco.median * eco.mean_median_ratio ** (1 - gamma))
    np.testing.assert_allclose(eco.mean / ce, janus.risk_premium_factor(eco, gamma))
    np.testing.assert_allclose(janus.certainty_equivalent(eco, 0.0), eco.mean)
    np.testing.assert_allclose(janus.certainty_equivalent(eco, 1.0), eco.median)


@settings(max_examples=80, deadline=None)
@given(beta=st.floats(0.0, 0.15), gamma=st.floats(0.0, 10.0), A=st.floats(1e-2, 1e4))
def test_ce_below_mean(beta, gamma, A):
    eco = Economy(A=A, beta=beta)
    assert janus.certainty_equivalent(eco, gamma) <= eco.mean * (1 + 1e-12)


@settings(max_examples=60, deadline=None)
@given(beta=st.floats(0.001, 0.15), A=st.floats(1e-2, 1e4), eps=st.floats(1e-9, 1e-6))
def test_continuous_at_gamma_one(beta, A, eps):
    eco = Economy(A=A, beta=beta)
    at_one = janus.expected_utility(eco, 1.0)
    for g in (1 - eps, 1 + eps):
        assert janus.expected_utility(eco, g) == pytest.approx(at_one, rel=1e-4, abs=1e-8)
        assert janus.certainty_equivalent(eco, g) == pytest.approx(janus.certainty_equivalent(eco, 1.0),
                                                                  rel=1e-4)


@pytest.mark.parametrize("gamma", [1.5, 2.0, 3.0, 6.0])
def test_plateau_is_the_numerical_argmax(gamma):
    res = optimize.minimize_scalar(lambda b: -janus.log_certainty_equivalent(Economy(A=1.0, beta=b), gamma),
                                   bounds=(0.0, 1.0), method="bounded", options={"xatol": 1e-10})
    assert janus.plateau(gamma) == pytest.approx(res.x, rel=1e-6)


@settings(max_examples=60, deadline=None)
@given(gamma=st.floats(1.05, 20.0), mu=st.floats(10.0, 200.0), sigma=st.floats(1.0, 40.0),
       step=st.floats(1e-4, 1e-2))
def test_plateau_maximises_ce(gamma, mu, sigma, step):
    b = janus.plateau(gamma, mu=mu, sigma=sigma)
    ce = lambda beta: janus.log_certainty_equivalent(Economy(A=1.0, beta=beta, mu=mu, sigma=sigma), gamma)  # noqa: E731
    assert ce(b) >= ce(b * (1 + step))
    assert ce(b) >= ce(b * (1 - step))
    # GDP keeps rising beyond the plateau (claim C5)
    assert Economy(A=1.0, beta=b * (1 + step), mu=mu, sigma=sigma).log_mean > \
        Economy(A=1.0, beta=b, mu=mu, sigma=sigma).log_mean


@settings(max_examples=60, deadline=None)
@given(gamma=st.floats(0.0, 1.0), beta=st.floats(0.0, 0.3), step=st.floats(1e-3, 0.05))
def test_progress_always_pays_when_gamma_at_most_one(gamma, beta, step):
    """Claim C5, first half: gamma <= 1 means CE rises with beta for ever."""
    assert janus.plateau(gamma) == np.inf
    low = janus.log_certainty_equivalent(Economy(A=1.0, beta=beta), gamma)
    high = janus.log_certainty_equivalent(Economy(A=1.0, beta=beta + step), gamma)
    assert high > low


def test_indifference_gamma_equalises_ce():
    e1 = Economy(A=2000.0, beta=0.025)
    e2 = Economy(A=1500.0, beta=0.032)
    g = janus.indifference_gamma(e1, e2)
    assert janus.certainty_equivalent(e1, g) == pytest.approx(janus.certainty_equivalent(e2, g))
    assert janus.certainty_equivalent(e1, g + 0.1) > janus.certainty_equivalent(e2, g + 0.1)
    assert janus.certainty_equivalent(e1, g - 0.1) < janus.certainty_equivalent(e2, g - 0.1)
    root = optimize.brentq(lambda x: janus.log_certainty_equivalent(e1, x)
                           - janus.log_certainty_equivalent(e2, x), 0.0, 50.0)
    assert g == pytest.approx(root, rel=1e-9)


def test_indifference_gamma_errors():
    equal = Economy(A=1000.0, beta=0.03)
    unequal = Economy(A=1000.0, beta=0.04)
    with pytest.raises(ValueError, match="less unequal"):
        janus.indifference_gamma(unequal, equal)
    with pytest.raises(ValueError, match="less unequal"):
        janus.indifference_gamma(equal, equal)
    richer_and_equal = Economy(A=1e6, beta=0.03)
    with pytest.raises(ValueError, match="every gamma"):
        janus.indifference_gamma(richer_and_equal, unequal)
    with pytest.raises(TypeError, match="economy_1"):
        janus.indifference_gamma(0.5, unequal)


@pytest.mark.parametrize("func", [janus.certainty_equivalent, janus.expected_utility,
                                  janus.risk_premium_factor, janus.log_certainty_equivalent])
def test_bad_gamma(func):
    eco = Economy(A=1.0, beta=0.1)
    with pytest.raises(ValueError, match="gamma must be >= 0"):
        func(eco, -0.5)
    with pytest.raises(ValueError, match="gamma must not be NaN"):
        func(eco, np.nan)
    with pytest.raises(TypeError, match="economy"):
        func("not an economy", 2.0)


def test_plateau_bad_input_and_vectorised():
    with pytest.raises(ValueError, match="gamma"):
        janus.plateau(-1.0)
    with pytest.raises(ValueError, match="sigma"):
        janus.plateau(2.0, sigma=0.0)
    np.testing.assert_allclose(janus.plateau([0.5, 2.0, 3.0]), [np.inf, 100 / 225, 50 / 225])


@pytest.mark.parametrize("gamma", [0.0, 0.5, 1.0, 2.0, 4.0])
def test_utility_and_its_inverse(gamma):
    c = np.array([0.5, 1.0, 3.0, 10.0])
    np.testing.assert_allclose(janus.utility(c, gamma), [crra(x, gamma) for x in c], rtol=1e-12)
    np.testing.assert_allclose(janus.inverse_utility(janus.utility(c, gamma), gamma), c, rtol=1e-12)
    # expected utility is the utility of the certainty equivalent
    eco = Economy(A=0.02, beta=0.035)
    assert janus.expected_utility(eco, gamma) == pytest.approx(
        janus.utility(janus.certainty_equivalent(eco, gamma), gamma), rel=1e-12)


def test_utility_bad_input():
    with pytest.raises(ValueError, match="c must be > 0"):
        janus.utility(0.0, 2.0)
    with pytest.raises(ValueError, match="gamma must be >= 0"):
        janus.utility(1.0, -1.0)
    with pytest.raises(ValueError, match="u must satisfy"):
        janus.inverse_utility(1.0, 2.0)     # utility is below 1/(gamma - 1) = 1
