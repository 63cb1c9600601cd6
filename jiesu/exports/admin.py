from django.contrib import admin

from jiesu.exports.models import OrderExport


@admin.register(OrderExport)
class OrderExportAdmin(admin.ModelAdmin):
    """The export log is evidence: it can be read and searched, never added to, changed or emptied."""

    list_display = ["at", "staff", "via", "row_count", "unmasked", "filters", "columns"]
    list_filter = ["via", "unmasked"]
    search_fields = ["staff__username", "staff__full_name"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
