"""Reading an uploaded member list: CSV (semicolons, commas or tabs; UTF-8 with or without
byte-order mark, UTF-16, or Windows-1252/Latin-1 as Excel in Germany writes it) or Excel
(.xlsx, through openpyxl).

The result is text only: a cell is never evaluated. An Excel formula arrives as the text
the member typed ("=HYPERLINK(...)"), as a CSV cell would. Limits keep a large or hostile
file cheap: its size, the number of rows and columns, and the length of a cell.
"""

import codecs
import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from einlesen.columns import map_headers

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
MAX_COLUMNS = 50
MAX_CELL_LENGTH = 10_000
DELIMITERS = (";", ",", "\t")


class UnreadableFile(Exception):
    """The file as a whole cannot be used; the message is meant for the staff member."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass
class Table:
    """The rows of a member list, each a dict of our column keys (einlesen.columns)."""

    rows: list = field(default_factory=list)  # [{"line": 2, "cells": {"name": ...}}, ...]
    notes: list = field(default_factory=list)  # what the staff member should know
    ignored_columns: list = field(default_factory=list)


def read_table(uploaded) -> Table:
    """Read an uploaded file (a Django UploadedFile) into a Table, or raise UnreadableFile."""
    if uploaded.size > MAX_FILE_BYTES:
        raise UnreadableFile(
            _("The file is larger than %(mb)s MB. Please split it into several files.")
            % {"mb": MAX_FILE_BYTES // (1024 * 1024)}
        )
    data = uploaded.read(MAX_FILE_BYTES + 1)
    name = (uploaded.name or "").lower()
    if name.endswith(".xlsx") or data.startswith(b"PK\x03\x04"):
        lines, notes = _xlsx_lines(data), []
    elif name.endswith((".xls", ".ods", ".numbers")):
        raise UnreadableFile(
            _(
                "This spreadsheet format cannot be read. Please save the list as Excel "
                "workbook (.xlsx) or as CSV."
            )
        )
    else:
        text, notes = decode(data)
        lines = _csv_lines(text)
    return _table(lines, notes)


def decode(data: bytes) -> tuple[str, list]:
    """The text of a CSV file and a note on how it was decoded. UTF-8 (a byte-order mark is
    dropped) and UTF-16 with a mark are read as such; a file that is not valid UTF-8 is
    read line by line, each line as UTF-8 if it is, else as Windows-1252 (which is Latin-1
    plus the euro sign and quotes), so one pasted-in Latin-1 line spoils nothing else."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError as error:
            raise UnreadableFile(_("The file cannot be read as text.")) from error
    if b"\x00" in data[:4096]:
        raise UnreadableFile(
            _("This does not look like a CSV file. Please upload a .csv or .xlsx file.")
        )
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    lines, legacy = [], 0
    for line in data.split(b"\n"):
        try:
            lines.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(_decode_legacy(line))
            legacy += 1
    note = ngettext(
        "%(count)d line was not UTF-8 and was read as Windows-1252 (Latin-1).",
        "%(count)d lines were not UTF-8 and were read as Windows-1252 (Latin-1).",
        legacy,
    ) % {"count": legacy}
    return "\n".join(lines), [note]


def _decode_legacy(line: bytes) -> str:
    try:
        return line.decode("cp1252")
    except UnicodeDecodeError:
        # Five bytes are undefined in Windows-1252; Latin-1 maps them to control
        # characters, which validation then refuses with a clear message.
        return line.decode("latin-1")


def _delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    return max(DELIMITERS, key=first.count)


def _csv_lines(text: str):
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        for index, row in enumerate(reader):
            if index > MAX_ROWS + 1:
                _too_many_rows()
            yield row
    except csv.Error as error:
        raise UnreadableFile(
            _("The CSV file is damaged near line %(line)d. Please check its quotation marks.")
            % {"line": reader.line_num}
        ) from error


def _too_many_rows():
    raise UnreadableFile(
        _("The file has more than %(rows)d rows. Please split it into several files.")
        % {"rows": MAX_ROWS}
    )


def _xlsx_lines(data: bytes):
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        # read_only streams the sheet; data_only=False returns a formula as its text.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        sheet = workbook.worksheets[0]
        rows = []
        for index, row in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS + 1, values_only=True)):
            if index > MAX_ROWS + 1:
                _too_many_rows()
            cells = [_cell_text(value) for value in row]
            while cells and not cells[-1]:
                cells.pop()  # read_only sheets pad every row to the widest one
            rows.append(cells)
        workbook.close()
    except UnreadableFile:
        raise
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, IndexError) as error:
        raise UnreadableFile(
            _("The file is not a valid Excel workbook (.xlsx). Please save it again or as CSV.")
        ) from error
    return rows


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.strftime("%d.%m.%Y")
    return str(value)


def _table(lines, notes) -> Table:
    lines = iter(lines)
    header = next(lines, None)
    while header is not None and not any(cell.strip() for cell in header):
        header = next(lines, None)
    if header is None:
        raise UnreadableFile(_("The file is empty."))
    if len(header) > MAX_COLUMNS:
        raise UnreadableFile(
            _("The file has more than %(columns)d columns.") % {"columns": MAX_COLUMNS}
        )
    columns, ignored = map_headers(header)
    if "name" not in columns.values():
        raise UnreadableFile(
            _(
                "No column “Name” was found in the first row. Please use the column names "
                "of the template."
            )
        )
    table = Table(notes=list(notes), ignored_columns=ignored)
    for line_number, row in enumerate(lines, start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = {}
        for position, key in columns.items():
            value = row[position] if position < len(row) else ""
            cells[key] = value[: MAX_CELL_LENGTH + 1].strip()
        table.rows.append({"line": line_number, "cells": cells})
    if not table.rows:
        raise UnreadableFile(_("The file has column names but no rows."))
    return table
