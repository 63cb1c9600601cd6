from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from jiesu.notifications.models import Notification, NotificationRecipient
from jiesu.notifications.services import notifications_retry


class RecipientInline(admin.TabularInline):
    model = NotificationRecipient
    extra = 0
    raw_id_fields = ["staff"]
    readonly_fields = ["read_at"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "step", "channel", "title", "status", "attempts", "sent_at"]
    list_filter = ["status", "step", "channel", "deadline_kind"]
    search_fields = ["title", "order__number", "key"]
    raw_id_fields = ["order", "deadline"]
    readonly_fields = ["key", "created_at", "sent_at", "attempts", "attempt_log"]
    inlines = [RecipientInline]
    actions = ["retry"]

    @admin.action(description=_("重新发送失败的消息"))
    def retry(self, request, queryset):
        count = notifications_retry(ids=queryset.values_list("pk", flat=True))
        self.message_user(request, ngettext("%d 条消息将重新发送", "%d 条消息将重新发送", count) % count, messages.SUCCESS)
