"""janus: the model of the Janus book.

Lognormal wages from normal skills (:mod:`janus.wages`), the education arms race
(:mod:`janus.education`), risk aversion and the technological plateau
(:mod:`janus.risk`), calibration on U.S. data (:mod:`janus.calibration`,
:mod:`janus.data`) and interactive figures for the book (:mod:`janus.widgets`).
"""

from .wages import Economy, annuity_factor, lifetime
from .risk import (utility, inverse_utility, certainty_equivalent, expected_utility, indifference_gamma,
                   log_certainty_equivalent, plateau, risk_premium_factor)
from .calibration import calibrate, calibrate_series
from . import style, widgets
from . import education
from .education import (Choice, expected_net_income, expected_wage, nash_spending,
                        optimal_linear, optimal_log, optimal_school_years, overinvestment_ratio,
                        planner_corner_rho, planner_spending, school_value, share_earning_below,
                        share_not_recovering, skill_linear, skill_log, social_welfare,
                        welfare_loss, willingness_to_pay, wtp_exceeds_median)
from . import data
from .check import check
from .data import (annual_gdp_per_capita, load_gdp_per_capita, load_household_income,
                   load_income_inequality)

__version__ = "0.1.0"

__all__ = [
    "Economy", "annuity_factor", "lifetime",
    "utility", "inverse_utility", "certainty_equivalent", "log_certainty_equivalent", "expected_utility",
    "risk_premium_factor", "plateau", "indifference_gamma",
    "calibrate", "calibrate_series",
    "style", "widgets",
    "education", "Choice", "skill_linear", "skill_log", "expected_wage", "expected_net_income",
    "optimal_linear", "optimal_log", "willingness_to_pay", "wtp_exceeds_median",
    "share_not_recovering", "share_earning_below", "school_value", "optimal_school_years",
    "nash_spending", "planner_spending", "planner_corner_rho", "overinvestment_ratio", "social_welfare", "welfare_loss",
    "data", "load_household_income", "load_income_inequality", "load_gdp_per_capita",
    "annual_gdp_per_capita",
]
