"""Data rights: the export (DSGVO Art. 15/20) and deleting one's own account (Art. 17)."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone
from PIL import Image

from aktuelles.models import SuccessReport
from konten.models import Invitation, User
from mitglieder.models import GalleryImage, MembershipRequest, Profile, ProfileLink
from tests.factories import ProfileFactory, SuccessReportFactory, UserFactory
from verbaende.models import Municipality

PASSWORD = "correct-horse-battery-staple"
EXPORT = "/konto/daten/"
DELETE = "/konto/loeschen/"


def jpeg(width=800, height=600, color=(200, 80, 40)):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def full_profile(owned_profile, media, django_capture_on_commit_callbacks):
    """The owner's profile with a portrait, a gallery image, a link, contact data, a
    membership request and an invitation."""
    owned_profile.image = ContentFile(jpeg(), name="olga.jpg")
    owned_profile.phone = "+49 371 555"
    owned_profile.street_address = "Markt 1"
    owned_profile.postal_code = "09111"
    # Renditions are made once the saves commit.
    with django_capture_on_commit_callbacks(execute=True):
        owned_profile.save()
        GalleryImage.objects.create(
            profile=owned_profile,
            image=ContentFile(jpeg(1200, 800, (10, 120, 60)), name="plakat.jpg"),
            alt_text="Ein grünes Plakat",
            caption="Sommerfest 2025",
        )
    ProfileLink.objects.create(profile=owned_profile, kind="instagram", url="https://i.example/o")
    MembershipRequest.objects.create(
        name="Atelier Olga",
        contact_name="Olga Owner",
        email="Owner@Example.org",
        municipality=Municipality.objects.get(slug="chemnitz"),
        profile=owned_profile,
    )
    Invitation.objects.create(
        user=owned_profile.owners.get(),
        profile=owned_profile,
        token_hash="a" * 64,
        expires_at=timezone.now() + timedelta(days=7),
        used_at=timezone.now(),
    )
    owned_profile.refresh_from_db()
    return owned_profile


def stored_files(profile):
    names = [profile.image.name, *(r["name"] for r in profile.image_renditions)]
    for item in profile.gallery.all():
        names.append(item.image.name)
        names.extend(r["name"] for r in item.renditions)
    return names


def download(client):
    response = client.post(EXPORT)
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    return response, archive


# Who may open the pages


@pytest.mark.parametrize("url", [EXPORT, DELETE])
@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_visitors_are_sent_to_the_login(client, reference_data, url, method):
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response["Location"] == f"/konto/anmelden/?next={url}"


@pytest.mark.parametrize("url", [EXPORT, DELETE])
@pytest.mark.parametrize(
    "persona", ["owner", "other_member", "staff_chemnitz", "staff_dresden", "staff_landesverband"]
)
def test_every_logged_in_user_opens_the_pages_for_their_own_data(client_for, request, url, persona):
    user = request.getfixturevalue(persona)
    response = client_for(user).get(url)
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("persona", ["other_member", "staff_chemnitz", "staff_landesverband"])
def test_others_export_only_their_own_data(client_for, request, full_profile, persona):
    user = request.getfixturevalue(persona)
    _response, archive = download(client_for(user))
    data = json.loads(archive.read("daten.json"))
    assert data["account"]["email"] == user.email
    everything = b"".join(archive.read(name) for name in archive.namelist()).decode(
        "utf-8", "replace"
    )
    assert "owner@example.org" not in everything.lower()
    assert "Atelier Olga" not in everything
    assert not [name for name in archive.namelist() if name.startswith("bilder/")]


def test_the_export_page_explains_the_archive_and_lists_the_profiles(client_for, owned_profile):
    html = client_for(owned_profile.owners.get()).get(EXPORT).content.decode()
    assert "daten.json" in html
    assert "Atelier Olga" in html
    assert 'method="post"' in html
    assert 'name="csrfmiddlewaretoken"' in html


# The export


def test_the_export_is_a_zip_download_with_daten_json_and_the_images(client_for, full_profile):
    owner = full_profile.owners.get()
    response, archive = download(client_for(owner))
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment;")
    assert ".zip" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]

    data = json.loads(archive.read("daten.json"))
    assert set(data) >= {"account", "profiles", "membership_requests", "invitations"}
    assert data["account"]["email"] == "owner@example.org"
    assert data["account"]["full_name"] == "Olga Owner"
    assert "password" not in data["account"]
    assert "argon2" not in archive.read("daten.json").decode()

    (profile,) = data["profiles"]
    assert profile["name"] == "Atelier Olga"
    assert profile["contact_email"] == "owner@example.org"
    assert profile["phone"] == "+49 371 555"
    assert profile["street_address"] == "Markt 1"
    assert profile["phone_visibility"] == "hidden"
    assert profile["listed_in_directory"] is True
    assert profile["municipality"] == "Chemnitz"
    assert profile["disciplines"] == ["Kommunikationsdesign"]
    assert profile["links"] == [{"kind": "instagram", "url": "https://i.example/o", "position": 0}]
    assert profile["gallery"][0]["alt_text"] == "Ein grünes Plakat"
    assert profile["gallery"][0]["caption"] == "Sommerfest 2025"
    assert "search_vector" not in profile

    (membership,) = data["membership_requests"]
    assert membership["email"] == "Owner@Example.org"
    (invitation,) = data["invitations"]
    assert invitation["sent_at"] and invitation["expires_at"] and invitation["used_at"]

    # The original files, byte for byte.
    portrait = profile["image_file"]
    gallery_file = profile["gallery"][0]["image_file"]
    assert portrait.startswith("bilder/") and gallery_file.startswith("bilder/")
    assert archive.read(portrait) == full_profile.image.open("rb").read()
    assert archive.read(gallery_file) == full_profile.gallery.get().image.open("rb").read()
    assert sorted(archive.namelist()) == sorted(["daten.json", portrait, gallery_file])


def test_the_export_includes_every_profile_the_user_edits(client_for, owner, reference_data):
    shared = ProfileFactory(name="Gemeinsames Studio", status=Profile.Status.DRAFT)
    shared.owners.add(owner, UserFactory())
    _response, archive = download(client_for(owner))
    names = {p["name"] for p in json.loads(archive.read("daten.json"))["profiles"]}
    assert names == {"Atelier Olga", "Gemeinsames Studio"}


def test_the_export_survives_missing_image_files(client_for, full_profile, media):
    (media / full_profile.image.name).unlink()
    _response, archive = download(client_for(full_profile.owners.get()))
    data = json.loads(archive.read("daten.json"))
    assert data["profiles"][0]["image_file"] is None
    assert len([n for n in archive.namelist() if n.startswith("bilder/")]) == 1


def test_the_export_needs_a_post(client_for, owner):
    response = client_for(owner).get(EXPORT)
    assert response["Content-Type"].startswith("text/html")


# Deleting the account


def test_the_confirmation_page_says_what_is_deleted_and_what_stays(
    client_for, full_profile, reference_data
):
    owner = full_profile.owners.get()
    shared = ProfileFactory(name="Gemeinsames Studio")
    shared.owners.add(owner, UserFactory())
    html = client_for(owner).get(DELETE).content.decode()
    deleted = html[html.index('id="deleted-title"') : html.index('id="kept-title"')]
    kept = html[html.index('id="kept-title"') : html.index('id="confirm-title"')]
    assert "Atelier Olga" in deleted
    assert "Gemeinsames Studio" not in deleted
    assert "Gemeinsames Studio" in kept
    assert 'name="confirmation"' in html


def test_a_wrong_confirmation_deletes_nothing(client_for, full_profile, media):
    owner = full_profile.owners.get()
    files = stored_files(full_profile)
    client = client_for(owner)
    response = client.post(DELETE, {"confirmation": "someone@example.org"})
    assert response.status_code == 200
    assert 'id="form-errors"' in response.content.decode()
    assert User.objects.filter(pk=owner.pk).exists()
    assert Profile.objects.filter(pk=full_profile.pk).exists()
    assert all((media / name).exists() for name in files)
    assert client.get(EXPORT).status_code == 200


def test_an_empty_confirmation_deletes_nothing(client_for, owned_profile):
    owner = owned_profile.owners.get()
    response = client_for(owner).post(DELETE, {"confirmation": ""})
    assert response.status_code == 200
    assert User.objects.filter(pk=owner.pk).exists()


def test_deleting_removes_the_user_the_sole_profile_its_files_and_history(
    client_for, full_profile, media, django_capture_on_commit_callbacks
):
    owner = full_profile.owners.get()
    profile_id = full_profile.pk
    files = stored_files(full_profile)
    assert len(files) >= 4 and all((media / name).exists() for name in files)
    history = Profile.history.model
    assert history.objects.filter(id=profile_id).exists()
    assert any(
        relation.related_model.objects.filter(profile_id=profile_id).exists()
        for relation in history._meta.related_objects
    )
    unrelated_request = MembershipRequest.objects.create(
        name="Jemand anderes",
        contact_name="Jana",
        email="jana@example.org",
        municipality=Municipality.objects.get(slug="leipzig"),
    )

    client = client_for(owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(DELETE, {"confirmation": " OWNER@example.org "})

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert not User.objects.filter(pk=owner.pk).exists()
    assert not Profile.objects.filter(pk=profile_id).exists()
    assert not GalleryImage.objects.filter(profile_id=profile_id).exists()
    assert not ProfileLink.objects.filter(profile_id=profile_id).exists()
    assert not Invitation.objects.filter(profile_id=profile_id).exists()
    assert not MembershipRequest.objects.filter(email__iexact="owner@example.org").exists()
    assert MembershipRequest.objects.filter(pk=unrelated_request.pk).exists()
    assert not history.objects.filter(id=profile_id).exists()
    for relation in history._meta.related_objects:
        assert not relation.related_model.objects.filter(profile_id=profile_id).exists()
    assert not GalleryImage.history.model.objects.filter(profile_id=profile_id).exists()
    assert not ProfileLink.history.model.objects.filter(profile_id=profile_id).exists()
    assert not [name for name in files if (media / name).exists()]
    # Logged out.
    assert "_auth_user_id" not in client.session
    assert client.get(EXPORT).status_code == 302


def test_the_password_also_confirms_the_deletion(client_for, owned_profile):
    owner = owned_profile.owners.get()
    response = client_for(owner).post(DELETE, {"confirmation": PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(pk=owner.pk).exists()


def test_after_deleting_the_home_page_says_so(client_for, owned_profile):
    response = client_for(owned_profile.owners.get()).post(
        DELETE, {"confirmation": "owner@example.org"}, follow=True
    )
    assert response.request["PATH_INFO"] == "/"
    assert len(list(response.context["messages"])) == 1


def test_profiles_with_other_editors_stay_and_only_lose_this_editor(
    client_for, owner, reference_data
):
    colleague = UserFactory(email="kollegin@example.org")
    shared = ProfileFactory(name="Gemeinsames Studio", contact_email="OWNER@example.org")
    shared.owners.add(owner, colleague)
    shared_with_own_address = ProfileFactory(
        name="Zweites Studio", contact_email="kollegin@example.org"
    )
    shared_with_own_address.owners.add(owner, colleague)

    response = client_for(owner).post(DELETE, {"confirmation": "owner@example.org"})

    assert response.status_code == 302
    shared.refresh_from_db()
    shared_with_own_address.refresh_from_db()
    assert list(shared.owners.all()) == [colleague]
    assert list(shared_with_own_address.owners.all()) == [colleague]
    # The deleted person's address no longer receives messages, nor lingers in the history.
    assert shared.contact_email == ""
    assert shared_with_own_address.contact_email == "kollegin@example.org"
    assert not Profile.history.model.objects.filter(
        contact_email__iexact="owner@example.org"
    ).exists()
    assert Profile.history.model.objects.filter(id=shared.pk).exists()
    # The owner's own sole profile is gone.
    assert not Profile.objects.filter(name="Atelier Olga").exists()


def test_deleting_one_account_leaves_other_members_alone(client_for, owner, other_member):
    client_for(owner).post(DELETE, {"confirmation": "owner@example.org"})
    assert User.objects.filter(pk=other_member.pk).exists()
    assert other_member.profiles.filter(name="Studio Otto").exists()


def test_staff_delete_only_their_own_account(client_for, staff_chemnitz, owned_profile):
    response = client_for(staff_chemnitz).post(DELETE, {"confirmation": PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(pk=staff_chemnitz.pk).exists()
    assert Profile.objects.filter(pk=owned_profile.pk).exists()
    assert User.objects.filter(email="owner@example.org").exists()


# CSRF on every POST


@pytest.mark.parametrize("url", [EXPORT, DELETE])
def test_the_data_rights_forms_require_a_csrf_token(owned_profile, url):
    owner = owned_profile.owners.get()
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    response = client.post(url, {"confirmation": "owner@example.org"})
    assert response.status_code == 403
    assert User.objects.filter(pk=owner.pk).exists()
    assert Profile.objects.filter(pk=owned_profile.pk).exists()


# Success reports


@pytest.fixture
def reported_profile(full_profile, staff_chemnitz, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        SuccessReportFactory(
            profile=full_profile,
            title="Sächsischer Staatspreis für Design",
            kind="award",
            status="rejected",
            decided_by=staff_chemnitz,
            decision_reason="Bitte mit Beleg.",
            submitted_by=full_profile.owners.get(),
            image=ContentFile(jpeg(600, 400, (30, 30, 160)), name="urkunde.jpg"),
            image_alt="Die Urkunde",
        )
    return full_profile


def test_the_export_contains_the_success_reports_and_their_images(client_for, reported_profile):
    _response, archive = download(client_for(reported_profile.owners.get()))
    (profile,) = json.loads(archive.read("daten.json"))["profiles"]
    (report,) = profile["success_reports"]
    assert report["title"] == "Sächsischer Staatspreis für Design"
    assert report["kind"] == "award"
    assert report["status"] == "rejected"
    assert report["decision_reason"] == "Bitte mit Beleg."
    assert report["image_alt"] == "Die Urkunde"
    assert report["submitted_by_you"] is True
    assert {"achieved_on", "evidence_url", "description", "created_at", "published_at"} <= set(
        report
    )
    # Other people's accounts are theirs: no staff member's id or address.
    assert "decided_by" not in report
    assert "staff-chemnitz@example.org" not in archive.read("daten.json").decode()
    stored = SuccessReport.objects.get()
    assert report["image_file"].startswith("bilder/")
    assert archive.read(report["image_file"]) == stored.image.open("rb").read()


def test_deleting_the_account_removes_the_success_reports_and_their_files(
    client_for, reported_profile, media, django_capture_on_commit_callbacks
):
    stored = SuccessReport.objects.get()
    files = [stored.image.name, *(r["name"] for r in stored.image_renditions)]
    assert len(files) >= 2 and all((media / name).exists() for name in files)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(reported_profile.owners.get()).post(
            DELETE, {"confirmation": "owner@example.org"}
        )

    assert response.status_code == 302
    assert not SuccessReport.objects.exists()
    assert not [name for name in files if (media / name).exists()]
