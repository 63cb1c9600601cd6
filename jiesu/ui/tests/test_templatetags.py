import datetime as dt

import time_machine

from jiesu.core import clock
from jiesu.ui.templatetags.jiesu_ui import choice_label, due_class, event_details, flag_badges, masked_phone


def test_event_details_put_codes_into_words():
    event = {
        "action": "not_accept",
        "data": {"ground": "time_barred", "explanation": "超过三年", "extra_key": 3},
    }
    assert event_details(event) == [
        ("依据", "知道或应当知道权益受侵害之日起超过三年"),
        ("说明", "超过三年"),
        ("extra_key", "3"),
    ]


def test_event_details_read_people_booleans_and_decisions():
    visit = {
        "action": "visit",
        "data": {"reached": True, "resolved": False, "satisfaction": "basically_satisfied"},
    }
    assert event_details(visit) == [("联系上", "是"), ("是否解决", "否"), ("满意度", "基本满意")]
    dispatch = {"action": "dispatch", "data": {"department": {"id": 4, "name": "西长安街所"}}}
    assert event_details(dispatch) == [("单位", "西长安街所")]
    review = {"action": "review", "data": {"approve": False, "reason": "未答复"}}
    assert event_details(review) == [("理由", "未答复"), ("结论", "退回重办")]
    mediate = {"action": "mediate", "data": {"result": "terminated", "ground": "party_absent"}}
    assert ("依据", "一方无正当理由不参加调解") in event_details(mediate)


def test_choice_label_and_flags():
    assert choice_label("in_progress", "status") == "办理中"
    assert choice_label("unknown_code", "status") == "unknown_code"
    assert choice_label("", "status") == ""
    assert flag_badges(["overdue"]) == '<span class="flag flag-overdue">超期</span>'
    assert masked_phone("13800138000") == "138****8000"


def test_due_class_thresholds():
    now = dt.datetime(2025, 3, 3, 10, 0, tzinfo=clock.SHANGHAI)
    with time_machine.travel(now, tick=False):
        assert due_class(None) == "due-none"
        assert due_class(now - dt.timedelta(minutes=1)) == "due-overdue"
        assert due_class(now + dt.timedelta(hours=5)) == "due-today"
        assert due_class(now + dt.timedelta(days=2)) == "due-soon"
        assert due_class(now + dt.timedelta(days=5)) == "due-ok"
