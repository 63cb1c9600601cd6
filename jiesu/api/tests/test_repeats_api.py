"""Orders created through the API get the repeat flag and link like any other (issue 5 item 4)."""

import pytest

from jiesu.api.tests.conftest import ORDER_BODY

pytestmark = pytest.mark.django_db


def test_the_api_shows_the_flag_and_the_earlier_number(api_as):
    api = api_as("operator")
    first = api.post("/orders", ORDER_BODY).json()
    second = api.post("/orders", ORDER_BODY).json()
    assert "repeat" not in first["flags"] and first["repeat_of"] is None
    assert "repeat" in second["flags"] and second["repeat_of"] == first["number"]
    assert api.get(f"/orders/{second['number']}").json()["repeat_of"] == first["number"]
