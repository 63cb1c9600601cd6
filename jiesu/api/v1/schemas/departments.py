from ninja import Field, Schema

from jiesu.api.v1.pagination import DEFAULT_LIMIT, MAX_LIMIT


class DepartmentOut(Schema):
    code: str
    name: str
    kind: str
    parent: str | None = Field(None, description="上级部门代码 / parent department code")

    @staticmethod
    def resolve_parent(department) -> str | None:
        return department.parent.code if department.parent_id else None


class DepartmentPage(Schema):
    items: list[DepartmentOut]
    next_cursor: str | None


class DepartmentListQuery(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    cursor: str = ""
