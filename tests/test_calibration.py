"""janus.calibration: calibrate recovers the economy that produced a median and a mean."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import janus
from janus import Economy


@settings(max_examples=80, deadline=None)
@given(A=st.floats(1e-3, 1e4), beta=st.floats(1e-3, 0.1), mu=st.floats(50.0, 150.0),
       sigma=st.floats(1.0, 30.0))
def test_calibrate_recovers_beta_and_A(A, beta, mu, sigma):
    eco = Economy(A=A, beta=beta, mu=mu, sigma=sigma)
    back = janus.calibrate(eco.median, eco.mean, mu=mu, sigma=sigma)
    assert back.beta == pytest.approx(beta, rel=1e-6)
    assert back.A == pytest.approx(A, rel=1e-5)


def test_calibrate_from_a_simulated_sample():
    """Median and mean of a large simulated sample give back beta within sampling error."""
    eco = Economy(A=900.0, beta=0.045)
    w = eco.rvs(size=1_000_000, random_state=np.random.default_rng(11))
    back = janus.calibrate(np.median(w), w.mean())
    assert back.beta == pytest.approx(0.045, rel=0.02)


def test_equal_median_and_mean_means_no_returns_to_skill():
    eco = janus.calibrate(50_000.0, 50_000.0)
    assert eco.beta == 0.0 and eco.A == pytest.approx(50_000.0)


def test_calibrate_series_matches_calibrate():
    table = pd.DataFrame({"median_real": [58_630.0, 83_730.0], "mean_real": [68_460.0, 121_000.0]},
                         index=pd.Index([1975, 2024], name="year"))
    out = janus.calibrate_series(table)
    for year in table.index:
        eco = janus.calibrate(table.loc[year, "median_real"], table.loc[year, "mean_real"])
        assert out.loc[year, "beta"] == pytest.approx(eco.beta)
        assert out.loc[year, "A"] == pytest.approx(eco.A)
        assert out.loc[year, "gini"] == pytest.approx(eco.gini)
    np.testing.assert_allclose(out["median"], table["median_real"])
    np.testing.assert_allclose(out["mean"], table["mean_real"])


@pytest.mark.parametrize("median, mean, name", [
    (100.0, 90.0, "median <= mean"),
    (0.0, 10.0, "median must be > 0"),
    (-5.0, 10.0, "median must be > 0"),
    (10.0, np.nan, "mean must not be NaN"),
    ([1.0, 2.0], [3.0, 4.0, 5.0], "median, mean"),
])
def test_calibrate_bad_input(median, mean, name):
    with pytest.raises(ValueError, match=name):
        janus.calibrate(median, mean)


def test_calibrate_series_bad_input():
    with pytest.raises(TypeError, match="table"):
        janus.calibrate_series([[1, 2]])
    with pytest.raises(ValueError, match="no column 'mean_real'"):
        janus.calibrate_series(pd.DataFrame({"median_real": [1.0]}))
    with pytest.raises(ValueError, match="missing"):
        janus.calibrate_series(pd.DataFrame({"median_real": [1.0, 2.0], "mean_real": [2.0, np.nan]}))


def test_calibrate_skill_parameters_must_broadcast():
    with pytest.raises(ValueError, match=r"median \(2,\), mean \(2,\), mu \(\), sigma \(3,\)"):
        janus.calibrate([1.0, 2.0], [3.0, 4.0], sigma=[10.0, 15.0, 20.0])
    eco = janus.calibrate([50.0, 60.0], [70.0, 80.0], sigma=[[10.0], [15.0]])
    assert eco.beta.shape == (2, 2)
