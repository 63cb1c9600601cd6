"""Intelligence reacting to what the workflow announces."""

from django.dispatch import receiver

from jiesu.intelligence.claimants import claimant_flag
from jiesu.intelligence.groups import group_flag
from jiesu.intelligence.repeats import repeat_flag
from jiesu.orders.signals import order_registered


@receiver(order_registered)
def _flag_repeats(sender, order, **kwargs) -> None:
    repeat_flag(order=order)


@receiver(order_registered)
def _flag_groups(sender, order, **kwargs) -> None:
    group_flag(order=order)


@receiver(order_registered)
def _flag_professional_claimants(sender, order, **kwargs) -> None:
    claimant_flag(order=order)
