"""The fast-response directive sheet (快速响应指令书, seed 002): the course is read from the order's
events and deadlines, unreached stages stay pending, each limit is judged on time or late, and the
PDF carries it all in Chinese with the phone masked for a viewer without the right to see it."""

import io
from datetime import timedelta

import pypdf
import pytest

from jiesu.core.errors import NotFound
from jiesu.deadlines.choices import DeadlineKind as K
from jiesu.orders.documents.directive_sheet import (
    Verdict,
    directive_sheet_course,
    directive_sheet_filename,
    directive_sheet_pdf,
)
from jiesu.orders.tests.checks import NOW
from jiesu.orders.tests.factories import register
from jiesu.orders.workflow import actions
from jiesu.organisations.models import PersonalDataAccess
from jiesu.organisations.tests.factories import StaffFactory

STAGE_NAMES = ["受理", "分流", "处置", "反馈", "回访"]


@pytest.fixture
def at(time_machine):
    """`at(minutes)`: freeze the clock that many minutes after NOW, when the order is received."""
    return lambda minutes: time_machine.move_to(NOW + timedelta(minutes=minutes), tick=False)


def fast(org, reasons=("on_site",)):
    return register(org.operator, fast_response_reasons=list(reasons))


def dispatch(order, org, note="立即赶赴现场"):
    return actions.do_dispatch(order=order, actor=org.dispatcher, department=org.fast_team,
                               handler=org.fast_handler, note=note)


def through_visit(org, at, *, directive=10, contact=35, arrive=80):
    """A fast on-site complaint driven through every stage; times are minutes after receipt."""
    at(0)
    order = fast(org)
    at(directive)
    order = dispatch(order, org)
    at(directive + 5)
    order = actions.do_accept(order=order, actor=org.fast_handler)
    at(contact)
    order = actions.do_contact(order=order, actor=org.fast_handler, method="phone", summary="已电话告知处理方式")
    at(arrive)
    order = actions.do_arrive(order=order, actor=org.fast_handler, note="已到达商场")
    at(arrive + 30)
    order = actions.do_mediate(order=order, actor=org.fast_handler, result="success", agreement="商家当场退货",
                               recovered_amount="299")
    at(arrive + 40)
    order = actions.do_conclude(order=order, actor=org.fast_handler, outcome="mediated", reply="已调解，商家退货退款。")
    at(24 * 60)
    return actions.do_visit(order=order, actor=org.visitor, reached=True, resolved=True, satisfaction="satisfied")


def by_code(course):
    return {stage.code: stage for stage in course}


def verdicts(stage):
    return {limit.kind: limit.verdict for limit in stage.limits}


