from .attachment import Attachment
from .event import OrderEvent
from .sequence import DailySequence
from .work_order import WorkOrder

__all__ = ["Attachment", "DailySequence", "OrderEvent", "WorkOrder"]
