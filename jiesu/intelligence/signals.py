"""Intelligence reacting to what the workflow announces."""

from django.dispatch import receiver

from jiesu.intelligence.repeats import repeat_flag
from jiesu.orders.signals import order_registered


@receiver(order_registered)
def _flag_repeats(sender, order, **kwargs) -> None:
    repeat_flag(order=order)
