from django.contrib import admin

from jiesu.orders.models import OrderEvent, WorkOrder


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class EventInline(ReadOnlyInline):
    model = OrderEvent
    fields = ["at", "action", "actor", "from_status", "to_status", "data"]
    readonly_fields = fields


@admin.register(WorkOrder)
class WorkOrderAdmin(admin.ModelAdmin):
    """Read-only: an order changes only through workflow actions (style.md rule 4)."""

    list_display = ["number", "type", "channel", "status", "urgency", "line", "respondent_name", "department", "received_at"]
    list_filter = ["type", "status", "channel", "urgency", "line"]
    search_fields = ["number", "respondent_name"]
    date_hierarchy = "received_at"
    inlines = [EventInline]
    list_select_related = ["department"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
