"""Two people act on the same order at the same moment (style.md "Transactions and concurrency"):
the second waits on the row lock, re-reads the new status and gets 409; exactly one wins and
exactly one event is written. PostgreSQL with two real connections; SQLite serialises writers
with IMMEDIATE transactions instead, so there is no race there to test."""

import threading
import time

import pytest
from django.db import connection, transaction

from jiesu.core.errors import InvalidTransition
from jiesu.deadlines.choices import DeadlineKind as K
from jiesu.orders.models import WorkOrder
from jiesu.orders.tests.checks import events, running
from jiesu.orders.tests.factories import drive_to
from jiesu.orders.workflow import actions

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: two connections racing"),
    pytest.mark.django_db(transaction=True),
]

TIMEOUT = 15


def wait_until_a_connection_waits_for_a_lock() -> bool:
    """Poll from the test's own connection until another backend on this database is blocked on
    a lock: proof that the second action reached the row lock while the first still held it."""
    deadline = time.monotonic() + TIMEOUT
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
            )
            if cursor.fetchone()[0]:
                return True
            time.sleep(0.01)
    return False


def run(*targets) -> None:
    threads = [threading.Thread(target=target) for target in targets]
    for thread in threads:
        thread.start()
    return threads


def join(threads) -> None:
    for thread in threads:
        thread.join(timeout=TIMEOUT)
    assert not any(thread.is_alive() for thread in threads), "a racing action hung"


def test_accept_holding_the_lock_wins_and_a_concurrent_return_gets_invalid_transition(org):
    """Deterministic order: A accepts inside a transaction it keeps open; B tries to return the
    same order meanwhile and must block on the row lock; A commits; B re-reads in_progress."""
    order = drive_to("dispatched", org)
    barrier = threading.Barrier(2)
    accepted, release = threading.Event(), threading.Event()
    results = {}

    def accept_and_hold():
        try:
            barrier.wait(timeout=TIMEOUT)
            with transaction.atomic():
                actions.do_accept(order=order, actor=org.handler_a1)
                accepted.set()
                assert release.wait(timeout=TIMEOUT), "never released"
            results["accept"] = "ok"
        except Exception as exc:
            results["accept"] = exc
        finally:
            accepted.set()
            connection.close()

    def return_meanwhile():
        try:
            barrier.wait(timeout=TIMEOUT)
            assert accepted.wait(timeout=TIMEOUT)
            actions.do_return(order=order, actor=org.handler_a1b, reason="不属于本所辖区")
            results["return"] = "ok"
        except Exception as exc:
            results["return"] = exc
        finally:
            connection.close()

    threads = run(accept_and_hold, return_meanwhile)
    blocked = wait_until_a_connection_waits_for_a_lock()
    release.set()
    join(threads)

    assert blocked, "the return never waited for the accept's lock"
    assert results["accept"] == "ok"
    assert isinstance(results["return"], InvalidTransition), results["return"]
    order = WorkOrder.objects.get(pk=order.pk)
    assert (order.status, order.department) == ("in_progress", org.office_a1)
    assert [e.action for e in events(order)] == ["register", "dispatch", "accept"]
    assert K.RE_RESPOND not in running(order)
    assert K.CONCLUDE in running(order)


def test_two_handlers_accepting_at_once_produce_one_acceptance(org):
    order = drive_to("dispatched", org)
    barrier = threading.Barrier(2)
    results = []

    def accept(actor):
        def go():
            try:
                barrier.wait(timeout=TIMEOUT)
                actions.do_accept(order=order, actor=actor)
                results.append("ok")
            except Exception as exc:
                results.append(exc)
            finally:
                connection.close()

        return go

    join(run(accept(org.handler_a1), accept(org.handler_a1b)))

    assert results.count("ok") == 1, results
    [loser] = [r for r in results if r != "ok"]
    assert isinstance(loser, InvalidTransition), loser
    order = WorkOrder.objects.get(pk=order.pk)
    assert order.status == "in_progress"
    assert [e.action for e in events(order)].count("accept") == 1
    assert order.deadlines.filter(kind=K.CONCLUDE).count() == 1
