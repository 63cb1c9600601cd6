from django.contrib import admin

from jiesu.calls.models import Callback, CallImport, CallRecord


class ReadOnlyAdmin(admin.ModelAdmin):
    """Read-only: calls arrive by import and call-backs change through calls.services, so every
    change keeps its who and when."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CallImport)
class CallImportAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "file_name", "department", "imported_by", "rows", "imported", "callbacks"]
    list_select_related = ["department", "imported_by"]


@admin.register(CallRecord)
class CallRecordAdmin(ReadOnlyAdmin):
    list_display = ["called_at", "caller", "answered", "wait_seconds", "batch"]
    list_filter = ["answered"]
    search_fields = ["caller"]
    date_hierarchy = "called_at"
    show_full_result_count = False


@admin.register(Callback)
class CallbackAdmin(ReadOnlyAdmin):
    list_display = ["phone", "call_date", "missed_calls", "due_at", "status", "handled_by", "order"]
    list_filter = ["status"]
    search_fields = ["phone"]
    list_select_related = ["handled_by", "order"]
