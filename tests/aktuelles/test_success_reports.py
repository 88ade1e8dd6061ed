"""/mein-profil/<pk>/erfolge/: members report successes for their own profile; nothing is
public before staff approve it, and bad input is refused in German without storing anything."""

import io

import pytest
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext
from PIL import Image

from aktuelles.models import SuccessReport
from aktuelles.self_service_forms import MAX_PENDING_REPORTS, too_many_pending_message
from medien.uploads import MAX_UPLOAD_BYTES
from mitglieder.models import Profile
from tests.factories import SuccessReportFactory

LOGIN_URL = reverse("konten:login")
DJANGO_REQUIRED = "Dieses Feld ist zwingend erforderlich."  # Django's own German catalogue
MARKUP_ERROR = (
    "Please enter text without HTML tags (such as <b> or <script>). "
    "Use Markdown for formatting where the field allows it."
)


def german(msgid, **params):
    """What a German page shows for `msgid` (the msgid itself until the catalogue has it)."""
    with translation.override("de"):
        text = gettext(msgid)
    return text % params if params else text


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def png(name="urkunde.png", size=(400, 300), color=(200, 40, 40)):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def stored_files(root):
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def list_url(profile):
    return reverse("success_reports:list", kwargs={"pk": profile.pk})


def delete_url(profile, report):
    return reverse("success_reports:delete", kwargs={"pk": profile.pk, "report_pk": report.pk})


def valid_data(**changes):
    data = {
        "kind": "nomination",
        "title": "Nominiert für den Deutschen Designpreis",
        "achieved_on": (timezone.localdate() - timezone.timedelta(days=10)).isoformat(),
        "evidence_url": "https://example.org/nominierte",
        "description": "Mit dem Plakat für das Stadtfest.",
        "image_alt": "",
    }
    return data | changes


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def report(owned_profile):
    return SuccessReportFactory(profile=owned_profile, title="Preis der Stadt Chemnitz")


# --- Who may do what ----------------------------------------------------------------------

# (view, method, the owner's status): an empty form answers 200 with errors.
ENDPOINTS = [
    ("list", "get", 200),
    ("list", "post", 200),
    ("delete", "get", 200),
    ("delete", "post", 302),
]
STRANGERS = ["other_member", "staff_leipzig", "staff_chemnitz", "staff_landesverband"]


def _address(name, profile, report):
    return list_url(profile) if name == "list" else delete_url(profile, report)


def _request(client, method, address, data=None):
    return client.get(address) if method == "get" else client.post(address, data or {})


@pytest.mark.parametrize(("name", "method", "owner_status"), ENDPOINTS)
def test_anonymous_visitors_are_sent_to_the_login(
    client, owned_profile, report, name, method, owner_status
):
    response = _request(client, method, _address(name, owned_profile, report), valid_data())
    assert response.status_code == 302
    assert response.url.startswith(LOGIN_URL)
    assert SuccessReport.objects.count() == 1


@pytest.mark.parametrize("persona", STRANGERS)
@pytest.mark.parametrize(("name", "method", "owner_status"), ENDPOINTS)
def test_everyone_but_the_editors_gets_a_404(
    request, client_for, owned_profile, report, persona, name, method, owner_status
):
    """Other members and staff, even of the profile's own association, see nothing here:
    staff decide in the moderation queue."""
    client = client_for(request.getfixturevalue(persona))
    response = _request(client, method, _address(name, owned_profile, report), valid_data())
    assert response.status_code == 404
    assert list(SuccessReport.objects.values_list("pk", flat=True)) == [report.pk]


@pytest.mark.parametrize(("name", "method", "owner_status"), ENDPOINTS)
def test_the_owner_may(client_for, owner, owned_profile, report, name, method, owner_status):
    response = _request(client_for(owner), method, _address(name, owned_profile, report))
    assert response.status_code == owner_status


def test_a_report_for_someone_elses_profile_is_404_and_stores_nothing(
    client_for, owner, other_member
):
    foreign = other_member.profiles.get()
    response = client_for(owner).post(list_url(foreign), valid_data())
    assert response.status_code == 404
    assert not SuccessReport.objects.exists()


def test_a_report_of_another_profile_is_404_for_the_owner(client_for, owner, other_member):
    foreign_report = SuccessReportFactory(profile=other_member.profiles.get())
    own = owner.profiles.get()
    client = client_for(owner)
    assert client.get(delete_url(own, foreign_report)).status_code == 404
    assert client.post(delete_url(own, foreign_report)).status_code == 404
    assert SuccessReport.objects.filter(pk=foreign_report.pk).exists()


def test_put_and_other_methods_are_refused(client_for, owner, owned_profile, report):
    client = client_for(owner)
    assert client.put(list_url(owned_profile)).status_code == 405
    assert client.delete(delete_url(owned_profile, report)).status_code == 405


@pytest.mark.parametrize("name", ["list", "delete"])
def test_every_post_needs_the_csrf_token(owner, owned_profile, report, name):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    response = client.post(_address(name, owned_profile, report), valid_data())
    assert response.status_code == 403
    assert list(SuccessReport.objects.values_list("pk", flat=True)) == [report.pk]


