"""Every failure of the API becomes `{"error": CODE, "detail": TEXT, "fields": {FIELD: [MESSAGE]}}`
(api-v1.md "Conventions"), here and nowhere else: endpoints hold no try/except.

Domain errors carry their own code and status (core/errors.py). Ninja's schema errors become 422
`validation_error` with `fields` keyed by the dotted path of the body ("complainant.phone"), so a
client shows them next to the right input whether the schema or the domain refused the value.
Anything unforeseen is a bug: logged with its traceback and answered with a bare 500.
"""

import logging

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from jiesu.core.errors import DomainError

logger = logging.getLogger("jiesu.api")

#: The API's error code for an HTTP status that did not come from a DomainError.
CODES = {
    400: "validation_error",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    409: "conflict",
    413: "too_large",
    422: "validation_error",
    429: "rate_limited",
}

#: Pydantic error types in the words staff read; others keep pydantic's English message.
_MESSAGES = {
    "missing": lambda ctx: _("必填"),
    "string_type": lambda ctx: _("应为文本"),
    "string_too_short": lambda ctx: _("不能为空") if ctx.get("min_length") == 1 else _("至少 %(n)s 个字") % {"n": ctx.get("min_length")},
    "string_too_long": lambda ctx: _("不能超过 %(n)s 个字") % {"n": ctx.get("max_length")},
    "enum": lambda ctx: _("无效的选项，可选：%(expected)s") % {"expected": ctx.get("expected", "")},
    "literal_error": lambda ctx: _("无效的选项，可选：%(expected)s") % {"expected": ctx.get("expected", "")},
    "int_type": lambda ctx: _("应为整数"),
    "int_parsing": lambda ctx: _("应为整数"),
    "int_from_float": lambda ctx: _("应为整数"),
    "bool_type": lambda ctx: _("应为 true 或 false"),
    "bool_parsing": lambda ctx: _("应为 true 或 false"),
    "decimal_type": lambda ctx: _("应为数字（如 \"299.00\"）"),
    "decimal_parsing": lambda ctx: _("应为数字（如 \"299.00\"）"),
    "date_type": lambda ctx: _("日期格式应为 YYYY-MM-DD"),
    "date_parsing": lambda ctx: _("日期格式应为 YYYY-MM-DD"),
    "date_from_datetime_parsing": lambda ctx: _("日期格式应为 YYYY-MM-DD"),
    "datetime_type": lambda ctx: _("时间格式应为 ISO 8601，例如 2025-01-24T10:00:00+08:00"),
    "datetime_parsing": lambda ctx: _("时间格式应为 ISO 8601，例如 2025-01-24T10:00:00+08:00"),
    "datetime_from_date_parsing": lambda ctx: _("时间格式应为 ISO 8601，例如 2025-01-24T10:00:00+08:00"),
    "list_type": lambda ctx: _("应为列表"),
    "model_type": lambda ctx: _("应为对象"),
    "dict_type": lambda ctx: _("应为对象"),
    "model_attributes_type": lambda ctx: _("应为对象"),
    "greater_than_equal": lambda ctx: _("不能小于 %(n)s") % {"n": ctx.get("ge")},
    "less_than_equal": lambda ctx: _("不能大于 %(n)s") % {"n": ctx.get("le")},
}


def error_body(code: str, detail: str, fields: dict | None = None) -> dict:
    return {"error": code, "detail": str(detail), "fields": fields or {}}


def field_path(loc) -> str:
    """Ninja prefixes pydantic's location with where the value came from ("body", "query", "path",
    "file") and, for a body, with the parameter's own name; the client knows neither."""
    parts = list(loc)
    source = parts.pop(0) if parts else ""
    if source == "body" and len(parts) > 1:
        parts.pop(0)
    return ".".join(str(p) for p in parts) or str(source)


def schema_fields(errors: list[dict]) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for error in errors:
        translate = _MESSAGES.get(error.get("type", ""))
        message = translate(error.get("ctx") or {}) if translate else error.get("msg", "")
        fields.setdefault(field_path(error.get("loc", ())), []).append(str(message))
    return fields


def install(api: NinjaAPI) -> None:
    """Register the handlers on `api`; Ninja picks the most specific class of the exception."""

    def respond(request, status: int, body: dict):
        return api.create_response(request, body, status=status)

    @api.exception_handler(DomainError)
    def domain_error(request, exc: DomainError):
        return respond(request, exc.status, error_body(exc.code, exc.detail, exc.fields))

    @api.exception_handler(ValidationError)
    def schema_error(request, exc: ValidationError):
        fields = schema_fields(exc.errors)
        name, messages = next(iter(fields.items()), ("", [""]))
        detail = f"{name}: {messages[0]}" if name else _("请求参数有误")
        return respond(request, 422, error_body("validation_error", detail, fields))

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc: AuthenticationError):
        detail = _("未登录或令牌无效：请使用 Authorization: Bearer <令牌>，或先登录系统")
        response = respond(request, 401, error_body("unauthenticated", detail))
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(Throttled)
    def throttled(request, exc: Throttled):
        return respond(request, 429, error_body("rate_limited", _("请求过于频繁，请稍后再试")))

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        """Ninja's own refusals: an unreadable body (400) and the like."""
        detail = _("请求体不是有效的 JSON") if exc.status_code == 400 else str(exc)
        return respond(request, exc.status_code, error_body(CODES.get(exc.status_code, "error"), detail))

    @api.exception_handler(Http404)
    def not_found(request, exc: Http404):
        return respond(request, 404, error_body("not_found", _("资源不存在")))

    @api.exception_handler(RequestDataTooBig)
    def too_big(request, exc: RequestDataTooBig):
        return respond(request, 413, error_body("too_large", _("请求体过大")))

    @api.exception_handler(TooManyFieldsSent)
    def too_many_fields(request, exc: TooManyFieldsSent):
        return respond(request, 400, error_body("validation_error", _("请求字段过多")))

    @api.exception_handler(Exception)
    def server_error(request, exc: Exception):
        logger.exception("API %s %s failed", request.method, request.path, exc_info=exc)
        return respond(request, 500, error_body("server_error", _("服务器内部错误，已记录，请稍后重试")))
