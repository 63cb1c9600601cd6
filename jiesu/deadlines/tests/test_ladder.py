"""The reminder ladder and its working-hours delivery (domain.md "Deadlines", seeds 001 and 002),
against the real 2025 State Council schedule from chinese_calendar, with no database."""

from datetime import UTC, date, datetime, time, timedelta

import chinese_calendar
import pytest

from jiesu.core.clock import SHANGHAI
from jiesu.deadlines.calendar import WorkCalendar
from jiesu.deadlines.ladder import Channel, Kind, Rung, Step, deliver_at, ladder

FIRST = date(2025, 1, 1)
LAST = date(2026, 12, 31)


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=SHANGHAI)


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    days = [FIRST + timedelta(days=n) for n in range((LAST - FIRST).days + 1)]
    return WorkCalendar({day: chinese_calendar.is_workday(day) for day in days}, FIRST, LAST)


def steps(rungs: list[Rung]) -> list[tuple[Step, datetime]]:
    return [(rung.step, rung.at) for rung in rungs]


class TestSpringFestivalAcceptDecision:
    """7 working days from Friday 2025-01-24: holiday 01-28..02-04, swapped working days Sunday 01-26
    and Saturday 02-08, so the decision is due 2025-02-10 23:59:59."""

    @pytest.fixture
    def rungs(self, cal):
        return ladder(started_at=at(2025, 1, 24, 10), due_at=at(2025, 2, 10, 23, 59, 59), calendar=cal)

    def test_exact_rungs(self, rungs):
        # Half of 17 d 13:59:59 after 01-24 10:00 is 02-02 04:59:59.5, inside the break.
        # Counting back from Monday 02-10: Saturday 02-08 (1, swapped), Friday 02-07 (2), Thursday
        # 02-06 (3). Without the swapped Saturday the urges would fall on 02-05 and 02-06.
        assert steps(rungs) == [
            (Step.REMINDER, at(2025, 2, 2, 4, 59, 59, 500000)),
            (Step.URGE_3WD, at(2025, 2, 6, 8, 30)),
            (Step.URGE_2WD, at(2025, 2, 7, 8, 30)),
            (Step.URGE_DUE_DAY, at(2025, 2, 10, 8, 30)),
            (Step.SUPERVISE, at(2025, 2, 10, 23, 59, 59)),
        ]

    def test_kinds_and_channels(self, rungs):
        assert [(rung.kind, rung.channel) for rung in rungs] == [
            (Kind.REMINDER, None),
            (Kind.URGE, Channel.GROUP),
            (Kind.URGE, Channel.PLATFORM),
            (Kind.URGE, Channel.PHONE),
            (Kind.SUPERVISE, None),
        ]

    def test_codes_are_the_api_codes(self, rungs):
        assert [str(rung.step) for rung in rungs] == [
            "reminder",
            "urge_3wd",
            "urge_2wd",
            "urge_due_day",
            "supervise",
        ]
        assert {str(rung.kind) for rung in rungs} == {"reminder", "urge", "supervise"}

    def test_the_reminder_in_the_break_goes_out_on_the_first_working_day(self, cal, rungs):
        reminder = rungs[0]
        assert deliver_at(at=reminder.at, urgent=False, step=reminder.step, calendar=cal) == at(
            2025, 2, 5, 8, 30
        )


def test_45_minute_fast_response_runs_at_half_80_percent_and_due(cal):
    rungs = ladder(started_at=at(2025, 3, 3, 10), due_at=at(2025, 3, 3, 10, 45), calendar=cal)
    assert steps(rungs) == [
        (Step.REMINDER, at(2025, 3, 3, 10, 22, 30)),
        (Step.URGE_80, at(2025, 3, 3, 10, 36)),
        (Step.SUPERVISE, at(2025, 3, 3, 10, 45)),
    ]
    assert [rung.kind for rung in rungs] == [Kind.REMINDER, Kind.URGE, Kind.SUPERVISE]


def test_two_working_day_deadline_has_no_3_day_urge(cal):
    # Monday 10:00 to Wednesday 23:59:59: the 3-day urge (Friday 02-28) and the 2-day urge (Monday
    # 08:30) are at or before the start.
    rungs = ladder(started_at=at(2025, 3, 3, 10), due_at=at(2025, 3, 5, 23, 59, 59), calendar=cal)
    assert steps(rungs) == [
        (Step.REMINDER, at(2025, 3, 4, 16, 59, 59, 500000)),
        (Step.URGE_DUE_DAY, at(2025, 3, 5, 8, 30)),
        (Step.SUPERVISE, at(2025, 3, 5, 23, 59, 59)),
    ]


def test_due_on_a_rest_day_urges_on_the_last_working_day_before(cal):
    # A calendar-day period ending Saturday 2025-03-08.
    rungs = ladder(started_at=at(2025, 3, 1, 9), due_at=at(2025, 3, 8, 23, 59, 59), calendar=cal)
    assert steps(rungs)[1:] == [
        (Step.URGE_3WD, at(2025, 3, 5, 8, 30)),
        (Step.URGE_2WD, at(2025, 3, 6, 8, 30)),
        (Step.URGE_DUE_DAY, at(2025, 3, 7, 8, 30)),
        (Step.SUPERVISE, at(2025, 3, 8, 23, 59, 59)),
    ]


