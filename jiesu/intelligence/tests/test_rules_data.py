"""The classifier's rules come from the taxonomy tables: the seed equals the shipped defaults the
classifier's database-free tests use, and an admin's edit reaches the rules without a restart."""

import pytest

from jiesu.intelligence.rules import rules_build, rules_current
from jiesu.intelligence.suggestions import suggest
from jiesu.taxonomy.models import DangerRule, Line, LineRule
from jiesu.taxonomy.selectors import taxonomy_defaults

pytestmark = pytest.mark.django_db


def test_the_seeded_rules_are_the_shipped_defaults_the_classifier_is_tested_with():
    seeded, shipped = rules_current(), rules_build(taxonomy_defaults())
    assert seeded.lines == shipped.lines
    assert seeded.dangers == shipped.dangers
    assert seeded.requests == shipped.requests
    assert (seeded.line_codes, seeded.reason_codes) == (shipped.line_codes, shipped.reason_codes)


def test_keyword_rules_edited_in_the_admin_reach_the_classifier_rules():
    rule = LineRule.objects.get(name="特种设备")
    rule.keywords += "\n滑雪缆车"
    rule.save()
    assert "滑雪缆车" in next(r for r in rules_current().lines if r.name == "特种设备").markers

    DangerRule.objects.filter(name="燃气泄漏").update(is_active=False)
    DangerRule.objects.get(name="燃气泄漏").save()
    assert "燃气泄漏" not in {r.name for r in rules_current().dangers}


def test_a_line_added_with_a_deciding_rule_is_suggested_without_retraining():
    education = Line.objects.create(code="education", name="教育培训", sort_order=1)
    LineRule.objects.create(line=education, name="研学", precedence=1, decides=True, keywords="研学、夏令营")

    found = suggest(description="给孩子报了暑期研学夏令营，出发前两天机构说取消了，不给退钱。")

    assert found.line.code == "education"
    assert found.line.reason.startswith("命中规则：研学")
