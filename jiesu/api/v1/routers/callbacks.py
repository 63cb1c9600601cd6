"""Call-back endpoints (来电零遗漏, seed 004): parse, call one service or selector, present.

A call-back outside the caller's department scope is 404; phones are masked for callers without
the right to see personal data, and an unmasked read is written to the access log.
"""

from ninja import Query, Router

from jiesu.api.v1.schemas.callbacks import CallbackListQuery, CallbackOut, CallbackOutcomeIn, CallbackPage
from jiesu.api.v1.schemas.common import ERRORS, ErrorOut
from jiesu.calls.selectors import callback_get, callback_list, callback_phones
from jiesu.calls.services import callback_record_outcome

router = Router(tags=["来电回拨 callbacks"])


def _present(request, callbacks) -> list[dict]:
    phones = callback_phones(viewer=request.auth, callbacks=callbacks, via="api")
    return [
        {
            "id": cb.pk, "phone": phones[cb.pk], "called_at": cb.called_at, "due_at": cb.due_at,
            "status": cb.status, "missed_calls": cb.missed_calls,
            "order": cb.order.number if cb.order_id else None,
        }
        for cb in callbacks
    ]


@router.get("/callbacks", response={200: CallbackPage, ERRORS: ErrorOut}, url_name="callback-list",
            summary="回拨任务列表 list call-backs")
def list_callbacks(request, query: Query[CallbackListQuery]):
    """Soonest due first, within the caller's department scope, keyset-paged by `cursor`;
    `?status=pending` gives the callers still waiting for a call."""
    page = callback_list(viewer=request.auth, status=query.status, cursor=query.cursor, limit=query.limit)
    return {"items": _present(request, page.items), "next_cursor": page.next_cursor}


@router.post("/callbacks/{callback_id}/outcome", response={200: CallbackOut, ERRORS: ErrorOut},
             url_name="callback-outcome", summary="登记回拨结果 record a call-back's outcome")
def record_outcome(request, callback_id: int, body: CallbackOutcomeIn):
    """`reached` closes the call-back; `unreachable` leaves it open for another try. Operators only
    (403 otherwise); a call-back already closed is 409 `invalid_transition`."""
    callback = callback_get(viewer=request.auth, pk=callback_id)
    callback = callback_record_outcome(callback=callback, actor=request.auth, status=body.status, note=body.note)
    return _present(request, [callback])[0]
