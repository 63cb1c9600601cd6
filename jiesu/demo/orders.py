"""A year of work orders, replayed through the real workflow actions.

Every order is registered with do_register and moved on with the do_* action a real person would
take, each inside `clock.travel(moment)`, so its events, deadlines, reminders-to-be and overdue
flags are exactly what the rules produce. Times follow the seeds: the operator registers within
minutes of the call, the centre dispatches within hours, the office accepts within a working day
or two and concludes mostly inside the 45 working days (12345 transfers inside their 5 days, seed
000), the visitor calls back after conclusion and never before it.

History stops at the present: a step that would fall after "now" is not taken, so recent orders
stay open in whatever status they have reached. A few queue stories are pinned near the present
(waiting for dispatch, overdue, due today, returned, awaiting a visit, a pending extension ...)
so every queue of the demo has something in it whatever the number of orders.

Deterministic for a given seed and present moment: one random.Random drives every choice.
"""

import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction

from jiesu.core import clock
from jiesu.core.errors import DomainError
from jiesu.deadlines.holidays import calendar_load
from jiesu.deadlines.models import CalendarDay
from jiesu.demo import narratives as say
from jiesu.demo import tales
from jiesu.demo.merchants import DemoMerchant
from jiesu.demo.organisation import FAST_TEAM, OFFICES, SECTION_BY_LINE, SPEC_BY_CODE, Organisation
from jiesu.demo.scenarios import REPORT_ONLY, SCENARIOS, TOPICS, Scenario, Topic
from jiesu.orders.choices import (
    ON_SITE_REASONS,
    Channel,
    ContactMethod,
    ExclusionReason,
    Line,
    MediationResult,
    OrderType,
    Outcome,
    PurchaseChannel,
    Satisfaction,
    Status,
    TerminationGround,
    Urgency,
)
from jiesu.orders.intake import OrderDraft
from jiesu.orders.models import WorkOrder
from jiesu.orders.workflow import actions as act

SHARES = {OrderType.CONSULTATION: 0.72, OrderType.COMPLAINT: 0.22, OrderType.REPORT: 0.06}

CHANNELS = {
    OrderType.CONSULTATION: {
        Channel.HOTLINE_12315: 60, Channel.HOTLINE_12345: 6, Channel.TRANSFER_12345: 13, Channel.WEB: 8,
        Channel.MINI_PROGRAM: 8, Channel.QR: 3, Channel.VISIT: 2,
    },
    OrderType.COMPLAINT: {
        Channel.HOTLINE_12315: 40, Channel.TRANSFER_12345: 30, Channel.HOTLINE_12345: 4, Channel.WEB: 9,
        Channel.MINI_PROGRAM: 8, Channel.QR: 4, Channel.LETTER: 2, Channel.VISIT: 3,
    },
    OrderType.REPORT: {
        Channel.HOTLINE_12315: 40, Channel.TRANSFER_12345: 20, Channel.WEB: 14, Channel.MINI_PROGRAM: 8,
        Channel.LETTER: 10, Channel.SOCIAL_MEDIA: 4, Channel.VISIT: 4,
    },
}  # fmt: skip

PHONE_CHANNELS = frozenset({Channel.HOTLINE_12315, Channel.HOTLINE_12345, Channel.VISIT})
ONLINE_CHANNELS = frozenset({Channel.WEB, Channel.MINI_PROGRAM, Channel.QR, Channel.SOCIAL_MEDIA})
CHANNELS_12345 = frozenset({Channel.TRANSFER_12345, Channel.HOTLINE_12345})

#: Complaints concentrate where the shops are (seed 000: Xidan).
OFFICE_HEAT = {"xichangan": 3.0, "donghuamen": 1.8, "sanlitun": 1.3, "jianwai": 1.3, "wangjing": 1.2}

#: Calls by hour of the day, 8:00 to 21:00 (more in the late morning and mid afternoon).
CALL_HOURS = {8: 5, 9: 12, 10: 14, 11: 11, 12: 6, 13: 8, 14: 12, 15: 12, 16: 10, 17: 7, 18: 5, 19: 4, 20: 3}
RECENT_DAYS = 14
STALL_SHARE = 0.07
#: Steps someone may not have got round to yet; an answer given during the call never waits.
STALLABLE = frozenset({"dispatch", "redispatch", "accept", "mediate", "conclude", "visit", "odr_settle", "approve_extension"})


class Cutoff(Exception):
    """The next step of an order lies after the present: history stops there and the order stays
    open where it has got to."""


@dataclass(frozen=True)
class StoryPin:
    """An order pinned near the present so a queue is never empty (see the module docstring)."""

    key: str
    type: str
    hours_ago: tuple[float, float]
    stop_before: str
    channel: str = ""
    forces: frozenset = frozenset()
    #: step -> hours before now at which it is taken
    pins: tuple[tuple[str, float], ...] = ()


STORIES: tuple[StoryPin, ...] = (
    StoryPin("fresh", OrderType.COMPLAINT, (0.3, 3), "dispatch"),
    StoryPin("undispatched_overdue", OrderType.COMPLAINT, (50, 90), "dispatch"),
    StoryPin("consultation_waiting", OrderType.CONSULTATION, (0.5, 5), "dispatch", forces=frozenset({"dispatch"})),
    StoryPin("dispatched", OrderType.COMPLAINT, (16, 30), "accept"),
    StoryPin("accept_overdue", OrderType.COMPLAINT, (290, 380), "accept", Channel.HOTLINE_12315),
    StoryPin("overdue_12345", OrderType.COMPLAINT, (170, 230), "mediate", Channel.TRANSFER_12345),
    StoryPin("due_today_12345", OrderType.COMPLAINT, (0, 0), "mediate", Channel.TRANSFER_12345, frozenset({"due_today"})),
    StoryPin("returned", OrderType.COMPLAINT, (20, 50), "redispatch", forces=frozenset({"wrong_office"}),
             pins=(("return", 2),)),
    StoryPin("awaiting_visit", OrderType.COMPLAINT, (150, 240), "visit", pins=(("mediate", 30), ("conclude", 26))),
    StoryPin("visit_overdue", OrderType.COMPLAINT, (840, 1000), "visit", pins=(("mediate", 400), ("conclude", 380))),
    StoryPin("extension_pending", OrderType.COMPLAINT, (720, 1000), "approve_extension", forces=frozenset({"extension"}),
             pins=(("extend", 20),)),
    StoryPin("exclusion_pending", OrderType.COMPLAINT, (190, 350), "decide_exclusion", forces=frozenset({"exclusion"}),
             pins=(("request_exclusion", 22),)),
    StoryPin("odr_open", OrderType.COMPLAINT, (50, 90), "odr_settle", forces=frozenset({"odr"})),
    StoryPin("transferred", OrderType.COMPLAINT, (30, 300), "", forces=frozenset({"transfer"})),
    StoryPin("fast_open", OrderType.COMPLAINT, (0.6, 0.9), "mediate", forces=frozenset({"fast"})),
    StoryPin("report_verifying", OrderType.REPORT, (120, 200), "conclude"),
    StoryPin("stuck", OrderType.COMPLAINT, (2300, 2600), "mediate", Channel.HOTLINE_12315),
)  # fmt: skip


