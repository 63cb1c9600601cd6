"""The merchant registry (经营者名录): creating entries and linking an order's respondent to one."""

import pytest

from jiesu.core.errors import InvalidInput
from jiesu.merchants.models import Merchant
from jiesu.merchants.services import credit_code_validate, merchant_create, merchant_match_or_create

pytestmark = pytest.mark.django_db


class TestCreate:
    def test_creates_with_a_normalised_code_and_trimmed_text(self):
        merchant = merchant_create(name=" 某某商场 ", credit_code="91350100m000100y43", address=" 西单北大街120号 ")

        merchant.refresh_from_db()
        assert (merchant.name, merchant.credit_code, merchant.address) == (
            "某某商场", "91350100M000100Y43", "西单北大街120号")

    def test_a_code_is_optional(self):
        assert merchant_create(name="路边摊").credit_code is None

    @pytest.mark.parametrize(("name", "code", "field"), [
        ("", None, "name"),
        ("某某商场", "91350100M000100Y44", "credit_code"),
    ])
    def test_refuses_a_missing_name_or_a_wrong_code(self, name, code, field):
        with pytest.raises(InvalidInput) as refused:
            merchant_create(name=name, credit_code=code)

        assert field in refused.value.fields
        assert not Merchant.objects.exists()

    def test_a_code_already_registered_is_refused(self):
        merchant_create(name="某某商场", credit_code="91350100M000100Y43")

        with pytest.raises(InvalidInput) as refused:
            merchant_create(name="另一家", credit_code="91350100m000100Y43")

        assert "credit_code" in refused.value.fields
        assert Merchant.objects.count() == 1


class TestMatchOrCreate:
    def test_a_known_code_links_to_the_entry_whatever_the_caller_called_it(self):
        known = merchant_create(name="北京百度网讯科技有限公司", credit_code="91110000802100433B")

        found = merchant_match_or_create(name="百度", credit_code="91110000802100433b", address="")

        assert found == known
        assert Merchant.objects.count() == 1

    def test_a_new_code_creates_an_entry(self):
        created = merchant_match_or_create(name="华为技术有限公司", credit_code="914403001922038216", address="深圳")

        assert (created.name, created.credit_code, created.address) == ("华为技术有限公司", "914403001922038216", "深圳")

    def test_a_bare_name_links_to_an_active_entry_of_exactly_that_name(self):
        known = merchant_create(name="某某商场")

        assert merchant_match_or_create(name=" 某某商场 ", credit_code=None, address="") == known
        assert merchant_match_or_create(name="某某商场西单店", credit_code="", address="") is None

    def test_a_bare_name_never_creates_an_entry(self):
        assert merchant_match_or_create(name="没登记过的店", credit_code=None, address="西单") is None
        assert not Merchant.objects.exists()

    def test_an_inactive_entry_is_not_matched_by_name(self):
        merchant_create(name="已注销的店", is_active=False)

        assert merchant_match_or_create(name="已注销的店", credit_code=None, address="") is None

    def test_nothing_given_links_nothing(self):
        assert merchant_match_or_create(name="", credit_code="  ", address="") is None

    def test_a_wrong_check_character_is_refused_rather_than_merged_into_another_business(self):
        with pytest.raises(InvalidInput):
            merchant_match_or_create(name="某某商场", credit_code="91350100M000100Y44", address="")
        assert not Merchant.objects.exists()


def test_credit_code_validate_normalises_or_names_the_field():
    assert credit_code_validate(" 91440300708461136t ") == "91440300708461136T"
    assert credit_code_validate("") is None
    with pytest.raises(InvalidInput) as refused:
        credit_code_validate("91440300708461136X")
    assert refused.value.fields == {"credit_code": ["统一社会信用代码格式或校验位不正确"]}
