"""The loop a centre walks every day, in a real browser: an operator registers a complaint, a
dispatcher dispatches it, a handler accepts, mediates and concludes it, and the order's timeline
shows every step."""

import re

import pytest

from jiesu.orders.models import WorkOrder
from jiesu.organisations.tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_register_dispatch_conclude_and_see_the_timeline(org, page_for, live_server):
    operator = page_for("operator", PASSWORD)
    operator.goto(f"{live_server.url}/intake/")
    operator.fill("input[name=complainant_phone]", "13912345678")
    operator.fill("input[name=complainant_name]", "李女士")
    operator.check("input[name=type][value=complaint]")
    operator.fill("input[name=respondent_name]", "西单某某商场")
    operator.fill("input[name=respondent_address]", "西城区西单北大街120号")
    operator.fill("textarea[name=description]", "在商场买的运动鞋穿了一周鞋底开胶，要求退货，商场说要寄回厂家检测。")
    operator.select_option("select[name=line]", "supermarket")
    operator.keyboard.press("Control+Enter")
    operator.wait_for_url(re.compile(r"/orders/\d{14}/$"))
    number = operator.url.rstrip("/").rsplit("/", 1)[-1]
    assert WorkOrder.objects.get(number=number).status == "registered"

    dispatcher = page_for("dispatcher", PASSWORD)
    dispatcher.goto(f"{live_server.url}/dispatch/")
    row = dispatcher.locator(f"#queue-{number}")
    row.locator("select[name=department]").select_option("office-a1")
    row.locator("button[type=submit]").click()
    dispatcher.wait_for_function(
        "n => !document.querySelector('#queue-' + n + ' select[name=department]')", arg=number
    )
    assert WorkOrder.objects.get(number=number).status == "dispatched"

    handler = page_for("handler_a1", PASSWORD)
    order_url = f"{live_server.url}/orders/{number}/"
    for action, fill in (
        ("accept", {}),
        ("mediate", {"input[name=result][value=success]": True, "textarea[name=agreement]": "商场同意退货退款",
                     "input[name=recovered_amount]": "459"}),
        ("conclude", {"input[name=outcome][value=mediated]": True, "textarea[name=reply]": "经调解，商场已退货退款459元。"}),
    ):  # fmt: skip
        handler.goto(order_url)
        handler.click(f"a[data-action={action}]")
        form = handler.locator("#action-form form")
        form.wait_for()
        for selector, value in fill.items():
            field = form.locator(selector)
            if value is True:
                field.check()
            else:
                field.fill(value)
        form.locator("button[type=submit]").click()
        handler.wait_for_selector("#action-form", state="detached")

    assert WorkOrder.objects.get(number=number).status == "concluded"
    handler.goto(order_url)
    timeline = handler.locator("ol.timeline")
    for step in ("登记", "派单", "受理", "调解", "办结"):
        assert timeline.get_by_text(step, exact=False).count() >= 1, step
    assert "经调解，商场已退货退款459元" in timeline.inner_text()
    handler.screenshot(path=str(_artifact("order_concluded.png")), full_page=True)


def _artifact(name: str):
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / "test-artifacts"
    folder.mkdir(exist_ok=True)
    return folder / name
