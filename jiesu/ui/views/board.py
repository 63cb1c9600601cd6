"""The daily board (日清单): the page, its printable A4 sheet and its Excel export, all three drawn
from one `board_for` call so they agree. Every number links to the order list filtered by
`column_filters`, which lists exactly the orders behind it."""

from dataclasses import asdict
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from jiesu.board.excel import board_filename, board_note, board_title, board_workbook
from jiesu.board.selectors import (
    COLUMN_LABELS,
    COLUMNS,
    Board,
    BoardRow,
    board_day,
    board_for,
    column_filters,
)
from jiesu.core import clock
from jiesu.core.errors import InvalidInput

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: Columns drawn as the "why" of the unresolved orders: smaller, under one heading.
WHY_COLUMNS = ("registered", "dispatched", "in_progress", "pending_extension", "returned", "odr")


@login_required
@require_GET
def board(request):
    return _page(request, "ui/board.html")


@login_required
@require_GET
def board_print(request):
    return _page(request, "ui/board_print.html")


@login_required
@require_GET
def board_export(request):
    try:
        data = board_for(viewer=request.user, day=board_day(request.GET.get("date")))
    except InvalidInput as exc:
        return _bad_date(request, "ui/board.html", exc)
    response = HttpResponse(board_workbook(data), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{board_filename(data)}"'
    return response


def _page(request, template: str):
    try:
        data = board_for(viewer=request.user, day=board_day(request.GET.get("date")))
    except InvalidInput as exc:
        return _bad_date(request, template, exc)
    context = {
        "board": data,
        "title": board_title(data),
        "note": board_note(data),
        "is_today": data.day == clock.today(),
        "headers": [{"column": c, "label": COLUMN_LABELS[c], "why": c in WHY_COLUMNS} for c in COLUMNS],
        "why_span": len(WHY_COLUMNS),
        "rows": [_row(data, row) for row in data.rows],
        "total": _row(data, data.total),
        "query": urlencode({"date": data.day.isoformat()}),
    }
    return render(request, template, context)


def _bad_date(request, template: str, exc: InvalidInput):
    context = {"error": exc.fields.get("date", [exc.detail])[0], "date_value": request.GET.get("date", "")}
    return render(request, template, context, status=400)


def _row(board: Board, row: BoardRow) -> dict:
    return {"row": row, "cells": [_cell(board, row, column) for column in COLUMNS]}


def _cell(board: Board, row: BoardRow, column: str) -> dict:
    value = getattr(row.counts, column)
    filters = column_filters(board=board, row=row, column=column)
    href = None
    if filters is not None:
        query = {name: value for name, value in asdict(filters).items() if value}
        href = reverse("ui:order_list") + ("?" + urlencode(query) if query else "")
    elif row is board.total:
        # The call-back list shows the pending ones of the viewer's whole scope: the total's figure.
        href = reverse("ui:callbacks")
    css = "zero" if not value else {"overdue": "n-overdue", "due_today": "n-today"}.get(column, "")
    return {"column": column, "value": value, "href": href, "css": css, "why": column in WHY_COLUMNS}
