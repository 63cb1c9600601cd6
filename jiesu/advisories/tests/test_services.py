"""The services of consumer warnings against the database: drafting from a ranking, the four-eyes
rule, roles and scope, editing only in draft, and one event per step."""

import pytest

from jiesu.advisories.choices import WarningAction, WarningStatus
from jiesu.advisories.models import ConsumerWarning, WarningEvent
from jiesu.advisories.selectors import warning_available_actions
from jiesu.advisories.services import (
    warning_approve,
    warning_draft,
    warning_publish,
    warning_send_back,
    warning_submit,
    warning_update,
    warning_withdraw,
)
from jiesu.analytics.periods import Period
from jiesu.core import clock
from jiesu.core.errors import Forbidden, InvalidInput, InvalidTransition, NotFound

from .scenario import GYM, ID_NUMBER, MARCH, NAME, PHONE, at, gym_order

A, S = WarningAction, WarningStatus


def draft(org, actor=None, **overrides):
    values = {"dimension": "respondent", "key": GYM, "period": MARCH}
    values.update(overrides)
    return warning_draft(actor=actor or org.centre_leader, **values)


def approved(org):
    warning = warning_submit(warning=draft(org), actor=org.centre_leader)
    return warning_approve(warning=warning, actor=org.second_leader)


def test_drafting_freezes_the_ranking_figures_and_example_orders(gym):
    warning = draft(gym.org)

    assert warning.status == S.DRAFT
    assert (warning.rank, warning.count, warning.previous, warning.last_year) == (1, 3, 1, 0)
    assert warning.mom == 2 and warning.yoy is None
    assert (warning.date_from, warning.date_to, warning.department) == (MARCH.date_from, MARCH.date_to, None)
    assert warning.key_name == GYM and warning.line == "prepaid"
    assert warning.example_orders == [gym.gym3.number, gym.gym2.number, gym.gym1.number]
    assert "3件" in warning.body and "环比上升200%（上月1件）" in warning.body
    assert "不要一次性预付大额费用" in warning.body
    assert [(e.action, e.actor, e.to_status) for e in warning.events.all()] == [
        (A.DRAFT, gym.org.centre_leader, S.DRAFT)
    ]


def test_no_personal_data_reaches_the_draft(gym):
    warning = draft(gym.org)

    stored = " ".join(str(v) for v in ConsumerWarning.objects.filter(pk=warning.pk).values().get().values())
    for secret in (NAME, PHONE, ID_NUMBER, "西城区西长安街"):
        assert secret not in stored


def test_the_frozen_figures_do_not_follow_later_orders(gym):
    warning = draft(gym.org)
    with clock.travel(at(3, 25)):
        gym_order(gym.org)
    warning.refresh_from_db()
    assert warning.count == 3 and draft(gym.org).count == 4


def test_a_district_leader_drafts_within_the_district(gym):
    warning = draft(gym.org, actor=gym.org.leader_a)

    assert warning.department == gym.org.district_a and warning.count == 3
    with pytest.raises(InvalidInput) as refused:
        draft(gym.org, actor=gym.org.leader_b)
    assert "key" in refused.value.fields


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"dimension": "channel", "key": "hotline_12315"}, "dimension"),
        ({"key": "  "}, "key"),
        ({"key": "没有这家店"}, "key"),
        ({"period": Period(MARCH.date_to, MARCH.date_to), "key": GYM}, "key"),
    ],
)
def test_drafting_errors_name_the_field_and_write_nothing(gym, overrides, field):
    with pytest.raises(InvalidInput) as refused:
        draft(gym.org, **overrides)

    assert field in refused.value.fields
    assert not ConsumerWarning.objects.exists() and not WarningEvent.objects.exists()


def test_a_handler_may_not_draft(gym):
    with pytest.raises(Forbidden):
        draft(gym.org, actor=gym.org.handler_a1)


def test_the_drafter_may_not_approve_their_own_warning(gym):
    warning = warning_submit(warning=draft(gym.org), actor=gym.org.centre_leader)

    assert A.APPROVE not in warning_available_actions(warning=warning, viewer=gym.org.centre_leader)
    with pytest.raises(Forbidden):
        warning_approve(warning=warning, actor=gym.org.centre_leader)
    warning.refresh_from_db()
    assert warning.status == S.SUBMITTED and warning.events.count() == 2