@dataclass
class Plan:
    """When one order comes in, of what type by which channel, and any queue story pinned on it."""

    received_at: datetime
    type: str
    channel: str
    story: str = ""
    stop_before: str = ""
    forces: frozenset = frozenset()
    pins: dict = field(default_factory=dict)
    #: One order of a deliberate story (tales.py): "group", "claimant", "rising_base" or "rising",
    #: and what it needs (the merchant, the text, the person ...).
    tale: str = ""
    cast: dict = field(default_factory=dict)


@dataclass
class ReplayResult:
    created: int = 0
    steps: int = 0  # actions taken, each one event
    refused: list[str] = field(default_factory=list)


class World:
    """Everything the replay shares across orders: the organisation, the registry, the callers,
    the calendar, the one random generator and the present moment history stops at."""

    def __init__(self, *, org: Organisation, merchants: list[DemoMerchant], rng: random.Random, now: datetime):
        self.org = org
        self.merchants = merchants
        self.rng = rng
        self.now = now
        self.calendar = calendar_load()
        self.callers = say.Callers(rng)
        self.result = ReplayResult()
        self.case_numbers: Counter = Counter()
        self._candidates: dict[tuple, tuple[list[DemoMerchant], list[float]]] = {}
        #: The deliberate stories' businesses (tales.py), kept out of the random draws so that
        #: what the detectors find in them is the story alone.
        self.tale_merchants = {
            "group": next(m for m in merchants if m.sector == "gym"),
            "rising": next(m for m in merchants if m.sector == "beauty"),
        }

    # -- people -------------------------------------------------------------------------------

    def operator(self):
        return self.org.user(self.rng.choices(("operator", "operator2", "operator3"), (45, 35, 20))[0])

    def dispatcher(self):
        return self.org.user(self.rng.choices(("dispatcher", "dispatcher2", "centre_leader"), (55, 35, 10))[0])

    def visitor(self):
        return self.org.user(self.rng.choices(("visitor", "visitor2"), (60, 40))[0])

    def handler(self, code: str):
        return self.rng.choice(self.org.handlers(code))

    # -- time ---------------------------------------------------------------------------------

    def _within(self, moment: datetime, opens: time, closes: time, working_only: bool) -> datetime:
        local = clock.local(moment)
        day = local.date()
        while True:
            if not working_only or self.calendar.is_working_day(day):
                open_at = datetime.combine(day, opens, tzinfo=clock.SHANGHAI)
                if local < open_at:
                    return open_at + timedelta(minutes=self.rng.uniform(0, 50))
                if local <= datetime.combine(day, closes, tzinfo=clock.SHANGHAI):
                    return local
            day += timedelta(days=1)
            local = datetime.combine(day, time(0), tzinfo=clock.SHANGHAI)

    def office(self, moment: datetime) -> datetime:
        """Offices and sections work 8:30 to 17:30 on working days."""
        return self._within(moment, time(8, 30), time(17, 30), True)

    def shift(self, moment: datetime) -> datetime:
        """The centre's operators and dispatchers, and 接诉即办 duty officers, work 8:00 to 21:00 every day."""
        return self._within(moment, time(8), time(21), False)

    def working_days(self, moment: datetime, days: int) -> datetime:
        day = self.calendar.add_working_days(clock.local(moment).date(), max(days, 0)).day
        return datetime.combine(day, time(9), tzinfo=clock.SHANGHAI) + timedelta(minutes=self.rng.uniform(0, 480))

    def minutes(self, moment: datetime, low: float, high: float) -> datetime:
        return moment + timedelta(minutes=self.rng.uniform(low, high))

    # -- choices ------------------------------------------------------------------------------

    def merchant_for(self, sectors: tuple[str, ...], *, odr: bool = False) -> DemoMerchant:
        key = (sectors, odr)
        if key not in self._candidates:
            reserved = {m.merchant.pk for m in self.tale_merchants.values()}
            pool = [m for m in self.merchants if m.sector in sectors and (m.merchant.is_odr or not odr)
                    and m.merchant.pk not in reserved]
            weights = [OFFICE_HEAT.get(m.office, 1.0) * (2.5 if m.sector == "mall" else 1.0) for m in pool]
            self._candidates[key] = (pool, weights)
        pool, weights = self._candidates[key]
        return self.rng.choices(pool, weights)[0]

    def case_number(self, department: str, at: datetime) -> str:
        prefix = self.org.case_prefix(department)
        year = clock.local(at).year
        self.case_numbers[(prefix, year)] += 1
        return f"{prefix}立〔{year}〕{self.case_numbers[(prefix, year)] + 100}号"


def _weighted(rng: random.Random, table: dict):
    keys = list(table)
    return rng.choices(keys, [table[k] for k in keys])[0]


# -------------------------------------------------------------------------------------------------
# When orders come in


def _day_weights(world: World, first: date, last: date) -> tuple[list[date], list[float]]:
    """More orders towards the present (complaints grow year on year, seed 004), peaks around the
    shopping festivals of November and December (seed 000) and the 15 March consumer-rights day, a
    trough over the Spring Festival, fewer on rest days."""
    spring = set(CalendarDay.objects.filter(day__range=(first, last), name="春节").values_list("day", flat=True))
    days, weights = [], []
    span = max((last - first).days, 1)
    for offset in range(span + 1):
        day = first + timedelta(days=offset)
        weight = 0.8 + 0.4 * offset / span
        if day.month == 11 and day.day >= 11 or day.month == 12:
            weight *= 1.3
        elif day.month == 1 and day.day <= 15:
            weight *= 1.15
        elif day.month == 3 and 10 <= day.day <= 20:
            weight *= 1.5
        elif day.month in (5, 10) and day.day <= 7:
            weight *= 1.1
        if day in spring:
            weight *= 0.45
        elif not world.calendar.is_working_day(day):
            weight *= 0.7
        if (last - day).days < RECENT_DAYS:
            weight *= 1.5
        days.append(day)
        weights.append(weight)
    return days, weights


def _time_of_day(rng: random.Random, day: date, channel: str) -> datetime:
    if channel in ONLINE_CHANNELS and rng.random() < 0.35:
        hour = rng.choice((0, 6, 7, 21, 22, 23))
    elif channel in (Channel.LETTER, Channel.VISIT):
        hour = rng.choice((9, 10, 11, 14, 15, 16))
    else:
        hour = _weighted(rng, CALL_HOURS)
    return datetime.combine(day, time(hour, rng.randrange(60), rng.randrange(60)), tzinfo=clock.SHANGHAI)


