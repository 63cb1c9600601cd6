from .calendar_day import CalendarDay
from .deadline import Deadline
from .policy import DeadlinePolicy

__all__ = ["CalendarDay", "Deadline", "DeadlinePolicy"]
