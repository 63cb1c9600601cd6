"""Reads of analysis reports for the UI, the API and the CLI alike (style.md rule 7). A report made
for a subtree is seen by whoever sees that department; one made for every department only by
those who see everything. Anything outside is "not found"."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from jiesu.core.errors import Forbidden, NotFound, field_error
from jiesu.organisations.models import Staff
from jiesu.organisations.scope import department_scope_q, sees_everything
from jiesu.reports.choices import REPORT_ROLES
from jiesu.reports.models import AnalysisReport

LIST_LIMIT = 100


def report_check_role(viewer: Staff) -> None:
    if not viewer.has_role(*REPORT_ROLES):
        raise Forbidden(_("只有领导、派单员和管理员可以生成和发布分析报告"))


def report_scope(viewer: Staff) -> QuerySet[AnalysisReport]:
    return AnalysisReport.objects.filter(department_scope_q(viewer, "department")).select_related(
        "department", "created_by", "published_by"
    )


def report_list(*, viewer: Staff, limit: int = LIST_LIMIT) -> list[AnalysisReport]:
    report_check_role(viewer)
    return list(report_scope(viewer)[:limit])


def report_get(*, viewer: Staff, pk) -> AnalysisReport:
    report_check_role(viewer)
    found = report_scope(viewer).filter(pk=pk).first() if str(pk).isdigit() else None
    if found is None:
        raise NotFound(_("分析报告不存在"))
    return found


def report_published_findings(*, kind: str, date_from, date_to, department) -> AnalysisReport | None:
    """The latest published report of exactly this period and scope: the CLI and the API use its
    edited findings rather than a fresh draft, so every copy of a published report says the same."""
    return (
        AnalysisReport.objects.filter(
            kind=kind, date_from=date_from, date_to=date_to, department=department, published_at__isnull=False
        )  # fmt: skip
        .order_by("-published_at", "-id")
        .first()
    )


def report_author_get(*, username: str = "") -> Staff:
    """Who a shell report is written as: the named user, or else the first active administrator
    (then the first active leader or dispatcher who sees everything), so that by default the report
    covers every department, as the centre's own report does."""
    active = Staff.objects.select_related("department").filter(is_active=True).order_by("pk")
    if username:
        staff = active.filter(username=username).first()
        if staff is None:
            raise field_error("user", _("没有用户名为 %(username)s 的在职人员") % {"username": username})
        return staff
    everyone = [staff for staff in active if staff.has_role(*REPORT_ROLES) and sees_everything(staff)]
    for staff in everyone:
        if staff.is_admin_role:
            return staff
    if everyone:
        return everyone[0]
    raise field_error("user", _("没有可查看全部单位的在职管理员或领导，请用 --user 指定报告人"))
