"""The roll-up follows the workflow: every event (the only way an order changes, style.md rule 5)
queues its order in the event's own transaction, so a refused action queues nothing."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from jiesu.orders.models import OrderEvent

from .rollups import orders_enqueue


@receiver(post_save, sender=OrderEvent)
def _queue_order(sender, instance: OrderEvent, created: bool, **kwargs) -> None:
    if created:
        orders_enqueue([instance.order_id])
