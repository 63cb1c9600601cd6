"""Intelligence reacting to what the workflow announces."""

from django.dispatch import receiver

from jiesu.intelligence.claimants import claimant_flag
from jiesu.intelligence.groups import group_flag
from jiesu.intelligence.repeats import repeat_flag
from jiesu.intelligence.routing import order_auto_dispatch
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


@receiver(order_registered)
def _auto_dispatch(sender, order, **kwargs) -> None:
    """Connected last: the detectors above may move the order to the professional_claim line,
    and routing must read the line the order ends up with."""
    order_auto_dispatch(order=order)
