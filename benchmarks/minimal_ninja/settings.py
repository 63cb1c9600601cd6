"""jiesu's settings with a one-endpoint URLconf: the framework's ceiling for create_rate.py."""

from jiesu.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.minimal_ninja.urls"