def test_whoever_edited_the_text_may_not_approve_it_either(gym):
    warning = draft(gym.org, actor=gym.org.dispatcher)
    warning_update(
        warning=warning, actor=gym.org.second_leader, title="健身会所预付卡消费警示", body=warning.body
    )
    warning = warning_submit(warning=warning, actor=gym.org.dispatcher)

    with pytest.raises(Forbidden):
        warning_approve(warning=warning, actor=gym.org.second_leader)
    assert warning_approve(warning=warning, actor=gym.org.centre_leader).status == S.APPROVED


def test_only_a_leader_approves_and_publishes(gym):
    warning = warning_submit(warning=draft(gym.org), actor=gym.org.centre_leader)

    with pytest.raises(Forbidden):
        warning_approve(warning=warning, actor=gym.org.dispatcher)
    warning = warning_approve(warning=warning, actor=gym.org.second_leader)
    with pytest.raises(Forbidden):
        warning_publish(warning=warning, actor=gym.org.dispatcher)
    warning = warning_publish(warning=warning, actor=gym.org.admin)
    assert warning.status == S.PUBLISHED and warning.published_by == gym.org.admin
    assert warning.published_at is not None


def test_the_whole_course_records_who_and_when(gym):
    warning = approved(gym.org)
    warning = warning_publish(warning=warning, actor=gym.org.second_leader)
    warning = warning_withdraw(warning=warning, actor=gym.org.centre_leader, reason="经营者已恢复营业并退费")

    assert warning.status == S.WITHDRAWN
    assert (warning.submitted_by, warning.approved_by, warning.published_by, warning.withdrawn_by) == (
        gym.org.centre_leader, gym.org.second_leader, gym.org.second_leader, gym.org.centre_leader,
    )  # fmt: skip
    events = list(warning.events.values_list("action", "from_status", "to_status"))
    assert events == [
        (A.DRAFT, "", S.DRAFT), (A.SUBMIT, S.DRAFT, S.SUBMITTED), (A.APPROVE, S.SUBMITTED, S.APPROVED),
        (A.PUBLISH, S.APPROVED, S.PUBLISHED), (A.WITHDRAW, S.PUBLISHED, S.WITHDRAWN),
    ]  # fmt: skip
    assert warning.events.last().data == {"reason": "经营者已恢复营业并退费"}


def test_edits_only_in_draft(gym):
    warning = warning_submit(warning=draft(gym.org), actor=gym.org.centre_leader)

    with pytest.raises(InvalidTransition):
        warning_update(warning=warning, actor=gym.org.centre_leader, title="改标题", body="改正文")
    warning.refresh_from_db()
    assert warning.title != "改标题"


def test_a_send_back_needs_a_reason_and_reopens_the_draft_for_edits(gym):
    warning = approved(gym.org)

    with pytest.raises(InvalidInput) as refused:
        warning_send_back(warning=warning, actor=gym.org.second_leader, reason=" ")
    assert list(refused.value.fields) == ["reason"]
    warning = warning_send_back(warning=warning, actor=gym.org.second_leader, reason="请补充退费办法")
    assert warning.status == S.DRAFT and warning.approved_by is None and warning.submitted_at is None
    warning = warning_update(warning=warning, actor=gym.org.centre_leader, title="新标题", body="新正文")
    assert (warning.title, warning.body, warning.updated_by) == ("新标题", "新正文", gym.org.centre_leader)
    assert warning.events.last().data == {"fields": ["title", "body"]}


@pytest.mark.parametrize(
    ("title", "body", "field"),
    [("", "正文", "title"), ("标题", "", "body"), ("标题", f"请联系{PHONE}", "body"),
     (f"身份证{ID_NUMBER}", "正文", "title"), ("标" * 101, "正文", "title")],
)  # fmt: skip
def test_edit_errors_name_the_field(gym, title, body, field):
    warning = draft(gym.org)

    with pytest.raises(InvalidInput) as refused:
        warning_update(warning=warning, actor=gym.org.centre_leader, title=title, body=body)
    assert field in refused.value.fields
    assert warning.events.count() == 1


def test_steps_out_of_order_are_409(gym):
    warning = draft(gym.org)

    with pytest.raises(InvalidTransition):
        warning_publish(warning=warning, actor=gym.org.second_leader)
    with pytest.raises(InvalidTransition):
        warning_withdraw(warning=warning, actor=gym.org.second_leader, reason="x")


def test_a_warning_outside_the_scope_is_not_found(gym):
    warning = draft(gym.org, actor=gym.org.leader_a)
    warning = warning_submit(warning=warning, actor=gym.org.leader_a)

    with pytest.raises(NotFound):
        warning_approve(warning=warning, actor=gym.org.leader_b)
    assert warning_approve(warning=warning, actor=gym.org.second_leader).status == S.APPROVED
