from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarDay(models.Model):
    """One day of the State Council holiday schedule (domain.md "Deadlines": working days follow the
    schedule with its swapped working weekends, 调休).

    Whole years are stored, every day a row, so that the span of rows present is the span the
    schedule is known for; outside it `calendar.WorkCalendar` falls back to weekends only and says so.
    `source` keeps an agency's own edits (manual) apart from the rows seeded from the
    chinese_calendar package, which re-seeding never overwrites.
    """

    class Source(models.TextChoices):
        CHINESE_CALENDAR = "chinese_calendar", _("chinese_calendar 数据包")
        MANUAL = "manual", _("人工维护")

    day = models.DateField(_("日期"), unique=True)
    is_working_day = models.BooleanField(_("工作日"))
    name = models.CharField(_("名称"), max_length=100, blank=True, help_text=_("例如：春节、调休上班"))
    source = models.CharField(_("来源"), max_length=32, choices=Source.choices, default=Source.MANUAL)
    # Part of the fingerprint holidays.calendar_load compares to notice edits made by other processes.
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("节假日安排")
        verbose_name_plural = _("节假日安排")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day.isoformat()} {self.name}".rstrip()
