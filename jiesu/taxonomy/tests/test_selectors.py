"""The taxonomy as data: the migration's seed is taxonomy.md's defaults, the selectors read what the
admin has now (added, renamed, retired) without a restart, and labels survive retirement."""

import pytest
from django.db import OperationalError

from jiesu.taxonomy import defaults, selectors
from jiesu.taxonomy.models import (
    Category,
    DangerRule,
    FastResponseReason,
    IssueNature,
    Line,
    LineRule,
    Request,
)
from jiesu.taxonomy.selectors import (
    Kind,
    category_tree,
    taxonomy_choices,
    taxonomy_codes,
    taxonomy_get,
    taxonomy_label,
    taxonomy_resolve,
)

pytestmark = pytest.mark.django_db


def test_the_migration_seeds_taxonomy_md_with_the_codes_orders_already_carry():
    assert taxonomy_codes(Kind.LINE) == [
        "food", "drug", "medical_device", "supermarket", "professional_claim", "general", "auto", "real_estate",
        "price", "quality", "special_equipment", "prepaid",
    ]  # fmt: skip
    assert [node.entry.code for node in category_tree()][:3] == ["服装鞋帽", "手机及电子产品", "家用电器"]
    assert len(category_tree()) == 24 and all(node.children for node in category_tree()[:-1])
    assert taxonomy_codes(Kind.REQUEST) == [
        "退货",
        "换货",
        "维修",
        "退款",
        "赔偿",
        "履行约定",
        "赔礼道歉",
        "查处",
        "解答",
    ]
    assert len(taxonomy_codes(Kind.ISSUE)) == 13
    assert taxonomy_codes(Kind.FAST_RESPONSE_REASON) == [
        "on_site",
        "evidence",
        "visitor",
        "safety",
        "group",
        "leader",
    ]


def test_a_line_added_in_the_admin_is_offered_at_once():
    Line.objects.create(code="education", name="教育培训", sort_order=5)
    assert taxonomy_codes(Kind.LINE)[0] == "education"
    assert ("education", "教育培训") in taxonomy_choices(Kind.LINE)
    assert taxonomy_resolve(Kind.LINE, "education") == "education"


def test_a_retired_entry_is_refused_for_new_orders_but_keeps_its_label():
    assert "price" in taxonomy_codes(Kind.LINE)
    Line.objects.filter(code="price").update(is_active=False)  # a queryset update sends no signal
    assert "price" in taxonomy_codes(Kind.LINE)  # so the cached snapshot holds until a save
    Line.objects.get(code="price").save()
    assert "price" not in taxonomy_codes(Kind.LINE)
    assert "price" in taxonomy_codes(Kind.LINE, active=False)
    assert taxonomy_resolve(Kind.LINE, "price") is None
    assert taxonomy_label(Kind.LINE, "price") == "价格"


def test_a_rename_changes_the_label_not_the_code():
    request = Request.objects.get(code="退货")
    request.name = "退货退款"
    request.save()
    assert taxonomy_label(Kind.REQUEST, "退货") == "退货退款"
    assert taxonomy_resolve(Kind.REQUEST, "退货") == "退货"


def test_english_aliases_resolve_to_their_codes():
    assert taxonomy_resolve(Kind.REQUEST, "refund") == "退款"
    assert taxonomy_resolve(Kind.ISSUE, "after_sales") == "售后服务"
    assert taxonomy_resolve(Kind.ISSUE, "nonsense") is None
    assert taxonomy_resolve(Kind.CATEGORY, "") is None


def test_second_level_categories_read_with_their_parent_and_retire_with_it():
    assert taxonomy_label(Kind.CATEGORY, "手机") == "手机及电子产品 › 手机"
    assert ("手机", "手机及电子产品 › 手机") in taxonomy_choices(Kind.CATEGORY)
    parent = Category.objects.get(code="手机及电子产品")
    parent.is_active = False
    parent.save()
    assert taxonomy_resolve(Kind.CATEGORY, "手机") is None
    assert taxonomy_label(Kind.CATEGORY, "手机") == "手机及电子产品 › 手机"


def test_an_alias_stored_on_an_old_order_reads_as_its_name():
    assert taxonomy_label(Kind.ISSUE, "after_sales") == "售后服务"


def test_an_unknown_code_is_shown_as_it_is():
    assert taxonomy_label(Kind.LINE, "toys") == "toys"
    assert taxonomy_label(Kind.LINE, "") == ""


def test_every_kind_of_write_forgets_the_snapshot():
    version = taxonomy_get().version
    rule = DangerRule.objects.get(name="领导批示")
    rule.reasons.add(FastResponseReason.objects.get(code="group"))
    assert taxonomy_get().version != version

    version = taxonomy_get().version
    IssueNature.objects.get(code="其他").delete()
    assert taxonomy_get().version != version

    version = taxonomy_get().version
    LineRule.objects.filter(name="商超").get().save()
    assert taxonomy_get().version != version


def test_without_the_tables_the_shipped_defaults_are_read(monkeypatch):
    """`jiesu classify` in a fresh data folder: no migration, no taxonomy tables."""

    def missing():
        raise OperationalError("no such table: taxonomy_line")

    monkeypatch.setattr(selectors, "_from_database", missing)
    assert taxonomy_get().version == "defaults"
    assert taxonomy_codes(Kind.LINE) == [code for code, _name, _description in defaults.LINES]
