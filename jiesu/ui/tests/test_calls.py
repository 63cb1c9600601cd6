"""The call-log import pages, the call-backs list and turning a call-back into an order at intake."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jiesu.calls.models import Callback, CallImport, CallRecord
from jiesu.calls.services import callback_convert, callback_record_outcome
from jiesu.calls.tests.factories import CallbackFactory, at, csv_bytes
from jiesu.core.errors import InvalidTransition
from jiesu.orders.models import WorkOrder
from jiesu.orders.tests.factories import register
from jiesu.organisations.tests.factories import StaffFactory
from jiesu.ui.tests.conftest import htmx
from jiesu.ui.tests.test_intake import VALID

LOG = [
    ("13800138000", "2025-03-04 09:15:00", "no", 40),
    ("bad-number", "2025-03-04 09:16:00", "no", 40),
    ("13900139000", "2025-03-04 09:20:00", "yes", 3),
]


def upload(client, content: bytes, name: str = "log.csv"):
    return client.post(reverse("ui:calls_import"), {"step": "upload", "file": SimpleUploadedFile(name, content)})


def mapping_post(client, html: str, **choices):
    """Submit the mapping step as the browser would: hidden inputs as rendered, selects as chosen."""
    hidden = dict(re.findall(r'<input type="hidden" name="(content|file_name)" value="([^"]*)"', html))
    headers = re.findall(r'<input type="hidden" name="headers" value="([^"]*)"', html)
    selected = dict(re.findall(r'<select name="(\w+)"[^>]*>(?:(?!</select>).)*?<option value="([^"]*)" selected',
                               html, re.S))
    return client.post(reverse("ui:calls_import"),
                       {"step": "import", **hidden, "headers": headers, **selected, **choices})


def test_upload_then_mapping_prefilled_then_the_result_lists_the_bad_line(client_for, org):
    client = client_for(org.operator)
    step = upload(client, csv_bytes(LOG))
    html = step.content.decode()
    assert step.status_code == 200
    assert re.search(r'<option value="caller" selected>', html)
    assert re.search(r'<option value="wait_seconds" selected>', html)
    assert not CallRecord.objects.exists()  # nothing is written before the columns are confirmed

    result = mapping_post(client, html).content.decode()

    assert "新增来电记录 2 条，新增回拨任务 1 个，错误 1 处" in result
    assert re.search(r'<td class="num">3</td><td class="mono">caller</td><td>[^<]*bad-number', result)
    assert CallRecord.objects.count() == 2 and Callback.objects.get().phone == "13800138000"
    assert CallImport.objects.get().file_name == "log.csv"


def test_unknown_headers_are_mapped_by_hand(client_for, org):
    client = client_for(org.operator)
    content = csv_bytes([("2025-03-04 09:15", "13800138000", "0")], header=["开始时间", "主叫", "接通"])
    html = upload(client, content).content.decode()
    assert "开始时间" in html and not re.search(r'<option value="[^"]+" selected>', html)

    result = mapping_post(client, html, caller="主叫", time="开始时间", answered="接通").content.decode()

    assert "新增回拨任务 1 个" in result


def test_a_missing_column_choice_is_shown_under_its_select_and_imports_nothing(client_for, org):
    client = client_for(org.operator)
    content = csv_bytes([("2025-03-04 09:15", "13800138000", "0")], header=["开始时间", "主叫", "接通"])
    html = upload(client, content).content.decode()

    response = mapping_post(client, html, caller="主叫", time="开始时间")

    assert 'id="id_answered_error"' in response.content.decode()
    assert not CallRecord.objects.exists()


def test_a_file_of_another_type_is_refused_at_upload(client_for, org):
    html = upload(client_for(org.operator), b"hello", name="log.doc").content.decode()

    assert "只能导入 CSV 或 .xlsx 文件" in html


def test_an_unreadable_file_is_refused_at_upload(client_for, org):
    html = upload(client_for(org.operator), b"\xd0\xcf\x11\xe0", name="log.xlsx").content.decode()

    assert "不支持旧版 Excel" in html


def test_a_leader_cannot_import(client_for, org):
    client = client_for(org.centre_leader)
    html = upload(client, csv_bytes(LOG)).content.decode()
    response = mapping_post(client, html)

    assert response.status_code == 403
    assert not CallRecord.objects.exists()


# --- the call-backs list ---------------------------------------------------------------------------


@pytest.fixture
def pending(org):
    return CallbackFactory(department=org.centre, phone="13800138000", due_at=at(2025, 3, 5, 10, 30))


def test_the_list_shows_pending_callbacks_with_number_countdown_and_actions(client_for, org, pending):
    done = CallbackFactory(department=org.centre, phone="13900139000", status="reached", outcome_note="已解答")
    html = client_for(org.operator).get(reverse("ui:callbacks")).content.decode()

    assert html.index(f'id="callback-{pending.pk}"') < html.index(f'id="callback-{done.pk}"')
    assert "13800138000" in html and "已解答" in html
    assert 'class="due due-overdue"' in html
    assert f'href="/intake/?callback={pending.pk}"' in html
    assert f'hx-post="/callbacks/{pending.pk}/outcome/"' in html


def test_an_unreachable_callback_stays_on_top_for_another_try(client_for, org, pending):
    callback_record_outcome(callback=pending, actor=org.operator, status="unreachable", note="关机")
    html = client_for(org.operator).get(reverse("ui:callbacks")).content.decode()

    section = html.split('id="callbacks-pending"')[1].split("</section>")[0]
    assert f'id="callback-{pending.pk}"' in section and "关机" in section
    assert 'id="callbacks-recent"' not in html


def test_a_leader_sees_masked_numbers_and_no_actions(client_for, org, pending):
    leader = StaffFactory(department=org.centre, roles=["leader"])
    html = client_for(leader).get(reverse("ui:callbacks")).content.decode()

    assert "138****8000" in html and "13800138000" not in html
    assert "登记为新工单" not in html


def test_recording_an_outcome_with_htmx_swaps_the_row(client_for, org, pending):
    client = client_for(org.operator, **htmx(f"callback-{pending.pk}"))
    response = client.post(reverse("ui:callback_outcome", args=[pending.pk]), {"status": "unreachable", "note": "无人接听"})
    html = response.content.decode()

    assert response.status_code == 200
    assert html.lstrip().startswith(f'<tr id="callback-{pending.pk}"')
    assert "未联系上" in html and "无人接听" in html
    assert 'hx-swap-oob="beforeend:#messages"' in html
    pending.refresh_from_db()
    assert pending.status == "unreachable"


def test_recording_an_outcome_without_htmx_goes_back_to_the_list(client_for, org, pending):
    response = client_for(org.operator).post(reverse("ui:callback_outcome", args=[pending.pk]), {"status": "reached"})

    assert response.status_code == 302 and response["Location"] == reverse("ui:callbacks")
    pending.refresh_from_db()
    assert pending.status == "reached"


def test_an_outcome_on_a_closed_callback_is_refused_in_the_row(client_for, org, pending):
    callback_record_outcome(callback=pending, actor=org.operator, status="reached")
    client = client_for(org.operator, **htmx(f"callback-{pending.pk}"))
    response = client.post(reverse("ui:callback_outcome", args=[pending.pk]), {"status": "unreachable"})

    assert response.status_code == 409
    assert "不能再登记回拨结果" in response.content.decode()


def test_another_districts_callback_is_not_found(client_for, org, pending):
    response = client_for(org.leader_b).post(reverse("ui:callback_outcome", args=[pending.pk]), {"status": "reached"})

    assert response.status_code == 404


def test_nav_links_for_operators_and_centre_staff_only(client_for, org):
    assert reverse("ui:callbacks") in client_for(org.operator).get(reverse("ui:home"), follow=True).content.decode()
    assert reverse("ui:callbacks") not in client_for(org.handler_a1).get(reverse("ui:my_work")).content.decode()


# --- one step from call-back to order ----------------------------------------------------------------


def test_intake_opened_from_a_callback_is_prefilled_with_the_number(client_for, org, pending):
    html = client_for(org.operator).get(reverse("ui:intake"), {"callback": pending.pk}).content.decode()

    assert re.search(r'name="complainant_phone" value="13800138000"', html)
    assert f'<input type="hidden" name="callback" value="{pending.pk}">' in html
    assert 'id="callback-banner"' in html


def test_a_phone_given_in_the_link_wins(client_for, org, pending):
    html = client_for(org.operator).get(reverse("ui:intake"), {"callback": pending.pk, "phone": "13700137000"})

    assert 'value="13700137000"' in html.content.decode()


def test_registering_from_a_callback_converts_it_with_the_order_linked(client_for, org, pending):
    response = client_for(org.operator).post(reverse("ui:intake"), {**VALID, "callback": pending.pk})

    order = WorkOrder.objects.get()
    assert response.status_code == 302
    pending.refresh_from_db()
    assert (pending.status, pending.order, pending.handled_by) == ("converted", order, org.operator)


def test_a_callback_already_converted_registers_nothing(client_for, org, pending):
    callback_convert(callback=pending, actor=org.operator, order=register(org.operator))
    response = client_for(org.operator).post(reverse("ui:intake"), {**VALID, "callback": pending.pk})

    assert response.status_code == 200
    assert "不能再登记为工单" in response.content.decode()
    assert WorkOrder.objects.count() == 1


def test_an_unknown_callback_is_not_found(client_for, org):
    assert client_for(org.operator).get(reverse("ui:intake"), {"callback": 999}).status_code == 404


def test_a_reached_or_unreachable_callback_may_still_become_an_order(org, pending):
    callback_record_outcome(callback=pending, actor=org.operator, status="reached", note="要投诉")
    done = callback_convert(callback=pending, actor=org.operator, order=register(org.operator))

    assert done.status == "converted" and done.outcome_note == "要投诉"


def test_a_cancelled_callback_cannot_become_an_order(org, pending):
    Callback.objects.filter(pk=pending.pk).update(status="cancelled")
    pending.refresh_from_db()
    with pytest.raises(InvalidTransition):
        callback_convert(callback=pending, actor=org.operator, order=register(org.operator))
