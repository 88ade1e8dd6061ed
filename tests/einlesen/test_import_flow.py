"""Upload, preview, import and report, as staff go through them in the admin."""

import pytest
from django.utils.translation import gettext as _

from einlesen import services
from einlesen.checking import Outcome, check_rows
from einlesen.models import ImportRecord, ImportRun
from einlesen.reading import read_table
from konten.models import Invitation
from mitglieder.models import Profile
from postausgang.models import OutgoingMail
from tests.einlesen.import_files import csv_upload, member, xlsx_upload
from tests.factories import make_profile

ADD = "/admin/einlesen/importrun/add/"


def run_url(run):
    return f"/admin/einlesen/importrun/{run.pk}/change/"


@pytest.fixture
def staff(client, staff_chemnitz):
    client.force_login(staff_chemnitz)
    return client


def upload(client, file):
    response = client.post(ADD, {"file": file})
    assert response.status_code == 302, response.content.decode()[:2000]
    return ImportRun.objects.latest("pk")


def confirm(client, run, **options):
    return client.post(run_url(run), {key: "on" for key, on in options.items() if on})


LIST = [
    member("Atelier Anna", "Chemnitz", "anna@atelier-anna.de", disciplines="Illustration"),
    member("Bruno Baumann", "Zwickau", "bruno@example.org", kind="Person"),
    member("Chemnitzer Klangwerk", "Chemniz", "", disciplines="Musikwirtschaft, Tanzen"),
]


def test_a_list_becomes_draft_profiles_of_the_staff_members_association(staff, chemnitz):
    run = upload(staff, csv_upload(LIST))
    preview = staff.get(run_url(run)).content.decode()
    assert "Atelier Anna" in preview
    assert not Profile.objects.exists()  # nothing before the confirmation
    # The misspelt place is mapped and shown; the unknown discipline reported.
    assert "Chemniz" in preview
    assert "Tanzen" in preview

    response = confirm(staff, run)
    assert response.status_code == 302
    profiles = Profile.objects.order_by("name")
    assert [p.name for p in profiles] == ["Atelier Anna", "Bruno Baumann", "Chemnitzer Klangwerk"]
    assert {p.status for p in profiles} == {Profile.Status.DRAFT}
    assert {p.association for p in profiles} == {chemnitz}
    anna = profiles[0]
    assert anna.contact_email == "anna@atelier-anna.de"
    assert anna.kind == Profile.Kind.COMPANY
    assert [d.slug for d in anna.disciplines.all()] == ["illustration"]
    assert profiles[2].municipality.name == "Chemnitz"
    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE
    assert run.rows == []  # the cells are not kept after the import
    report = staff.get(run_url(run)).content.decode()
    assert "Bruno Baumann" in report
    assert not Invitation.objects.exists()


def test_importing_the_same_file_again_changes_nothing(staff):
    confirm(staff, upload(staff, csv_upload(LIST)))
    before = list(Profile.objects.order_by("pk").values())

    again = upload(staff, csv_upload(LIST))
    rows = check_rows(again.rows, again.association)
    assert {row.outcome for row in rows} == {Outcome.ALREADY_IMPORTED}
    confirm(staff, again, send_invitations=True, include_possible_duplicates=True)

    assert list(Profile.objects.order_by("pk").values()) == before
    assert ImportRecord.objects.count() == 3
    assert not Invitation.objects.exists()


def test_invitations_are_queued_in_bulk_for_rows_with_an_address(staff):
    confirm(staff, upload(staff, csv_upload(LIST)), send_invitations=True)
    invited = Invitation.objects.select_related("user", "profile")
    assert {(i.user.email, i.profile.name) for i in invited} == {
        ("anna@atelier-anna.de", "Atelier Anna"),
        ("bruno@example.org", "Bruno Baumann"),
    }
    mails = OutgoingMail.objects.filter(kind="konten/invitation")
    assert mails.count() == 2
    # Left to send_queued_mail, not sent inside the import's request.
    assert all(mail.send_after is not None for mail in mails)


def test_a_failure_in_the_middle_leaves_nothing_half_imported(staff, monkeypatch):
    run = upload(staff, csv_upload(LIST))

    def failing_invitations(pairs, **kwargs):
        # The profiles, their records and history are written by now.
        assert Profile.objects.count() == 3
        raise RuntimeError("mail server on fire")

    monkeypatch.setattr(services, "invite_new_profiles", failing_invitations)
    with pytest.raises(RuntimeError):
        services.import_run(run, None, send_invitations=True, include_possible_duplicates=False)
    assert not Profile.objects.exists()
    assert not ImportRecord.objects.exists()
    run.refresh_from_db()
    assert run.status == ImportRun.Status.PREVIEW


