r"""janus: the model of the Janus book.

Lognormal wages from normal skills (:mod:`janus.wages`), the education arms race
(:mod:`janus.education`), risk aversion and the technological plateau
(:mod:`janus.risk`), calibration on U.S. data (:mod:`janus.calibration`,
:mod:`janus.data`) and interactive figures for the book (:mod:`janus.widgets`).

Domain policy
-------------
Every function and method of the package follows these rules.

1. **Bad input is an error.** An argument outside its range, NaN, infinite
   (unless documented, as ``e_max`` or a wage in ``cdf``) or not made of real
   numbers raises a :class:`ValueError` (:class:`TypeError` for the wrong type)
   that names the parameter, the allowed range and the offending values.
   Nothing returns a silent NaN or emits a warning.
2. **No overflow.** Money is computed in logs and turned into dollars at the
   end; an amount beyond the largest float raises a :class:`ValueError` that
   points to the ``log_`` quantity.
3. **beta = 0 is a point mass.** With no returns to skill every wage equals
   :math:`A`, and every quantity takes its value for that distribution: mean,
   median and mode :math:`A`; variance, standard deviation, Gini and Theil 0;
   the Lorenz curve the diagonal; nobody earns strictly less than the mean
   (``share_below_mean`` and ``share_not_recovering`` are 0); ``cdf(w)``, the
   share earning at most :math:`w`, is 0 below :math:`A` and 1 from :math:`A`
   on, while ``share_earning_below(economy, a)`` counts strictly lower wages;
   every quantile is :math:`A`. A point mass has no density: ``pdf`` and
   ``to_scipy`` raise, naming the elements with :math:`\beta = 0`.
4. **Ends and corners are values.** As in ``scipy.stats``, ``quantile(0) = 0``
   and ``quantile(1) = inf``; limits and corner solutions are returned as
   numbers, infinity included: ``plateau`` is ``inf`` for :math:`\gamma \le 1`,
   and an optimal spending whose objective is unbounded is ``inf`` (case
   ``'corner-max'``).
5. **Sweeps are elementwise.** Array arguments broadcast against each other and
   against the economy, and each element gets the value rule 3 or 4 gives it:
   one element at a corner never makes a whole sweep fail. Where a quantity is
   not defined for an element (a density at :math:`\beta = 0`; an equilibrium or
   a threshold outside the region where the model derives it, as the
   symmetric Nash equilibrium and the planner's optimum of
   :mod:`janus.education` for :math:`\beta\theta \ge 1` without a spending limit,
   or ``indifference_gamma`` for economies not ordered by inequality), the call
   raises a :class:`ValueError` naming the condition and the offending values
   or indices, never a NaN.
"""

import importlib

from .wages import Economy, annuity_factor, lifetime
from .risk import (utility, inverse_utility, certainty_equivalent, expected_utility, indifference_gamma,
                   log_certainty_equivalent, plateau, risk_premium_factor)
from . import education
from .education import (Choice, expected_net_income, expected_wage, nash_spending,
                        optimal_linear, optimal_log, optimal_school_years, overinvestment_ratio,
                        planner_corner_rho, planner_spending, school_value, share_earning_below,
                        share_not_recovering, skill_linear, skill_log, social_welfare,
                        welfare_loss, willingness_to_pay, wtp_exceeds_median)
from .check import check  # janus.check is the answer checker (its module: sys.modules["janus.check"])

# Modules that need pandas, matplotlib, ipywidgets or scipy.optimize load on first use, so that
# `import janus` stays fast (PEP 562): `janus.widgets`, `from janus import data`
# and `janus.calibrate` all work as if they had been imported here.
_LAZY_MODULES = {"ai_race", "calibration", "data", "style", "widgets"}
_LAZY_NAMES = {
    "calibrate": "calibration", "calibrate_series": "calibration",
    "annual_gdp_per_capita": "data", "load_gdp_per_capita": "data",
    "load_household_income": "data", "load_income_inequality": "data",
}


def __getattr__(name):
    if name in _LAZY_MODULES:
        return importlib.import_module(f"{__name__}.{name}")
    if name in _LAZY_NAMES:
        value = getattr(importlib.import_module(f"{__name__}.{_LAZY_NAMES[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | _LAZY_MODULES | set(_LAZY_NAMES))


__version__ = "0.1.0"

__all__ = [
    "Economy", "annuity_factor", "lifetime",
    "utility", "inverse_utility", "certainty_equivalent", "log_certainty_equivalent", "expected_utility",
    "risk_premium_factor", "plateau", "indifference_gamma",
    "calibrate", "calibrate_series",
    "style", "widgets",
    "education", "ai_race", "Choice", "skill_linear", "skill_log", "expected_wage", "expected_net_income",
    "optimal_linear", "optimal_log", "willingness_to_pay", "wtp_exceeds_median",
    "share_not_recovering", "share_earning_below", "school_value", "optimal_school_years",
    "nash_spending", "planner_spending", "planner_corner_rho", "overinvestment_ratio", "social_welfare", "welfare_loss",
    "data", "load_household_income", "load_income_inequality", "load_gdp_per_capita",
    "annual_gdp_per_capita",
]
