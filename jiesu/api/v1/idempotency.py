"""`Idempotency-Key` on every POST (api-v1.md "Conventions"), handled here once for all endpoints.

A system that times out and retries must not register the order twice. Two Ninja decorators
cooperate, because the stored record needs both the caller (known only after authentication) and
the exact response bytes (known only after Ninja serialised the result):

- `replay` wraps the endpoint function, which Ninja calls after authentication and parsing: a key
  seen before for this user answers with the stored response (200), or with 409 `conflict` when
  the body differs; a new key is noted on the request.
- `record` wraps the whole operation in one transaction: the endpoint's writes and the record
  commit together, and an error response rolls everything back, so a failed request leaves no
  record and can be retried with the same key. A request refused before the endpoint ran (its
  body does not parse) still gets 409 when its key already holds another request's response.

The unique (user, key) constraint settles a race between two requests with the same key: the loser
rolls back its own work and replays the winner's response.
"""

import hashlib
import json
from functools import wraps

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from ninja import NinjaAPI

from jiesu.api.models import IdempotencyRecord
from jiesu.core.errors import Conflict, field_error

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255
_PENDING = "_jiesu_idempotency"


class _LostRace(Exception):
    """Raised inside the transaction so that it rolls back the loser's writes."""


def request_hash(request) -> str:
    """SHA-256 of the method, path and body as canonical JSON: key order and whitespace do not
    make two identical requests differ. An upload is hashed by its fields and its files' bytes."""
    if request.content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
        files = {}
        for name, upload in request.FILES.items():
            digest = hashlib.sha256()
            for chunk in upload.chunks():
                digest.update(chunk)
            upload.seek(0)
            files[name] = {"name": upload.name, "size": upload.size, "sha256": digest.hexdigest()}
        body = {"fields": dict(request.POST.lists()), "files": files}
    else:
        try:
            body = json.loads(request.body) if request.body else None
        except ValueError:
            body = request.body.decode("utf-8", "replace")
    canonical = json.dumps(
        {"method": request.method, "path": request.path, "body": body},
        sort_keys=True, separators=(",", ":"), ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def _store(request, pending: tuple[str, str], response) -> None:
    """Keep the response exactly as sent. A unique-constraint failure means a concurrent request
    with the same key committed first: the caller rolls back and replays that one instead."""
    key, digest = pending
    try:
        with transaction.atomic():
            IdempotencyRecord.objects.create(
                user=request.auth, key=key, request_hash=digest, response_status=response.status_code,
                response_body=json.loads(response.content) if response.content else None,
            )
    except IntegrityError as exc:
        raise _LostRace from exc


def _key(request) -> str:
    return request.headers.get(HEADER, "").strip() if request.method == "POST" else ""


def install(api: NinjaAPI) -> None:
    def answer(request, record: IdempotencyRecord, digest: str):
        """The stored first response, or 409 when the key came with another request."""
        if record.request_hash != digest:
            raise Conflict(
                _("Idempotency-Key 已用于另一个请求，请换一个新的键"),
                fields={HEADER: [_("该键已用于内容不同的请求")]},
            )
        response = api.create_response(request, record.response_body, status=200)
        response["Idempotent-Replayed"] = "true"
        return response

    def replay(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            key = _key(request)
            if not key:
                return view(request, *args, **kwargs)
            if len(key) > MAX_KEY_LENGTH:
                raise field_error(HEADER, _("不能超过 %(n)d 个字符") % {"n": MAX_KEY_LENGTH})
            digest = request_hash(request)
            record = IdempotencyRecord.objects.filter(user=request.auth, key=key).first()
            if record is not None:
                return answer(request, record, digest)
            setattr(request, _PENDING, (key, digest))
            return view(request, *args, **kwargs)

        return wrapper

    def record(run):
        @wraps(run)
        def wrapper(request, *args, **kwargs):
            key = _key(request)
            if not key:
                return run(request, *args, **kwargs)
            lost_race = False
            try:
                with transaction.atomic():
                    response = run(request, *args, **kwargs)
                    pending = getattr(request, _PENDING, None)
                    if 200 <= response.status_code < 300:
                        if pending is not None:
                            _store(request, pending, response)
                        return response
                    transaction.set_rollback(True)
            except _LostRace:
                lost_race = True
            # Failed, or lost a race. The key may hold a response all the same: a concurrent request
            # with it committed first (ours then waited for the row lock and found the status moved),
            # or it was first used with another body, which this one fails to parse.
            user = getattr(request, "auth", None)
            if user is None or len(key) > MAX_KEY_LENGTH:
                return response
            winner = IdempotencyRecord.objects.filter(user=user, key=key).first()
            try:
                if winner is not None:
                    return answer(request, winner, pending[1] if pending else request_hash(request))
                if lost_race:
                    raise Conflict(_("同一 Idempotency-Key 的请求正在处理，请稍后重试"))
            except Conflict as exc:
                return api.on_exception(request, exc)
            return response

        return wrapper

    api.add_decorator(replay, mode="operation")  # around the endpoint function
    api.add_decorator(record, mode="view")  # around the whole operation: auth, parsing, rendering
