"""系统配置 for quality control. Read-only: samples, verdicts and campaign results change only
through quality.services, so each keeps who did it and when, and a draw stays auditable."""

from django.contrib import admin

from jiesu.quality.models import Inspection, ReviewCampaign, ReviewCampaignOrder, SampleBatch


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SampleBatch)
class SampleBatchAdmin(ReadOnlyAdmin):
    list_display = [
        "__str__",
        "department",
        "rate",
        "population",
        "scheduled",
        "drawn_by",
        "drawn_at",
        "seed",
    ]
    list_filter = ["scheduled"]
    list_select_related = ["department", "drawn_by"]
    date_hierarchy = "drawn_at"


@admin.register(Inspection)
class InspectionAdmin(ReadOnlyAdmin):
    list_display = [
        "order",
        "department",
        "batch",
        "order_concluded_at",
        "verdict",
        "inspector",
        "inspected_at",
    ]
    list_filter = ["verdict"]
    search_fields = ["order__number"]
    list_select_related = ["order", "department", "batch", "inspector"]
    show_full_result_count = False


class ReviewCampaignOrderInline(admin.TabularInline):
    model = ReviewCampaignOrder
    fields = [
        "order",
        "result",
        "detail",
        "status_before",
        "satisfaction",
        "resolved",
        "visited_at",
        "actor",
        "at",
    ]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ReviewCampaign)
class ReviewCampaignAdmin(ReadOnlyAdmin):
    list_display = [
        "name",
        "period_start",
        "period_end",
        "unsatisfied",
        "unresolved",
        "department",
        "line",
        "created_by",
        "created_at",
        "last_run_at",
    ]
    list_select_related = ["department", "created_by"]
    inlines = [ReviewCampaignOrderInline]
