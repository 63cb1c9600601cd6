"""/public/warnings/ through the test client, without login: only published warnings are shown,
anything else is 404, a withdrawal hides it at once, and nothing of the staff UI or of the
complainants appears."""

import pytest
from django.test import Client

from jiesu.advisories.services import (
    warning_approve,
    warning_draft,
    warning_publish,
    warning_submit,
    warning_withdraw,
)
from jiesu.advisories.tests.scenario import GYM, ID_NUMBER, MALL, MARCH, NAME, PHONE, at, build_gym
from jiesu.core import clock


@pytest.fixture(autouse=True)
def _plain_http(settings):
    settings.SECURE_SSL_REDIRECT = False


@pytest.fixture
def gym(org):
    ns = build_gym(org)
    with clock.travel(at(4, 2)):
        yield ns


def _draft(org, key=GYM):
    return warning_draft(actor=org.centre_leader, dimension="respondent", key=key, period=MARCH)


def _published(org, key=GYM):
    warning = warning_submit(warning=_draft(org, key), actor=org.centre_leader)
    warning = warning_approve(warning=warning, actor=org.second_leader)
    return warning_publish(warning=warning, actor=org.second_leader)


def test_anyone_reads_published_warnings_without_login(gym):
    warning = _published(gym.org)
    draft = _draft(gym.org, MALL)
    public = Client()

    listing = public.get("/public/warnings/")
    assert listing.status_code == 200
    page = listing.content.decode()
    assert warning.title in page and draft.title not in page
    detail = public.get(f"/public/warnings/{warning.pk}/")
    assert detail.status_code == 200
    text = detail.content.decode()
    assert "不要一次性预付大额费用" in text and "12315" in text


@pytest.mark.parametrize("steps", [(), ("submit",), ("submit", "approve")])
def test_a_warning_not_yet_published_is_404(gym, steps):
    warning = _draft(gym.org)
    if "submit" in steps:
        warning = warning_submit(warning=warning, actor=gym.org.centre_leader)
    if "approve" in steps:
        warning = warning_approve(warning=warning, actor=gym.org.second_leader)

    assert Client().get(f"/public/warnings/{warning.pk}/").status_code == 404
    assert warning.title not in Client().get("/public/warnings/").content.decode()


def test_withdrawal_hides_it(gym):
    warning = _published(gym.org)
    warning_withdraw(warning=warning, actor=gym.org.centre_leader, reason="经营者已退费")

    assert Client().get(f"/public/warnings/{warning.pk}/").status_code == 404
    assert "暂无消费警示" in Client().get("/public/warnings/").content.decode()


def test_an_unknown_warning_and_a_bad_cursor_are_404(db):
    assert Client().get("/public/warnings/999/").status_code == 404
    assert Client().get("/public/warnings/", {"cursor": "%%%"}).status_code == 404


def test_the_public_page_has_no_staff_navigation_no_cdn_and_no_personal_data(gym):
    warning = _published(gym.org)

    for url in ("/public/warnings/", f"/public/warnings/{warning.pk}/"):
        page = Client().get(url).content.decode()
        assert 'name="viewport"' in page
        assert "工单查询" not in page and "/admin/" not in page and "退出" not in page
        assert "http://" not in page and "https://" not in page and "<script" not in page
        for secret in (NAME, PHONE, ID_NUMBER, *warning.example_orders):
            assert secret not in page


def test_the_list_pages_on_newest_first(gym):
    with clock.travel(at(4, 1)):
        older = _published(gym.org, GYM)
    newer = _published(gym.org, MALL)

    page = Client().get("/public/warnings/").content.decode()
    assert page.index(newer.title) < page.index(older.title)
