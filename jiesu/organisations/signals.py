"""Cached token answers are dropped as soon as what they say may have changed."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from jiesu.organisations.models import ApiToken, Department, Staff
from jiesu.organisations.services import api_token_cache_clear


@receiver([post_save, post_delete], sender=ApiToken)
def _token_changed(sender, instance: ApiToken, **kwargs) -> None:
    api_token_cache_clear(staff_id=instance.staff_id)


@receiver(post_save, sender=Staff)
def _staff_changed(sender, instance: Staff, **kwargs) -> None:
    api_token_cache_clear(staff_id=instance.pk)


@receiver(post_save, sender=Department)
def _department_changed(sender, instance: Department, **kwargs) -> None:
    """A moved or renamed department changes its members' scope (the cached staff carries it)."""
    for staff_id in Staff.objects.filter(department=instance).values_list("pk", flat=True):
        api_token_cache_clear(staff_id=staff_id)
