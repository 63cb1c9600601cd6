"""What the export offers a viewer: the API's column list and the UI's picker read the same registry."""

from dataclasses import dataclass

from jiesu.exports.columns import COLUMNS, DEFAULT_COLUMNS
from jiesu.organisations.models import Staff
from jiesu.organisations.scope import may_view_personal_data


@dataclass(frozen=True)
class ExportColumnChoice:
    code: str
    header: str
    personal: bool
    #: Whether this viewer gets the column masked, so the picker can say so before the download.
    masked: bool
    default: bool


def export_column_list(*, viewer: Staff) -> list[ExportColumnChoice]:
    """Every exportable column in the registry's order, as this viewer would receive it."""
    unmasked = may_view_personal_data(viewer)
    return [
        ExportColumnChoice(
            code=column.code,
            header=str(column.header),
            personal=column.personal,
            masked=column.personal and not unmasked,
            default=column.code in DEFAULT_COLUMNS,
        )
        for column in COLUMNS.values()
    ]