def plans_make(world: World, n: int) -> list[Plan]:
    """N orders in time order: type quotas are exact (72 / 22 / 6 %), pinned stories included."""
    rng, now = world.rng, world.now
    today = clock.local(now).date()
    copies = 0 if n < 60 else 1 + n // 1500
    pinned = [story for story in STORIES for _ in range(copies)]
    told = tale_plans(world, today) if n >= TALES_MIN_ORDERS else []
    quotas = {t: round(n * share) for t, share in SHARES.items()}
    quotas[OrderType.CONSULTATION] = n - quotas[OrderType.COMPLAINT] - quotas[OrderType.REPORT]
    for story in pinned:
        quotas[story.type] -= 1
    quotas[OrderType.COMPLAINT] -= len(told)  # the stories' orders are complaints of the N
    types = [t for t, count in quotas.items() for _ in range(max(count, 0))]
    types = types[: n - len(pinned) - len(told)]
    rng.shuffle(types)

    days, weights = _day_weights(world, today - timedelta(days=364), today)
    plans = []
    latest = now - timedelta(minutes=15)
    for order_type in types:
        channel = _weighted(rng, CHANNELS[order_type])
        day = rng.choices(days, weights)[0]
        if channel == Channel.VISIT and not world.calendar.is_working_day(day):
            channel = Channel.HOTLINE_12315
        received = _time_of_day(rng, day, channel)
        if received > latest:
            received = latest - timedelta(minutes=rng.uniform(0, 600))
        plans.append(Plan(received_at=received, type=order_type, channel=channel))
    for story in pinned:
        if "due_today" in story.forces:
            day = today - timedelta(days=5)
            received = datetime.combine(day, time(rng.randint(9, 16), rng.randrange(60)), tzinfo=clock.SHANGHAI)
        else:
            received = now - timedelta(hours=rng.uniform(*story.hours_ago))
        channel = story.channel or _weighted(rng, {Channel.HOTLINE_12315: 3, Channel.TRANSFER_12345: 2, Channel.WEB: 1})
        pins = {step: now - timedelta(hours=hours) for step, hours in story.pins}
        plans.append(Plan(received, story.type, channel, story.key, story.stop_before, story.forces, pins))
    plans.extend(told)
    plans.sort(key=lambda p: p.received_at)
    return plans


# -------------------------------------------------------------------------------------------------
# The deliberate stories (tales.py): a group complaint, a professional claimant, a rising merchant

#: Below this many orders the demo has no room for the stories' 34 complaints.
TALES_MIN_ORDERS = 250


def tale_plans(world: World, today: date) -> list[Plan]:
    rng, now = world.rng, world.now
    latest = now - timedelta(minutes=15)
    by_key = {s.key: s for s in SCENARIOS}
    plans: list[Plan] = []

    def at(day: date, channel: str) -> datetime:
        return min(_time_of_day(rng, day, channel), latest - timedelta(minutes=rng.uniform(0, 300)))

    # A gym closes about a month ago: six members call within four days, two paste the same text.
    gym = world.tale_merchants["group"]
    start = today - timedelta(days=rng.randint(29, 34))
    own = rng.sample(range(len(tales.GROUP_OWN_WORDS)), 4)
    texts = [own[0], "copied", own[1], own[2], "copied", own[3]]
    offsets = sorted(rng.randint(0, 3) for _ in texts)
    left_open = rng.randrange(len(texts))
    for i, (text, offset) in enumerate(zip(texts, offsets, strict=True)):
        if text == "copied":
            channel = rng.choice((Channel.WEB, Channel.MINI_PROGRAM))
        else:
            channel = _weighted(rng, {Channel.HOTLINE_12315: 3, Channel.TRANSFER_12345: 2, Channel.WEB: 1})
        plans.append(Plan(at(start + timedelta(days=offset), channel), OrderType.COMPLAINT, channel,
                          stop_before="mediate" if i == left_open else "", tale="group",
                          cast={"scenario": by_key["gym"], "merchant": gym, "text": text}))

    # One claimant, eight shops, half a year: the same template with the shop and the flaw filled in.
    reserved = {m.merchant.pk for m in world.tale_merchants.values()}
    used: set[int] = set()
    person = tales.CLAIMANT
    for i, claim in enumerate(tales.CLAIMS):
        pool = [m for m in world.merchants if m.sector in claim.sectors and m.merchant.pk not in reserved | used]
        merchant = rng.choice(pool)
        used.add(merchant.merchant.pk)
        channel = rng.choice((Channel.WEB, Channel.WEB, Channel.MINI_PROGRAM, Channel.LETTER))
        day = today - timedelta(days=178 - i * 23 - rng.randint(0, 8))
        plans.append(Plan(at(day, channel), OrderType.COMPLAINT, channel, tale="claimant",
                          cast={"scenario": by_key["professional"], "merchant": merchant, "claim": claim,
                                "person": person}))

    # A beauty salon: one complaint a month for a year, then nine customers in the last week.
    salon = world.tale_merchants["rising"]
    for month in range(1, 12):
        channel = _weighted(rng, CHANNELS[OrderType.COMPLAINT])
        if channel == Channel.VISIT:
            channel = Channel.HOTLINE_12315
        day = today - timedelta(days=30 * month + rng.randint(-5, 5))
        plans.append(Plan(at(day, channel), OrderType.COMPLAINT, channel, tale="rising_base",
                          cast={"scenario": by_key["beauty"], "merchant": salon}))
    for grievance in tales.RISING:
        channel = _weighted(rng, {Channel.HOTLINE_12315: 4, Channel.TRANSFER_12345: 3, Channel.WEB: 2, Channel.MINI_PROGRAM: 1})
        received = now - timedelta(hours=rng.uniform(2, 6.5 * 24))
        if received > latest:
            received = latest
        plans.append(Plan(received, OrderType.COMPLAINT, channel, tale="rising",
                          cast={"scenario": by_key["beauty"], "merchant": salon, "grievance": grievance}))
    return plans


# -------------------------------------------------------------------------------------------------
# One order's life


class Life:
    """Drives one order through its steps: each step is one real action at one moment."""

    def __init__(self, world: World, plan: Plan):
        self.world = world
        self.plan = plan
        self.rng = world.rng
        self.order: WorkOrder | None = None
        self.at = plan.received_at
        self.may_stall = not plan.story and plan.received_at > world.now - timedelta(days=RECENT_DAYS + 7)

    def register(self, actor, draft: OrderDraft, at: datetime) -> WorkOrder:
        at = min(max(at, self.plan.received_at), self.world.now - timedelta(minutes=1))
        with clock.travel(at):
            self.order = act.do_register(actor=actor, draft=draft)
        self.at = at
        self.world.result.created += 1
        self.world.result.steps += 1
        return self.order

    def do(self, step: str, at: datetime, action: Callable, **kwargs) -> WorkOrder:
        """Take `action` at `at` (never before the previous step), unless it lies in the future
        or the plan stops before this step. A recent order may stall: someone has not got round to
        it yet, which is how queues and overdue deadlines arise."""
        if self.plan.stop_before == step:
            raise Cutoff(step)
        if step in self.plan.pins:
            at = self.plan.pins[step]
        elif self.may_stall and step in STALLABLE and self.rng.random() < STALL_SHARE:
            at += timedelta(hours=self.rng.uniform(20, 200))
        at = max(at, self.at + timedelta(seconds=self.rng.randint(40, 300)))
        if at > self.world.now:
            raise Cutoff(step)
        with clock.travel(at):
            self.order = action(order=self.order, **kwargs)
        self.at = at
        self.world.result.steps += 1
        return self.order


# -------------------------------------------------------------------------------------------------
# Drafts


def _respondent(rng: random.Random, merchant: DemoMerchant, *, careful: bool = False) -> dict:
    """Callers name the business three ways: the registry entry picked at intake (name, address and
    credit code), its registered name only, or what they call it with a rough address."""
    roll = rng.random()
    if careful or roll < 0.6:
        code = merchant.credit_code if not careful or rng.random() < 0.7 else ""
        return {"respondent_name": merchant.name, "respondent_credit_code": code, "respondent_address": merchant.address}
    if roll < 0.85:
        return {"respondent_name": merchant.name, "respondent_address": merchant.address}
    street = merchant.address.split("号")[0].rstrip("0123456789")
    return {"respondent_name": merchant.display, "respondent_address": street + rng.choice(("附近", "", "路边"))}


def _line(scenario: Scenario, merchant: DemoMerchant) -> str:
    return scenario.line_by_sector.get(merchant.sector, scenario.line)


