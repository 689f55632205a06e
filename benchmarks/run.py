"""Benchmarks of janus (``make bench``): each case has a time target on a 2-core machine.

Run with ``python benchmarks/run.py``; it prints the best of several repeats for each
case and exits non-zero when a case misses its target. Targets live here and not in
the tests, so that a slow machine never makes the test suite fail.
"""

from __future__ import annotations

import sys
import timeit

import numpy as np

import janus

BETAS = np.linspace(0.0, 0.1, 1_000_000)
ECONOMY = janus.Economy(A=1000.0, beta=BETAS)


def closed_forms_on_a_million_economies():
    e = janus.Economy(A=1000.0, beta=BETAS)
    return e.mean, e.median, e.gini, e.top_share(0.1)


def certainty_equivalents_on_a_million_economies():
    return janus.certainty_equivalent(ECONOMY, 2.5)


def quintile_shares_on_a_million_economies():
    return ECONOMY.quintile_shares()


def calibrate_a_million_years():
    return janus.calibrate(np.full(1_000_000, 50_000.0), np.linspace(50_000.0, 90_000.0, 1_000_000))


AI_RACE = janus.ai_race.Race(5, 0.05, 20.0, 0.25, 10.0, 0.5, janus.style.running_economy(beta=0.02))


def a_million_ai_races_of_five_firms():
    return AI_RACE.simulate(1_000_000, seed=1, spending=1.0)


CASES = [  # (function, target in seconds for one call)
    (closed_forms_on_a_million_economies, 0.15),
    (certainty_equivalents_on_a_million_economies, 0.05),
    (quintile_shares_on_a_million_economies, 0.3),
    (calibrate_a_million_years, 0.15),
    (a_million_ai_races_of_five_firms, 1.0),
]


def main() -> int:
    failed = 0
    for func, target in CASES:
        best = min(timeit.repeat(func, number=1, repeat=5))
        ok = best <= target
        failed += not ok
        print(f"{'ok  ' if ok else 'SLOW'} {func.__name__:<48} {best * 1e3:8.1f} ms  (target {target * 1e3:.0f} ms)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
