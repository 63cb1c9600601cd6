"""REST API v1 (api-v1.md): the NinjaAPI instance, who may call it, and what it is made of.

Two ways in, both acting as a member of staff with their roles and department scope: a bearer
token for other systems (12345 platform, telephony, mini-programs), and the staff UI's session
cookie, which needs the CSRF token on writes like any Django form.
"""

from django.conf import settings
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Router
from ninja.renderers import JSONRenderer
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from jiesu.api.v1 import errors, idempotency
from jiesu.api.v1.ratelimit import PerUserPerMinute
from jiesu.api.v1.routers import (
    advisories,
    assessment,
    board,
    callbacks,
    departments,
    exports,
    intelligence,
    notifications,
    orders,
    quality,
    reports,
    stats,
)
from jiesu.api.v1.routers import taxonomy as taxonomy_routes
from jiesu.core.errors import Forbidden, NotFound
from jiesu.organisations.services import api_token_authenticate

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class Utf8JSONRenderer(JSONRenderer):
    """Chinese text as UTF-8 rather than \\u escapes: a third of the size, and readable in logs."""

    json_dumps_params = {"ensure_ascii": False}


class BearerToken(HttpBearer):
    """`Authorization: Bearer <token>` as printed by `jiesu token create USERNAME`."""

    def authenticate(self, request, token: str):
        return api_token_authenticate(raw=token)


class StaffSession(APIKeyCookie):
    """The staff UI's login session. A request that names credentials in `Authorization` is judged
    by them alone: a bad token is 401 even from a browser that is also logged in."""

    param_name = settings.SESSION_COOKIE_NAME

    def __call__(self, request):
        if "Authorization" in request.headers:
            return None
        return self.authenticate(request, None)

    def authenticate(self, request, key):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if request.method not in SAFE_METHODS and check_csrf(request) is not None:
            raise Forbidden(_("CSRF 校验失败，请刷新页面后重试"))
        return user


class JiesuAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation) -> str:
        """Short ids from the url names (`order_dispatch`), so clients generated from the schema get
        readable method names that do not change when a module is moved."""
        name = getattr(operation, "url_name", None)
        return name.replace("-", "_") if name else super().get_openapi_operation_id(operation)


api = JiesuAPI(
    title="接诉即办 jiesu API v1",
    version="1",
    description=(
        "12315 / 12345 消费投诉举报工单接口：登记、查询、派单与办理。"
        "认证：`Authorization: Bearer <令牌>`（`jiesu token create USERNAME` 生成），或工作人员登录会话（写操作需 CSRF）。"
        "写操作可带 `Idempotency-Key` 头，重复提交返回首次结果。\n\n"
        "Work orders of the 12315 / 12345 consumer complaint platform: register, query, dispatch and handle. "
        "Auth: `Authorization: Bearer <token>` or the staff session cookie (with CSRF on writes). "
        "Errors are always `{error, detail, fields}`; times are ISO 8601 in +08:00; money is a decimal string."
    ),
    urls_namespace="api-v1",
    auth=[BearerToken(), StaffSession()],
    throttle=[PerUserPerMinute()],
    renderer=Utf8JSONRenderer(),
)

errors.install(api)
idempotency.install(api)

fallback = Router(auth=None)


@fallback.api_operation(["GET", "POST", "PUT", "PATCH", "DELETE"], "/{path:rest}", include_in_schema=False)
def unknown_route(request, rest: str):
    """Answer an unknown path under /api/v1/ with the JSON error shape, not Django's HTML page."""
    raise NotFound(_("接口不存在：%(path)s") % {"path": request.path})


api.add_router("", departments.router)
api.add_router("", orders.router)
api.add_router("", orders.actions_router)
api.add_router("", callbacks.router)
api.add_router("", board.router)
api.add_router("", notifications.router)
api.add_router("", intelligence.router)
api.add_router("", exports.router)
api.add_router("", taxonomy_routes.router)
api.add_router("", quality.router)
api.add_router("", stats.router)
api.add_router("", assessment.router)
api.add_router("", reports.router)
api.add_router("", advisories.router)
api.add_router("", fallback)  # last: it matches every path
