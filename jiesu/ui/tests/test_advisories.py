"""消费警示 pages through the test client: the draft form prefilled from a ranking link, the whole
course from draft to publication and withdrawal, four eyes, roles and errors under their field."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from jiesu.advisories.models import ConsumerWarning
from jiesu.advisories.tests.scenario import GYM, ID_NUMBER, NAME, PHONE, at, build_gym
from jiesu.core import clock


@pytest.fixture
def gym(org):
    ns = build_gym(org)
    with clock.travel(at(4, 2)):
        yield ns


@pytest.fixture
def drafter(client_for, gym):
    return client_for(gym.org.centre_leader)


@pytest.fixture
def approver(client_for, gym):
    return client_for(gym.org.second_leader)


RANKING_LINK = {"dimension": "respondent", "key": GYM, "from": "2025-03-01", "to": "2025-03-31"}


def _draft(client) -> ConsumerWarning:
    response = client.post(reverse("ui:advisory_new"), {
        "dimension": "respondent", "key": GYM, "date_from": "2025-03-01", "date_to": "2025-03-31",
    })  # fmt: skip
    warning = ConsumerWarning.objects.latest("pk")
    assert response.status_code == 302 and response.url == reverse("ui:advisory_detail", args=[warning.pk])
    return warning


def _act(client, warning, action, **data):
    return client.post(reverse("ui:advisory_action", args=[warning.pk, action]), data)


def test_the_draft_form_is_prefilled_from_a_ranking_link(drafter):
    page = drafter.get(reverse("ui:advisory_new") + "?" + urlencode(RANKING_LINK)).content.decode()

    assert f'value="{GYM}"' in page and 'value="2025-03-01"' in page and 'value="2025-03-31"' in page
    assert '<option value="respondent" selected>' in page
    assert "某某商场" in page  # the ranking to pick from


def test_draft_edit_submit_approve_publish_withdraw(drafter, approver, gym):
    warning = _draft(drafter)
    page = drafter.get(reverse("ui:advisory_detail", args=[warning.pk])).content.decode()
    assert "环比上升200%" in page
    for number in warning.example_orders:
        assert reverse("ui:order_detail", args=[number]) in page
    orders = reverse("ui:stats_orders") + "?" + urlencode(RANKING_LINK)
    assert orders.replace("&", "&amp;") in page

    drafter.post(
        reverse("ui:advisory_detail", args=[warning.pk]),
        {"title": "健身会所预付卡消费警示", "body": "核改后的正文。"},
    )
    assert _act(drafter, warning, "submit").status_code == 302
    approve_page = approver.get(reverse("ui:advisory_detail", args=[warning.pk])).content.decode()
    assert reverse("ui:advisory_action", args=[warning.pk, "approve"]) in approve_page
    _act(approver, warning, "approve")
    _act(approver, warning, "publish")
    warning.refresh_from_db()
    assert (warning.status, warning.title, warning.body) == (
        "published",
        "健身会所预付卡消费警示",
        "核改后的正文。",
    )
    assert drafter.get(reverse("portals:warning_detail", args=[warning.pk])).status_code == 200

    _act(approver, warning, "withdraw", reason="经营者已恢复营业")
    warning.refresh_from_db()
    assert warning.status == "withdrawn"
    assert drafter.get(reverse("portals:warning_detail", args=[warning.pk])).status_code == 404
    assert (
        "经营者已恢复营业" in drafter.get(reverse("ui:advisory_detail", args=[warning.pk])).content.decode()
    )


def test_the_drafter_sees_no_approve_button_and_is_refused(drafter):
    warning = _draft(drafter)
    _act(drafter, warning, "submit")

    page = drafter.get(reverse("ui:advisory_detail", args=[warning.pk])).content.decode()
    assert reverse("ui:advisory_action", args=[warning.pk, "approve"]) not in page
    response = _act(drafter, warning, "approve")
    assert response.status_code == 403 and "不能审核" in response.content.decode()
    warning.refresh_from_db()
    assert warning.status == "submitted"


def test_a_send_back_without_reason_is_shown_under_the_reason(drafter, approver):
    warning = _draft(drafter)
    _act(drafter, warning, "submit")

    response = _act(approver, warning, "send_back", reason="")
    assert response.status_code == 200 and "请填写退回理由" in response.content.decode()
    _act(approver, warning, "send_back", reason="请补充退费办法")
    page = drafter.get(reverse("ui:advisory_detail", args=[warning.pk])).content.decode()
    assert "请补充退费办法" in page and 'name="body"' in page


def test_edit_errors_name_the_field_and_only_drafts_are_edited(drafter):
    warning = _draft(drafter)
    url = reverse("ui:advisory_detail", args=[warning.pk])

    response = drafter.post(url, {"title": "警示", "body": f"联系人{NAME}，电话{PHONE}"})
    assert response.status_code == 200 and "含有手机号或身份证号" in response.content.decode()
    _act(drafter, warning, "submit")
    assert drafter.post(url, {"title": "警示", "body": "正文"}).status_code == 409


def test_a_key_outside_the_ranking_is_shown_on_the_form(drafter):
    response = drafter.post(reverse("ui:advisory_new"), {
        "dimension": "respondent", "key": "没有这家店", "date_from": "2025-03-01", "date_to": "2025-03-31",
    })  # fmt: skip

    assert response.status_code == 200 and "没有“没有这家店”" in response.content.decode()
    assert not ConsumerWarning.objects.exists()


def test_a_handler_may_not_open_the_pages(client_for, gym):
    handler = client_for(gym.org.handler_a1)

    assert handler.get(reverse("ui:advisories")).status_code == 403
    assert handler.get(reverse("ui:advisory_new")).status_code == 403


def test_the_list_and_the_nav_link(drafter, gym):
    warning = _draft(drafter)
    page = drafter.get(reverse("ui:advisories")).content.decode()

    assert warning.title in page and f'href="{reverse("ui:advisories")}"' in page
    assert ID_NUMBER not in page and PHONE not in page


def test_a_warning_outside_the_scope_is_404(client_for, drafter, gym):
    warning = _draft(drafter)

    assert (
        client_for(gym.org.leader_a).get(reverse("ui:advisory_detail", args=[warning.pk])).status_code == 404
    )
