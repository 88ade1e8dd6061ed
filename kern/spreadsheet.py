"""CSV files the site writes, safe to open in a spreadsheet program.

Excel, LibreOffice and Numbers run a cell that starts with `=`, `+`, `-`, `@` (or a tab or
carriage return before one of them) as a formula: `=HYPERLINK(...)` in a member's name
would become a live link in a staff member's export. Every cell we write is prefixed with
an apostrophe in that case, which the programs show as plain text. Excel in Germany expects
semicolons and reads UTF-8 only with a byte-order mark.
"""

import csv
import io

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_response(filename: str, header, rows) -> HttpResponse:
    """`rows` (iterables of values) under `header` as a CSV download named `filename`."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow([safe_cell(label) for label in header])
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return response


def csv_lines(rows):
    """`rows` as lines of the same formula-safe CSV, for downloads that are streamed
    (django StreamingHttpResponse); the caller sends the byte-order mark first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


BYTE_ORDER_MARK = "\ufeff"