# --- Reporting a success -----------------------------------------------------------------


def test_a_new_report_waits_for_review_and_is_not_public(client, client_for, owner, owned_profile):
    member = client_for(owner)
    response = member.post(list_url(owned_profile), valid_data())

    report = SuccessReport.objects.get()
    assert response.status_code == 302
    assert response.url == f"{list_url(owned_profile)}#erfolg-{report.pk}"
    assert report.status == SuccessReport.Status.PENDING
    assert report.profile == owned_profile
    assert report.submitted_by == owner
    assert report.published_at is None
    assert any("Kreatives Chemnitz" in m or "Chemnitz" in m for m in messages_of(response))

    page = member.get(list_url(owned_profile)).content.decode()
    assert "Nominiert für den Deutschen Designpreis" in page
    assert german("Waiting for review") in page

    member.logout()
    public = client.get(owned_profile.get_absolute_url()).content.decode()
    assert "Nominiert für den Deutschen Designpreis" not in public
    assert f'id="erfolg-{report.pk}"' not in public


def test_staff_fields_cannot_be_posted_by_the_member(
    client_for, owner, owned_profile, staff_chemnitz
):
    client_for(owner).post(
        list_url(owned_profile),
        valid_data(
            status="approved",
            published_at="2024-01-01 10:00",
            decided_by=staff_chemnitz.pk,
            decision_reason="Selbst genehmigt",
            profile=999,
        ),
    )
    report = SuccessReport.objects.get()
    assert report.status == SuccessReport.Status.PENDING
    assert (report.published_at, report.decided_by, report.decision_reason) == (None, None, "")
    assert report.profile == owned_profile


def test_a_report_with_an_image_is_stored_as_clean_webp(
    client_for, owner, owned_profile, media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(owner).post(
            list_url(owned_profile),
            valid_data(image=png(), image_alt="Die Urkunde auf einem Holztisch"),
        )
    assert response.status_code == 302
    report = SuccessReport.objects.get()
    assert report.image.name.startswith("success-reports/")
    assert report.image.name.endswith(".webp")
    assert report.image_renditions
    assert report.image_alt == "Die Urkunde auf einem Holztisch"


def test_a_report_for_a_draft_profile_may_be_submitted(client_for, owner, owned_profile):
    owned_profile.status = Profile.Status.DRAFT
    owned_profile.save()
    response = client_for(owner).post(list_url(owned_profile), valid_data())
    assert response.status_code == 302
    assert SuccessReport.objects.get().status == SuccessReport.Status.PENDING


# --- Bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        pytest.param({"achieved_on": "1900-01-01"}, "achieved_on", id="date-1900"),
        pytest.param({"achieved_on": "2300-01-01"}, "achieved_on", id="date-2300"),
        pytest.param({"achieved_on": "2024-02-31"}, "achieved_on", id="date-impossible"),
        pytest.param({"achieved_on": ""}, "achieved_on", id="date-missing"),
        pytest.param({"title": "<script>alert(1)</script>"}, "title", id="script-title"),
        pytest.param({"title": ""}, "title", id="title-missing"),
        pytest.param({"title": "x" * 151}, "title", id="title-too-long"),
        pytest.param(
            {"description": "Toll <img src=x onerror=alert(1)>"}, "description", id="html-text"
        ),
        pytest.param({"description": "x" * 601}, "description", id="text-too-long"),
        pytest.param({"evidence_url": "javascript:alert(1)"}, "evidence_url", id="js-link"),
        pytest.param({"evidence_url": "ftp://example.org/x"}, "evidence_url", id="ftp-link"),
        pytest.param(
            {"evidence_url": "https://example.org/<script>"}, "evidence_url", id="script-link"
        ),
        pytest.param({"evidence_url": ""}, "evidence_url", id="link-missing"),
        pytest.param({"kind": "lottery"}, "kind", id="unknown-kind"),
    ],
)
def test_invalid_input_is_refused_in_german_and_nothing_is_stored(
    client_for, owner, owned_profile, media, changes, field
):
    response = client_for(owner).post(list_url(owned_profile), valid_data(**changes))
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    html = response.content.decode()
    assert 'id="form-errors"' in html
    assert not SuccessReport.objects.exists()
    assert stored_files(media) == []


def test_markup_errors_say_so_in_german(client_for, owner, owned_profile):
    response = client_for(owner).post(
        list_url(owned_profile), valid_data(title="<script>alert(1)</script>")
    )
    html = response.content.decode()
    assert escape(german(MARKUP_ERROR)) in html
    assert "<script>alert(1)" not in html


def test_a_date_out_of_range_names_the_range(client_for, owner, owned_profile):
    response = client_for(owner).post(list_url(owned_profile), valid_data(achieved_on="2300-01-01"))
    (error,) = response.context["form"].errors["achieved_on"]
    assert "01.01.1950" in error


