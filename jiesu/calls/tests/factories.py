"""Factories and file builders for the call-log tests. Call-backs are normally made by importing a
log (calls_import); `CallbackFactory` is for selector and outcome tests that need one as it is."""

import io
from datetime import datetime, timedelta

import factory

from jiesu.calls.models import Callback
from jiesu.core import clock

ENGLISH_HEADER = ["caller", "time", "answered", "wait_seconds"]
CHINESE_HEADER = ["主叫号码", "来电时间", "是否接通", "等待秒数"]


def at(*args) -> datetime:
    return datetime(*args, tzinfo=clock.SHANGHAI)


def csv_bytes(rows, header=ENGLISH_HEADER, encoding="utf-8") -> bytes:
    lines = [",".join(header), *(",".join(str(c) for c in row) for row in rows)]
    return ("\n".join(lines) + "\n").encode(encoding)


def xlsx_bytes(rows, header=CHINESE_HEADER) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class CallbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Callback

    phone = factory.Sequence(lambda n: f"1390000{n:04d}")
    called_at = factory.LazyFunction(lambda: at(2025, 3, 4, 9, 15))
    call_date = factory.LazyAttribute(lambda o: clock.local(o.called_at).date())
    due_at = factory.LazyAttribute(lambda o: clock.start_of_day(o.call_date) + timedelta(days=1, hours=10, minutes=30))
    missed_calls = 1
