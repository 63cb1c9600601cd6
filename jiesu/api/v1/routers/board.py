"""The daily board over the API (`GET /api/v1/board?date=YYYY-MM-DD`): the same `board_for` as the
staff page, for the city platform's dashboards and the telephony wallboard."""

from django.utils.translation import gettext as _
from ninja import Router

from jiesu.api.v1.schemas.board import BoardOut, board_out
from jiesu.api.v1.schemas.common import ERRORS, ErrorOut
from jiesu.board.selectors import board_day, board_for

router = Router(tags=["每日清单 daily board"])


@router.get("/board", response={200: BoardOut, ERRORS: ErrorOut}, url_name="board",
            summary="每日清单 the daily board")
def get_board(request, date: str = ""):
    """Per department of the caller's scope (subtree roll-ups) and for the whole scope (`total`):
    received the day before, unresolved now and why, due on the day, within 2 and 3 working days
    (cumulative), overdue, call-backs pending and the cleared mark. `date` defaults to today
    (Asia/Shanghai); a malformed one is 400 `validation_error` naming `date`. The date is read as
    text, not as a typed query parameter, so a bad one is the domain's 400 rather than a 422."""
    board = board_for(viewer=request.auth, day=board_day(date))
    total_name = board.scope.name if board.scope else _("全部单位")
    return board_out(board, total_name=total_name)
