"""Who sees what (domain.md "Organisation"): a user sees their own department's subtree; the
centre and the municipal bureau see everything. Every selector of the UI and the API goes
through these functions, so one rule protects both interfaces."""

from django.db.models import Q, QuerySet

from jiesu.organisations.choices import Role
from jiesu.organisations.models import Department, Staff

PERSONAL_DATA_ROLES = frozenset({Role.OPERATOR, Role.DISPATCHER, Role.HANDLER, Role.VISITOR, Role.ADMIN})


def sees_everything(staff: Staff) -> bool:
    if staff.is_admin_role:
        return True
    return staff.department is not None and staff.department.sees_everything


def scope_path(staff: Staff) -> str | None:
    """The path prefix of the viewer's subtree, or None when they see everything. A user without a
    department sees nothing: the prefix then matches no department."""
    if sees_everything(staff):
        return None
    if staff.department is None:
        return "/nothing/"
    return staff.department.path


def department_in_scope(staff: Staff, department: Department | None) -> bool:
    if department is None:
        return sees_everything(staff)
    prefix = scope_path(staff)
    return prefix is None or department.path.startswith(prefix)


def department_scope_q(staff: Staff, field: str) -> Q:
    """A Q object restricting `field` (a ForeignKey to Department) to the viewer's subtree."""
    prefix = scope_path(staff)
    if prefix is None:
        return Q()
    return Q(**{f"{field}__path__startswith": prefix})


def department_list(*, viewer: Staff, include_external: bool = True) -> QuerySet[Department]:
    """Departments the viewer may pick or look at. External departments (transfer targets) are
    visible to everybody because anyone may need to name one."""
    qs = Department.objects.filter(is_active=True)
    prefix = scope_path(viewer)
    if prefix is not None:
        cond = Q(path__startswith=prefix)
        if include_external:
            cond |= Q(kind="external")
        qs = qs.filter(cond)
    elif not include_external:
        qs = qs.exclude(kind="external")
    return qs.order_by("path")


def may_view_personal_data(staff: Staff) -> bool:
    return staff.may_view_personal_data or bool(set(staff.roles or ()) & PERSONAL_DATA_ROLES)


def staff_in_department_subtree(*, department: Department) -> QuerySet[Staff]:
    return Staff.objects.filter(is_active=True, department__path__startswith=department.path)
