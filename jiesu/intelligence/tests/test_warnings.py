"""Early warning and the topic of the month (issue 5 item 7; seeds 003, 004): a respondent whose
orders jump against its own baseline is flagged, a steady one is not, and leaders hear once a day."""

from datetime import timedelta

import pytest

from jiesu.intelligence.warnings import rising, topic_candidates, warning_title, warnings_daily
from jiesu.notifications.models import Notification
from jiesu.orders.tests.checks import NOW, sh
from jiesu.orders.tests.factories import register

pytestmark = pytest.mark.django_db

DAY = NOW.date()  # Monday 2025-03-03: the last 7 days are 02-25..03-03, the baseline the 56 before
GYM = {"respondent_name": "XX健身", "line": "prepaid", "product_category": "健身", "requests": ["退款"],
       "description": "XX健身突然关门，卡里余额不退，要求退款。"}


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(NOW, tick=False)
    return time_machine


def order(org, clock, at, n=0, **overrides):
    clock.move_to(at, tick=False)
    created = register(org.operator, complainant_phone=f"139{n:08d}", **{**GYM, **overrides})
    clock.move_to(NOW, tick=False)
    return created


def jumping_gym(org, clock):
    """About one order a week for eight weeks, then twelve in the last week."""
    for week in range(1, 9):
        order(org, clock, NOW - timedelta(days=7 * week + 3), n=week)
    for i in range(12):
        order(org, clock, NOW - timedelta(hours=10 * i), n=100 + i)


def warnings_sent():
    return Notification.objects.filter(step="alert", key__startswith="warning:")


def test_a_respondent_jumping_from_one_a_week_to_twelve_is_flagged_with_its_chart(org, clock):
    jumping_gym(org, clock)

    [item] = rising(day=DAY, dimension="respondent")

    assert (item.key, item.label, item.recent, item.baseline_per_week, item.ratio) == ("XX健身", "XX健身", 12, 1.0, 12.0)
    assert item.z >= 3
    assert len(item.days) == len(item.counts) == 56 and item.days[-1] == "2025-03-03"
    assert sum(item.counts[-7:]) == 12 and sum(item.counts) == 12 + 7  # the chart's 8 weeks hold 7 earlier ones
    assert warning_title(item) == "【预警】XX健身近7天投诉 12 件，约为以往的 12 倍"
    assert [i.key for i in rising(day=DAY, dimension="line")] == ["prepaid"]
    assert [i.key for i in rising(day=DAY, dimension="request")] == ["退款"]
    # A week later nothing new came in: the jump is the baseline now, not a rise.
    assert rising(day=DAY + timedelta(days=7), dimension="respondent") == []


def test_a_steady_respondent_is_not_flagged(org, clock, settings):
    settings.JIESU_WARNING_BASELINE_DAYS = 14
    for day in range(21):
        order(org, clock, NOW - timedelta(days=day), n=day)

    assert rising(day=DAY, dimension="respondent") == []
    assert rising(day=DAY, dimension="category") == []


def test_below_the_floor_nothing_is_flagged_and_scope_applies(org, clock):
    for i in range(4):
        order(org, clock, NOW - timedelta(days=i), n=i)
    assert rising(day=DAY, dimension="respondent") == []

    order(org, clock, NOW, n=9)
    [item] = rising(day=DAY, dimension="respondent", viewer=org.centre_leader)
    assert (item.recent, item.ratio, item.z) == (5, None, None)
    assert warning_title(item) == "【预警】XX健身近7天投诉 5 件，以往几乎没有"
    # Taken in by the centre and not dispatched: outside district B's scope.
    assert rising(day=DAY, dimension="respondent", viewer=org.leader_b) == []


@pytest.fixture(autouse=True)
def _fresh_daily_guard(monkeypatch):
    """warnings_daily remembers the day it ran in its process; each test starts from none."""
    from jiesu.intelligence import warnings

    monkeypatch.setattr(warnings, "_last_run_day", None)


def test_the_daily_job_runs_from_the_morning_hour_and_once_a_day_per_process(org, clock, settings):
    settings.JIESU_WARNING_HOUR = 8
    for i in range(5):
        order(org, clock, NOW - timedelta(days=i), n=i)
    early = NOW.replace(hour=7)
    assert warnings_daily(now=early).warned == 0 and not warnings_sent().exists()  # not before 08:00
    assert warnings_daily().warned == 1
    Notification.objects.all().delete()
    assert warnings_daily().warned == 0  # the window is not read again the same day


def test_the_daily_job_warns_the_centre_leaders_once_a_day(org, clock):
    for i in range(5):
        order(org, clock, NOW - timedelta(days=i), n=i)

    assert warnings_daily().warned == 1
    assert warnings_daily(now=NOW + timedelta(hours=8)).warned == 0
    from jiesu.intelligence import warnings

    warnings._last_run_day = None  # another worker process the same day: the key stops a second alert
    assert warnings_daily(now=NOW + timedelta(hours=9)).warned == 0
    [alert] = warnings_sent()
    assert alert.title.startswith("【预警】XX健身近7天投诉 5 件")
    assert set(alert.recipients.values_list("username", flat=True)) == {"centre_leader"}

    assert warnings_daily(now=NOW + timedelta(days=1)).warned == 1
    assert warnings_sent().count() == 2


def test_topic_candidates_order_by_the_rise_over_the_month_before(org, clock):
    order(org, clock, sh(2025, 1, 15, 10), n=0, **{"respondent_name": "某某商场", "line": "supermarket",
                                                  "product_category": "服装鞋帽", "requests": ["退货"]})
    for i in range(4):
        order(org, clock, sh(2025, 2, 3 + i, 10), n=10 + i, **{"respondent_name": "某某商场", "line": "supermarket",
                                                             "product_category": "服装鞋帽", "requests": ["退货"]})
    for i in range(2):
        order(org, clock, sh(2025, 2, 10 + i, 10), n=20 + i)

    topics = topic_candidates(month="2025-02")

    assert len(topics) == 5
    assert [(t.count, t.previous, t.change) for t in topics[:3]] == [(4, 1, 3)] * 3
    assert {(t.dimension, t.key) for t in topics[:3]} == {("line", "supermarket"), ("category", "服装鞋帽"), ("request", "退货")}
    assert [t.change for t in topics[3:]] == [2, 2]
    assert topic_candidates(month="2025-01")[0].previous == 0