def test_an_image_without_description_is_refused(client_for, owner, owned_profile, media):
    response = client_for(owner).post(list_url(owned_profile), valid_data(image=png()))
    assert response.status_code == 200
    assert "image_alt" in response.context["form"].errors
    assert escape(german("Please describe the image for people who cannot see it.")) in (
        response.content.decode()
    )
    assert not SuccessReport.objects.exists()
    assert stored_files(media) == []


def test_a_text_file_called_png_is_refused(client_for, owner, owned_profile, media):
    fake = SimpleUploadedFile("urkunde.png", b"<?php system($_GET['c']); ?>\n" * 20, "image/png")
    response = client_for(owner).post(
        list_url(owned_profile), valid_data(image=fake, image_alt="Urkunde")
    )
    assert response.status_code == 200
    assert "image" in response.context["form"].errors
    assert not SuccessReport.objects.exists()
    assert stored_files(media) == []


def test_an_oversized_image_is_refused(client_for, owner, owned_profile, media):
    huge = SimpleUploadedFile(
        "riesig.jpg", b"\xff\xd8\xff" + b"\0" * MAX_UPLOAD_BYTES, "image/jpeg"
    )
    response = client_for(owner).post(
        list_url(owned_profile), valid_data(image=huge, image_alt="Urkunde")
    )
    assert response.status_code == 200
    (error,) = response.context["form"].errors["image"]
    assert "10" in error
    assert not SuccessReport.objects.exists()
    assert stored_files(media) == []


def test_an_error_elsewhere_says_the_chosen_image_must_be_chosen_again(
    client_for, owner, owned_profile, media
):
    response = client_for(owner).post(
        list_url(owned_profile), valid_data(image=png(), image_alt="Urkunde", title="")
    )
    assert response.context["file_dropped"] is True
    assert stored_files(media) == []


def test_at_most_ten_reports_wait_at_a_time(client_for, owner, owned_profile):
    SuccessReportFactory.create_batch(MAX_PENDING_REPORTS, profile=owned_profile)
    SuccessReportFactory(profile=owned_profile, status="approved")
    member = client_for(owner)

    page = member.get(list_url(owned_profile))
    assert page.context["queue_full"] is True

    response = member.post(list_url(owned_profile), valid_data(title="Der Elfte"))
    assert response.status_code == 200
    with translation.override("de"):
        assert escape(str(too_many_pending_message())) in response.content.decode()
    assert not SuccessReport.objects.filter(title="Der Elfte").exists()
    assert owned_profile.success_reports.pending().count() == MAX_PENDING_REPORTS


# --- Status, deleting ----------------------------------------------------------------------


def test_the_page_shows_each_status_and_the_reason_for_declining(
    client_for, owner, owned_profile, staff_chemnitz
):
    SuccessReportFactory(profile=owned_profile, title="Wartet noch")
    SuccessReportFactory(
        profile=owned_profile, title="Ist online", status="approved", published_at=timezone.now()
    )
    SuccessReportFactory(
        profile=owned_profile,
        title="Abgelehnt",
        status="rejected",
        decided_by=staff_chemnitz,
        decision_reason="Der Link führt auf eine leere Seite.",
    )
    html = client_for(owner).get(list_url(owned_profile)).content.decode()
    for label in ("Waiting for review", "Published", "Declined"):
        assert german(label) in html
    assert "Der Link führt auf eine leere Seite." in html
    assert staff_chemnitz.email not in html


def test_a_report_is_deleted_with_its_files_after_confirmation(
    client, client_for, owner, owned_profile, media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = SuccessReportFactory(
            profile=owned_profile,
            title="Wird gelöscht",
            status="approved",
            published_at=timezone.now(),
            image=ContentFile(png().read(), name="urkunde.png"),
            image_alt="Urkunde",
        )
    report.refresh_from_db()
    assert report.image_renditions and len(stored_files(media)) >= 2
    member = client_for(owner)

    confirmation = member.get(delete_url(owned_profile, report))
    assert "Wird gelöscht" in confirmation.content.decode()
    assert SuccessReport.objects.filter(pk=report.pk).exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = member.post(delete_url(owned_profile, report))
    assert response.status_code == 302
    assert response.url == list_url(owned_profile)
    assert not SuccessReport.objects.filter(pk=report.pk).exists()
    assert stored_files(media) == []
    member.logout()
    assert "Wird gelöscht" not in client.get(owned_profile.get_absolute_url()).content.decode()


def test_the_overview_links_to_the_success_reports(client_for, owner, owned_profile):
    html = client_for(owner).get(reverse("self_service:overview")).content.decode()
    assert list_url(owned_profile) in html


def test_the_preview_of_a_draft_shows_approved_reports(client_for, owner, owned_profile):
    owned_profile.status = Profile.Status.DRAFT
    owned_profile.save()
    SuccessReportFactory(
        profile=owned_profile,
        title="Schon genehmigt",
        status="approved",
        published_at=timezone.now(),
    )
    SuccessReportFactory(profile=owned_profile, title="Noch offen")
    html = client_for(owner).get(f"/mein-profil/{owned_profile.pk}/vorschau/").content.decode()
    assert "Schon genehmigt" in html
    assert "Noch offen" not in html
