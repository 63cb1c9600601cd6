"""Writes of analysis reports: make a draft whose findings are written from the data, let staff
edit them, publish; and render the Word document from the live data with the stored findings.

Seed 004's 分析报告制度 asks for reports that are accurate and compared with earlier periods, then
used for warnings, interviews and briefing the government: the draft's findings are a first text,
and a person answers for what is published. A published report is not edited again.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from jiesu.core import clock
from jiesu.core.errors import Conflict, field_error
from jiesu.organisations.models import Staff
from jiesu.reports.choices import ReportStatus
from jiesu.reports.content import ReportContent, report_content
from jiesu.reports.document import report_docx
from jiesu.reports.findings import findings_write
from jiesu.reports.models import AnalysisReport
from jiesu.reports.selectors import report_check_role, report_published_findings

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAX_FINDINGS = 20000
MAX_TITLE = 200


@dataclass(frozen=True)
class ReportFile:
    filename: str
    content: bytes
    content_type: str = DOCX


def _filename(kind: str, period_text: str) -> str:
    return f"jiesu-report-{kind}-{period_text.replace('..', '_')}.docx"


def report_create(
    *, actor: Staff, kind: str, period: str, name: str = "", department: str = ""
) -> AnalysisReport:
    """A draft for `period` over the actor's scope (or `department` inside it), its findings written
    from the data as they stand now."""
    report_check_role(actor)
    content = report_content(viewer=actor, kind=kind, period_text=period, department=department, name=name)
    report = AnalysisReport(
        kind=kind, period=content.period_text, date_from=content.period.date_from, date_to=content.period.date_to,
        name=content.name, department=content.department, title=content.title,
        findings=findings_write(content), created_by=actor, created_at=clock.now(), updated_at=clock.now(),
    )  # fmt: skip
    report.full_clean()
    report.save()
    return report


def _locked_draft(report: AnalysisReport) -> AnalysisReport:
    report = AnalysisReport.objects.select_for_update(no_key=True).get(pk=report.pk)
    if report.status != ReportStatus.DRAFT:
        raise Conflict(_("报告已发布，不能再修改"))
    return report


@transaction.atomic
def report_update(*, report: AnalysisReport, actor: Staff, findings: str, title: str = "") -> AnalysisReport:
    """Staff's edit of the findings (and the title, when given) of a draft."""
    report_check_role(actor)
    report = _locked_draft(report)
    findings = (findings or "").strip()
    if len(findings) > MAX_FINDINGS:
        raise field_error("findings", _("分析与建议最多 %(n)d 字") % {"n": MAX_FINDINGS})
    title = (title or "").strip()
    if len(title) > MAX_TITLE:
        raise field_error("title", _("标题最多 %(n)d 字") % {"n": MAX_TITLE})
    report.findings = findings
    report.title = title or report.title
    report.updated_at = clock.now()
    report.save(update_fields=["findings", "title", "updated_at"])
    return report


def report_regenerate(*, report: AnalysisReport, actor: Staff) -> AnalysisReport:
    """Write a draft's findings again from the data as it stands now (late orders, a rerun roll-up),
    discarding the edits: staff ask for it, it is never done behind their back."""
    report_check_role(actor)
    text = findings_write(_content(report, actor))
    return report_update(report=report, actor=actor, findings=text, title=report.title)


@transaction.atomic
def report_publish(*, report: AnalysisReport, actor: Staff) -> AnalysisReport:
    report_check_role(actor)
    report = _locked_draft(report)
    if not report.findings.strip():
        raise field_error("findings", _("发布前请填写分析与建议"))
    report.status = ReportStatus.PUBLISHED
    report.published_by = actor
    report.published_at = report.updated_at = clock.now()
    report.save(update_fields=["status", "published_by", "published_at", "updated_at"])
    return report


def _content(report: AnalysisReport, viewer: Staff) -> ReportContent:
    return report_content(
        viewer=viewer, kind=report.kind, period_text=report.period,
        department=report.department.code if report.department else "", name=report.name,
    )  # fmt: skip


def report_render(*, report: AnalysisReport, viewer: Staff) -> ReportFile:
    """The stored report as a .docx: live numbers, the stored title and findings. `report` comes
    from `report_get`, so the viewer sees its whole scope."""
    report_check_role(viewer)
    content = _content(report, viewer)
    return ReportFile(_filename(report.kind, report.period), report_docx(content, findings=report.findings,
                                                                          title=report.title))  # fmt: skip


def report_document(
    *, viewer: Staff, kind: str, period: str, department: str = "", name: str = ""
) -> ReportFile:
    """A report straight from the data (`jiesu report`, the API): with the findings of the published
    report of the same period and scope when there is one, else with findings written now."""
    report_check_role(viewer)
    content = report_content(viewer=viewer, kind=kind, period_text=period, department=department, name=name)
    published = report_published_findings(kind=kind, date_from=content.period.date_from,
                                           date_to=content.period.date_to, department=content.department)  # fmt: skip
    if published is not None:
        docx = report_docx(content, findings=published.findings, title=published.title)
    else:
        docx = report_docx(content, findings=findings_write(content))
    return ReportFile(_filename(kind, content.period_text), docx)
