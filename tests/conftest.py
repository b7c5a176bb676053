"""Shared test configuration: the Hypothesis profiles.

``default`` keeps the whole suite fast enough for CI; ``thorough`` (``make
test-thorough``, or ``HYPOTHESIS_PROFILE=thorough``) runs many more examples. Both print
a reproduction blob when a property fails, so the failure replays with
``@reproduce_failure``.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "default",
    max_examples=50,
    # CI draws the same examples on every run, so a red CI replays exactly; local runs
    # explore new examples each time (and the thorough profile far more of them).
    derandomize=os.environ.get("CI") == "true",
    stateful_step_count=20,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "thorough",
    max_examples=1000,
    stateful_step_count=50,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
