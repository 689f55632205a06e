r"""Check the answer to a numeric exercise of the book: ``janus.check(exercise, answer)``.

Each numeric exercise is registered here under the label it carries in the book
(the ``:label:`` of its ``{exercise}`` directive), with a function that
recomputes the right answer from :mod:`janus`, a tolerance and a description
of what is expected (how many numbers, in which units). No answer is stored:
:func:`check` recomputes it, compares, and says only whether the answer is
right, never what the right answer is.

>>> import numpy as np
>>> from scipy import stats
>>> beta = (stats.norm.ppf(0.9) + stats.norm.ppf(1 / 3)) / 15   # solved by hand
>>> check("ch1-ex-top-third", beta)
ch1-ex-top-third: right.
>>> bool(check("ch1-ex-top-third", 0.05))
False

Adding an exercise (for example of a new chapter) takes one entry: the label,
a function with no argument that returns the right answer (a float, or a
tuple of floats for an answer of several numbers), the tolerance and the
description shown to the student::

    @register("ch4-ex-beta-rise", expects="one number: the ratio beta_2024 / beta_1975",
              rtol=1e-3)
    def _():
        ...
        return ratio

An exercise of several parts registers each part with ``part=1``, ``part=2``, ...
and is checked with ``check(label, answer, part=2)``.
"""

from __future__ import annotations

import difflib
import math
import numbers
from dataclasses import dataclass
from typing import Callable

import numpy as np

__all__ = ["check", "register", "exercises", "Exercise", "Verdict"]


@dataclass(frozen=True)
class Exercise:
    """One numeric exercise (or one part of it) that :func:`check` knows.

    Parameters
    ----------
    label : str
        The exercise's label in the book, e.g. ``"ch1-ex-top-third"``.
    part : int or None
        The part of the exercise, or None for an exercise with one answer.
    solve : callable
        Takes no argument and returns the right answer: a float, or a tuple of
        ``size`` floats.
    expects : str
        What the answer is: how many numbers, what they mean and their units.
    rtol, atol : float
        An answer ``x`` is right when ``|x - right| <= atol + rtol * |right|``
        for every number of the answer.
    size : int
        How many numbers the answer has (1 for a single number).
    """

    label: str
    part: int | None
    solve: Callable[[], object]
    expects: str
    rtol: float = 1e-3
    atol: float = 0.0
    size: int = 1

    @property
    def name(self) -> str:
        """The exercise's label, with its part if it has one."""
        return self.label if self.part is None else f"{self.label}, part {self.part}"


class Verdict:
    """What :func:`check` says: true if the answer is right, and a message.

    Shown in a notebook (or printed) it reads ``"<exercise>: right."`` or
    ``"<exercise>: not right yet ..."``; ``bool(verdict)`` tells which.

    Parameters
    ----------
    right : bool
        Whether the answer is right within the tolerance.
    message : str
        The sentence shown to the student.
    """

    __slots__ = ("right", "message")

    def __init__(self, right: bool, message: str):
        self.right = bool(right)
        self.message = message

    def __bool__(self) -> bool:
        return self.right

    def __repr__(self) -> str:
        return self.message

    __str__ = __repr__


_REGISTRY: dict[tuple[str, int | None], Exercise] = {}


