"""系统配置 for the taxonomy: every list and edit page opens in Chinese, a code is fixed once created,
and an entry added there is offered at intake at once."""

import pytest
from django.urls import reverse

from jiesu.taxonomy.models import (
    Category,
    DangerRule,
    FastResponseReason,
    IssueNature,
    Line,
    LineRule,
    Request,
)
from jiesu.taxonomy.selectors import Kind, taxonomy_codes

pytestmark = pytest.mark.django_db

MODELS = [Line, LineRule, Category, Request, IssueNature, FastResponseReason, DangerRule]


@pytest.fixture
def admin(client, org):
    client.force_login(org.admin)
    return client


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_list_and_edit_page_opens(admin, model):
    client = admin
    opts = model._meta
    listing = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    change = client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[model.objects.first().pk])
    )

    assert listing.status_code == 200 and str(opts.verbose_name_plural) in listing.content.decode()
    assert change.status_code == 200


def test_a_code_is_typed_once_and_then_read_only(admin):
    client = admin
    add = client.post(reverse("admin:taxonomy_line_add"), {
        "code": "education", "name": "教育培训", "description": "", "sort_order": 5, "is_active": "on",
        "rules-TOTAL_FORMS": 0, "rules-INITIAL_FORMS": 0,
    })  # fmt: skip
    assert add.status_code == 302
    assert "education" in taxonomy_codes(Kind.LINE)

    line = Line.objects.get(code="education")
    page = client.get(reverse("admin:taxonomy_line_change", args=[line.pk])).content.decode()
    assert 'name="code"' not in page and "education" in page
