"""`jiesu demo`'s entry points: is the demo there, and load it.

The holiday calendar and the deadline policies come from the migrations; this builds the
organisation, its users and the merchant registry (get-or-create, so a second load adds nothing to
them) and then replays N orders through the workflow. A second load only adds orders: numbers
continue from the daily sequences and the random stream is shifted by what is already there, so
the new orders are not copies of the old ones.
"""

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from jiesu.analytics.rollups import rollups_refresh
from jiesu.assessment.services import assessment_score
from jiesu.core import clock
from jiesu.demo.merchants import merchants_build
from jiesu.demo.orders import World, orders_replay
from jiesu.demo.organisation import CENTRE, USERS, demo_password, organisation_build
from jiesu.orders.models import WorkOrder
from jiesu.organisations.models import Department

SEED = 2025
PROGRESS_EVERY = 500


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    roles: str
    department: str


@dataclass
class DemoSummary:
    """What `jiesu demo` prints: the shared password, who can log in, how many orders there are."""

    password: str
    users: list[DemoUser]
    orders: int  # work orders in the database after loading
    created_orders: int = 0
    events: int = 0  # workflow actions replayed for the new orders, each one OrderEvent
    merchants: int = 0
    seconds: float = 0.0
    #: Steps the workflow refused. Always empty unless the demo plans a step the rules forbid,
    #: which the tests treat as a bug.
    refused: list[str] = field(default_factory=list)


def demo_is_loaded() -> bool:
    return Department.objects.filter(code=CENTRE).exists()


def demo_load(*, orders: int, progress: Callable[[str], None] = lambda message: None) -> DemoSummary:
    if orders < 0:
        raise ValueError("orders must not be negative")
    started = time.monotonic()
    password = demo_password()
    progress("正在创建组织机构、用户和经营者名录……")
    with transaction.atomic():
        org = organisation_build(password=password)
        merchants = merchants_build(departments=org.departments)

    already = WorkOrder.objects.count()
    result = None
    if orders:
        now = timezone.now().replace(second=0, microsecond=0)
        world = World(org=org, merchants=merchants, rng=random.Random(SEED + already), now=now)
        progress(f"正在按真实办理流程生成 {orders} 件工单（近一年的历史）……")
        last_reported = [0]

        def report(done: int, total: int) -> None:
            if done - last_reported[0] >= PROGRESS_EVERY or done == total:
                last_reported[0] = done
                progress(f"  已生成 {done}/{total} 件（{time.monotonic() - started:.0f} 秒）")

        result = orders_replay(world=world, n=orders, progress=report)
        progress("正在汇总统计并评分各单位……")
        rollups_refresh()
        for month in _full_months(clock.today(), 12):
            assessment_score(month=month)

    users = [
        DemoUser(
            username=spec.username,
            full_name=org.staff[spec.username].display_name,
            roles="、".join(org.staff[spec.username].role_labels),
            department=org.departments[spec.department].name,
        )
        for spec in USERS
    ]
    return DemoSummary(
        password=password,
        users=users,
        orders=WorkOrder.objects.count(),
        created_orders=result.created if result else 0,
        events=result.steps if result else 0,
        merchants=len(merchants),
        seconds=time.monotonic() - started,
        refused=list(result.refused) if result else [],
    )


def _full_months(today: date, count: int) -> list[date]:
    """The first days of the `count` whole months before `today`'s, oldest first: the department
    assessment of the demo's history, scored in order as seed 001's three-month rule needs."""
    months = []
    first = today.replace(day=1)
    for _ in range(count):
        first = (first - timedelta(days=1)).replace(day=1)
        months.append(first)
    return months[::-1]
