"""Receivers of the deadlines app; imported once from `DeadlinesConfig.ready()`."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from jiesu.deadlines.holidays import calendar_cache_clear
from jiesu.deadlines.models import CalendarDay, DeadlinePolicy
from jiesu.deadlines.policies import policy_cache_clear


@receiver([post_save, post_delete], sender=CalendarDay, dispatch_uid="deadlines.calendar_day_changed")
def calendar_day_changed(sender, using, **kwargs) -> None:
    """A schedule edit must move the very next deadline computed in this process.

    Cleared now, so the editing transaction itself sees its change, and again on commit, because a
    request running meanwhile may have rebuilt the cache from the rows as they were before it.
    Other processes notice through the fingerprint `calendar_load` checks every few seconds.
    """
    calendar_cache_clear()
    transaction.on_commit(calendar_cache_clear, using=using)


@receiver([post_save, post_delete], sender=DeadlinePolicy, dispatch_uid="deadlines.policy_changed")
def policy_changed(sender, using, **kwargs) -> None:
    """An edited policy applies to the very next order registered in this process."""
    policy_cache_clear()
    transaction.on_commit(policy_cache_clear, using=using)
