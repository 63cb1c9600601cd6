from .calendar_day import CalendarDay
from .deadline import Deadline
from .policy import DeadlinePolicy
from .reminder import Reminder, ReminderRule

__all__ = ["CalendarDay", "Deadline", "DeadlinePolicy", "Reminder", "ReminderRule"]
