"""Loaded by pytest (`-p jiesu.core.pytest_environment` in pyproject) before Django is set up:
test runs need a SECRET_KEY without the developer exporting one."""

import os

os.environ.setdefault("JIESU_TESTING", "1")
