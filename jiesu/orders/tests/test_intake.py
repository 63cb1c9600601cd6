"""Intake validation (`draft_validate`): one validator for the API, the form and imports, so bad
input gets one InvalidInput naming every bad field with the API's dotted names (api-v1.md). Codes
are checked against the taxonomy tables, hence the database."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from jiesu.core.errors import InvalidInput
from jiesu.orders.intake import draft_validate
from jiesu.orders.tests.checks import sh
from jiesu.orders.tests.factories import draft, register
from jiesu.taxonomy.models import Category, FastResponseReason, IssueNature, Line

NOW = sh(2025, 3, 3, 9, 0)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def now(time_machine):
    time_machine.move_to(NOW, tick=False)


def errors_of(**overrides) -> dict[str, list[str]]:
    with pytest.raises(InvalidInput) as refused:
        draft_validate(draft(**overrides))
    return refused.value.fields


class TestPhone:
    @pytest.mark.parametrize(("typed", "stored"), [
        ("13800138000", "13800138000"),
        (" 138 0013 8000 ", "13800138000"),
        ("138-0013-8000", "13800138000"),
        ("+86 138 0013 8000", "13800138000"),
        ("+8613800138000", "13800138000"),
        ("0086-13800138000", "13800138000"),
        ("010-88889999", "010-88889999"),
        ("01088889999", "01088889999"),
        ("(010)88889999", "01088889999"),
        ("0755-12345678", "0755-12345678"),
        ("010-88889999-123", "010-88889999-123"),
        ("+86 10 8888 9999", "01088889999"),  # Beijing landline written internationally
        ("+86-755-12345678", "0755-12345678"),
        ("88889999", "88889999"),  # a local number read out without the area code
    ])
    def test_mobile_landline_and_international_forms_are_accepted_and_normalised(self, typed, stored):
        assert draft_validate(draft(complainant_phone=typed)).complainant_phone == stored

    @pytest.mark.parametrize("typed", ["12345", "1380013800", "23800138000", "138001380001", "0101234", "abc",
                                       "+86 12345", "+86 138 0013 800"])
    def test_anything_else_is_refused_on_complainant_phone(self, typed):
        assert list(errors_of(complainant_phone=typed)) == ["complainant.phone"]

    def test_a_complaint_needs_a_phone(self):
        assert list(errors_of(complainant_phone="")) == ["complainant.phone"]


class TestAnonymity:
    def test_a_report_may_be_anonymous_without_any_contact(self):
        result = draft_validate(draft(type="report", anonymous=True, complainant_phone="", complainant_name="",
                                      respondent_name=""))
        assert result.anonymous is True

    @pytest.mark.parametrize("order_type", ["complaint", "consultation"])
    def test_only_reports_may_be_anonymous(self, order_type):
        assert "complainant.anonymous" in errors_of(type=order_type, anonymous=True)


class TestIdentityAndCreditCode:
    def test_a_valid_id_number_is_kept_with_a_capital_x(self):
        assert draft_validate(draft(complainant_id_number="11010519491231002x")).complainant_id_number == (
            "11010519491231002X")

    @pytest.mark.parametrize("number", [
        "110105194912310021",  # wrong check character
        "11010519491231002",
        "11010519491231002XX",
        "110105194913310021",  # month 13, check character right
        "110105194902300020",  # 30 February, check character right
        "110105209912310029",  # born in 2099
    ])
    def test_an_invalid_id_number_is_refused(self, number):
        assert list(errors_of(complainant_id_number=number)) == ["complainant.id_number"]

    def test_a_valid_credit_code_is_normalised(self):
        result = draft_validate(draft(respondent_credit_code=" 91350100m000100y43 "))
        assert result.respondent_credit_code == "91350100M000100Y43"

    @pytest.mark.parametrize("code", ["91350100M000100Y44", "911100001000179100", "91350100M00010OY43", "9135"])
    def test_an_invalid_credit_code_is_refused(self, code):
        assert list(errors_of(respondent_credit_code=code)) == ["respondent.credit_code"]


class TestTimes:
    def test_received_at_defaults_to_now(self):
        assert draft_validate(draft()).received_at == NOW

    def test_received_at_a_few_minutes_ahead_is_tolerated_as_clock_skew(self):
        assert draft_validate(draft(received_at=NOW + timedelta(minutes=4))).received_at == NOW + timedelta(minutes=4)

    def test_received_at_in_the_future_is_refused(self):
        assert list(errors_of(received_at=NOW + timedelta(hours=1))) == ["received_at"]

    def test_a_purchase_in_the_future_is_refused(self):
        assert list(errors_of(purchased_on=date(2025, 3, 4))) == ["product.purchased_at"]


class TestCodes:
    @pytest.mark.parametrize(("overrides", "field"), [
        ({"type": "praise"}, "type"),
        ({"channel": "pigeon"}, "channel"),
        ({"urgency": "asap"}, "urgency"),
        ({"line": "toys"}, "line"),
        ({"product_category": "玩具熊"}, "product.category"),
        ({"requests": ["退货", "道歉信"]}, "requests"),
        ({"fast_response_reasons": ["impatient"]}, "fast_response_reasons"),
        ({"purchase_channel": "barter"}, "product.purchase_channel"),
        ({"urgency": "fast"}, "fast_response_reasons"),  # fast without a seed-002 criterion
        ({"product_amount": "-1"}, "product.amount"),
        ({"product_amount": "二百"}, "product.amount"),
        ({"description": "   "}, "description"),
        ({"description": "长" * 5001}, "description"),
        ({"respondent_name": ""}, "respondent.name"),
        ({"complainant_name": "名" * 51}, "complainant.name"),
    ])
    def test_an_unknown_code_or_bad_value_names_its_field(self, overrides, field):
        assert list(errors_of(**overrides)) == [field]

    def test_request_codes_and_names_are_both_understood_and_deduplicated(self):
        assert draft_validate(draft(requests=["refund", "退款", "repair"])).requests == ["退款", "维修"]

    def test_a_fast_response_criterion_makes_the_order_fast(self):
        result = draft_validate(draft(fast_response_reasons=["on_site", "on_site", "safety"]))
        assert (result.urgency, result.fast_response_reasons) == ("fast", ["on_site", "safety"])

    def test_issue_natures_are_taxonomy_codes_and_english_aliases_become_codes(self):
        assert draft_validate(draft(issue="after_sales")).issue == "售后服务"
        assert draft_validate(draft(issue="质量")).issue == "质量"
        assert list(errors_of(issue="脾气")) == ["issue"]

    def test_an_amount_is_kept_to_the_cent(self):
        assert draft_validate(draft(product_amount="299.5")).product_amount == Decimal("299.50")


def test_several_errors_are_reported_at_once():
    fields = errors_of(
        type="complaint", channel="pigeon", complainant_phone="12345", complainant_id_number="123",
        respondent_credit_code="91350100M000100Y44", received_at=NOW + timedelta(days=1), respondent_name="",
    )

    assert set(fields) == {
        "channel", "complainant.phone", "complainant.id_number", "respondent.name", "respondent.credit_code",
        "received_at",
    }
    assert all(messages and all(isinstance(m, str) and m for m in messages) for messages in fields.values())


def test_the_detail_names_the_first_bad_field():
    with pytest.raises(InvalidInput) as refused:
        draft_validate(draft(channel="pigeon"))

    assert refused.value.detail.startswith("channel: ")
    assert refused.value.code == "validation_error"
    assert refused.value.status == 400


class TestTaxonomyAsData:
    """What the admin adds is accepted at once; what it retires is refused for new orders."""

    def test_codes_added_in_the_admin_are_accepted_without_a_code_change(self, org):
        Line.objects.create(code="education", name="教育培训")
        Category.objects.create(code="研学旅行", name="研学旅行", parent=Category.objects.get(code="教育培训"))
        FastResponseReason.objects.create(code="minor", name="涉及未成年人安全")

        order = register(org.operator, line="education", product_category="研学旅行", fast_response_reasons=["minor"])

        assert (order.line, order.category, order.fast_response_reasons) == ("education", "研学旅行", ["minor"])
        assert order.urgency == "fast"

    @pytest.mark.parametrize(("model", "code", "overrides", "field"), [
        (Line, "price", {"line": "price"}, "line"),
        (Category, "服装鞋帽", {"product_category": "服装鞋帽"}, "product.category"),
        (IssueNature, "假冒", {"issue": "counterfeit"}, "issue"),
        (FastResponseReason, "visitor", {"fast_response_reasons": ["visitor"]}, "fast_response_reasons"),
    ])  # fmt: skip
    def test_a_retired_code_is_refused_naming_its_field(self, model, code, overrides, field):
        entry = model.objects.get(code=code)
        entry.is_active = False
        entry.save()

        fields = errors_of(**overrides)

        assert list(fields) == [field]
        assert "已停用" in fields[field][0]
