"""The inbox bell, list and read marks in the staff UI."""

import pytest

from jiesu.notifications.models import NotificationRecipient
from jiesu.orders.tests.checks import NOW
from jiesu.orders.tests.factories import register
from jiesu.ui.tests.conftest import HTMX

pytestmark = pytest.mark.django_db


@pytest.fixture
def directive(org, time_machine):
    """A fast order directed to the team at registration: fast_handler has one unread message."""
    time_machine.move_to(NOW, tick=False)
    org.fast_team.auto_dispatch = True
    org.fast_team.save(update_fields=["auto_dispatch"])
    return register(org.operator, urgency="fast", fast_response_reasons=["on_site"])


def test_the_bell_counts_unread_messages(client_for, org, directive):
    html = client_for(org.fast_handler).get("/inbox/bell/").content.decode()
    assert 'class="bell-count">1<' in html
    html = client_for(org.handler_a1).get("/inbox/bell/").content.decode()
    assert "bell-count" not in html


def test_every_page_polls_the_bell(client_for, org):
    html = client_for(org.fast_handler).get("/my-work/").content.decode()
    assert 'hx-get="/inbox/bell/"' in html and "every 30s" in html


def test_the_list_shows_the_directive_with_its_countdown(client_for, org, directive):
    html = client_for(org.fast_handler).get("/inbox/").content.decode()
    assert directive.number in html and "快反指令" in html
    assert 'data-due-at="2025-03-03T09:45:00+08:00"' in html
    assert f'href="/orders/{directive.number}/"' in html


def test_marking_one_read_swaps_the_row_and_refreshes_the_bell(client_for, org, directive):
    client = client_for(org.fast_handler)
    row = NotificationRecipient.objects.get(staff=org.fast_handler, notification__channel="inbox")
    response = client.post("/inbox/read/", {"id": row.notification_id}, **HTMX)
    assert response.status_code == 200
    assert response["HX-Trigger"] == "inbox-changed"
    assert "已读" in response.content.decode()
    row.refresh_from_db()
    assert row.read_at is not None
    assert "bell-count" not in client.get("/inbox/bell/").content.decode()


def test_nobody_can_mark_another_persons_message(client_for, org, directive):
    row = NotificationRecipient.objects.get(staff=org.fast_handler, notification__channel="inbox")
    client_for(org.handler_a1).post("/inbox/read/", {"id": row.notification_id})
    row.refresh_from_db()
    assert row.read_at is None


def test_mark_all_read_comes_back_to_the_list(client_for, org, directive):
    response = client_for(org.fast_handler).post("/inbox/read/")
    assert response.status_code == 302 and response["Location"] == "/inbox/"
    assert not NotificationRecipient.objects.filter(
        staff=org.fast_handler, read_at__isnull=True, notification__channel="inbox"
    ).exists()


def test_the_inbox_needs_a_login(client):
    assert client.get("/inbox/").status_code == 302