def _complainant(rng: random.Random, person: say.Person, channel: str) -> dict:
    if channel in (Channel.LETTER, Channel.VISIT) and not person.id_number and rng.random() < 0.6:
        person.id_number = say.id_number(rng)
    return {
        "complainant_name": person.name, "complainant_phone": person.phone, "complainant_address": person.address,
        "complainant_id_number": person.id_number if channel in (Channel.LETTER, Channel.VISIT) else "",
    }


def _register_at(world: World, plan: Plan) -> datetime:
    received = plan.received_at
    if plan.channel in PHONE_CHANNELS:
        return world.minutes(received, 2, 12)
    if plan.channel == Channel.TRANSFER_12345:
        return world.shift(world.minutes(received, 5, 90))
    if plan.channel == Channel.LETTER:
        return world.office(received + timedelta(hours=world.rng.uniform(0.5, 30)))
    return world.office(world.minutes(received, 10, 240))


def _pick_scenario(world: World, plan: Plan, *, report: bool, fast: bool = False) -> Scenario:
    rng = world.rng
    local = clock.local(plan.received_at)
    progress = 1 - (world.now - plan.received_at).days / 365

    def weight(scenario: Scenario) -> float:
        value = scenario.weight * (1 + scenario.trend * (progress - 0.5))
        return value * 1.5 if local.month in scenario.peak_months else value

    if "fast" in plan.forces:
        pool = [s for s in SCENARIOS if set(s.fast_reasons) & ON_SITE_REASONS]
    elif fast:
        pool = [s for s in SCENARIOS if s.fast_reasons]
    elif "odr" in plan.forces:
        pool = [s for s in SCENARIOS if s.key in ("clothing", "phone", "appliance", "supermarket")]
    elif "transfer" in plan.forces:
        pool = [s for s in SCENARIOS if s.transfer_to]
    elif "exclusion" in plan.forces:
        pool = [s for s in SCENARIOS if s.professional]
    elif "wrong_office" in plan.forces or plan.story:
        pool = [s for s in SCENARIOS if not s.transfer_to and not s.professional]
    else:
        pool = list(SCENARIOS)
    if report:
        pool = [s for s in pool if s.report_share > 0 and s.violations] + list(REPORT_ONLY)
        weights = [weight(s) * s.report_share for s in pool]
    else:
        weights = [weight(s) * (1 - s.report_share) for s in pool]
    return rng.choices(pool, weights)[0]


# -------------------------------------------------------------------------------------------------
# Flows


def replay(world: World, plan: Plan) -> None:
    life = Life(world, plan)
    flow = {OrderType.CONSULTATION: _consultation, OrderType.COMPLAINT: _complaint, OrderType.REPORT: _report}[plan.type]
    try:
        flow(world, life)
    except Cutoff:
        pass  # history has reached the present for this order
    except DomainError as exc:  # the rules refused a step the demo planned: a demo bug, reported by demo_load
        number = life.order.number if life.order else "-"
        world.result.refused.append(f"{number} {plan.type} {plan.story}: {exc.detail}")


def _consultation(world: World, life: Life) -> None:
    rng, plan = world.rng, life.plan
    topics = list(TOPICS)
    if "dispatch" in plan.forces:
        topics = [t for t in TOPICS if t.dispatch_share >= 0.5]
    topic: Topic = rng.choices(topics, [t.weight for t in topics])[0]
    asks_about_shop = any("{shop}" in q for q in topic.questions)
    merchant = world.merchant_for(topic.sectors) if asks_about_shop else None
    person = world.callers.pick()
    voice = say.voice_of(plan.channel)
    draft = OrderDraft(
        type=OrderType.CONSULTATION, channel=plan.channel, received_at=plan.received_at,
        description=say.consultation_text(rng, topic, voice, merchant), line=topic.line, product_category=topic.category,
        requests=["解答"], **_complainant(rng, person, plan.channel),
        **({"respondent_name": merchant.name, "respondent_address": merchant.address} if merchant else {}),
    )
    life.register(world.operator(), draft, _register_at(world, plan))
    if "dispatch" not in plan.forces and rng.random() >= topic.dispatch_share:
        if plan.channel in PHONE_CHANNELS:
            at = world.minutes(life.at, 1, 8)
        else:
            at = world.shift(world.minutes(life.at, 5, 120))
        life.do("answer", at, act.do_answer, actor=world.operator(), answer=topic.answer)
        return
    if merchant is not None:
        target = merchant.office
    else:
        target = SECTION_BY_LINE.get(topic.line) or rng.choice(OFFICES)
    life.do("dispatch", world.shift(world.minutes(life.at, 15, 180)), act.do_dispatch, actor=world.dispatcher(),
            department=world.org.department(target), note="请核实后直接答复来电人。")
    handler = world.handler(target)
    life.do("accept", world.office(world.minutes(life.at, 30, 900)), act.do_accept, actor=handler)
    life.do("contact", world.minutes(life.at, 5, 90), act.do_contact, actor=handler, method=ContactMethod.PHONE,
            summary="电话联系来电人，了解咨询事项。")
    life.do("conclude", world.minutes(life.at, 10, 240), act.do_conclude, actor=handler, outcome=Outcome.ANSWERED,
            reply=say.reply_answered(rng, topic))
    _after_conclusion(world, life, handler=handler, visit_share=0.2)


def _target_for(world: World, draft: OrderDraft, merchant: DemoMerchant, *, report: bool) -> str:
    """The office whose jurisdiction holds the respondent's address (longest area name found in
    it), or now and then the business section of the order's line: lifts mostly go to special
    equipment, reports more often than complaints to their section."""
    office = world.org.office_for_address(draft.respondent_address) or merchant.office
    section = SECTION_BY_LINE.get(draft.line)
    if section is None:
        return office
    share = {Line.SPECIAL_EQUIPMENT: 0.6, Line.PROFESSIONAL_CLAIM: 0.4}.get(draft.line, 0.45 if report else 0.08)
    return section if world.rng.random() < share else office


def _complaint_draft(world: World, plan: Plan, scenario: Scenario, merchant: DemoMerchant,
                     reasons: list[str], person: say.Person | None = None) -> tuple[say.Story, OrderDraft]:
    """What the operator types in: the caller, the business, the product and the story in the
    caller's words (or the templated claim of a professional claimant)."""
    rng = world.rng
    visitor = "visitor" in reasons or scenario.key in ("travel", "jewellery") and rng.random() < 0.3
    person = person or world.callers.pick(professional=scenario.professional, visitor=visitor)
    story = say.story_make(rng, scenario, merchant, plan.received_at)
    voice = say.voice_of(plan.channel)
    if reasons:
        description = say.fast_text(rng, story, voice)
    elif scenario.professional:
        description = say.professional_text(rng, story, person, report=False)
    else:
        description = say.complaint_text(rng, story, voice, plan.received_at, person)
    urgency = Urgency.URGENT if (story.group and rng.random() < 0.5) or rng.random() < 0.05 else Urgency.NORMAL
    online = rng.random() < scenario.online_share
    draft = OrderDraft(
        type=OrderType.COMPLAINT, channel=plan.channel, received_at=plan.received_at, description=description,
        urgency=urgency, fast_response_reasons=reasons, line=_line(scenario, merchant), issue=scenario.issue,
        product_name="" if story.problem.visit else story.product.name, product_category=story.category,
        product_brand="" if story.problem.visit else story.brand,
        product_amount=story.amount, purchased_on=story.purchased_on,
        purchase_channel=(PurchaseChannel.ONLINE if online else PurchaseChannel.OFFLINE) if story.amount else "",
        requests=list(story.demand.requests), **_complainant(rng, person, plan.channel),
        **_respondent(rng, merchant, careful=scenario.professional),
    )
    return story, draft


