"""A Django Ninja endpoint that only inserts a work-order row: no auth, validation, numbering,
deadlines or events. What jiesu's POST /api/v1/orders is compared against."""

import itertools
import os
from datetime import datetime
from zoneinfo import ZoneInfo

from django.urls import path
from ninja import NinjaAPI, Schema

from jiesu.orders.models import WorkOrder

api = NinjaAPI(urls_namespace="bench")
_counter = itertools.count()
_prefix = f"{os.getpid() % 10000:04d}"


class OrderIn(Schema):
    type: str
    channel: str
    description: str
    phone: str
    respondent: str


@api.post("/orders")
def insert(request, body: OrderIn):
    number = f"2999{_prefix}{next(_counter):06d}"
    order = WorkOrder.objects.create(
        number=number, type=body.type, channel=body.channel, description=body.description,
        complainant_phone=body.phone, respondent_name=body.respondent,
        received_at=datetime.now(ZoneInfo("Asia/Shanghai")),
    )
    return {"number": order.number}


urlpatterns = [path("bench/", api.urls)]
