"""Writes on the organisation: departments keep their materialised path, staff their roles, and
API tokens are minted here (the raw token is shown once and never stored)."""

import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jiesu.core.errors import InvalidInput, NotFound, field_error
from jiesu.organisations.choices import DepartmentKind, Role
from jiesu.organisations.models import ApiToken, Department, PersonalDataAccess, Staff


@transaction.atomic
def department_save(*, department: Department) -> Department:
    """Save a department and re-derive its path and its descendants' paths, refusing cycles: a
    wrong path would silently hide orders from the leaders above."""
    if department.kind not in DepartmentKind.values:
        raise field_error("kind", _("未知的部门类型"))
    parent = department.parent
    seen = set()
    while parent is not None:
        if parent.pk == department.pk and department.pk is not None:
            raise field_error("parent", _("上级部门不能是本部门或其下级"))
        if parent.pk in seen:
            break
        seen.add(parent.pk)
        parent = parent.parent
    department.full_clean(exclude=["path"])
    old_path = department.path
    department.save()
    new_path = (department.parent.path if department.parent_id else "/") + f"{department.pk}/"
    if new_path != old_path:
        Department.objects.filter(pk=department.pk).update(path=new_path)
        department.path = new_path
        if old_path:
            for child in Department.objects.filter(path__startswith=old_path).exclude(pk=department.pk):
                Department.objects.filter(pk=child.pk).update(path=new_path + child.path[len(old_path):])
    return department


def department_create(*, code: str, name: str, kind: str, parent: Department | None = None, **extra) -> Department:
    return department_save(department=Department(code=code, name=name, kind=kind, parent=parent, **extra))


@transaction.atomic
def staff_create(
    *, username: str, password: str, full_name: str, department: Department | None, roles: list[str], **extra
) -> Staff:
    unknown = [r for r in roles if r not in Role.values]
    if unknown:
        raise field_error("roles", _("未知的角色：%(roles)s") % {"roles": ", ".join(unknown)})
    if Staff.objects.filter(username=username).exists():
        raise field_error("username", _("用户名已存在"))
    staff = Staff(username=username, full_name=full_name, department=department, roles=list(roles), **extra)
    staff.is_staff = Role.ADMIN in roles
    staff.is_superuser = Role.ADMIN in roles
    staff.set_password(password)
    staff.full_clean()
    staff.save()
    return staff


@transaction.atomic
def api_token_create(*, username: str, name: str = "") -> str:
    """Mint a token for USERNAME; it acts with that user's roles and department scope."""
    staff = Staff.objects.filter(username=username, is_active=True).first()
    if staff is None:
        raise NotFound(_("没有用户名为 %(username)s 的在职人员") % {"username": username})
    raw = "jsu_" + secrets.token_urlsafe(32)
    ApiToken.objects.create(staff=staff, name=name, digest=ApiToken.digest_of(raw), prefix=raw[:8])
    return raw


def _token_cache_key(digest: str) -> str:
    return f"jiesu:api-token:{digest}"


def api_token_authenticate(*, raw: str) -> Staff | None:
    """The staff member a bearer token acts as. The answer is cached for
    JIESU_API_TOKEN_CACHE_SECONDS: the lookup joins three tables and was the largest single cost of
    an API call (docs/benchmarks.md). Revoking a token or changing its staff member clears the entry
    at once in this process and, with a shared CACHE_URL (Redis), in every process; with the default
    per-process cache other processes notice within those seconds."""
    if not raw or len(raw) > 200:
        return None
    digest = ApiToken.digest_of(raw)
    key = _token_cache_key(digest)
    staff = cache.get(key)
    if staff is not None:
        return staff
    token = ApiToken.objects.select_related("staff", "staff__department").filter(
        digest=digest, is_active=True, staff__is_active=True
    ).first()
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 300:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    if settings.JIESU_API_TOKEN_CACHE_SECONDS > 0:
        cache.set(key, token.staff, settings.JIESU_API_TOKEN_CACHE_SECONDS)
    return token.staff


def api_token_cache_clear(*, staff_id: int) -> None:
    """Forget the cached answers for every token of this staff member (after a change to them or
    to one of their tokens)."""
    digests = ApiToken.objects.filter(staff_id=staff_id).values_list("digest", flat=True)
    cache.delete_many([_token_cache_key(digest) for digest in digests])


def personal_data_access_record(*, staff: Staff, subject: str, fields: list[str], via: str, detail=None) -> None:
    """Every unmasked read of phone, ID number or address leaves a row (style.md "Personal data")."""
    if not fields:
        raise InvalidInput(_("未指明访问的字段"))
    PersonalDataAccess.objects.create(staff=staff, subject=subject, fields=fields, via=via, detail=detail or {})