def _tale_draft(world: World, plan: Plan) -> tuple[Scenario, DemoMerchant, say.Story, OrderDraft]:
    """A deliberate story's order (tales.py): the business and the words are the story's, the
    rest is drafted like any other complaint."""
    rng, cast = world.rng, plan.cast
    scenario, merchant = cast["scenario"], cast["merchant"]
    if plan.tale == "rising_base":
        story, draft = _complaint_draft(world, plan, scenario, merchant, [], world.callers.new())
        return scenario, merchant, story, draft
    person = cast.get("person") or world.callers.new()
    story, draft = _complaint_draft(world, plan, scenario, merchant, [], person)
    for key, value in _respondent(rng, merchant, careful=True).items():
        setattr(draft, key, value)
    voice = say.voice_of(plan.channel)
    amount = int(story.amount or 0)
    if plan.tale == "group":
        name, phrase, low, high = rng.choice(tales.GROUP_PRODUCTS)
        amount = rng.randrange(low, high, 100)
        when = say.date_phrase(rng, clock.local(plan.received_at).date() - timedelta(days=rng.randint(60, 300)), plan.received_at,
                               formal=False)
        if cast["text"] == "copied":
            text = tales.GROUP_COPIED.format(shop=merchant.display)
        else:
            text = tales.GROUP_OWN_WORDS[cast["text"]].format(shop=merchant.display, product=phrase, amount=amount,
                                                              when=when)
            if voice in (say.THIRD, say.WORKSHEET, say.VISIT):
                text = tales.third_person(text, "市民来电反映：" if voice == say.WORKSHEET else "来电人反映：")
        story.group = True
        story.demand = scenario.demands[rng.choice("rq")]
        draft.product_name, draft.product_amount, draft.requests = name, Decimal(amount), list(story.demand.requests)
        draft.line = scenario.line
    elif plan.tale == "claimant":
        claim: tales.Claim = cast["claim"]
        price, quantity = rng.randint(claim.low, claim.high), rng.choice((5, 10, 12, 20))
        bought = clock.local(plan.received_at).date() - timedelta(days=rng.randint(3, 20))
        text = tales.claim_text(rng, claim, person, shop=merchant.name, address=merchant.address,
                                when=f"{bought.year}年{bought.month}月{bought.day}日", price=price, quantity=quantity)
        draft.product_name, draft.product_amount, draft.purchased_on = claim.product, Decimal(price * quantity), bought
        draft.product_category = "食品" if claim.food else "化妆品"
        draft.line = Line.FOOD if claim.food else Line.QUALITY  # the detector moves it to professional_claim
        draft.requests = ["退款", "赔偿"] + (["查处"] if claim.reward else [])
        draft.complainant_id_number = person.id_number
    else:
        grievance: tales.Grievance = cast["grievance"]
        text = grievance.text.format(shop=merchant.display, amount=amount or rng.randrange(800, 6000, 100))
        if voice in (say.THIRD, say.WORKSHEET, say.VISIT):
            text = tales.third_person(text, "市民来电反映：" if voice == say.WORKSHEET else "来电人反映：")
        story.demand = scenario.demands[grievance.demand]
        draft.line, draft.requests = grievance.line, list(grievance.requests)
    draft.description = text
    draft.urgency = Urgency.NORMAL
    return scenario, merchant, story, draft


