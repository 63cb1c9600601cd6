import pytest
from django.urls import reverse

PAGES = [
    ("ui:home", {}),
    ("ui:intake", {}),
    ("ui:intake_respondents", {}),
    ("ui:intake_caller", {}),
    ("ui:dispatch_queue", {}),
    ("ui:handler_options", {}),
    ("ui:my_work", {}),
    ("ui:order_list", {}),
    ("ui:order_detail", {"number": "20250124000001"}),
    ("ui:order_action", {"number": "20250124000001", "action": "accept"}),
    ("ui:attachment", {"number": "20250124000001", "pk": 1}),
    ("ui:overview", {}),
]


@pytest.mark.parametrize(("name", "kwargs"), PAGES)
def test_every_page_sends_anonymous_visitors_to_login(client, db, name, kwargs):
    url = reverse(name, kwargs=kwargs)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("ui:login") + "?next=")


def test_login_page_renders_and_logs_in(client, org):
    page = client.get(reverse("ui:login"))
    assert page.status_code == 200
    assert "登录" in page.content.decode()
    response = client.post(reverse("ui:login"), {"username": "operator", "password": "test-pass-123"})
    assert response.status_code == 302
    assert response["Location"] == reverse("ui:home")


def test_wrong_password_is_refused_with_a_message(client, org):
    response = client.post(reverse("ui:login"), {"username": "operator", "password": "nope"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "errorlist" in response.content.decode()


def test_logout_needs_post(client_for, org):
    client = client_for(org.operator)
    assert client.get(reverse("ui:logout")).status_code == 405
    response = client.post(reverse("ui:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("person", "target"),
    [
        ("operator", "/intake/"),
        ("dispatcher", "/dispatch/"),
        ("handler_a1", "/my-work/"),
        ("leader_a", "/overview/"),
        ("visitor", "/orders/?status=concluded"),
        ("admin", "/orders/"),
        ("centre_leader", "/overview/"),  # first role wins: ["leader", "dispatcher"]
    ],
)
def test_home_sends_each_role_to_its_start_page(client_for, org, person, target):
    response = client_for(getattr(org, person)).get(reverse("ui:home"))
    assert response.status_code == 302
    assert response["Location"] == target
