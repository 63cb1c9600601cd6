from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from jiesu.deadlines.sweep import DEFAULT_BATCH
from jiesu.deadlines.worker import ChaseWorker


class Command(BaseCommand):
    help = "Run background tasks and chase deadlines every JIESU_SWEEP_INTERVAL_SECONDS (jiesu worker)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="one sweep, deliver, drain the task queue, exit")
        parser.add_argument("--interval", type=float, default=None, help="seconds between sweeps")
        parser.add_argument(
            "--batch", type=int, default=DEFAULT_BATCH, help="reminders claimed and committed per sweep transaction"
        )

    def handle(self, *args, once=False, interval=None, batch=DEFAULT_BATCH, **options):
        if batch < 1:
            raise CommandError("--batch must be at least 1")
        worker = ChaseWorker(
            sweep_interval=interval or settings.JIESU_SWEEP_INTERVAL_SECONDS, once=once, batch=batch
        )
        worker.configure_signals()
        worker.run()
