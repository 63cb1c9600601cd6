from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from jiesu.deadlines.models import CalendarDay, Deadline, DeadlinePolicy, Reminder, ReminderRule
from jiesu.notifications.choices import NotificationChannel, RecipientRole

WEEKDAY_NAMES = (_("星期一"), _("星期二"), _("星期三"), _("星期四"), _("星期五"), _("星期六"), _("星期日"))


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    """Where an agency corrects single days of the holiday schedule; a whole year's State Council
    notice goes in through `holidays.calendar_year_set` instead."""

    list_display = ("day", "weekday", "is_working_day", "name", "source")
    list_filter = ("is_working_day", "source")
    date_hierarchy = "day"
    search_fields = ("name",)
    readonly_fields = ("source", "updated_at")
    fields = ("day", "is_working_day", "name", "source", "updated_at")

    @admin.display(description=_("星期"))
    def weekday(self, obj: CalendarDay) -> str:
        return WEEKDAY_NAMES[obj.day.weekday()]

    def save_model(self, request, obj: CalendarDay, form, change: bool) -> None:
        """A day edited here is the agency's own decision, so re-seeding from the package must not
        undo it (holidays.calendar_seed_from_package skips manual rows)."""
        obj.source = CalendarDay.Source.MANUAL
        super().save_model(request, obj, form, change)


@admin.register(DeadlinePolicy)
class DeadlinePolicyAdmin(admin.ModelAdmin):
    """domain.md's defaults, editable per type, channel and urgency; the most specific row wins."""

    list_display = ("kind", "order_type", "channel", "urgency", "length", "unit", "is_active", "note")
    list_editable = ("length", "unit", "is_active")
    list_filter = ("kind", "unit", "is_active")
    search_fields = ("note",)


@admin.register(Deadline)
class DeadlineAdmin(admin.ModelAdmin):
    """Read-only: deadlines move only through workflow actions."""

    list_display = ("order", "kind", "state", "started_at", "due_at", "met_at", "warning")
    list_filter = ("kind", "state")
    search_fields = ("order__number",)
    list_select_related = ("order",)
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReminderRuleForm(forms.ModelForm):
    """Recipients and channels as checkboxes: the JSON lists behind them are codes, not free text."""

    recipients = forms.MultipleChoiceField(
        label=_("接收人"), choices=RecipientRole.choices, widget=forms.CheckboxSelectMultiple
    )
    channels = forms.MultipleChoiceField(
        label=_("渠道"), choices=NotificationChannel.choices, widget=forms.CheckboxSelectMultiple,
        help_text=_("未在 JIESU_NOTIFICATION_CHANNELS 中启用的渠道不会发送"),
    )

    class Meta:
        model = ReminderRule
        fields = ("step", "is_active", "recipients", "channels", "note")


@admin.register(ReminderRule)
class ReminderRuleAdmin(admin.ModelAdmin):
    """The reminder ladder's who and how, per step (issue 4 item 2). The moments are domain.md's."""

    form = ReminderRuleForm
    list_display = ("step", "is_active", "recipient_labels", "channel_labels", "note")
    list_editable = ("is_active",)

    @admin.display(description=_("接收人"))
    def recipient_labels(self, obj: ReminderRule) -> str:
        return "、".join(str(RecipientRole(code).label) for code in obj.recipients if code in RecipientRole.values)

    @admin.display(description=_("渠道"))
    def channel_labels(self, obj: ReminderRule) -> str:
        return "、".join(str(NotificationChannel(c).label) for c in obj.channels if c in NotificationChannel.values)


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    """Read-only: the ladders are written and fired by the services and the sweep."""

    list_display = ("deadline", "round", "step", "at", "fire_at", "state", "fired_at")
    list_filter = ("state", "step")
    search_fields = ("deadline__order__number",)
    list_select_related = ("deadline", "deadline__order")
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
