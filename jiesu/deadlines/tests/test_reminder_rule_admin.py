"""The ladder is configurable in the admin (issue 4 item 2): recipients and channels per step."""

import pytest
from django.urls import reverse

from jiesu.deadlines.models import ReminderRule

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, org, settings):
    settings.SECURE_SSL_REDIRECT = False
    client.force_login(org.admin)
    return client


def test_the_default_ladder_is_seeded(db):
    rules = {rule.step: rule for rule in ReminderRule.objects.all()}
    assert set(rules) == {"reminder", "urge_3wd", "urge_2wd", "urge_due_day", "urge_80", "supervise", "directive"}
    assert "leader" in rules["supervise"].recipients
    assert "webhook" in rules["urge_3wd"].channels


def test_an_administrator_changes_who_hears_of_a_step_and_how(admin_client):
    rule = ReminderRule.objects.get(step="urge_2wd")
    url = reverse("admin:deadlines_reminderrule_change", args=[rule.pk])
    page = admin_client.get(url).content.decode()
    assert 'type="checkbox" name="recipients" value="leader"' in page
    response = admin_client.post(url, {
        "step": "urge_2wd", "is_active": "on", "recipients": ["handler", "leader"],
        "channels": ["inbox", "email"], "note": "改为同时抄送领导",
    })
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.recipients == ["handler", "leader"] and rule.channels == ["inbox", "email"]


def test_an_unknown_channel_is_refused(admin_client):
    rule = ReminderRule.objects.get(step="reminder")
    url = reverse("admin:deadlines_reminderrule_change", args=[rule.pk])
    response = admin_client.post(url, {"step": "reminder", "recipients": ["handler"], "channels": ["pigeon"]})
    assert response.status_code == 200 and "pigeon" in response.content.decode()
    rule.refresh_from_db()
    assert "pigeon" not in rule.channels
