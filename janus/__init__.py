"""janus: the model of the Janus book.

Lognormal wages from normal skills (:mod:`janus.wages`), the education arms race
(:mod:`janus.education`), risk aversion and the technological plateau
(:mod:`janus.risk`), calibration on U.S. data (:mod:`janus.calibration`,
:mod:`janus.data`) and interactive figures for the book (:mod:`janus.widgets`).
"""

from .wages import Economy, annuity_factor, lifetime
from .risk import (certainty_equivalent, expected_utility, indifference_gamma,
                   log_certainty_equivalent, plateau, risk_premium_factor)
from .calibration import calibrate, calibrate_series

__version__ = "0.1.0"

__all__ = [
    "Economy", "annuity_factor", "lifetime",
    "certainty_equivalent", "log_certainty_equivalent", "expected_utility",
    "risk_premium_factor", "plateau", "indifference_gamma",
    "calibrate", "calibrate_series",
]
