"""Shared fixtures: a small organisation with one person per role, built through the services."""

import pytest
from django.apps import apps


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded attachments land in a throwaway folder, never in the developer's data folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    """The working-day calendar is cached per process; a test's rolled-back edits must not leak."""
    from jiesu.deadlines.holidays import calendar_cache_clear
    from jiesu.deadlines.policies import policy_cache_clear

    calendar_cache_clear()
    policy_cache_clear()
    yield
    calendar_cache_clear()
    policy_cache_clear()


@pytest.fixture(autouse=True)
def _fresh_taxonomy_cache():
    """The taxonomy snapshot is cached; a test's rolled-back taxonomy edits must not leak."""
    from jiesu.taxonomy.selectors import taxonomy_cache_clear

    taxonomy_cache_clear()
    yield
    taxonomy_cache_clear()


@pytest.fixture(autouse=True)
def _reference_data_after_flush(request):
    """Transactional tests (races, the browser) empty every table when they finish, including the
    deadline policies, holiday calendar and taxonomy that migrations seed; put them back for the next
    one."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        return
    request.getfixturevalue("transactional_db")
    from jiesu.deadlines.defaults import seed_default_policies, seed_default_reminder_rules
    from jiesu.deadlines.holidays import calendar_seed_from_package
    from jiesu.deadlines.models import CalendarDay, DeadlinePolicy, ReminderRule
    from jiesu.deadlines.policies import policy_cache_clear
    from jiesu.taxonomy.defaults import seed_defaults
    from jiesu.taxonomy.models import Line

    if not DeadlinePolicy.objects.exists():
        seed_default_policies(DeadlinePolicy)
        policy_cache_clear()
    if not CalendarDay.objects.exists():
        calendar_seed_from_package()
    if not ReminderRule.objects.exists():
        seed_default_reminder_rules(ReminderRule)
    if not Line.objects.exists():
        seed_defaults(lambda name: apps.get_model("taxonomy", name))


@pytest.fixture
def org(db):
    """A small organisation with one person per role (organisations.tests.factories.org_tree)."""
    from jiesu.organisations.tests.factories import org_tree

    return org_tree()


@pytest.fixture(scope="session")
def cjk_font():
    """A Chinese font for the report charts. A fresh machine running the README's test command has
    none; like the browser tests' chromium, it is installed from Debian's packages when the tests run
    as root, and its absence is otherwise a failure that names the package."""
    import os
    import shutil
    import subprocess

    from jiesu.reports import charts

    try:
        charts.cjk_font()
        return
    except charts.ChartFontMissing:
        charts.cjk_font.cache_clear()
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        pytest.fail("no CJK font for the report charts: apt-get install fonts-noto-cjk")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "fonts-noto-cjk"], check=True, env=env
    )
    charts.cjk_font()
