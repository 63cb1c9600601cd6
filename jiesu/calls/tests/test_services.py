"""Importing the call log and handling call-backs, against the database."""

import pytest

from jiesu.calls.models import Callback, CallImport, CallRecord
from jiesu.calls.services import callback_record_outcome, calls_import
from jiesu.calls.tests.factories import CHINESE_HEADER, at, csv_bytes, xlsx_bytes
from jiesu.core.errors import Forbidden, InvalidInput, InvalidTransition, NotFound
from jiesu.organisations.tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

A, B = "13800138000", "13900139000"
TUESDAY = [
    (A, "2025-03-04 09:15:00", "no", 40),
    (B, "2025-03-04 09:20:00", "no", 55),
    (B, "2025-03-04 10:00:00", "yes", 3),
]


def run(org, rows, actor=None, **kwargs):
    return calls_import(file=csv_bytes(rows, **kwargs), mapping=None, actor=actor or org.operator, file_name="log.csv")


def test_an_unanswered_caller_who_never_got_through_gets_one_callback(org):
    result = run(org, TUESDAY)

    assert (result.imported, result.callbacks, result.errors) == (3, 1, [])
    callback = Callback.objects.get()
    assert (callback.phone, callback.status, callback.missed_calls) == (A, "pending", 1)
    assert callback.department == org.centre
    assert callback.called_at == at(2025, 3, 4, 9, 15)
    assert callback.due_at == at(2025, 3, 5, 10, 30)  # two working hours into Wednesday
    batch = CallImport.objects.get()
    assert (batch.rows, batch.imported, batch.callbacks, batch.imported_by) == (3, 3, 1, org.operator)
    assert CallRecord.objects.filter(batch=batch).count() == 3


def test_importing_the_same_file_again_adds_nothing(org):
    run(org, TUESDAY)
    again = run(org, TUESDAY)

    assert (again.imported, again.callbacks) == (0, 0)
    assert CallRecord.objects.count() == 3 and Callback.objects.count() == 1


def test_several_misses_on_one_day_make_one_callback_and_another_day_another(org):
    result = run(org, [(A, "2025-03-04 09:15", "no", 1), (A, "2025-03-04 11:15", "no", 1),
                       (A, "2025-03-05 09:00", "no", 1)])

    assert result.callbacks == 2
    first, second = Callback.objects.order_by("call_date")
    assert (first.missed_calls, first.called_at) == (2, at(2025, 3, 4, 11, 15))
    assert second.due_at == at(2025, 3, 6, 10, 30)


def test_an_answered_call_in_a_later_import_cancels_the_pending_callback(org):
    run(org, TUESDAY)
    later = run(org, [(A, "2025-03-04 16:00", "yes", 2)])

    assert (later.imported, later.callbacks, later.cancelled) == (1, 0, 1)
    assert Callback.objects.get().status == "cancelled"


def test_a_miss_after_the_answered_call_reopens_a_cancelled_callback(org):
    run(org, TUESDAY)
    run(org, [(A, "2025-03-04 16:00", "yes", 2)])
    reopened = run(org, [(A, "2025-03-04 17:00", "no", 2)])

    assert reopened.callbacks == 1
    callback = Callback.objects.get()
    assert (callback.status, callback.called_at, callback.missed_calls) == ("pending", at(2025, 3, 4, 17), 1)


def test_a_callback_already_made_is_left_alone_by_later_imports(org):
    run(org, TUESDAY)
    callback_record_outcome(callback=Callback.objects.get(), actor=org.operator, status="reached", note="已解答")
    run(org, [(A, "2025-03-04 16:00", "yes", 2)])

    assert Callback.objects.get().status == "reached"


def test_bad_rows_are_reported_with_their_lines_and_the_good_ones_kept(org):
    result = run(org, [TUESDAY[0], ("not-a-phone", "2025-03-04 09:00", "no", 1), TUESDAY[1]])

    assert (result.imported, result.callbacks) == (2, 2)
    assert [(e.line, e.field) for e in result.errors] == [(3, "caller")]
    assert CallImport.objects.get().errors == [{"line": 3, "field": "caller", "message": result.errors[0].message}]


def test_chinese_headers_in_an_xlsx_workbook(org):
    content = xlsx_bytes([(int(A), at(2025, 3, 4, 9, 15).replace(tzinfo=None), "否", 20)], header=CHINESE_HEADER)
    result = calls_import(file=content, mapping=None, actor=org.operator)

    assert (result.imported, result.callbacks) == (1, 1)


