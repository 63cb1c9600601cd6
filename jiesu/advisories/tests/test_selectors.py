"""The public reads: only published warnings, newest first, paged by cursor."""

import pytest

from jiesu.advisories.selectors import published_get, published_page
from jiesu.advisories.services import (
    warning_approve,
    warning_draft,
    warning_publish,
    warning_submit,
    warning_withdraw,
)
from jiesu.core import clock
from jiesu.core.errors import InvalidInput, NotFound

from .scenario import GYM, MALL, MARCH, at


def _published(org, key, moment):
    with clock.travel(moment):
        warning = warning_draft(actor=org.centre_leader, dimension="respondent", key=key, period=MARCH)
        warning = warning_submit(warning=warning, actor=org.centre_leader)
        warning = warning_approve(warning=warning, actor=org.second_leader)
        return warning_publish(warning=warning, actor=org.second_leader)


def test_published_warnings_newest_first_a_page_at_a_time(gym):
    older = _published(gym.org, GYM, at(4, 1))
    newer = _published(gym.org, MALL, at(4, 2))
    warning_draft(actor=gym.org.centre_leader, dimension="line", key="prepaid", period=MARCH)

    first = published_page(limit=1)
    second = published_page(limit=1, cursor=first.next_cursor)
    assert first.items == [newer] and second.items == [older] and second.next_cursor is None


def test_drafts_and_withdrawn_warnings_are_not_found(gym):
    published = _published(gym.org, GYM, at(4, 1))
    draft = warning_draft(actor=gym.org.centre_leader, dimension="respondent", key=MALL, period=MARCH)

    assert published_get(pk=published.pk) == published
    with pytest.raises(NotFound):
        published_get(pk=draft.pk)
    warning_withdraw(warning=published, actor=gym.org.centre_leader, reason="已整改")
    with pytest.raises(NotFound):
        published_get(pk=published.pk)
    assert published_page().items == []


def test_a_bad_cursor_names_the_field(db):
    with pytest.raises(InvalidInput) as refused:
        published_page(cursor="not-a-cursor")
    assert "cursor" in refused.value.fields
