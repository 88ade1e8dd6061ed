import pytest
from django.core import mail
from django.test import Client

from mitglieder.models import MembershipRequest
from teilmaerkte.models import Discipline
from verbaende.models import Municipality


@pytest.fixture
def valid_data(reference_data):
    return {
        "name": "Grafikbüro Zwickau",
        "kind": "company",
        "contact_name": "Zora Zwick",
        "email": "zora@example.org",
        "municipality": Municipality.objects.get(slug="zwickau").pk,
        "disciplines": [Discipline.objects.get(slug="kommunikationsdesign").pk],
        "message": "Wir gestalten Bücher und Plakate.",
    }


def test_a_request_lands_with_the_right_regional_association(
    client, valid_data, staff_chemnitz, staff_leipzig, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/mitglied-werden/", valid_data)
    assert response.status_code == 302
    assert response["Location"] == "/mitglied-werden/danke/"
    membership = MembershipRequest.objects.get()
    # Zwickau lies in the catchment of Chemnitz.
    assert membership.association.slug == "chemnitz"
    assert membership.status == MembershipRequest.Status.PENDING
    recipients = set(mail.outbox[0].to)
    assert "staff-chemnitz@example.org" in recipients
    assert "staff-leipzig@example.org" not in recipients


def test_missing_fields_get_german_messages(client, reference_data):
    response = client.post("/mitglied-werden/", {"name": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dieses Feld ist zwingend erforderlich." in html
    assert not MembershipRequest.objects.exists()


def test_too_many_disciplines_are_refused(client, valid_data):
    valid_data["disciplines"] = list(Discipline.objects.values_list("pk", flat=True)[:6])
    response = client.post("/mitglied-werden/", valid_data)
    assert response.status_code == 200
    assert "höchstens 5" in response.content.decode()


def test_bots_filling_the_hidden_field_are_quietly_ignored(
    client, valid_data, staff_chemnitz, django_capture_on_commit_callbacks
):
    valid_data["website_url"] = "http://spam.example"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/mitglied-werden/", valid_data)
    # The same thank-you page as a real request gets: the bot learns nothing.
    assert response.status_code == 302
    assert response["Location"] == "/mitglied-werden/danke/"
    assert not MembershipRequest.objects.exists()
    assert not mail.outbox


def test_the_hidden_field_is_hidden_by_a_class_and_skipped_by_screen_readers(
    client, reference_data
):
    html = client.get("/mitglied-werden/").content.decode()
    start = html.index('aria-hidden="true"', html.index("<form"))
    wrapper = html[html.rindex("<div", 0, start) : html.index("</div>", start)]
    assert 'class="hp-field"' in wrapper
    assert 'name="website_url"' in wrapper
    assert 'tabindex="-1"' in wrapper
    assert 'autocomplete="off"' in wrapper
    assert "<label" in wrapper
    assert "Dieses Feld bitte leer lassen" in wrapper


def test_the_request_form_requires_a_csrf_token(valid_data):
    response = Client(enforce_csrf_checks=True).post("/mitglied-werden/", valid_data)
    assert response.status_code == 403
