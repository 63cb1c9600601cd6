"""Reading a rendered report back with python-docx, as a reader's Word would open it."""

import io

import docx
from docx.oxml.ns import qn


def open_docx(content: bytes):
    return docx.Document(io.BytesIO(content))


def text_of(document) -> str:
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def table_after(document, heading: str):
    """The first table that follows the paragraph `heading` in the body."""
    seen, index = False, 0
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p") and "".join(t.text or "" for t in child.iter(qn("w:t"))).strip() == heading:
            seen = True
        elif child.tag == qn("w:tbl"):
            if seen:
                return document.tables[index]
            index += 1
    raise AssertionError(f"no table after {heading!r}")


def rows(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]