def pdf_text(pdf: bytes) -> str:
    """The text of every page with all whitespace removed: table cells wrap where they like."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return "".join("".join(page.extract_text().split()) for page in reader.pages)


class TestCourse:
    def test_the_five_stages_come_from_the_events_with_time_and_person(self, org, at):
        order = through_visit(org, at)

        course = directive_sheet_course(order)

        assert [stage.name for stage in course] == STAGE_NAMES
        assert all(stage.done for stage in course)
        stages = by_code(course)
        intake, = stages["intake"].entries
        assert (intake.at, intake.person) == (NOW, org.operator.display_name)
        assert "12315热线" in intake.text and "消费现场发生争议且当场投诉" in intake.text
        directive, = stages["route"].entries
        assert (directive.at, directive.person) == (NOW + timedelta(minutes=10), org.dispatcher.display_name)
        assert "快反分队" in directive.text and org.fast_handler.display_name in directive.text
        assert "立即赶赴现场" in directive.text
        handling = stages["handle"].entries
        assert [e.at for e in handling] == [NOW + timedelta(minutes=m) for m in (15, 35, 80, 110)]
        assert {e.person for e in handling} == {org.fast_handler.display_name}
        assert "已电话告知处理方式" in handling[1].text and "挽回经济损失 299.00 元" in handling[3].text
        feedback, = stages["feedback"].entries
        assert "调解成功" in feedback.text and "已调解，商家退货退款。" in feedback.text
        visit, = stages["visit"].entries
        assert visit.person == org.visitor.display_name and "满意" in visit.text and "已解决" in visit.text

    def test_every_limit_kept_is_judged_on_time(self, org, at):
        stages = by_code(directive_sheet_course(through_visit(org, at)))

        assert verdicts(stages["route"]) == {K.DISPATCH_FAST: Verdict.ON_TIME}
        assert verdicts(stages["handle"]) == {K.RESPOND_FAST: Verdict.ON_TIME, K.ARRIVE_FAST: Verdict.ON_TIME}
        assert verdicts(stages["feedback"]) == {K.FEEDBACK_FAST: Verdict.ON_TIME}
        assert verdicts(stages["visit"]) == {K.VISIT: Verdict.ON_TIME}
        respond, = (limit for limit in stages["handle"].limits if limit.kind == K.RESPOND_FAST)
        assert (respond.due_at, respond.met_at) == (NOW + timedelta(minutes=55), NOW + timedelta(minutes=35))

    def test_a_directive_after_15_minutes_and_a_response_after_45_are_late(self, org, at):
        # Directive at 20 minutes (due 15); response 50 minutes after it (due 45); arrival after 95 (due 90).
        stages = by_code(directive_sheet_course(through_visit(org, at, directive=20, contact=70, arrive=115)))

        assert verdicts(stages["route"]) == {K.DISPATCH_FAST: Verdict.LATE}
        assert verdicts(stages["handle"]) == {K.RESPOND_FAST: Verdict.LATE, K.ARRIVE_FAST: Verdict.LATE}

    def test_stages_not_reached_are_pending_and_their_running_limits_shown(self, org, at):
        at(0)
        order = fast(org)
        at(5)

        stages = by_code(directive_sheet_course(order))

        assert stages["intake"].done
        assert [code for code, stage in stages.items() if not stage.done] == ["route", "handle", "feedback", "visit"]
        assert all(stage.entries == () for code, stage in stages.items() if code != "intake")
        assert verdicts(stages["route"]) == {K.DISPATCH_FAST: Verdict.RUNNING}
        assert stages["handle"].limits == stages["feedback"].limits == stages["visit"].limits == ()
        at(16)
        assert verdicts(by_code(directive_sheet_course(order))["route"]) == {K.DISPATCH_FAST: Verdict.OVERDUE}

    def test_an_order_that_needs_no_site_visit_has_no_arrival_limit(self, org, at):
        at(0)
        order = dispatch(fast(org, reasons=["visitor"]), org)

        assert verdicts(by_code(directive_sheet_course(order))["handle"]) == {K.RESPOND_FAST: Verdict.RUNNING}

    def test_a_return_shows_in_routing_and_the_redispatch_sets_the_limits(self, org, at):
        at(0)
        order = dispatch(fast(org), org)
        at(10)
        order = actions.do_return(order=order, actor=org.fast_handler, reason="需要食品科处理")
        at(20)
        order = actions.do_dispatch(order=order, actor=org.dispatcher, department=org.office_a1)
        at(30)

        stages = by_code(directive_sheet_course(order))

        assert [e.at for e in stages["route"].entries] == [NOW, NOW + timedelta(minutes=10), NOW + timedelta(minutes=20)]
        assert "需要食品科处理" in stages["route"].entries[1].text
        respond, = (limit for limit in stages["handle"].limits if limit.kind == K.RESPOND_FAST)
        assert (respond.due_at, respond.verdict) == (NOW + timedelta(minutes=65), Verdict.RUNNING)

    def test_an_order_that_is_not_fast_response_has_no_sheet(self, org, at):
        at(0)
        order = register(org.operator)

        with pytest.raises(NotFound):
            directive_sheet_course(order)
        with pytest.raises(NotFound):
            directive_sheet_pdf(order, org.dispatcher)


class TestPdf:
    def test_the_pdf_is_chinese_text_with_number_stages_and_pending_marks(self, org, at):
        at(0)
        order = dispatch(fast(org), org)

        pdf = directive_sheet_pdf(order, org.dispatcher)
        text = pdf_text(pdf)

        assert pdf.startswith(b"%PDF")
        assert "快速响应指令书" in text and order.number in text
        assert all(name in text for name in STAGE_NAMES)
        assert "某某商场" in text and "羽绒服" in text and "快反分队" in text
        assert "未完成" in text and "计时中" in text
        assert directive_sheet_filename(order) == f"快速响应指令书-{order.number}.pdf"

    def test_a_complete_course_prints_every_step_and_its_verdict(self, org, at):
        order = through_visit(org, at, directive=20)

        text = pdf_text(directive_sheet_pdf(order, org.dispatcher))

        assert "未完成" not in text
        assert "超时完成" in text and "按时" in text
        assert "已调解，商家退货退款。" in text and "已到达商场" in text

    def test_the_phone_is_masked_for_a_viewer_without_the_right_and_nothing_is_logged(self, org, at):
        at(0)
        order = dispatch(fast(org), org)
        team_leader = StaffFactory(username="fast_leader", department=org.fast_team, roles=["leader"])

        text = pdf_text(directive_sheet_pdf(order, team_leader, via="ui"))

        assert "138****8000" in text and "13800138000" not in text
        assert not PersonalDataAccess.objects.exists()

    def test_a_viewer_with_the_right_sees_the_phone_and_the_read_is_logged(self, org, at):
        at(0)
        order = dispatch(fast(org), org)

        text = pdf_text(directive_sheet_pdf(order, org.fast_handler, via="ui"))

        assert "张三" in text and "13800138000" in text
        access = PersonalDataAccess.objects.get()
        assert (access.staff, access.subject, access.fields, access.via) == (
            org.fast_handler, order.number, ["phone"], "ui",
        )

    def test_recorded_text_with_markup_characters_is_printed_as_written(self, org, at):
        at(0)
        order = dispatch(fast(org), org, note="带上<计价器> & 秤")

        text = pdf_text(directive_sheet_pdf(order, org.dispatcher))

        assert "带上<计价器>&秤" in text
