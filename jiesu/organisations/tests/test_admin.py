"""The configuration screens (系统配置) open for an administrator, in Chinese, for every model."""

import re

import pytest
from django.contrib import admin
from django.urls import reverse


@pytest.fixture
def admin_client_for(client, org, settings):
    settings.SECURE_SSL_REDIRECT = False
    client.force_login(org.admin)
    return client


@pytest.mark.parametrize("model", list(admin.site._registry), ids=lambda m: m._meta.label)
def test_every_changelist_opens(admin_client_for, model):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    response = admin_client_for.get(url)
    assert response.status_code == 200


def test_staff_page_shows_the_password_as_a_hash_and_roles_as_checkboxes(admin_client_for, org):
    response = admin_client_for.get(reverse("admin:organisations_staff_change", args=[org.handler_a1.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'name="password"' not in body  # never an editable raw hash
    assert re.search(r'<input[^>]*value="handler"[^>]*checked', body)
    assert not re.search(r'<input[^>]*value="leader"[^>]*checked', body)
    assert "系统配置" in body


def test_roles_saved_in_the_admin_are_role_codes(admin_client_for, org):
    url = reverse("admin:organisations_staff_change", args=[org.handler_a1.pk])
    response = admin_client_for.post(url, {
        "username": "handler_a1", "full_name": "王五", "department": org.office_a1.pk,
        "roles": ["handler", "leader"], "is_active": "on", "date_joined_0": "2025-01-01", "date_joined_1": "08:00:00",
    })  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    org.handler_a1.refresh_from_db()
    assert org.handler_a1.roles == ["handler", "leader"]
    assert org.handler_a1.check_password("test-pass-123")


def test_a_department_saved_in_the_admin_gets_its_path(admin_client_for, org):
    response = admin_client_for.post(reverse("admin:organisations_department_add"), {
        "code": "office-a3", "name": "什刹海所", "kind": "office", "parent": org.district_a.pk, "is_active": "on",
        "jurisdiction_areas-TOTAL_FORMS": "0", "jurisdiction_areas-INITIAL_FORMS": "0",
    })  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    from jiesu.organisations.models import Department

    created = Department.objects.get(code="office-a3")
    assert created.path.startswith(org.district_a.path) and created.path.endswith(f"/{created.pk}/")