def test_broken_rows_are_refused_with_reasons_and_the_rest_imported(staff):
    rows = [
        member("Gutes Atelier", "Chemnitz", "gut@example.org"),
        member("", "Chemnitz"),
        member("Ohne Ort", "Atlantis"),
        member("Falsche Adresse", "Chemnitz", "kein-at-zeichen"),
        member("Steuer\x07zeichen", "Chemnitz"),
        member("N" * 151, "Chemnitz"),
        member("Komische Art", "Chemnitz", kind="Roboter"),
    ]
    run = upload(staff, csv_upload(rows))
    checked = check_rows(run.rows, run.association)
    assert [row.outcome for row in checked] == [Outcome.NEW] + [Outcome.ERROR] * 6
    for row in checked[1:]:
        assert row.errors, row.line
    preview = staff.get(run_url(run)).content.decode()
    assert "Atlantis" in preview
    assert "Roboter" in preview
    # Django's own messages, in German.
    assert "Dieses Feld ist zwingend erforderlich." in preview
    assert "gültige E-Mail-Adresse" in preview
    confirm(staff, run)
    assert list(Profile.objects.values_list("name", flat=True)) == ["Gutes Atelier"]


def test_formula_injection_is_kept_as_plain_text(staff):
    formula = '=HYPERLINK("https://evil.example","Klick")'
    run = upload(staff, xlsx_upload([[formula, "Person", "Chemnitz"]]))
    preview = staff.get(run_url(run)).content.decode()
    assert "&quot;https://evil.example&quot;" in preview  # escaped, never markup
    assert '<a href="https://evil.example"' not in preview
    confirm(staff, run)
    assert Profile.objects.get().name == formula


def test_duplicates_within_the_file_and_of_existing_members(staff):
    make_profile("chemnitz", name="Lichtwerk Fotografie", contact_email="info@lichtwerk.de")
    make_profile("leipzig", name="Ostwind Games GmbH")
    rows = [
        member("Lichtwerk", "Chemnitz", "INFO@lichtwerk.de"),  # same address
        member("Ostwind Gams", "Leipzig", "hallo@ostwind-neu.de"),  # similar name
        member("Neu und einmalig", "Chemnitz", "neu@example.org"),
        member("Neu und einmalig (Kopie)", "Chemnitz", "neu@example.org"),  # same key
    ]
    run = upload(staff, csv_upload(rows))
    checked = check_rows(run.rows, run.association)
    assert [row.outcome for row in checked] == [
        Outcome.DUPLICATE,
        Outcome.POSSIBLE_DUPLICATE,
        Outcome.NEW,
        Outcome.IN_FILE,
    ]
    assert checked[3].same_as_line == 4
    preview = staff.get(run_url(run)).content.decode()
    # Leipzig's listed profile is public: named and linked to its public page.
    assert "/mitglieder/ostwind-games-gmbh/" in preview

    confirm(staff, run)
    assert set(Profile.objects.values_list("name", flat=True)) == {
        "Lichtwerk Fotografie",
        "Ostwind Games GmbH",
        "Neu und einmalig",
    }


def test_possible_duplicates_are_imported_when_staff_say_so(staff):
    make_profile("leipzig", name="Ostwind Games GmbH")
    run = upload(staff, csv_upload([member("Ostwind Gams", "Leipzig")]))
    confirm(staff, run, include_possible_duplicates=True)
    assert Profile.objects.filter(name="Ostwind Gams").exists()


def test_a_confirmed_run_cannot_be_imported_twice(staff):
    run = upload(staff, csv_upload(LIST))
    confirm(staff, run)
    with pytest.raises(services.ImportRefused):
        services.import_run(run, None, send_invitations=False, include_possible_duplicates=False)
    assert Profile.objects.count() == 3


def test_an_unreadable_file_is_refused_on_the_upload_page(staff):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = staff.post(ADD, {"file": SimpleUploadedFile("x.csv", b"Vorname\r\nA\r\n")})
    assert response.status_code == 200
    message = _(
        "No column “Name” was found in the first row. Please use the column names of the template."
    )
    assert message in response.content.decode()
    assert not ImportRun.objects.exists()


def test_the_template_is_a_formula_safe_csv_with_the_documented_columns(staff):
    response = staff.get("/admin/einlesen/importrun/vorlage.csv")
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Name;Art;Ort;PLZ")
    table = read_table(
        __import__("django.core.files.uploadedfile", fromlist=["x"]).SimpleUploadedFile(
            "vorlage.csv", response.content
        )
    )
    assert table.ignored_columns == []


def test_landesverband_staff_choose_the_association(client, staff_landesverband, dresden):
    client.force_login(staff_landesverband)
    page = client.get(ADD).content.decode()
    assert 'name="association"' in page
    response = client.post(ADD, {"file": csv_upload(LIST), "association": dresden.pk})
    assert response.status_code == 302
    run = ImportRun.objects.get()
    assert run.association == dresden
    confirm(client, run)
    assert set(Profile.objects.values_list("association__slug", flat=True)) == {"dresden"}


def test_regional_staff_cannot_import_into_another_association(staff, dresden, chemnitz):
    page = staff.get(ADD).content.decode()
    assert 'name="association"' not in page
    staff.post(ADD, {"file": csv_upload(LIST), "association": dresden.pk})
    assert ImportRun.objects.get().association == chemnitz


def test_the_preview_message_strings_exist():
    # The outcome labels reach the page through gettext.
    assert str(_("Possible duplicate"))
