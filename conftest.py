"""Hypothesis settings for the whole suite.

Two profiles: ``ci`` (chosen when the environment variable ``CI`` is set, as in
continuous integration) keeps no example database and derandomises the search,
so that every run tries the same examples; ``dev`` (the default elsewhere) keeps
hypothesis's usual random search but writes no database either, so that a run
leaves nothing behind in the working copy. Choose one with ``HYPOTHESIS_PROFILE``.
"""

import os

from hypothesis import settings

settings.register_profile("ci", database=None, derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", database=None, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))
