from ninja import Query, Router

from jiesu.api.v1.pagination import keyset_page
from jiesu.api.v1.schemas.common import ERRORS, ErrorOut
from jiesu.api.v1.schemas.departments import DepartmentListQuery, DepartmentPage
from jiesu.organisations.scope import department_list

router = Router(tags=["部门 departments"])


@router.get("/departments", response={200: DepartmentPage, ERRORS: ErrorOut}, url_name="department-list",
            summary="部门列表 list departments")
def list_departments(request, query: Query[DepartmentListQuery]):
    """The caller's own subtree plus the external departments anyone may transfer to; the centre
    and the municipal bureau see the whole tree. Ordered by position in the tree."""
    departments = department_list(viewer=request.auth).select_related("parent")
    return keyset_page(departments, key="path", cursor=query.cursor, limit=query.limit)
