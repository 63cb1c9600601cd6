"""Shape of the daily board in API v1. The contract's fields (`date`, `departments` with `code`,
`name`, `received`, `unresolved`, `due_today`, `due_2wd`, `due_3wd`, `overdue`,
`callbacks_pending`, `cleared`) are never renamed within v1; the rest was added beside them."""

from datetime import date as Date

from ninja import Field, Schema

from jiesu.board.selectors import Board, BoardRow


class UnresolvedWhyOut(Schema):
    """Open orders by status; `pending_extension` is the part of `in_progress` awaiting a decision."""

    registered: int
    dispatched: int
    in_progress: int
    pending_extension: int
    returned: int
    odr: int


class BoardRowOut(Schema):
    code: str | None = Field(description="部门代码；合计行为范围根部门，全部单位时为 null")
    name: str
    kind: str | None = None
    depth: int = Field(description="在范围内的层级，0 为最上层")
    received: int = Field(description="前一自然日接收的工单")
    unresolved: int = Field(description="当前未办结的工单")
    unresolved_by_status: UnresolvedWhyOut
    due_today: int = Field(description="当日到期（计时中时限）的在办工单")
    due_2wd: int = Field(description="当日之后、2个工作日内到期（累计）")
    due_3wd: int = Field(description="当日之后、3个工作日内到期（累计，含 due_2wd）")
    overdue: int = Field(description="当日之前已到期仍在计时的在办工单")
    callbacks_pending: int = Field(description="待回拨（来电零遗漏）")
    cleared: bool = Field(description="当日清零：当日到期为 0，且（当日及以后）无超期")


class BoardOut(Schema):
    date: Date
    departments: list[BoardRowOut]
    total: BoardRowOut = Field(description="范围合计 / the whole scope")


def board_out(board: Board, *, total_name: str) -> dict:
    return {
        "date": board.day,
        "departments": [_row(row, row.department.name) for row in board.rows],
        "total": _row(board.total, total_name),
    }


def _row(row: BoardRow, name: str) -> dict:
    counts = row.counts
    return {
        "code": row.code,
        "name": name,
        "kind": row.department.kind if row.department else None,
        "depth": row.depth,
        "received": counts.received,
        "unresolved": counts.unresolved,
        "unresolved_by_status": {
            "registered": counts.registered,
            "dispatched": counts.dispatched,
            "in_progress": counts.in_progress,
            "pending_extension": counts.pending_extension,
            "returned": counts.returned,
            "odr": counts.odr,
        },
        "due_today": counts.due_today,
        "due_2wd": counts.due_2wd,
        "due_3wd": counts.due_3wd,
        "overdue": counts.overdue,
        "callbacks_pending": counts.callbacks_pending,
        "cleared": row.cleared,
    }
