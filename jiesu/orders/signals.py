"""What the order workflow announces to the apps above it (style.md: a lower app announces, a higher
one reacts), sent inside the action's transaction so a reaction's writes commit or fail with it."""

from django.dispatch import Signal

#: Sent by do_register once the order, its deadlines and its event are written; `order` is locked.
order_registered = Signal()