def register(label: str, *, expects: str, rtol: float = 1e-3, atol: float = 0.0,
             size: int = 1, part: int | None = None):
    """Register the function that recomputes the answer of an exercise (a decorator).

    Parameters
    ----------
    label : str
        The exercise's ``:label:`` in the book.
    expects : str
        What the answer is, shown to the student with every verdict and error:
        how many numbers, what they are, their units.
    rtol, atol : float, optional
        Relative and absolute tolerance (default: 0.1 % relative).
    size : int, optional
        How many numbers the answer has (default 1); a larger answer is
        given as a tuple or list in the order ``expects`` states.
    part : int, optional
        The part of the exercise this answer belongs to.

    Returns
    -------
    callable
        The decorator; it returns the decorated function unchanged.

    Raises
    ------
    ValueError
        If the label (and part) is registered already, or a tolerance is negative.

    Examples
    --------
    >>> @register("example-ex-two", expects="one number: 1 + 1", atol=1e-9)
    ... def _():
    ...     return 1.0 + 1.0
    >>> check("example-ex-two", 2)
    example-ex-two: right.
    >>> _ = _REGISTRY.pop(("example-ex-two", None))
    """
    if rtol < 0 or atol < 0 or not (rtol > 0 or atol > 0):
        raise ValueError(f"{label}: rtol and atol must be >= 0, and one of them > 0; "
                         f"got rtol={rtol}, atol={atol}")
    if int(size) != size or size < 1:
        raise ValueError(f"{label}: size must be an integer >= 1; got {size!r}")

    def decorate(solve):
        key = (label, part)
        if key in _REGISTRY:
            raise ValueError(f"{_REGISTRY[key].name} is registered already")
        _REGISTRY[key] = Exercise(label, part, solve, expects, rtol, atol, int(size))
        return solve

    return decorate


def exercises() -> list[str]:
    """The exercises :func:`check` knows, as ``"label"`` or ``"label, part k"``.

    Returns
    -------
    list of str
        Sorted names of the registered exercises and parts.

    Examples
    --------
    >>> "ch1-ex-top-third" in exercises()
    True
    """
    return sorted(ex.name for ex in _REGISTRY.values())


def _find(exercise, part) -> Exercise:
    if not isinstance(exercise, str):
        raise TypeError("exercise must be the exercise's label as a string, e.g. "
                        f"'ch1-ex-top-third'; got {exercise!r}")
    label = exercise.strip()
    parts = sorted((p for (lab, p) in _REGISTRY if lab == label), key=lambda p: (p is not None, p))
    if not parts:
        labels = sorted({lab for lab, _ in _REGISTRY})
        close = difflib.get_close_matches(label, labels, n=3)
        hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise ValueError(f"unknown exercise {exercise!r}: janus.check knows the exercises "
                         f"{', '.join(labels)}.{hint}")
    if part is None and None not in parts:
        raise ValueError(f"exercise {label!r} has parts {', '.join(str(p) for p in parts)}: "
                         f"say which one, e.g. janus.check({label!r}, answer, part={parts[0]})")
    if part is not None and (label, part) not in _REGISTRY:
        known = [str(p) for p in parts if p is not None]
        raise ValueError(f"exercise {label!r} has no checkable part {part!r}"
                         + (f"; its checkable parts are {', '.join(known)}" if known
                            else "; check it without part="))
    return _REGISTRY[(label, part)]


def _numbers(ex: Exercise, answer) -> np.ndarray:
    expected = f"{ex.name} expects {ex.expects}"
    if ex.size == 1 and isinstance(answer, (list, tuple)) and len(answer) == 1:
        answer = answer[0]
    if isinstance(answer, np.ndarray) and answer.size == 1:
        answer = answer.reshape(()).item()
    if isinstance(answer, (bool, np.bool_)) or answer is None or isinstance(answer, (str, bytes)):
        raise TypeError(f"{expected}; got {answer!r} of type {type(answer).__name__}")
    if ex.size == 1:
        if not isinstance(answer, numbers.Real):
            raise TypeError(f"{expected}: a real number; got {answer!r} of type "
                            f"{type(answer).__name__}")
        values = [answer]
    else:
        try:
            values = list(np.asarray(answer, dtype=object).ravel())
        except Exception as exc:  # pragma: no cover - numpy takes almost anything
            raise TypeError(f"{expected}; got {answer!r}") from exc
        if np.ndim(answer) == 0 or len(values) != ex.size:
            raise TypeError(f"{expected}: {ex.size} numbers in a tuple or list; got {answer!r}")
        bad = [v for v in values
               if isinstance(v, (bool, np.bool_)) or not isinstance(v, numbers.Real)]
        if bad:
            raise TypeError(f"{expected}: {ex.size} real numbers; got {answer!r}")
    values = np.array([float(v) for v in values])
    if np.isnan(values).any():
        raise ValueError(f"{expected}; got NaN: did a computation fail?")
    if np.isinf(values).any():
        raise ValueError(f"{expected}; got an infinite value")
    return values


