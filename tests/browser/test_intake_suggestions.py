"""Issue 5's done criterion in a real browser: typing a description at intake fills the line,
category, requests and urgency from the classifier, with its reasons, and leaves what the operator
chose alone."""

import pytest

from jiesu.organisations.tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_typing_a_description_prefills_the_classification(org, page_for, live_server):
    page = page_for("operator", PASSWORD)
    page.goto(f"{live_server.url}/intake/")
    page.fill("input[name=respondent_name]", "力行健身")
    page.locator("textarea[name=description]").press_sequentially(
        "力行健身突然关门了，老板联系不上，我的会员卡里还有两千多元没用，要求退款", delay=5
    )
    page.wait_for_selector("#intake-suggestions [data-suggestions]", timeout=60_000)  # a cold start trains
    assert page.locator("select[name=line]").input_value() == "prepaid"
    assert "prefilled" in page.locator("select[name=line]").locator("xpath=ancestor::div[contains(@class,'field')][1]").get_attribute("class")
    assert page.locator("input[name=requests][value=退款]").is_checked()
    assert "预付" in page.locator("#intake-suggestions").inner_text()


def test_a_person_in_danger_is_suggested_for_fast_response(org, page_for, live_server):
    page = page_for("operator", PASSWORD)
    page.goto(f"{live_server.url}/intake/")
    line = page.locator("select[name=line]")
    line.focus()
    while line.input_value() != "general":  # chosen by keyboard, as an operator does (a trusted event)
        page.keyboard.press("ArrowDown")
    page.locator("textarea[name=description]").press_sequentially(
        "商场的电梯突然停了，我和孩子被困在电梯里已经二十分钟，打电话物业没人管", delay=5
    )
    page.wait_for_selector("#intake-suggestions [data-suggestions]", timeout=60_000)
    assert page.locator("select[name=urgency]").input_value() == "fast"
    assert page.locator("input[name=fast_response_reasons][value=safety]").is_checked()
    assert page.locator("select[name=line]").input_value() == "general"
