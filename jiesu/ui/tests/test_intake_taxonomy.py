"""The staff UI reads the taxonomy as data: an entry added in the admin appears in the intake form,
is registered through it and is shown by name on the order page and in the list filter, with no
code change or restart; a retired one is no longer offered."""

import pytest
from django.urls import reverse

from jiesu.orders.models import WorkOrder
from jiesu.taxonomy.models import FastResponseReason, Line, Request

from .test_intake import VALID

pytestmark = pytest.mark.django_db


def test_a_line_added_in_the_admin_is_offered_registered_and_shown_by_name(client_for, org):
    Line.objects.create(code="education", name="教育培训")
    Request.objects.create(code="退学费", name="退学费")
    client = client_for(org.operator)

    form = client.get(reverse("ui:intake")).content.decode()
    assert '<option value="education">教育培训</option>' in form
    assert 'value="退学费"' in form

    response = client.post(reverse("ui:intake"), {**VALID, "line": "education", "requests": ["退学费"]})
    order = WorkOrder.objects.get()
    assert response.status_code == 302 and order.line == "education" and order.requests == ["退学费"]

    page = client_for(org.dispatcher).get(reverse("ui:order_detail", kwargs={"number": order.number})).content
    assert "教育培训" in page.decode()
    listing = client_for(org.dispatcher).get(reverse("ui:order_list")).content.decode()
    assert '<option value="education">教育培训</option>' in listing


def test_a_retired_reason_is_no_longer_offered(client_for, org):
    leader = FastResponseReason.objects.get(code="leader")
    leader.is_active = False
    leader.save()

    form = client_for(org.operator).get(reverse("ui:intake")).content.decode()

    assert 'value="leader"' not in form and 'value="safety"' in form