def check(exercise, answer, part=None) -> Verdict:
    """Say whether ``answer`` is the right answer to a numeric exercise of the book.

    The right answer is recomputed from :mod:`janus` (it is stored nowhere), and
    the verdict never shows it.

    Parameters
    ----------
    exercise : str
        The exercise's label as printed in the book, e.g. ``"ch1-ex-top-third"``.
    answer : float or sequence of float or None
        Your answer: one number, or several in a tuple or list (in the order
        the exercise asks for them) when the exercise wants several. None (or
        ``...``), an answer not filled in yet, gets a false verdict that says
        what to fill in.
    part : int, optional
        The part of a multi-part exercise.

    Returns
    -------
    Verdict
        True if the answer is right within the exercise's tolerance; shown in a
        notebook it says "right" or "not right yet", with what is expected.

    Raises
    ------
    ValueError
        For an unknown exercise or part (the message lists the known ones), or
        an answer that is NaN or infinite.
    TypeError
        For an answer of the wrong type or with the wrong number of values (the
        message says what the exercise expects).

    Examples
    --------
    >>> check("ch1-ex-mode", 100 / (2 * 15 ** 2))
    ch1-ex-mode: right.
    >>> check("ch1-ex-mode", None)  # doctest: +ELLIPSIS
    ch1-ex-mode: no answer yet: replace None by your answer, one number: the beta ...
    >>> check("ch1-ex-mode", "0.2")
    Traceback (most recent call last):
    ...
    TypeError: ch1-ex-mode expects one number: the beta (log-wage gain per skill point) at which the mode peaks, with A, mu = 100 and sigma = 15 fixed; got '0.2' of type str
    >>> check("ch1-ex-moode", 0.2)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: unknown exercise 'ch1-ex-moode': janus.check knows the exercises ... Did you mean 'ch1-ex-mode', ...?
    """
    ex = _find(exercise, part)
    if answer is None or answer is Ellipsis:
        # a problem set's answer cell, not filled in yet
        return Verdict(False, f"{ex.name}: no answer yet: replace None by your answer, "
                              f"{ex.expects}.")
    values = _numbers(ex, answer)
    right = np.atleast_1d(np.asarray(ex.solve(), dtype=float))
    if right.size != ex.size:  # pragma: no cover - a registration error, caught by the tests
        raise RuntimeError(f"{ex.name}: the registered answer has {right.size} numbers, not {ex.size}")
    ok = bool(np.all(np.abs(values - right) <= ex.atol + ex.rtol * np.abs(right)))
    if ok:
        return Verdict(True, f"{ex.name}: right.")
    tolerance = " + ".join(t for t in (f"{ex.rtol:g} relative" if ex.rtol else "",
                                       f"{ex.atol:g} absolute" if ex.atol else "") if t)
    return Verdict(False, f"{ex.name}: not right yet (the tolerance is {tolerance}). "
                          f"Expected {ex.expects}.")


# ------------------------------------------------------------------------------------
# The exercises. Each function recomputes the answer from janus with the parameters the
# exercise states; ``expects`` repeats them, so that the student sees which are meant.

def _running(**changes):
    from .style import running_economy
    return running_economy(**changes)


# Chapter 1: exponential returns
@register("ch1-ex-below-mean", atol=5e-4, rtol=0.0,
          expects="one number: the share of people (between 0 and 1) who earn less than the "
                  "mean wage in the running economy (janus.style.running_economy())")