def _complaint(world: World, life: Life) -> None:
    rng, plan, org = world.rng, life.plan, world.org
    forced_fast = "fast" in plan.forces
    fast = forced_fast or not plan.story and not plan.tale and rng.random() < 0.045  # ~1 % of all orders (seed 002)
    odr_forced = "odr" in plan.forces
    reasons: list[str] = []
    if plan.tale:
        scenario, merchant, story, draft = _tale_draft(world, plan)
    else:
        scenario = _pick_scenario(world, plan, report=False, fast=fast)
        merchant = world.merchant_for(scenario.sectors, odr=odr_forced)
        if fast:
            reasons = [rng.choice(scenario.fast_reasons)]
            if forced_fast and not set(reasons) & ON_SITE_REASONS:
                reasons = [next(r for r in scenario.fast_reasons if r in ON_SITE_REASONS)]
        story, draft = _complaint_draft(world, plan, scenario, merchant, reasons)
    register_at = world.minutes(plan.received_at, 1, 4) if fast else _register_at(world, plan)
    if fast:  # called in from the spot (seed 002)
        draft.channel = plan.channel = Channel.HOTLINE_12315 if plan.channel not in CHANNELS_12345 else plan.channel
    life.register(world.operator(), draft, register_at)
    # The line the order was registered on: the claimant detector may have moved it.
    line = draft.line = life.order.line

    if not plan.story and rng.random() < 0.015:
        life.do("withdraw", world.shift(world.minutes(life.at, 60, 900)), act.do_withdraw, actor=world.operator(),
                reason="消费者来电表示已与商家自行协商解决，申请撤回投诉。")
        return
    if scenario.transfer_to and ("transfer" in plan.forces or rng.random() < 0.7):
        life.do("transfer", world.shift(world.minutes(life.at, 20, 240)), act.do_transfer, actor=world.dispatcher(),
                department=org.department(scenario.transfer_to), reason=say.TRANSFER_REASONS[scenario.transfer_to])
        return
    if merchant.merchant.is_odr and not fast and (odr_forced or not plan.story and rng.random() < 0.45):
        life.do("send_to_odr", world.shift(world.minutes(life.at, 3, 40)), act.do_send_to_odr, actor=world.operator(),
                merchant=merchant.merchant)
        if odr_forced or rng.random() < 0.7:
            refund = say.story_refund(rng, story)
            settlement = f"企业在线反馈：已与消费者联系，{say.agreement_text(rng, story, refund)}，消费者表示认可。"
            life.do("odr_settle", world.working_days(life.at, rng.randint(1, 8)), act.do_odr_settle,
                    actor=world.dispatcher(), settlement=settlement)
            _after_conclusion(world, life, handler=None, visit_share=1.0, outcome=Outcome.ODR_SETTLED)
            return
        life.do("odr_fail", world.working_days(life.at, rng.randint(5, 10)), act.do_odr_fail, actor=world.dispatcher(),
                reason=rng.choice(("企业反馈与消费者协商未果。", "企业在期限内未反馈处理结果，转回属地处理。", "消费者不接受企业提出的方案。")))
    if fast:
        _fast(world, life, story, reasons)
        return

    target = _target_for(world, draft, merchant, report=False)
    wrong_office = "wrong_office" in plan.forces or bool(scenario.transfer_to) or not plan.story and rng.random() < 0.04
    if wrong_office:
        _dispatch_to_wrong_office(world, life, merchant, scenario, target)
        if scenario.transfer_to:
            return
    else:
        handler_named = world.handler(target) if rng.random() < 0.3 else None
        note = ("接诉即办件，请24小时内联系市民，5日内办结并反馈。" if plan.channel in CHANNELS_12345
                else rng.choice(("", "请于7个工作日内作出受理决定。", "请依法调解处理。")))
        life.do("dispatch", _dispatch_at(world, life), act.do_dispatch, actor=world.dispatcher(),
                department=org.department(target), handler=handler_named, note=note)
    handler = life.order.handler or world.handler(target)
    is_12345 = plan.channel in CHANNELS_12345

    # Acceptance decision (初查): within 7 working days, mostly the same or next day.
    if is_12345:
        decide_at = world.shift(world.minutes(life.at, 20, 600))
    elif rng.random() < 0.05:
        decide_at = world.working_days(life.at, rng.randint(6, 9))
    else:
        decide_at = world.office(world.minutes(life.at, 20, 1500))
    if not plan.story and rng.random() < scenario.not_accept_share:
        ground = rng.choice(scenario.not_accept_grounds)
        life.do("not_accept", decide_at, act.do_not_accept, actor=handler, ground=ground,
                explanation=rng.choice(say.NOT_ACCEPT_EXPLANATIONS[ground]))
        _after_conclusion(world, life, handler=handler, visit_share=0.5, outcome=Outcome.NOT_ACCEPTED)
        return
    life.do("accept", decide_at, act.do_accept, actor=handler,
            note=rng.choice(("经初查，符合受理条件，予以受理。", "予以受理。", "")))
    accepted_at = life.at
    life.do("contact", world.minutes(life.at, 5, 150), act.do_contact, actor=handler,
            method=ContactMethod.PHONE if rng.random() < 0.9 else ContactMethod.SMS, summary=rng.choice(say.CONTACT_SUMMARIES))

    if not plan.story and rng.random() < 0.02:
        life.do("withdraw", world.working_days(life.at, rng.randint(1, 5)), act.do_withdraw, actor=handler,
                reason="投诉人表示已与商家自行和解，申请撤回投诉。")
        return
    if story.group and rng.random() < 0.5 or not plan.story and rng.random() < 0.015:
        leader = org.leader_for(target)
        life.do("escalate", world.office(world.minutes(life.at, 60, 2000)), act.do_escalate, actor=leader,
                reason=rng.choice(say.ESCALATION_REASONS))
    if story.group and rng.random() < 0.5 or not plan.story and rng.random() < 0.025:
        helper = SECTION_BY_LINE.get(line) if SECTION_BY_LINE.get(line) not in (None, target) else "consumer-protection"
        if helper != target:
            name = SPEC_BY_CODE[helper].name
            life.do("add_cohandler", world.office(world.minutes(life.at, 30, 1500)), act.do_add_cohandler, actor=handler,
                    department=org.department(helper), reason=rng.choice(say.COHANDLER_REASONS).format(name=name))
    if "exclusion" in plan.forces or not plan.story and rng.random() < scenario.unreasonable_share * 0.3:
        code = ExclusionReason.MALICIOUS if scenario.professional else ExclusionReason.UNREASONABLE_DEMAND
        life.do("request_exclusion", world.office(world.minutes(life.at, 60, 3000)), act.do_request_exclusion,
                actor=handler, reason_code=code, reason=rng.choice(say.EXCLUSION_REASONS[code]))
        approve = rng.random() < 0.75
        life.do("decide_exclusion", world.office(world.minutes(life.at, 60, 2500)), act.do_decide_exclusion,
                actor=world.org.user("dispatcher"), approve=approve,
                reason="" if approve else "诉求有一定合理性，不予剔除，请继续办理。")

    extended = False
    if "extension" in plan.forces or not plan.story and rng.random() < (0.08 if is_12345 else 0.06):
        at = world.shift(world.minutes(life.at, 1500, 4000)) if is_12345 else world.working_days(accepted_at, rng.randint(15, 35))
        life.do("extend", at, act.do_extend, actor=handler, working_days=rng.choice((3, 5)) if is_12345 else rng.choice((10, 15, 20)),
                reason=rng.choice(say.EXTENSION_REASONS))
        leader = org.leader_for(target)
        if rng.random() < 0.85:
            life.do("approve_extension", world.office(world.minutes(life.at, 30, 1200)), act.do_approve_extension, actor=leader)
            extended = True
        else:
            life.do("deny_extension", world.office(world.minutes(life.at, 30, 1200)), act.do_deny_extension, actor=leader,
                    reason="延期理由不充分，请在原期限内办结。")

    _mediate_and_conclude(world, life, story, handler=handler, target=target, is_12345=is_12345, extended=extended,
                          accepted_at=accepted_at)
    _after_conclusion(world, life, handler=handler, visit_share=1.0, story=story, target=target)


def _dispatch_at(world: World, life: Life) -> datetime:
    if life.plan.channel in CHANNELS_12345:
        return world.shift(world.minutes(life.at, 10, 120))
    return world.shift(world.minutes(life.at, 15, 240))


def _dispatch_to_wrong_office(world: World, life: Life, merchant: DemoMerchant, scenario: Scenario, target: str) -> None:
    """Seed 000: 35 of 436 orders came back for jurisdiction or remit. Either the address was read
    wrongly and the order goes to the right office after the return, or the matter belongs to
    another department altogether and is transferred out."""
    rng, org = world.rng, world.org
    if scenario.transfer_to:
        first = target if target in OFFICES else merchant.office
        reason = say.RETURN_REASONS_NOT_COMPETENT[scenario.transfer_to]
    else:
        district = SPEC_BY_CODE[merchant.office].parent
        neighbours = [code for code in OFFICES if code != target and SPEC_BY_CODE[code].parent == district]
        first = rng.choice(neighbours or [code for code in OFFICES if code != target])
        street = next((k for kind, k in SPEC_BY_CODE[merchant.office].areas if kind == "keyword" and k in merchant.address), "")
        reason = rng.choice(say.RETURN_REASONS_WRONG_OFFICE).format(street=street or "该地址", office=SPEC_BY_CODE[merchant.office].name)
    life.do("dispatch", _dispatch_at(world, life), act.do_dispatch, actor=world.dispatcher(), department=org.department(first))
    life.do("return", world.office(world.minutes(life.at, 30, 900)), act.do_return, actor=world.handler(first), reason=reason)
    if scenario.transfer_to:
        life.do("transfer", world.shift(world.minutes(life.at, 20, 110)), act.do_transfer, actor=world.dispatcher(),
                department=org.department(scenario.transfer_to), reason=say.TRANSFER_REASONS[scenario.transfer_to])
        return
    life.do("redispatch", world.shift(world.minutes(life.at, 15, 110)), act.do_dispatch, actor=world.dispatcher(),
            department=org.department(target), note="已核实经营地址，重新派单。")


