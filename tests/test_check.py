"""janus.check: accepts every right answer, rejects wrong ones, explains bad input.

The right answers are computed here independently of janus (closed forms with
scipy.stats, a root of the chapter's equation, a Monte Carlo simulation), from
the exercise statements and solutions of the chapters.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pytest
from scipy import optimize, stats

import janus
from janus.check import _REGISTRY, exercises

ROOT = Path(__file__).resolve().parents[1]
MU, SIGMA = 100.0, 15.0
BETA = 0.04  # the running economy (median 1)


def _wtp_root():
    # c*/m = exp(tau^2/2) (exp(beta Delta) - 1) = 1 with Delta = 10
    return optimize.brentq(lambda b: math.exp((b * SIGMA) ** 2 / 2) * math.expm1(10 * b) - 1,
                           1e-4, 0.2, xtol=1e-15)


def _plateau_back():
    b_star = MU / (2 * SIGMA ** 2)                  # gamma = 3
    return 1.5 * b_star, b_star                     # ln CE is symmetric about beta*


def _log_mean(A, beta):
    return math.log(A) + beta * MU + (beta * SIGMA) ** 2 / 2


def _simulated_share(seed=7, n=200_000):
    beta = _wtp_root()
    rng = np.random.default_rng(seed)
    s = rng.normal(MU, SIGMA, size=n)
    wage = np.exp(beta * (s - MU))                   # median 1
    mean = math.exp((beta * SIGMA) ** 2 / 2)
    gain, price = wage * math.expm1(10 * beta), mean * math.expm1(10 * beta)
    return float(np.mean(gain < price))


b_back, b_star = _plateau_back()


def _income(*years, median="median_real", mean="mean_real"):
    """Median and mean household income of the years, read from the CSV file itself."""
    import pandas as pd
    table = pd.read_csv(ROOT / "data" / "us_household_income.csv")
    rows = [table[table["year"] == y].iloc[-1] for y in years]   # one row per year
    return (np.array([float(r[median]) for r in rows]), np.array([float(r[mean]) for r in rows]))


def _tau(*years):
    m, M = _income(*years)
    return np.sqrt(2 * np.log(M / m))


def _where_2024():
    # beta_t = tau_t / sigma and A_t = m_t exp(-beta_t mu); a point at s is worth
    # A exp(beta s)(exp(beta) - 1); the root of the 2024 value at the 1975 value at IQ 130
    (m75, m24), _ = _income(1975, 2024)
    b75, b24 = _tau(1975, 2024) / SIGMA
    value = lambda m, b, s: m * math.exp(b * (s - MU)) * math.expm1(b)  # noqa: E731
    target = value(m75, b75, 130.0)
    return optimize.brentq(lambda s: value(m24, b24, s) - target, 0.0, 300.0, xtol=1e-12)


def _hhi_monte_carlo(n=5, omegas=(0.5, 1.0, 2.0, 4.0), draws=400_000, seed=11):
    rng = np.random.default_rng(seed)
    out = []
    for w in omegas:
        e = w * rng.standard_normal((draws, n))
        sh = np.exp(e - e.max(axis=1, keepdims=True))
        sh /= sh.sum(axis=1, keepdims=True)
        out.append(float((sh ** 2).sum(axis=1).mean()))
    return tuple(out)


def _best_response_crossing(n=3, eta=1.2, prize=1.0):
    # firm 1's payoff prize x1^eta / (x1^eta + (n-1) x^eta) - x1, maximised numerically
    def best(x):
        pay = lambda z: -(prize * z ** eta / (z ** eta + (n - 1) * x ** eta) - z)  # noqa: E731
        return optimize.minimize_scalar(pay, bounds=(1e-9, prize), method="bounded",
                                        options={"xatol": 1e-12}).x
    return optimize.brentq(lambda x: best(x) - x, 0.05, 0.5, xtol=1e-12)


def _root_calibration(median, mean):
    # the chapter's own method: the two moment conditions solved numerically for (ln A, beta)
    def conditions(p):
        log_a, beta = p
        return [log_a + beta * MU - math.log(median),
                log_a + beta * MU + beta ** 2 * SIGMA ** 2 / 2 - math.log(mean)]
    sol = optimize.root(conditions, x0=[math.log(median) - 4.0, 0.04], tol=1e-14)
    assert sol.success
    return (math.exp(sol.x[0]), float(sol.x[1]))


_m_75_24, _M_75_24 = _income(1975, 2024)
_tau_75_24 = _tau(1975, 2024)
_ce_75_24 = _m_75_24 * np.exp(-_tau_75_24 ** 2 / 2)          # gamma = 2: CE = m exp(-tau^2/2)
_m_90, _M_90 = _income(1990)
_nominal_75_24, _ = _income(1975, 2024, median="median_nominal", mean="mean_nominal")

#: (label, part) -> the right answer, computed independently of janus
RIGHT = {
    ("ch1-ex-below-mean", None): stats.norm.cdf(BETA * SIGMA / 2),
    ("ch1-ex-mode", None): MU / (2 * SIGMA ** 2),
    ("ch1-ex-top-third", None): (stats.norm.ppf(0.9) + stats.norm.ppf(1 / 3)) / SIGMA,
    ("ch1-ex-marginal", 1): MU + BETA * SIGMA ** 2 / 2,
    ("ch1-ex-marginal", 2): math.exp(45 * BETA),
    ("ex-ch2-time", None): (40 - 1 / 0.03, 40 - 1 / 0.06),
    ("ex-ch2-brentq", 1): _wtp_root(),
    ("ex-ch2-brentq", 2): _simulated_share(),
    ("ex-code-plateau", 1): b_back,
    ("ex-code-plateau", 2): math.exp(_log_mean(1000.0, b_back) - _log_mean(1000.0, b_star / 2)),
    ("ex-premium", None): tuple(1 - np.exp(-3 * (np.array([0.02, 0.04, 0.06]) * SIGMA) ** 2 / 2)),
    # economy 1 has beta = 0.03 and median 0.8: ln A_1 = ln 0.8 - 0.03 mu
    ("ex-gamma-star", None): math.exp(math.log(0.8) - 0.03 * MU - (0.04 - 0.03) * MU
                                      + (2 - 1) * (0.04 ** 2 - 0.03 ** 2) * SIGMA ** 2 / 2),
    ("ch1-ex-data", 1): tuple(_tau(1975, 2000, 2024)),
    ("ch1-ex-data", 2): tuple(_tau(1975, 2000, 2024) / SIGMA),
    # c*/m = exp(tau^2/2)(exp(beta Delta) - 1), Delta = 5
    ("ex-ch2-data", 1): tuple(np.exp(_tau_75_24 ** 2 / 2) * np.expm1(5 * _tau_75_24 / SIGMA)),
    ("ex-ch3-data", 1): tuple(1 - np.exp(-2 * _tau_75_24 ** 2 / 2)),
    ("ex-ch3-data", 2): (_M_75_24[1] / _M_75_24[0], _ce_75_24[1] / _ce_75_24[0]),
    ("ex-ch4-implement", None): _root_calibration(_m_90[0], _M_90[0]),
    ("ex-ch4-nominal", 1): (_nominal_75_24[1] / _m_75_24[1]) / (_nominal_75_24[0] / _m_75_24[0]),
    ("ex-ch4-where", None): _where_2024(),
    ("ex-ch5-br", None): _best_response_crossing(),
    ("ex-ch5-hhi", 2): _hhi_monte_carlo(),
    ("ex-ch5-data", None): (_tau_75_24[1] / _tau_75_24[0], 0.04 * 10.0 * _tau_75_24[1] / _tau_75_24[0]),
}


def _args(key):
    label, part = key
    return {"exercise": label, "part": part}


def test_every_registered_exercise_is_tested():
    assert set(_REGISTRY) == set(RIGHT)


def test_every_registered_label_is_an_exercise_of_the_book():
    labels = set()
    for chapter in (ROOT / "chapters").glob("*.md"):
        text = chapter.read_text(encoding="utf-8")
        labels |= set(re.findall(r"^[`:]{3,}\{exercise\}[^\n]*\n(?::[^\n]*\n)*?:label:\s*(\S+)",
                                 text, flags=re.M))
    missing = sorted({label for label, _ in _REGISTRY} - labels)
    assert not missing, f"janus.check knows exercises the chapters do not have: {missing}"


@pytest.mark.parametrize("key", sorted(RIGHT, key=str), ids=str)
def test_accepts_the_right_answer(key):
    right = RIGHT[key]
    verdict = janus.check(answer=right, **_args(key))
    assert verdict, verdict.message
    assert "right." in repr(verdict) and "not" not in repr(verdict)
    # a list, an array and numpy scalars are fine too
    if isinstance(right, tuple):
        assert janus.check(answer=list(right), **_args(key))
        assert janus.check(answer=np.array(right), **_args(key))
    else:
        assert janus.check(answer=np.float64(right), **_args(key))
        assert janus.check(answer=[right], **_args(key))


@pytest.mark.parametrize("key", sorted(RIGHT, key=str), ids=str)
def test_rejects_wrong_answers(key):
    ex = _REGISTRY[key]
    right = np.atleast_1d(np.asarray(RIGHT[key], dtype=float))
    tol = ex.atol + ex.rtol * np.abs(right)
    for wrong in (right + 3 * tol, right - 3 * tol, -right, right * 2):
        verdict = janus.check(answer=tuple(wrong) if wrong.size > 1 else float(wrong[0]), **_args(key))
        assert not verdict
        assert "not right" in verdict.message and ex.expects in verdict.message
    # within the tolerance is right
    assert janus.check(answer=tuple(right + 0.5 * tol) if right.size > 1 else float(right[0] + 0.5 * tol[0]),
                       **_args(key))
    if right.size > 1:  # one wrong number out of several is wrong
        wrong = right.copy()
        wrong[-1] += 3 * tol[-1]
        assert not janus.check(answer=tuple(wrong), **_args(key))


@pytest.mark.parametrize("key", sorted(RIGHT, key=str), ids=str)
def test_the_answer_is_not_written_in_the_source(key):
    source = (ROOT / "janus" / "check.py").read_text(encoding="utf-8")
    for value in np.atleast_1d(RIGHT[key]):
        for digits in (3, 4):
            text = f"{value:.{digits}g}"
            if len(text.replace("0", "").replace(".", "")) >= 2:   # not 40 or 0.5
                assert text not in source, f"{key}: {text} appears in janus/check.py"


def test_the_verdict_does_not_reveal_the_answer():
    verdict = janus.check("ch1-ex-top-third", 0.05)
    right = RIGHT[("ch1-ex-top-third", None)]
    assert f"{right:.3g}" not in verdict.message and f"{right:.2f}" not in verdict.message


def test_unknown_exercise_names_the_known_ones():
    with pytest.raises(ValueError, match=r"unknown exercise 'ch1-ex-top-thrid'.*Did you mean 'ch1-ex-top-third'"):
        janus.check("ch1-ex-top-thrid", 0.1)
    with pytest.raises(TypeError, match="exercise must be the exercise's label"):
        janus.check(3, 0.1)


def test_parts():
    with pytest.raises(ValueError, match=r"'ch1-ex-marginal' has parts 1, 2: say which one"):
        janus.check("ch1-ex-marginal", 104.5)
    with pytest.raises(ValueError, match=r"no checkable part 3; its checkable parts are 1, 2"):
        janus.check("ch1-ex-marginal", 104.5, part=3)
    with pytest.raises(ValueError, match=r"no checkable part 1; check it without part="):
        janus.check("ch1-ex-mode", 0.2, part=1)


def test_an_answer_not_filled_in_says_what_to_fill_in():
    for empty in (None, ...):
        verdict = janus.check("ex-ch2-time", empty)
        assert not verdict
        assert "no answer yet" in verdict.message and _REGISTRY[("ex-ch2-time", None)].expects in verdict.message


@pytest.mark.parametrize("bad", ["0.2", True, 1 + 2j, {"beta": 0.2}, (0.1, 0.2)])
def test_wrong_type_names_exercise_and_expectation(bad):
    with pytest.raises(TypeError, match=r"ch1-ex-top-third expects one number: the beta"):
        janus.check("ch1-ex-top-third", bad)


@pytest.mark.parametrize("bad", [6.7, (6.7,), (6.7, 23.3, 1.0), ("6.7", 23.3), [True, 23.3]])
def test_wrong_size_says_how_many_numbers(bad):
    with pytest.raises(TypeError, match=r"ex-ch2-time expects two numbers, in years.*2 (real )?numbers"):
        janus.check("ex-ch2-time", bad)


@pytest.mark.parametrize("bad", [float("nan"), np.nan, (float("nan"), 23.3)])
def test_nan_is_refused_with_a_clear_message(bad):
    label = "ex-ch2-time" if isinstance(bad, tuple) else "ch1-ex-mode"
    with pytest.raises(ValueError, match=rf"{label} expects .*; got NaN"):
        janus.check(label, bad)


def test_infinite_is_refused():
    with pytest.raises(ValueError, match="ch1-ex-mode expects .*infinite"):
        janus.check("ch1-ex-mode", np.inf)


def test_exercises_lists_every_part():
    names = exercises()
    assert "ch1-ex-marginal, part 1" in names and "ex-gamma-star" in names
    assert len(names) == len(_REGISTRY)


def test_register_refuses_duplicates_and_bad_tolerances():
    from janus.check import register
    with pytest.raises(ValueError, match="registered already"):
        register("ch1-ex-mode", expects="x")(lambda: 1.0)
    with pytest.raises(ValueError, match="rtol and atol"):
        register("new-ex", expects="x", rtol=0.0, atol=0.0)
