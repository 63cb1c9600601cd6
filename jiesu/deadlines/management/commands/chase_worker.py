from django.conf import settings
from django.core.management.base import BaseCommand

from jiesu.deadlines.worker import ChaseWorker


class Command(BaseCommand):
    help = "Run background tasks and chase deadlines every JIESU_SWEEP_INTERVAL_SECONDS (jiesu worker)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="one sweep, deliver, drain the task queue, exit")
        parser.add_argument("--interval", type=float, default=None, help="seconds between sweeps")

    def handle(self, *args, once=False, interval=None, **options):
        worker = ChaseWorker(sweep_interval=interval or settings.JIESU_SWEEP_INTERVAL_SECONDS, once=once)
        worker.configure_signals()
        worker.run()