def _mediate_and_conclude(world: World, life: Life, story: say.Story, *, handler, target: str, is_12345: bool,
                          extended: bool, accepted_at: datetime, second_round: bool = False) -> None:
    rng, scenario = world.rng, story.scenario
    if scenario.professional:
        result = _weighted(rng, {MediationResult.SUCCESS: 10, MediationResult.FAILED: 35, MediationResult.TERMINATED: 55})
    elif story.group:
        result = _weighted(rng, {MediationResult.SUCCESS: 40, MediationResult.FAILED: 15, MediationResult.TERMINATED: 45})
    else:
        result = _weighted(rng, {MediationResult.SUCCESS: 60, MediationResult.FAILED: 21, MediationResult.TERMINATED: 19})

    if is_12345 and not extended:
        at = world.shift(world.minutes(life.at, 240, 4200 if rng.random() < 0.85 else 8500))
    elif extended:
        at = world.working_days(life.at, rng.randint(3, 12))
    elif second_round:
        at = world.working_days(life.at, rng.randint(2, 10))
    elif rng.random() < 0.03:
        at = world.working_days(accepted_at, rng.randint(46, 55))  # late: past the 45 working days
    else:
        at = world.working_days(accepted_at, max(1, round(rng.triangular(1, 35, 5))))

    if result == MediationResult.SUCCESS and not second_round and rng.random() < 0.12:
        life.do("mediate", world.office(at - timedelta(days=rng.uniform(1, 4))), act.do_mediate, actor=handler,
                result=MediationResult.FAILED)
    kwargs: dict = {"result": result}
    if result == MediationResult.SUCCESS:
        refund = say.story_refund(rng, story)
        agreement = say.agreement_text(rng, story, refund)
        kwargs.update(agreement=agreement, recovered_amount=refund)
    elif result == MediationResult.TERMINATED:
        if story.group or "关门" in story.problem_text or "打不通" in story.problem_text:
            ground = TerminationGround.RESPONDENT_UNREACHABLE
        else:
            ground = _weighted(rng, {
                TerminationGround.NO_AGREEMENT: 40, TerminationGround.RESPONDENT_REFUSED: 25,
                TerminationGround.PARTY_ABSENT: 15, TerminationGround.COMPLAINANT_WITHDREW: 10,
                TerminationGround.RESPONDENT_UNREACHABLE: 10,
            })
        kwargs["ground"] = ground
    life.do("mediate", at, act.do_mediate, actor=handler, **kwargs)

    office_name = SPEC_BY_CODE[target].name
    if result == MediationResult.SUCCESS:
        outcome, reply = Outcome.MEDIATED, say.reply_mediated(rng, kwargs["agreement"], office_name)
    elif result == MediationResult.FAILED:
        outcome, reply = Outcome.MEDIATION_FAILED, say.reply_failed(rng)
    else:
        outcome = Outcome.MEDIATION_TERMINATED
        reply = say.reply_terminated(rng, TerminationGround(kwargs["ground"]).label)
    conclude_at = world.shift(world.minutes(life.at, 30, 1200)) if is_12345 else world.office(world.minutes(life.at, 30, 3000))
    life.do("conclude", conclude_at, act.do_conclude, actor=handler, outcome=outcome, reply=reply)


def _fast(world: World, life: Life, story: say.Story, reasons: list[str]) -> None:
    """Seed 002: the directive within 15 minutes, a response within 45, on site within 90 where
    needed, feedback within 24 hours of conclusion. Most teams make it; some are late."""
    rng, org = world.rng, world.org
    life.may_stall = False
    if life.order.status == Status.DISPATCHED:  # the team takes directives automatically (demo: it does)
        team = FAST_TEAM
        handler = world.handler(team)
    else:
        team = FAST_TEAM if rng.random() < 0.8 else story.merchant.office
        handler = world.handler(team)
        directed = world.minutes(life.at, 3, 12) if rng.random() < 0.9 else world.minutes(life.at, 14, 28)
        life.do("dispatch", directed, act.do_dispatch, actor=world.dispatcher(), department=org.department(team),
                handler=handler, note="快速响应指令：请立即联系消费者，确需到场的90分钟内到达现场。")
    dispatched = life.at
    life.do("accept", world.minutes(life.at, 1, 6), act.do_accept, actor=handler, note="收到指令。")
    life.do("contact", world.minutes(life.at, 3, 30), act.do_contact, actor=handler, method=ContactMethod.PHONE,
            summary="已电话联系消费者，告知正在赶往现场。")
    if set(reasons) & ON_SITE_REASONS:
        late = rng.random() < 0.08
        life.do("arrive", dispatched + timedelta(minutes=rng.uniform(95, 140) if late else rng.uniform(25, 85)),
                act.do_arrive, actor=handler, note="已到达现场，正在了解情况。")
    _mediate_fast(world, life, story, handler, team)
    _after_conclusion(world, life, handler=handler, visit_share=1.0, story=story, target=team)


def _mediate_fast(world: World, life: Life, story: say.Story, handler, team: str) -> None:
    rng = world.rng
    result = _weighted(rng, {MediationResult.SUCCESS: 75, MediationResult.FAILED: 15, MediationResult.TERMINATED: 10})
    kwargs: dict = {"result": result}
    if result == MediationResult.SUCCESS:
        refund = say.story_refund(rng, story)
        kwargs.update(agreement="现场调解：" + say.agreement_text(rng, story, refund), recovered_amount=refund)
        outcome, reply = Outcome.MEDIATED, say.reply_mediated(rng, kwargs["agreement"], SPEC_BY_CODE[team].name)
    elif result == MediationResult.FAILED:
        outcome, reply = Outcome.MEDIATION_FAILED, say.reply_failed(rng)
    else:
        kwargs["ground"] = TerminationGround.NO_AGREEMENT
        outcome, reply = Outcome.MEDIATION_TERMINATED, say.reply_terminated(rng, TerminationGround.NO_AGREEMENT.label)
    life.do("mediate", world.minutes(life.at, 20, 150), act.do_mediate, actor=handler, **kwargs)
    life.do("conclude", world.minutes(life.at, 10, 90), act.do_conclude, actor=handler, outcome=outcome, reply=reply)


def _report(world: World, life: Life) -> None:
    rng, plan, org = world.rng, life.plan, world.org
    scenario = _pick_scenario(world, plan, report=True)
    violation = rng.choice(scenario.violations)
    merchant = world.merchant_for(tuple(s for s in scenario.sectors if not violation.sectors or s in violation.sectors))
    anonymous = not scenario.professional and plan.channel not in (Channel.LETTER,) and rng.random() < 0.2
    person = None if anonymous else world.callers.pick(professional=scenario.professional)
    voice = say.voice_of(plan.channel)
    if scenario.professional:
        story = say.story_make(rng, scenario, merchant, plan.received_at)
        description = say.professional_text(rng, story, person, report=True)
    else:
        description = say.report_text(rng, violation.text, merchant, voice, anonymous=anonymous)
    line = _line(scenario, merchant)
    category = scenario.category_by_sector.get(merchant.sector, scenario.category)
    draft = OrderDraft(
        type=OrderType.REPORT, channel=plan.channel, received_at=plan.received_at, description=description, line=line,
        urgency=Urgency.URGENT if line in (Line.FOOD, Line.SPECIAL_EQUIPMENT) and rng.random() < 0.15 else Urgency.NORMAL,
        issue=scenario.issue, product_category=category, requests=["查处"], anonymous=anonymous,
        **(_complainant(rng, person, plan.channel) if person else {}),
        **_respondent(rng, merchant, careful=scenario.professional),
    )
    life.register(world.operator(), draft, _register_at(world, plan))
    target = _target_for(world, draft, merchant, report=True)
    life.do("dispatch", _dispatch_at(world, life), act.do_dispatch, actor=world.dispatcher(), department=org.department(target),
            note=rng.choice(("请于15个工作日内作出是否立案的决定。", "", "请依法核查处理。")))
    handler = world.handler(target)
    life.do("accept", world.office(world.minutes(life.at, 30, 2800)), act.do_accept, actor=handler, note="受理核查。")
    if person is not None and rng.random() < 0.6:
        life.do("contact", world.minutes(life.at, 10, 600), act.do_contact, actor=handler, method=ContactMethod.PHONE,
                summary="联系举报人核实举报线索，举报人补充了现场照片。")
    extended = False
    if not plan.story and rng.random() < 0.08:
        life.do("extend", world.working_days(life.at, rng.randint(8, 13)), act.do_extend, actor=handler, working_days=15,
                reason="需调取经营者进货票据并委托检验，申请延长核查期限。")
        life.do("approve_extension", world.office(world.minutes(life.at, 30, 1200)), act.do_approve_extension,
                actor=org.leader_for(target))
        extended = True
    weights = ({Outcome.VERIFIED_NO_CASE: 50, Outcome.UNFOUNDED: 20, Outcome.CASE_FILED: 20, Outcome.PARTLY_FOUNDED: 10}
               if scenario.professional else
               {Outcome.UNFOUNDED: 38, Outcome.VERIFIED_NO_CASE: 27, Outcome.CASE_FILED: 20, Outcome.PARTLY_FOUNDED: 15})
    outcome = _weighted(rng, weights)
    if extended:
        decide_at = world.working_days(life.at, rng.randint(3, 12))
    elif plan.channel in CHANNELS_12345:
        decide_at = world.shift(world.minutes(life.at, 300, 5000))
    elif rng.random() < 0.05:
        decide_at = world.working_days(plan.received_at, rng.randint(16, 20))
    else:
        decide_at = world.working_days(life.at, max(1, round(rng.triangular(1, 14, 5))))
    case_number = ""
    if outcome == Outcome.CASE_FILED:
        case_number = world.case_number(target, decide_at)
        life.do("file_case", decide_at, act.do_file_case, actor=handler, case_number=case_number)
        decide_at = world.office(world.minutes(life.at, 30, 2000))
    life.do("conclude", decide_at, act.do_conclude, actor=handler, outcome=outcome,
            reply=say.reply_report(rng, outcome, case_number))
    _after_conclusion(world, life, handler=handler, visit_share=0 if anonymous else 0.35)