def test_urge_after_the_due_moment_is_left_to_supervision(cal):
    rungs = ladder(started_at=at(2025, 3, 3, 8), due_at=at(2025, 3, 5, 8), calendar=cal)
    assert Step.URGE_DUE_DAY not in {rung.step for rung in rungs}
    assert rungs[-1] == Rung(Step.SUPERVISE, at(2025, 3, 5, 8), Kind.SUPERVISE, None)


def test_due_moment_in_another_zone_is_read_in_shanghai(cal):
    # 2025-02-10 15:59:59 UTC is 23:59:59 in Shanghai: the same ladder as the Spring Festival case.
    utc = ladder(
        started_at=at(2025, 1, 24, 10), due_at=datetime(2025, 2, 10, 15, 59, 59, tzinfo=UTC), calendar=cal
    )
    local = ladder(started_at=at(2025, 1, 24, 10), due_at=at(2025, 2, 10, 23, 59, 59), calendar=cal)
    assert steps(utc) == steps(local)


@pytest.mark.parametrize(
    ("started_at", "due_at"),
    [
        (at(2025, 1, 24, 10), at(2025, 2, 10, 23, 59, 59)),
        (at(2025, 3, 3, 10), at(2025, 3, 3, 10, 15)),
        (at(2025, 3, 3, 10), at(2025, 3, 4, 10)),
        (at(2025, 9, 28, 9), at(2025, 10, 20, 23, 59, 59)),
        (at(2025, 12, 31, 17), at(2026, 1, 9, 23, 59, 59)),
    ],
)
def test_each_step_at_most_once_sorted_and_inside_the_span(cal, started_at, due_at):
    rungs = ladder(started_at=started_at, due_at=due_at, calendar=cal)
    assert len({rung.step for rung in rungs}) == len(rungs)
    assert [rung.at for rung in rungs] == sorted(rung.at for rung in rungs)
    assert all(started_at < rung.at <= due_at for rung in rungs)
    assert rungs[-1].step == Step.SUPERVISE


def test_rejects_empty_span_and_naive_moments(cal):
    with pytest.raises(ValueError):
        ladder(started_at=at(2025, 3, 3, 10), due_at=at(2025, 3, 3, 10), calendar=cal)
    with pytest.raises(ValueError):
        ladder(started_at=datetime(2025, 3, 3, 10), due_at=at(2025, 3, 4, 10), calendar=cal)


class TestDeliverAt:
    @pytest.mark.parametrize(
        ("moment", "expected"),
        [
            (at(2025, 3, 5, 10), at(2025, 3, 5, 10)),  # inside the window
            (at(2025, 3, 5, 8, 30), at(2025, 3, 5, 8, 30)),  # the window opens at 08:30
            (at(2025, 3, 5, 7), at(2025, 3, 5, 8, 30)),  # early morning: later the same day
            (at(2025, 3, 5, 17, 30), at(2025, 3, 6, 8, 30)),  # the window closes at 17:30
            (at(2025, 3, 5, 20), at(2025, 3, 6, 8, 30)),  # evening: next morning
            (at(2025, 3, 7, 20), at(2025, 3, 10, 8, 30)),  # Friday evening: Monday
            (at(2025, 3, 8, 12), at(2025, 3, 10, 8, 30)),  # Saturday noon: Monday
            (at(2025, 1, 27, 20), at(2025, 2, 5, 8, 30)),  # eve of the Spring Festival break
            (at(2025, 1, 31, 10), at(2025, 2, 5, 8, 30)),  # inside the break, in office hours
            (at(2025, 2, 7, 20), at(2025, 2, 8, 8, 30)),  # Friday evening before a swapped Saturday
            (at(2025, 2, 8, 10), at(2025, 2, 8, 10)),  # the swapped Saturday is a working day
        ],
    )
    def test_waits_for_working_hours(self, cal, moment, expected):
        assert deliver_at(at=moment, urgent=False, step=Step.URGE_2WD, calendar=cal) == expected

    def test_reads_the_clock_in_shanghai(self, cal):
        utc_evening = datetime(2025, 3, 5, 12, tzinfo=UTC)  # 20:00 in Shanghai
        assert deliver_at(at=utc_evening, urgent=False, step=Step.REMINDER, calendar=cal) == at(
            2025, 3, 6, 8, 30
        )
        utc_morning = datetime(2025, 3, 5, 2, tzinfo=UTC)  # 10:00 in Shanghai
        assert deliver_at(at=utc_morning, urgent=False, step=Step.REMINDER, calendar=cal) == utc_morning

    @pytest.mark.parametrize("step", list(Step))
    def test_fast_response_goes_out_at_once(self, cal, step):
        moment = at(2025, 2, 1, 3)  # 03:00 inside the Spring Festival break
        assert deliver_at(at=moment, urgent=True, step=step, calendar=cal) == moment

    def test_supervision_of_an_overdue_order_goes_out_at_once(self, cal):
        moment = at(2025, 3, 8, 23, 59, 59)  # Saturday night
        assert deliver_at(at=moment, urgent=False, step=Step.SUPERVISE, calendar=cal) == moment

    def test_window_is_configurable(self, cal):
        window = (time(9), time(18))
        assert deliver_at(
            at=at(2025, 3, 5, 8, 45), urgent=False, step=Step.REMINDER, calendar=cal, window=window
        ) == at(2025, 3, 5, 9)
        assert deliver_at(
            at=at(2025, 3, 5, 17, 45), urgent=False, step=Step.REMINDER, calendar=cal, window=window
        ) == at(2025, 3, 5, 17, 45)
