from django import forms

from jiesu.core.errors import InvalidInput, InvalidTransition
from jiesu.ui.errors import form_add_domain_error


class SampleForm(forms.Form):
    domain_field_names = {"product.purchased_at": "purchased_on"}
    complainant_phone = forms.CharField(required=False)
    purchased_on = forms.CharField(required=False)
    reason = forms.CharField(required=False)


def bound() -> SampleForm:
    form = SampleForm({})
    assert form.is_valid()
    return form


def test_dotted_names_land_under_their_inputs():
    form = bound()
    form_add_domain_error(
        form,
        InvalidInput("x", fields={"complainant.phone": ["格式不正确"], "product.purchased_at": ["太晚"]}),
    )
    assert form.errors["complainant_phone"] == ["格式不正确"]
    assert form.errors["purchased_on"] == ["太晚"]
    assert not form.non_field_errors()


def test_a_field_the_form_lacks_becomes_a_non_field_error():
    form = bound()
    form_add_domain_error(
        form, InvalidInput("received_at: 太晚", fields={"received_at": ["接收时间不能晚于当前时间"]})
    )
    assert form.non_field_errors() == ["接收时间不能晚于当前时间"]


def test_an_error_without_fields_shows_its_detail():
    form = bound()
    form_add_domain_error(form, InvalidTransition("工单当前状态为“已办结”，不能执行“退单”"))
    assert form.non_field_errors() == ["工单当前状态为“已办结”，不能执行“退单”"]