def _():
    return float(_running().share_below_mean)


@register("ch1-ex-mode",
          expects="one number: the beta (log-wage gain per skill point) at which the mode peaks, "
                  "with A, mu = 100 and sigma = 15 fixed")
def _():
    from scipy import optimize
    from .wages import Economy
    # A fixed (the running economy fixes the median instead, whose mode falls with beta)
    res = optimize.minimize_scalar(lambda b: -float(Economy(A=1.0, beta=b).log_mode),
                                   bounds=(0.0, 1.0), method="bounded", options={"xatol": 1e-10})
    return res.x


@register("ch1-ex-top-third",
          expects="one number: the beta (log-wage gain per skill point, sigma = 15) at which "
                  "the richest 10 % earn one third of all income")
def _():
    from scipy import optimize
    return optimize.brentq(lambda b: float(_running(beta=b).top_share(0.1)) - 1 / 3, 1e-6, 0.2,
                           xtol=1e-12)


@register("ch1-ex-marginal", part=1, rtol=1e-4,
          expects="one number: the skill level s* (IQ points) at which the marginal value of a "
                  "point equals its ex-ante value, in the running economy")
def _():
    from scipy import optimize
    eco = _running()
    return optimize.brentq(lambda s: float(eco.marginal_value(s) - eco.expected_marginal_value()),
                           50.0, 150.0, xtol=1e-12)


@register("ch1-ex-marginal", part=2,
          expects="one number: the ratio of the marginal values of a skill point at IQ 130 and "
                  "at IQ 85 in the running economy")
def _():
    eco = _running()
    return float(eco.marginal_value(130.0) / eco.marginal_value(85.0))


# Chapter 2: the education arms race (economies with median income 1, as the running economy)
@register("ex-ch2-time", size=2, rtol=1e-4,
          expects="two numbers, in years: the optimal time in school t* at beta = 0.03 and at "
                  "beta = 0.06, with theta = 1 point per year of school and T = 40 years")
def _():
    from scipy import optimize
    out = []
    for beta in (0.03, 0.06):
        eco = _running(beta=beta)

        def minus_value(t, eco=eco, beta=beta):
            # V(t) = M0 exp(beta theta t) (T - t), maximised in logs
            return -(float(eco.log_mean) + beta * 1.0 * t + np.log(40.0 - t))

        out.append(optimize.minimize_scalar(minus_value, bounds=(0.0, 40.0 - 1e-9),
                                            method="bounded", options={"xatol": 1e-10}).x)
    return tuple(out)


@register("ex-ch2-brentq", part=1, rtol=1e-4,
          expects="one number: the beta at which the willingness to pay for 10 skill points "
                  "equals median income (median income 1, sigma = 15)")
def _():
    from scipy import optimize

    def log_ratio(b):
        eco = _running(beta=b)
        return float(eco.log_mean - eco.log_median) + math.log(math.expm1(b * 10.0))
    return optimize.brentq(log_ratio, 1e-3, 0.2, xtol=1e-14)


@register("ex-ch2-brentq", part=2, rtol=0.0, atol=0.01,
          expects="one number: your simulated share (between 0 and 1) of students who do not "
                  "recover the price c* at that beta (within 0.01 of the exact share)")
def _():
    beta = _REGISTRY[("ex-ch2-brentq", 1)].solve()
    eco = _running(beta=beta)
    # the students below the mean wage: the cdf of wages at the mean
    return float(eco.cdf(eco.mean))


# Chapter 3: risk aversion and the technological plateau
@register("ex-code-plateau", part=1,
          expects="one number: the beta beyond the plateau at which the certainty equivalent "
                  "(gamma = 3, A = 1000, mu = 100, sigma = 15) is back at its level at beta*/2")
