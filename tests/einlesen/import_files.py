"""Member lists as staff upload them: CSV in the encodings spreadsheets write, and .xlsx."""

import codecs
import io

from django.core.files.uploadedfile import SimpleUploadedFile

HEADER = ["Name", "Art", "Ort", "PLZ", "E-Mail", "Website", "Disziplinen", "Kurzbeschreibung"]


def csv_upload(rows, *, header=HEADER, encoding="utf-8", delimiter=";", bom=False, name=None):
    lines = [delimiter.join(header), *(delimiter.join(row) for row in rows)]
    data = ("\r\n".join(lines) + "\r\n").encode(encoding)
    if bom:
        data = codecs.BOM_UTF8 + data
    return SimpleUploadedFile(name or "mitglieder.csv", data, content_type="text/csv")


def xlsx_upload(rows, *, header=HEADER, name="mitglieder.xlsx"):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(
        name,
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def member(name, place="Chemnitz", email="", *, kind="Unternehmen", website="", disciplines=""):
    return [name, kind, place, "", email, website, disciplines, ""]
