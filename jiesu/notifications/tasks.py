"""Thin task wrappers (style.md): the work lives in services."""

from django_tasks import task

from jiesu.notifications.services import notifications_deliver


@task()
def deliver_notifications() -> dict:
    """Enqueued on commit when a message must not wait for the next sweep (a fast-response
    directive); the periodic pass would deliver it anyway, so a lost enqueue delays, never loses."""
    result = notifications_deliver()
    return {"sent": result.sent, "failed": result.failed, "retrying": result.retrying}