def _():
    from scipy import optimize
    from .risk import log_certainty_equivalent, plateau
    from .wages import Economy
    b_star = float(plateau(3.0))
    log_ce = lambda b: float(log_certainty_equivalent(Economy(A=1000.0, beta=b), 3.0))  # noqa: E731
    target = log_ce(b_star / 2)
    return optimize.brentq(lambda b: log_ce(b) - target, b_star, 3 * b_star, xtol=1e-14)


@register("ex-code-plateau", part=2,
          expects="one number: how many times higher mean income is at that beta than at "
                  "beta*/2 (gamma = 3, A = 1000)")
def _():
    from .risk import plateau
    from .wages import Economy
    b_star = float(plateau(3.0))
    b_back = _REGISTRY[("ex-code-plateau", 1)].solve()
    log_ratio = Economy(A=1000.0, beta=b_back).log_mean - Economy(A=1000.0, beta=b_star / 2).log_mean
    return math.exp(float(log_ratio))


@register("ex-premium", size=3, rtol=1e-3,
          expects="(part 2) three numbers between 0 and 1: the share of mean income given up for the "
                  "certainty equivalent, 1 - CE/M, at beta = 0.02, 0.04 and 0.06 "
                  "(gamma = 3, A = 1000)")
def _():
    from .risk import risk_premium_factor
    from .wages import Economy
    return tuple(1.0 - 1.0 / np.asarray(
        risk_premium_factor(Economy(A=1000.0, beta=np.array([0.02, 0.04, 0.06])), 3.0)))


@register("ex-gamma-star", rtol=1e-4,
          expects="one number: the baseline productivity A_2 of economy 2 (beta = 0.04) that "
                  "makes gamma* = 2 against economy 1 (beta = 0.03, median income 0.8)")
def _():
    from .wages import Economy
    # ln CE_i = ln m_i + (1 - gamma) ln(M_i/m_i): equal at gamma = 2 gives ln m_2
    e1, shape2 = _running(beta=0.03, median=0.8), Economy(A=1.0, beta=0.04)
    log_ratio_1, log_ratio_2 = (float(e.log_mean - e.log_median) for e in (e1, shape2))
    log_m2 = float(e1.log_median) + (2.0 - 1.0) * (log_ratio_2 - log_ratio_1)
    return math.exp(log_m2 - float(shape2.log_median))


# The exercises that use the data: janus.data's U.S. household incomes (2024 dollars)

def _income_years(years, median="median_real", mean="mean_real"):
    from .data import load_household_income
    income = load_household_income()
    return (income.loc[list(years), median].to_numpy(dtype=float),
            income.loc[list(years), mean].to_numpy(dtype=float))


def _calibrated(years, **kw):
    from .calibration import calibrate
    return calibrate(*_income_years(years), **kw)


@register("ch1-ex-data", part=1, size=3, rtol=1e-4,
          expects="three numbers: the tau = sqrt(2 ln(M/m)) implied by the mean and median "
                  "household income (median_real, mean_real) of 1975, 2000 and 2024, in that order")
def _():
    return tuple(np.atleast_1d(_calibrated((1975, 2000, 2024)).tau))


@register("ch1-ex-data", part=2, size=3, rtol=1e-4,
          expects="three numbers: the beta = tau / sigma (sigma = 15) of 1975, 2000 and 2024, "
                  "in that order")
def _():
    return tuple(np.atleast_1d(_calibrated((1975, 2000, 2024)).beta))


@register("ex-ch2-data", part=1, size=2, rtol=1e-4,
          expects="two numbers: the willingness to pay c* for 5 skill points as a multiple of "
                  "that year's median income, in 1975 and in 2024 (economies calibrated to "
                  "median_real and mean_real)")
def _():
    from .education import willingness_to_pay
    median, _mean = _income_years((1975, 2024))
    return tuple(np.asarray(willingness_to_pay(_calibrated((1975, 2024)), 5.0)) / median)


