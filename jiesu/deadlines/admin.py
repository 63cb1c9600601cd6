from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from jiesu.deadlines.models import CalendarDay

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
