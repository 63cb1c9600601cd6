from ninja import Router

from jiesu.api.v1.schemas.common import ERRORS, ErrorOut
from jiesu.api.v1.schemas.taxonomy import TaxonomyOut
from jiesu.taxonomy.selectors import Kind, category_tree, taxonomy_entries

router = Router(tags=["分类体系 taxonomy"])


def _entry(entry) -> dict:
    return {
        "code": entry.code,
        "name": entry.name,
        "description": entry.description,
        "alias": entry.alias or None,
    }


@router.get(
    "/taxonomy",
    response={200: TaxonomyOut, ERRORS: ErrorOut},
    url_name="taxonomy",
    summary="分类体系 the active codes of line, category, request, issue and fast-response reason",
)
def taxonomy(request):
    """Only what a new order may carry now: entries retired in the admin are left out, entries
    added there appear at once. Any authenticated caller may read it; it holds no personal data."""
    return {
        "lines": [_entry(e) for e in taxonomy_entries(Kind.LINE)],
        "categories": [
            {**_entry(node.entry), "children": [_entry(child) for child in node.children]}
            for node in category_tree()
        ],
        "requests": [_entry(e) for e in taxonomy_entries(Kind.REQUEST)],
        "issues": [_entry(e) for e in taxonomy_entries(Kind.ISSUE)],
        "fast_response_reasons": [_entry(e) for e in taxonomy_entries(Kind.FAST_RESPONSE_REASON)],
    }