@register("ex-ch3-data", part=1, size=2, rtol=1e-4,
          expects="two numbers between 0 and 1: the share of mean income, 1 - CE/M, that a "
                  "gamma = 2 household gives up for its certainty equivalent, in 1975 and in 2024 "
                  "(economies calibrated to median_real and mean_real)")
def _():
    from .risk import risk_premium_factor
    return tuple(1.0 - 1.0 / np.asarray(risk_premium_factor(_calibrated((1975, 2024)), 2.0)))


@register("ex-ch3-data", part=2, size=2, rtol=1e-4,
          expects="two numbers: the growth factors from 1975 to 2024 (value in 2024 / value in "
                  "1975) of mean income (mean_real) and of the certainty equivalent of a "
                  "gamma = 2 household, in that order")
def _():
    from .risk import certainty_equivalent
    _median, mean = _income_years((1975, 2024))
    ce = np.asarray(certainty_equivalent(_calibrated((1975, 2024)), 2.0))
    return (mean[1] / mean[0], ce[1] / ce[0])


# Chapter 4: calibration
@register("ex-ch4-implement", size=2, rtol=1e-4,
          expects="two numbers: A (2024 dollars) and beta calibrated to the 1990 median and mean "
                  "household income (median_real, mean_real; mu = 100, sigma = 15), in that order")
def _():
    eco = _calibrated((1990,))
    return (float(np.ravel(eco.A)[0]), float(np.ravel(eco.beta)[0]))


@register("ex-ch4-nominal", part=1, rtol=1e-3,
          expects="one number: how many times the price level rose from 1975 to 2024, from the "
                  "index median_nominal / median_real")
def _():
    median_nominal, _ = _income_years((1975, 2024), median="median_nominal", mean="mean_nominal")
    median_real, _ = _income_years((1975, 2024))
    index = median_nominal / median_real
    return index[1] / index[0]


@register("ex-ch4-where", rtol=1e-4,
          expects="one number: the IQ at which one more point was worth, in 2024, what a point "
                  "was worth at IQ 130 in 1975 (2024 dollars a year; economies calibrated to "
                  "median_real and mean_real of each year)")
def _():
    from .calibration import calibrate_years, value_of_skill
    from .wages import Economy
    every = calibrate_years([1975, 2024])
    e75, e24 = (Economy(A=float(every.loc[y, "A"]), beta=float(every.loc[y, "beta"]))
                for y in (1975, 2024))
    target = float(value_of_skill(e75, 130.0))
    # A e^{beta s}(e^beta - 1) = target, solved in logs
    return (math.log(target) - float(np.log(e24.A)) - math.log(math.expm1(e24.beta))) / e24.beta


# Chapter 5: the AI race
@register("ex-ch5-br", rtol=1e-3,
          expects="one number: the spending x at which the best response crosses the "
                  "45-degree line (n = 3, eta = 1.2, V = 1)")
def _():
    from .ai_race import tullock_spending
    return float(tullock_spending(3, 1.2, 1.0))


@register("ex-ch5-hhi", part=2, size=4, rtol=0.0, atol=3e-3,
          expects="four numbers: your Monte Carlo estimates of E[HHI] for n = 5 firms and "
                  "omega = 0.5, 1, 2 and 4, in that order (within 0.003 of the exact values)")
def _():
    from .ai_race import expected_hhi
    return tuple(float(expected_hhi(5, w)) for w in (0.5, 1.0, 2.0, 4.0))


@register("ex-ch5-data", size=2, rtol=1e-4,
          expects="two numbers: the factor beta_2024 / beta_1975 of the U.S. economies calibrated "
                  "to median_real and mean_real, and the firms' new k = beta_q phi when beta_q "
                  "rises from 0.04 in that proportion (phi = 10), in that order")
def _():
    beta = np.asarray(_calibrated((1975, 2024)).beta)
    growth = float(beta[1] / beta[0])
    return (growth, 0.04 * growth * 10.0)
