"""Group complaints (issue 5 item 5): cases that must and must not raise the flag."""

from datetime import timedelta

import pytest

from jiesu.intelligence.groups import group_of
from jiesu.intelligence.similarity import concept_score, near_duplicate_score
from jiesu.notifications.models import Notification
from jiesu.orders.models import WorkOrder
from jiesu.orders.tests.checks import NOW
from jiesu.orders.tests.factories import register

pytestmark = pytest.mark.django_db

PHONES = [f"1390000000{i}" for i in range(8)]
COPIED = "XX健身突然关门了，老板联系不上，我卡里还有{n}元没用完，要求退款，请帮忙处理。"
OWN_WORDS = [
    "XX健身房突然关门了，老板电话打不通，我卡里还有三千多，想要退钱",
    "办的XX健身年卡，上周门店停业了，剩下的会员费一直不退",
    "在XX健身买了20节私教课，现在店倒闭了，课时费要求退还",
    "XX健身人去楼空，储值卡里的余额怎么办？要求退款",
    "我是XX健身会员，店里已经好几天不营业了，要求退还剩余费用",
]
GYM = {"respondent_name": "XX健身", "line": "prepaid", "product_category": "健身", "requests": ["退款"]}


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(NOW, tick=False)
    return time_machine


def complain(org, clock, phone, text, *, hours=0, **overrides):
    clock.move_to(NOW + timedelta(hours=hours), tick=False)
    return register(org.operator, complainant_phone=phone, description=text, **{**GYM, **overrides})


def flags(order):
    return WorkOrder.objects.get(pk=order.pk).flags


def test_five_callers_with_a_copied_text_make_a_group_and_the_leaders_hear_once(org, clock):
    orders = [complain(org, clock, PHONES[i], COPIED.format(n=1000 + i), hours=i) for i in range(4)]
    assert all("group" not in flags(o) for o in orders)  # four are not yet a group
    orders.append(complain(org, clock, PHONES[4], COPIED.format(n=2000), hours=5))
    assert all("group" in flags(o) for o in orders)
    alert = Notification.objects.get(step="alert")
    assert "centre_leader" in set(alert.recipients.values_list("username", flat=True))
    assert "5 名消费者" in alert.title and orders[0].number in alert.body
    sixth = complain(org, clock, PHONES[5], COPIED.format(n=3000), hours=6)
    assert "group" in flags(sixth)
    assert Notification.objects.filter(step="alert").count() == 1


def test_consumers_in_their_own_words_about_one_closed_gym_are_a_group(org, clock):
    orders = [complain(org, clock, PHONES[i], text, hours=i) for i, text in enumerate(OWN_WORDS)]
    assert all("group" in flags(o) for o in orders)
    group = group_of(WorkOrder.objects.get(pk=orders[-1].pk))
    assert len(group.members) == 4 and all("退款" in m.reason for m in group.members)


def test_different_problems_at_one_gym_are_no_group(org, clock):
    texts = ["淋浴间没有热水", "教练推销蛋白粉", "前台态度很差", "器械坏了没人修", "更衣柜丢了东西"]
    requests = [["赔礼道歉"], ["退货"], ["赔礼道歉"], ["维修"], ["赔偿"]]
    orders = [complain(org, clock, PHONES[i], f"XX健身{t}", hours=i, line="general", requests=requests[i])
              for i, t in enumerate(texts)]
    assert all("group" not in flags(o) for o in orders)


def test_one_caller_five_times_is_no_group(org, clock):
    orders = [complain(org, clock, PHONES[0], COPIED.format(n=i), hours=i) for i in range(5)]
    assert "group" not in flags(orders[-1])


def test_complaints_outside_the_window_do_not_count(org, clock, settings):
    settings.JIESU_GROUP_WINDOW_DAYS = 7
    for i in range(4):
        complain(org, clock, PHONES[i], COPIED.format(n=i), hours=i)
    late = complain(org, clock, PHONES[4], COPIED.format(n=9), hours=24 * 8)
    assert "group" not in flags(late)


def test_the_thresholds_are_settings(org, clock, settings):
    settings.JIESU_GROUP_MIN_COMPLAINANTS = 3
    orders = [complain(org, clock, PHONES[i], COPIED.format(n=i), hours=i) for i in range(3)]
    assert "group" in flags(orders[-1])


def test_similarity_measures():
    assert near_duplicate_score(COPIED.format(n=1), COPIED.format(n=2)) > 0.6
    assert near_duplicate_score(OWN_WORDS[0], OWN_WORDS[1]) < 0.3
    assert concept_score(OWN_WORDS[1], OWN_WORDS[2]) >= 0.5
    assert concept_score("淋浴间没有热水", OWN_WORDS[0]) == 0.0



def test_only_the_nearest_candidates_in_time_are_compared(org, clock, settings):
    settings.JIESU_GROUP_MAX_CANDIDATES = 3
    orders = [complain(org, clock, PHONES[i], COPIED.format(n=i), hours=i) for i in range(5)]
    group = group_of(WorkOrder.objects.get(pk=orders[-1].pk))
    assert group is None  # four earlier copies, but only three are looked at: below five complainants
