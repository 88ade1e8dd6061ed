"""Uploads that staff never import do not keep the cells of the member list for ever."""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from einlesen.models import ImportRun
from tests.einlesen.import_files import csv_upload, member

ADD = "/admin/einlesen/importrun/add/"
LIST = [member("Atelier Anna", "Chemnitz", "anna@atelier-anna.de")]


def upload(client):
    assert client.post(ADD, {"file": csv_upload(LIST)}).status_code == 302
    return ImportRun.objects.latest("pk")


def age(run, days):
    ImportRun.objects.filter(pk=run.pk).update(created_at=timezone.now() - timedelta(days=days))


def test_a_preview_left_alone_is_deleted_after_the_retention_period(
    client, staff_chemnitz, settings
):
    settings.IMPORT_PREVIEW_RETENTION_DAYS = 14
    client.force_login(staff_chemnitz)
    stale, fresh = upload(client), upload(client)
    age(stale, 15)
    age(fresh, 13)

    call_command("purge_import_previews", stdout=StringIO())

    assert list(ImportRun.objects.values_list("pk", flat=True)) == [fresh.pk]


def test_an_imported_run_keeps_its_report_however_old(client, staff_chemnitz):
    client.force_login(staff_chemnitz)
    run = upload(client)
    client.post(f"/admin/einlesen/importrun/{run.pk}/change/", {})
    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE
    age(run, 400)

    call_command("purge_import_previews", stdout=StringIO())

    assert ImportRun.objects.filter(pk=run.pk).exists()
    assert (
        "Atelier Anna" in client.get(f"/admin/einlesen/importrun/{run.pk}/change/").content.decode()
    )
