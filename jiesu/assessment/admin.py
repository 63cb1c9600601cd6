"""系统配置 for department assessment: the weights are edited here (style.md rule 8); scores and
interviews are read-only, because they change only through assessment.services, which keep the
ranking, the 约谈 rule and the follow-up's reminders consistent."""

from django.contrib import admin

from jiesu.assessment.models import AssessmentWeight, DepartmentScore, Interview


@admin.register(AssessmentWeight)
class AssessmentWeightAdmin(admin.ModelAdmin):
    list_display = ["key", "weight", "updated_at"]
    list_editable = ["weight"]
    list_display_links = ["key"]
    fields = ["key", "weight"]

    def get_readonly_fields(self, request, obj=None):
        return ["key"] if obj is not None else []

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DepartmentScore)
class DepartmentScoreAdmin(ReadOnlyAdmin):
    list_display = [
        "month",
        "department",
        "tier",
        "score",
        "rank",
        "average",
        "below_average",
        "months_below",
        "interview_flag",
        "missing_category",
        "missing_address",
        "missing_reply",
    ]
    list_filter = ["month", "tier", "interview_flag"]
    list_select_related = ["department"]


@admin.register(Interview)
class InterviewAdmin(ReadOnlyAdmin):
    list_display = [
        "__str__",
        "origin",
        "status",
        "planned_on",
        "held_on",
        "follow_up_due",
        "organiser",
        "created_at",
    ]
    list_filter = ["status", "origin"]
    list_select_related = ["department", "merchant", "organiser"]