def test_a_mapping_for_other_column_names(org):
    content = csv_bytes([("2025-03-04 09:15", A, "0")], header=["开始时间", "主叫", "接通"])
    result = calls_import(file=content, mapping={"caller": "主叫", "time": "开始时间", "answered": "接通"},
                          actor=org.operator)

    assert (result.imported, result.callbacks) == (1, 1)


def test_an_unreadable_file_or_unknown_headers_write_nothing(org):
    with pytest.raises(InvalidInput):
        calls_import(file=b"\xd0\xcf\x11\xe0old-excel", mapping=None, actor=org.operator)
    with pytest.raises(InvalidInput):
        calls_import(file=csv_bytes(TUESDAY, header=["a", "b", "c", "d"]), mapping=None, actor=org.operator)

    assert not CallImport.objects.exists() and not CallRecord.objects.exists()


def test_only_operators_import(org):
    with pytest.raises(Forbidden):
        run(org, TUESDAY, actor=org.centre_leader)

    assert not CallRecord.objects.exists()


def test_due_times_follow_the_holiday_table_over_the_2025_spring_festival(org):
    run(org, [(A, "2025-01-27 12:00", "no", 1), (B, "2025-01-24 18:00", "no", 1)])

    assert Callback.objects.get(phone=A).due_at == at(2025, 2, 5, 10, 30)
    assert Callback.objects.get(phone=B).due_at == at(2025, 1, 26, 10, 30)  # a swapped working Sunday


def test_the_callback_span_and_day_start_are_settings(org, settings):
    settings.JIESU_CALLBACK_HOURS = 4
    settings.JIESU_WORKING_HOURS = "09:00-17:30"
    run(org, TUESDAY)

    assert Callback.objects.get().due_at == at(2025, 3, 5, 13, 0)


# --- outcomes --------------------------------------------------------------------------------------


@pytest.fixture
def callback(org):
    run(org, TUESDAY)
    return Callback.objects.get()


def test_reached_closes_the_callback_with_who_and_when(org, callback):
    done = callback_record_outcome(callback=callback, actor=org.operator, status="reached", note=" 已解答退货问题 ")

    done.refresh_from_db()
    assert (done.status, done.outcome_note, done.handled_by, done.attempts) == ("reached", "已解答退货问题", org.operator, 1)
    assert done.handled_at is not None


def test_unreachable_leaves_it_open_for_another_try(org, callback):
    callback_record_outcome(callback=callback, actor=org.operator, status="unreachable", note="无人接听")
    done = callback_record_outcome(callback=callback, actor=org.operator, status="reached")

    assert (done.status, done.attempts) == ("reached", 2)


def test_a_closed_callback_takes_no_further_outcome(org, callback):
    callback_record_outcome(callback=callback, actor=org.operator, status="reached")

    with pytest.raises(InvalidTransition):
        callback_record_outcome(callback=callback, actor=org.operator, status="unreachable")


def test_an_unknown_outcome_is_refused_and_changes_nothing(org, callback):
    with pytest.raises(InvalidInput) as caught:
        callback_record_outcome(callback=callback, actor=org.operator, status="converted")

    assert "status" in caught.value.fields
    callback.refresh_from_db()
    assert (callback.status, callback.attempts) == ("pending", 0)


def test_outcomes_need_an_operator_in_scope(org, callback):
    with pytest.raises(Forbidden):
        callback_record_outcome(callback=callback, actor=org.handler_a1, status="reached")
    district_operator = StaffFactory(department=org.office_a1, roles=["operator"])
    with pytest.raises(NotFound):
        callback_record_outcome(callback=callback, actor=district_operator, status="reached")


def test_new_callbacks_are_announced_once_per_import_in_the_operators_inbox(org):
    from jiesu.notifications.models import Notification

    run(org, TUESDAY)
    note = Notification.objects.get(step="callback")
    assert note.channel == "inbox" and note.status == "sent"
    assert list(note.recipients.all()) == [org.operator]
    assert note.due_at == at(2025, 3, 5, 10, 30)
    assert "1" in note.title
    run(org, TUESDAY)  # nothing new owed: no second message
    assert Notification.objects.filter(step="callback").count() == 1
