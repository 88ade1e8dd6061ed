"""CSV for spreadsheet programs: UTF-8 with a BOM and semicolons (what Excel opens in
Germany), and cells that cannot run as formulas."""

import csv

from django.http import HttpResponse

# Spreadsheet programs run cell contents starting with these characters as formulas.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """The cell's text, with a leading quote if a spreadsheet would take it for a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_response(filename, header, rows) -> HttpResponse:
    """A CSV download of `rows` (iterables of values) under `header`."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow([safe_cell(label) for label in header])
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return response
