"""CSV files for spreadsheet programs: UTF-8 with BOM and semicolons (what Excel in German
opens directly), every cell defused against formula injection."""

import csv

from django.http import HttpResponse

# Spreadsheet programs run cell contents starting with these characters as formulas.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value) -> str:
    """`value` as text a spreadsheet shows as text: a leading quote before a formula start."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_response(filename, header, rows) -> HttpResponse:
    """A CSV download of `rows` (iterables of values) under `header`."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow([cell(label) for label in header])
    for row in rows:
        writer.writerow([cell(value) for value in row])
    return response
