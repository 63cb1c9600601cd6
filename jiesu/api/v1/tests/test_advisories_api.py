"""`GET /api/v1/advisories` over HTTP: published warnings only, with their figures; a login is needed."""

import pytest
from django.test import Client

from jiesu.advisories.services import warning_approve, warning_draft, warning_publish, warning_submit
from jiesu.advisories.tests.scenario import GYM, MALL, MARCH, at, build_gym
from jiesu.core import clock
from jiesu.organisations.services import api_token_create


@pytest.fixture
def gym(org):
    ns = build_gym(org)
    with clock.travel(at(4, 2)):
        yield ns


def _get(username: str | None, **params):
    headers = {"Authorization": f"Bearer {api_token_create(username=username)}"} if username else {}
    return Client(headers=headers).get("/api/v1/advisories", params, secure=True)


def test_published_warnings_with_their_figures(gym):
    org = gym.org
    warning = warning_draft(actor=org.centre_leader, dimension="respondent", key=GYM, period=MARCH)
    warning = warning_approve(
        warning=warning_submit(warning=warning, actor=org.centre_leader), actor=org.second_leader
    )
    warning = warning_publish(warning=warning, actor=org.second_leader)
    warning_draft(actor=org.centre_leader, dimension="respondent", key=MALL, period=MARCH)

    response = _get("handler_a1")
    assert response.status_code == 200
    body = response.json()
    assert body["next_cursor"] is None and len(body["items"]) == 1
    item = body["items"][0]
    assert (
        item["id"] == warning.pk
        and item["title"] == warning.title
        and item["url"] == f"/public/warnings/{warning.pk}/"
    )
    assert (item["count"], item["previous"], item["last_year"], item["mom"], item["yoy"]) == (
        3,
        1,
        0,
        2.0,
        None,
    )
    assert (item["from"], item["to"], item["name"]) == ("2025-03-01", "2025-03-31", GYM)
    assert item["published_at"].endswith("+08:00")


def test_a_login_is_needed_and_a_bad_cursor_names_the_field(gym):
    assert _get(None).status_code == 401
    response = _get("admin", cursor="%%%")
    assert response.status_code == 400 and "cursor" in response.json()["fields"]
