"""The headline numbers of chapters 4 and 5, recomputed without janus.

The Census file is read with the standard library's ``csv`` module and the
formulas of the book's model are applied by hand; ``janus`` must agree.
"""

import csv
import math

import numpy as np
import pytest
from scipy import optimize

import janus
from janus import ai_race
from janus import calibration as cal

IQ = np.array([85.0, 100.0, 115.0, 130.0])


def _raw_rows():
    path = janus.data.data_folder() / "us_household_income.csv"
    with open(path, newline="", encoding="utf-8") as handle:
        rows = {}
        for row in csv.DictReader(handle):
            rows[int(row["year"])] = row          # for 2013/2017 the later row wins
    return rows


@pytest.fixture(scope="module")
def by_hand():
    rows = _raw_rows()
    out = {}
    for year in (1975, 2024):
        m, M = float(rows[year]["median_real"]), float(rows[year]["mean_real"])
        beta = math.sqrt(2 * math.log(M / m)) / 15.0
        out[year] = dict(m=m, M=M, beta=beta, A=m * math.exp(-beta * 100.0))
    return out


def test_beta_and_A_from_the_csv(by_hand):
    c = cal.calibrate_years([1975, 2024])
    for year in (1975, 2024):
        assert c.loc[year, "beta"] == pytest.approx(by_hand[year]["beta"], rel=1e-12)
        assert c.loc[year, "A"] == pytest.approx(by_hand[year]["A"], rel=1e-12)
    # claim C7 as the chapter states it
    assert by_hand[2024]["beta"] > 1.5 * by_hand[1975]["beta"]
    assert by_hand[2024]["A"] < by_hand[1975]["A"]


def test_gamma_star_from_the_csv(by_hand):
    a, b = by_hand[1975], by_hand[2024]
    expected = 1 + math.log(b["m"] / a["m"]) / math.log((b["M"] / b["m"]) / (a["M"] / a["m"]))
    c = cal.calibrate_years([1975, 2024])
    assert cal.gamma_star_years(c, reference=2024)[1975] == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("years", [1.0, 40.0])
def test_value_of_an_iq_point_from_the_csv(by_hand, years):
    for year in (1975, 2024):
        beta, A = by_hand[year]["beta"], by_hand[year]["A"]
        eco = janus.Economy(A=A, beta=beta)
        wage = A * np.exp(beta * IQ)
        exact = years * wage * np.expm1(beta)          # a whole point, as the chapter tabulates
        np.testing.assert_allclose(cal.value_of_skill(eco, IQ, years=years), exact, rtol=1e-12)
        # and the derivative beta * w(s) is smaller by the factor beta / (e^beta - 1)
        np.testing.assert_allclose(years * beta * wage, exact * beta / np.expm1(beta), rtol=1e-12)


@pytest.mark.parametrize("n, eta", [(2, 1.0), (3, 1.2), (5, 0.8), (5, 1.0), (5, 1.2)])
def test_tullock_spending_and_dissipation(n, eta):
    prize = 7.0                                       # the chapter's rho * V
    expected = prize * eta * (n - 1) / n ** 2
    assert ai_race.tullock_spending(n, eta, prize) == pytest.approx(expected, rel=1e-12)
    assert ai_race.dissipation(n, eta) == pytest.approx(eta * (n - 1) / n, rel=1e-12)

    # a best response found numerically against rivals who play the closed form
    def payoff(x):
        return prize * x ** eta / (x ** eta + (n - 1) * expected ** eta) - x

    best = optimize.minimize_scalar(lambda x: -payoff(x), bounds=(1e-9, prize), method="bounded",
                                    options={"xatol": 1e-11}).x
    assert best == pytest.approx(expected, rel=1e-5)