# -------------------------------------------------------------------------------------------------
# After conclusion: review, return visit, 回头看, archive


SATISFACTION = {
    Outcome.MEDIATED: (70, 22, 8), Outcome.ODR_SETTLED: (75, 20, 5), Outcome.ANSWERED: (80, 15, 5),
    Outcome.MEDIATION_FAILED: (18, 37, 45), Outcome.MEDIATION_TERMINATED: (20, 35, 45), Outcome.NOT_ACCEPTED: (25, 35, 40),
}
REPORT_SATISFACTION = (40, 35, 25)
REVIEWABLE = frozenset({Outcome.MEDIATED, Outcome.MEDIATION_FAILED, Outcome.MEDIATION_TERMINATED, Outcome.CASE_FILED,
                        Outcome.VERIFIED_NO_CASE, Outcome.UNFOUNDED, Outcome.PARTLY_FOUNDED})  # fmt: skip


def _after_conclusion(world: World, life: Life, *, handler, visit_share: float, outcome: str = "",
                      story: say.Story | None = None, target: str = "", reopened: bool = False) -> None:
    rng = world.rng
    outcome = outcome or life.order.outcome
    if outcome in REVIEWABLE and rng.random() < 0.45:
        if handler is not None and not reopened and rng.random() < 0.04:
            life.do("review", world.office(world.minutes(life.at, 60, 1800)), act.do_review, actor=world.dispatcher(),
                    approve=False, reason="答复内容过于简单，未说明核查或调解过程，请补充办理后重新办结。")
            life.do("conclude", world.working_days(life.at, rng.randint(1, 3)), act.do_conclude, actor=handler,
                    outcome=outcome, reply=life.order.reply or "已补充核实并重新答复诉求人。")
        else:
            life.do("review", world.office(world.minutes(life.at, 60, 1800)), act.do_review, actor=world.dispatcher(),
                    approve=True)
    if rng.random() >= visit_share:
        return

    visitor = world.visitor()
    visit_at = world.working_days(life.at, rng.randint(1, 4) if rng.random() < 0.9 else rng.randint(6, 9))
    attempts = settings.JIESU_VISIT_MAX_ATTEMPTS
    roll = rng.random()
    if roll < 0.06:
        for attempt in range(attempts):
            at = visit_at if attempt == 0 else world.shift(world.minutes(life.at, 120, 1600))
            life.do("visit", at, act.do_visit, actor=visitor, reached=False, comment="电话无人接听。")
        if rng.random() < 0.8:
            life.do("close", world.shift(world.minutes(life.at, 30, 1800)), act.do_close, actor=visitor)
        return
    if roll < 0.16:
        life.do("visit", visit_at, act.do_visit, actor=visitor, reached=False, comment=rng.choice(("电话无人接听。", "来电人称正在开会，稍后再联系。")))
        visit_at = world.shift(world.minutes(life.at, 120, 1600))
    if life.order.type == OrderType.REPORT:
        weights = REPORT_SATISFACTION
    else:
        weights = SATISFACTION.get(outcome, (50, 30, 20))
    satisfaction = rng.choices((Satisfaction.SATISFIED, Satisfaction.BASICALLY_SATISFIED, Satisfaction.UNSATISFIED), weights)[0]
    resolved_share = {Outcome.MEDIATED: 0.92, Outcome.ODR_SETTLED: 0.95, Outcome.ANSWERED: 0.9}.get(outcome, 0.3)
    resolved = rng.random() < resolved_share
    life.do("visit", visit_at, act.do_visit, actor=visitor, reached=True, resolved=resolved, satisfaction=satisfaction,
            comment=say.visit_comment(rng, satisfaction, resolved))
    if (satisfaction == Satisfaction.UNSATISFIED and story is not None and not reopened and life.order.department_id
            and life.order.type == OrderType.COMPLAINT and rng.random() < 0.3):
        _reopen(world, life, story=story, handler=handler, target=target)
        return
    if rng.random() < 0.85:
        life.do("close", world.shift(world.minutes(life.at, 30, 4000)), act.do_close, actor=visitor)


def _reopen(world: World, life: Life, *, story: say.Story, handler, target: str) -> None:
    """回头看: an unsatisfied complainant's order goes back to its office for another round."""
    rng = world.rng
    life.do("reopen", world.working_days(life.at, rng.randint(1, 5)), act.do_reopen, actor=world.dispatcher(),
            reason="回头看：诉求人对处理结果不满意，退回承办单位重新办理。")
    handler = handler or world.handler(target)
    life.do("contact", world.office(world.minutes(life.at, 30, 1500)), act.do_contact, actor=handler,
            method=ContactMethod.PHONE, summary="再次联系诉求人，了解其不满意的原因。")
    _mediate_and_conclude(world, life, story, handler=handler, target=target, is_12345=False, extended=False,
                          accepted_at=life.at, second_round=True)
    _after_conclusion(world, life, handler=handler, visit_share=1.0, story=story, target=target, reopened=True)


def orders_replay(*, world: World, n: int, batch_size: int = 250,
                  progress: Callable[[int, int], None] | None = None) -> ReplayResult:
    """Plan and replay N orders in time order, one transaction per batch: SQLite then syncs once
    per batch instead of once per action, and an interrupted load keeps whole batches."""
    plans = plans_make(world, n)
    for start in range(0, len(plans), batch_size):
        with transaction.atomic():
            for plan in plans[start:start + batch_size]:
                replay(world, plan)
        if progress is not None:
            progress(min(start + batch_size, len(plans)), len(plans))
    return world.result
