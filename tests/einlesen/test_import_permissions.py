"""The permission ladder of the import: who may upload, see and confirm a Chemnitz import.
(The GET views of every role are also in tests/moderation/test_admin_permissions.py.)"""

import pytest

from einlesen.models import ImportRun
from mitglieder.models import Profile
from tests.einlesen.import_files import csv_upload, member

LOGIN = 302


@pytest.fixture
def chemnitz_run(chemnitz):
    return ImportRun.objects.create(
        association=chemnitz,
        filename="chemnitz.csv",
        rows=[{"line": 2, "cells": {"name": "Heimliches Atelier", "place": "Chemnitz"}}],
    )


PREVIEW = [
    ("anonymous", LOGIN),
    ("member", LOGIN),
    ("dresden", 404),
    ("leipzig", 404),
    ("chemnitz", 200),
    ("landesverband", 200),
    ("superuser", 200),
]


@pytest.mark.parametrize(("role", "expected"), PREVIEW)
def test_the_preview_of_a_chemnitz_import(client_for, roles, chemnitz_run, role, expected):
    response = client_for(roles[role]).get(f"/admin/einlesen/importrun/{chemnitz_run.pk}/change/")
    assert response.status_code == expected
    html = response.content.decode()
    assert ("Heimliches Atelier" in html) == (expected == 200)


@pytest.mark.parametrize(("role", "expected"), [(r, 302 if s == 200 else s) for r, s in PREVIEW])
def test_confirming_a_chemnitz_import(client_for, roles, chemnitz_run, role, expected):
    response = client_for(roles[role]).post(
        f"/admin/einlesen/importrun/{chemnitz_run.pk}/change/", {"send_invitations": "on"}
    )
    assert response.status_code == expected
    imported = Profile.objects.filter(name="Heimliches Atelier").exists()
    assert imported == (role in {"chemnitz", "landesverband", "superuser"})
    if expected == LOGIN and not imported:
        assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", LOGIN), ("member", LOGIN), ("dresden", 302), ("chemnitz", 302)],
)
def test_uploading(client_for, roles, role, expected):
    response = client_for(roles[role]).post(
        "/admin/einlesen/importrun/add/", {"file": csv_upload([member("Neu", "Chemnitz")])}
    )
    assert response.status_code == expected
    if role in {"anonymous", "member"}:
        assert response["Location"].startswith("/admin/login/")
        assert not ImportRun.objects.exists()
    else:
        # Into the uploader's own association, whatever the place of the rows.
        assert ImportRun.objects.get().association.slug == role


def test_the_list_of_imports_shows_only_the_own_association(client_for, roles, chemnitz_run):
    assert (
        "chemnitz.csv"
        in client_for(roles["chemnitz"]).get("/admin/einlesen/importrun/").content.decode()
    )
    assert (
        "chemnitz.csv"
        not in client_for(roles["dresden"]).get("/admin/einlesen/importrun/").content.decode()
    )


def test_staff_without_an_association_cannot_import(client, reference_data):
    from konten.models import User

    loose = User.objects.create_user(
        email="lose@example.org", password="x-long-pass-1", is_staff=True
    )
    client.force_login(loose)
    assert client.get("/admin/einlesen/importrun/add/").status_code == 403
