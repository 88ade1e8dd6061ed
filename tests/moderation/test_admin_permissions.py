"""The permission matrix: every admin URL and action, for every role, with the exact status.

The objects belong to Kreatives Chemnitz. Chemnitz staff reach them, staff of Dresden and
Leipzig get 404 (the objects do not exist for them), the Landesverband and superusers see
everything; anonymous visitors and members are sent to the admin login. Every registered
admin is in the matrix, the scoped ones with each of their views.
"""

import csv
import io
import re

import pytest
from django.contrib import admin

from anmeldungen.models import Feedback as EventFeedback
from einbetten.models import Widget
from einlesen.models import ImportRun
from mitglieder.models import Profile
from raeume.models import Listing, Match
from tests.aktuelles.news_data import article
from tests.anmeldungen.registration_data import event_with_registration, registration
from tests.beratung.beratung_data import consultation_objects
from tests.factories import SuccessReportFactory
from tests.kooperationen.call_data import make_call
from tests.raeume.listing_scenes import listing, request_for
from tests.veranstaltungen.factories import EventFactory
from verbaende.models import ContactPerson
from verbaende.scoping import AssociationScopedAdmin

ROLES = ["anonymous", "member", "chemnitz", "dresden", "leipzig", "landesverband", "superuser"]
LOGIN = 302


def statuses(anonymous=LOGIN, member=LOGIN, *, chemnitz, dresden, leipzig, landesverband=200):
    return {
        "anonymous": anonymous,
        "member": member,
        "chemnitz": chemnitz,
        "dresden": dresden,
        "leipzig": leipzig,
        "landesverband": landesverband,
        "superuser": 200,
    }


OWN_OBJECT = statuses(chemnitz=200, dresden=404, leipzig=404)
EVERY_STAFF = statuses(chemnitz=200, dresden=200, leipzig=200)
STATE_ONLY = statuses(chemnitz=403, dresden=403, leipzig=403)
SUPERUSER_ONLY = STATE_ONLY | {"landesverband": 403}
NOBODY = SUPERUSER_ONLY | {"superuser": 403}

# (id, URL with {placeholders} from the chemnitz_objects fixture, expected status per role)
URLS = [
    ("index", "/admin/", EVERY_STAFF),
    ("queue", "/admin/moderation/moderationqueue/", EVERY_STAFF),
    ("profile-list", "/admin/mitglieder/profile/", EVERY_STAFF),
    ("profile-add", "/admin/mitglieder/profile/add/", EVERY_STAFF),
    ("profile-change", "/admin/mitglieder/profile/{profile}/change/", OWN_OBJECT),
    ("profile-history", "/admin/mitglieder/profile/{profile}/history/", OWN_OBJECT),
    (
        "profile-version",
        "/admin/mitglieder/profile/{profile}/history/{history_id}/",
        OWN_OBJECT,
    ),
    ("profile-delete", "/admin/mitglieder/profile/{profile}/delete/", OWN_OBJECT),
    ("profile-moderate", "/admin/mitglieder/profile/{profile}/moderieren/", OWN_OBJECT),
    ("profile-invite", "/admin/mitglieder/profile/{profile}/einladen/", OWN_OBJECT),
    ("request-list", "/admin/mitglieder/membershiprequest/", EVERY_STAFF),
    (
        "request-change",
        "/admin/mitglieder/membershiprequest/{membershiprequest}/change/",
        OWN_OBJECT,
    ),
    (
        "request-history",
        "/admin/mitglieder/membershiprequest/{membershiprequest}/history/",
        OWN_OBJECT,
    ),
    (
        "request-delete",
        "/admin/mitglieder/membershiprequest/{membershiprequest}/delete/",
        OWN_OBJECT,
    ),
    # Requests come from the public form.
    ("request-add", "/admin/mitglieder/membershiprequest/add/", SUPERUSER_ONLY),
    ("invitation-list", "/admin/accounts/invitation/", EVERY_STAFF),
    # Invitations are sent from a profile's page.
    ("invitation-add", "/admin/accounts/invitation/add/", NOBODY),
    ("invitation-change", "/admin/accounts/invitation/{invitation}/change/", OWN_OBJECT),
    ("invitation-history", "/admin/accounts/invitation/{invitation}/history/", OWN_OBJECT),
    ("invitation-delete", "/admin/accounts/invitation/{invitation}/delete/", OWN_OBJECT),
    ("user-list", "/admin/accounts/user/", EVERY_STAFF),
    ("user-add", "/admin/accounts/user/add/", SUPERUSER_ONLY),
    ("user-change", "/admin/accounts/user/{user}/change/", OWN_OBJECT),
    ("user-history", "/admin/accounts/user/{user}/history/", OWN_OBJECT),
    # Members reset their own passwords; only superusers set someone else's.
    ("user-password", "/admin/accounts/user/{user}/password/", SUPERUSER_ONLY),
    ("user-delete", "/admin/accounts/user/{user}/delete/", SUPERUSER_ONLY),
    ("audit-list", "/admin/moderation/moderationaction/", EVERY_STAFF),
    # The audit log is written by decisions only, and never changed.
    ("audit-add", "/admin/moderation/moderationaction/add/", NOBODY),
    (
        "audit-change",
        "/admin/moderation/moderationaction/{moderationaction}/change/",
        OWN_OBJECT,
    ),
    (
        "audit-history",
        "/admin/moderation/moderationaction/{moderationaction}/history/",
        OWN_OBJECT,
    ),
    (
        "audit-delete",
        "/admin/moderation/moderationaction/{moderationaction}/delete/",
        NOBODY,
    ),
    # Outgoing mails hold every association's member addresses: operators only.
    ("outbox-list", "/admin/postausgang/outgoingmail/", SUPERUSER_ONLY),
    ("outbox-add", "/admin/postausgang/outgoingmail/add/", NOBODY),
    # The task queue's rows: the operators' too.
    ("tasks-list", "/admin/django_tasks_database/dbtaskresult/", SUPERUSER_ONLY),
    (
        "autocomplete-place",
        "/admin/autocomplete/?app_label=mitglieder&model_name=profile"
        "&field_name=municipality&term=Chem",
        EVERY_STAFF,
    ),
    (
        "autocomplete-discipline",
        "/admin/autocomplete/?app_label=mitglieder&model_name=profile"
        "&field_name=disciplines&term=Design",
        EVERY_STAFF,
    ),
    ("report-list", "/admin/aktuelles/successreport/", EVERY_STAFF),
    # Reports come from members; staff only decide, correct or delete them.
    ("report-add", "/admin/aktuelles/successreport/add/", SUPERUSER_ONLY),
    ("report-change", "/admin/aktuelles/successreport/{successreport}/change/", OWN_OBJECT),
    ("report-history", "/admin/aktuelles/successreport/{successreport}/history/", OWN_OBJECT),
    ("report-delete", "/admin/aktuelles/successreport/{successreport}/delete/", OWN_OBJECT),
    (
        "autocomplete-report-profile",
        "/admin/autocomplete/?app_label=aktuelles&model_name=successreport"
        "&field_name=profile&term=Atel",
        EVERY_STAFF,
    ),
    ("news-list", "/admin/aktuelles/newsitem/", EVERY_STAFF),
    ("news-add", "/admin/aktuelles/newsitem/add/", EVERY_STAFF),
    ("news-change", "/admin/aktuelles/newsitem/{newsitem}/change/", OWN_OBJECT),
    ("news-history", "/admin/aktuelles/newsitem/{newsitem}/history/", OWN_OBJECT),
    ("news-delete", "/admin/aktuelles/newsitem/{newsitem}/delete/", OWN_OBJECT),
    ("event-list", "/admin/veranstaltungen/event/", EVERY_STAFF),
    ("event-add", "/admin/veranstaltungen/event/add/", EVERY_STAFF),
    ("event-change", "/admin/veranstaltungen/event/{event}/change/", OWN_OBJECT),
    ("event-history", "/admin/veranstaltungen/event/{event}/history/", OWN_OBJECT),
    ("event-delete", "/admin/veranstaltungen/event/{event}/delete/", OWN_OBJECT),
    ("advisor-list", "/admin/beratung/advisor/", EVERY_STAFF),
    ("advisor-add", "/admin/beratung/advisor/add/", EVERY_STAFF),
    ("advisor-change", "/admin/beratung/advisor/{advisor}/change/", OWN_OBJECT),
    ("advisor-history", "/admin/beratung/advisor/{advisor}/history/", OWN_OBJECT),
    ("advisor-delete", "/admin/beratung/advisor/{advisor}/delete/", OWN_OBJECT),
    ("slot-list", "/admin/beratung/slot/", EVERY_STAFF),
    ("slot-add", "/admin/beratung/slot/add/", EVERY_STAFF),
    ("slot-series", "/admin/beratung/slot/serie/", EVERY_STAFF),
    ("slot-change", "/admin/beratung/slot/{slot}/change/", OWN_OBJECT),
    ("slot-history", "/admin/beratung/slot/{slot}/history/", OWN_OBJECT),
    ("slot-delete", "/admin/beratung/slot/{slot}/delete/", OWN_OBJECT),
    ("booking-list", "/admin/beratung/booking/", EVERY_STAFF),
    ("booking-day-list", "/admin/beratung/booking/tagesliste/", EVERY_STAFF),
    # Visitors book on the website.
    ("booking-add", "/admin/beratung/booking/add/", NOBODY),
    ("booking-change", "/admin/beratung/booking/{booking}/change/", OWN_OBJECT),
    ("booking-history", "/admin/beratung/booking/{booking}/history/", OWN_OBJECT),
    ("booking-delete", "/admin/beratung/booking/{booking}/delete/", OWN_OBJECT),
    ("feedback-list", "/admin/beratung/feedback/", EVERY_STAFF),
    # Feedback comes from the bookers' links and is never changed.
    ("feedback-add", "/admin/beratung/feedback/add/", NOBODY),
    ("feedback-change", "/admin/beratung/feedback/{feedback}/change/", OWN_OBJECT),
    ("feedback-history", "/admin/beratung/feedback/{feedback}/history/", OWN_OBJECT),
    ("feedback-delete", "/admin/beratung/feedback/{feedback}/delete/", SUPERUSER_ONLY),
    # One list of topics for all associations, kept by the Landesverband.
    ("topic-list", "/admin/beratung/topic/", EVERY_STAFF),
    ("topic-add", "/admin/beratung/topic/add/", STATE_ONLY),
    # Registrations come from the public form; staff cancel them instead of deleting.
    ("registration-list", "/admin/anmeldungen/registration/", EVERY_STAFF),
    ("registration-add", "/admin/anmeldungen/registration/add/", NOBODY),
    (
        "registration-change",
        "/admin/anmeldungen/registration/{registration}/change/",
        OWN_OBJECT,
    ),
    (
        "registration-history",
        "/admin/anmeldungen/registration/{registration}/history/",
        OWN_OBJECT,
    ),
    ("registration-delete", "/admin/anmeldungen/registration/{registration}/delete/", NOBODY),
    ("registration-checkin", "/admin/anmeldungen/registration/checkin/{event}/", OWN_OBJECT),
    ("registration-csv", "/admin/anmeldungen/registration/csv/{event}/", OWN_OBJECT),
    ("event-feedback-list", "/admin/anmeldungen/feedback/", EVERY_STAFF),
    ("event-feedback-add", "/admin/anmeldungen/feedback/add/", NOBODY),
    ("event-feedback-change", "/admin/anmeldungen/feedback/{event_feedback}/change/", OWN_OBJECT),
    ("event-feedback-history", "/admin/anmeldungen/feedback/{event_feedback}/history/", OWN_OBJECT),
    (
        "event-feedback-delete",
        "/admin/anmeldungen/feedback/{event_feedback}/delete/",
        SUPERUSER_ONLY,
    ),
    ("widget-list", "/admin/einbetten/widget/", EVERY_STAFF),
    ("widget-add", "/admin/einbetten/widget/add/", EVERY_STAFF),
    ("widget-change", "/admin/einbetten/widget/{widget}/change/", OWN_OBJECT),
    ("widget-history", "/admin/einbetten/widget/{widget}/history/", OWN_OBJECT),
    ("widget-delete", "/admin/einbetten/widget/{widget}/delete/", OWN_OBJECT),
    ("pages", "/admin/seiten/page/", STATE_ONLY),
    ("association-list", "/admin/verbaende/association/", EVERY_STAFF),
    # Only superusers create associations; the Landesverband keeps their texts and regions.
    ("association-add", "/admin/verbaende/association/add/", SUPERUSER_ONLY),
    ("district-list", "/admin/verbaende/district/", EVERY_STAFF),
    ("contactperson-list", "/admin/verbaende/contactperson/", EVERY_STAFF),
    ("contactperson-add", "/admin/verbaende/contactperson/add/", EVERY_STAFF),
    (
        "contactperson-change",
        "/admin/verbaende/contactperson/{contactperson}/change/",
        OWN_OBJECT,
    ),
    (
        "contactperson-history",
        "/admin/verbaende/contactperson/{contactperson}/history/",
        OWN_OBJECT,
    ),
    (
        "contactperson-delete",
        "/admin/verbaende/contactperson/{contactperson}/delete/",
        OWN_OBJECT,
    ),
    ("municipality-list", "/admin/verbaende/municipality/", EVERY_STAFF),
    ("municipality-add", "/admin/verbaende/municipality/add/", STATE_ONLY),
    ("submarket-list", "/admin/sparten/submarket/", EVERY_STAFF),
    ("discipline-list", "/admin/sparten/discipline/", EVERY_STAFF),
    ("discipline-add", "/admin/sparten/discipline/add/", STATE_ONLY),
    ("group-list", "/admin/auth/group/", SUPERUSER_ONLY),
    ("import-list", "/admin/einlesen/importrun/", EVERY_STAFF),
    ("import-add", "/admin/einlesen/importrun/add/", EVERY_STAFF),
    ("import-template", "/admin/einlesen/importrun/vorlage.csv", EVERY_STAFF),
    ("import-change", "/admin/einlesen/importrun/{importrun}/change/", OWN_OBJECT),
    ("import-history", "/admin/einlesen/importrun/{importrun}/history/", OWN_OBJECT),
    # Imports stay on record; their profiles are deleted one by one if need be.
    ("import-delete", "/admin/einlesen/importrun/{importrun}/delete/", SUPERUSER_ONLY),
    ("listing-list", "/admin/raeume/listing/", EVERY_STAFF),
    # Listings come from their posters.
    ("listing-add", "/admin/raeume/listing/add/", NOBODY),
    ("listing-change", "/admin/raeume/listing/{listing}/change/", OWN_OBJECT),
    ("listing-history", "/admin/raeume/listing/{listing}/history/", OWN_OBJECT),
    ("listing-delete", "/admin/raeume/listing/{listing}/delete/", OWN_OBJECT),
    ("match-list", "/admin/raeume/match/", EVERY_STAFF),
    # Matches are found by raeume.matching and never edited.
    ("match-add", "/admin/raeume/match/add/", NOBODY),
    ("match-change", "/admin/raeume/match/{match}/change/", OWN_OBJECT),
    ("match-history", "/admin/raeume/match/{match}/history/", OWN_OBJECT),
    ("match-delete", "/admin/raeume/match/{match}/delete/", NOBODY),
    # One list of features for all associations, kept by the Landesverband.
    ("feature-list", "/admin/raeume/feature/", EVERY_STAFF),
    ("feature-add", "/admin/raeume/feature/add/", STATE_ONLY),
    ("call-list", "/admin/kooperationen/call/", EVERY_STAFF),
    # Calls come from members; staff hide, correct or delete them.
    ("call-add", "/admin/kooperationen/call/add/", SUPERUSER_ONLY),
    ("call-change", "/admin/kooperationen/call/{call}/change/", OWN_OBJECT),
    ("call-history", "/admin/kooperationen/call/{call}/history/", OWN_OBJECT),
    ("call-delete", "/admin/kooperationen/call/{call}/delete/", OWN_OBJECT),
    # Login throttling (django-axes) is the superusers' business.
    ("axes-attempt-list", "/admin/axes/accessattempt/", SUPERUSER_ONLY),
    ("axes-log-list", "/admin/axes/accesslog/", SUPERUSER_ONLY),
    ("axes-failure-list", "/admin/axes/accessfailurelog/", SUPERUSER_ONLY),
]
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
# The views every scoped admin has; {pk} stands for the placeholder of its Chemnitz object.
SCOPED_VIEWS = ["", "add/", "{pk}/change/", "{pk}/history/", "{pk}/delete/"]


@pytest.mark.parametrize(
    ("model", "model_admin"),
    list(admin.site._registry.items()),
    ids=[model._meta.label for model in admin.site._registry],
)
def test_every_registered_admin_is_in_the_matrix(model, model_admin):
    name = model._meta.model_name
    views = SCOPED_VIEWS if isinstance(model_admin, AssociationScopedAdmin) else [""]
    wanted = [f"/admin/{model._meta.app_label}/{name}/" + v.format(pk=f"{{{name}}}") for v in views]
    # Two apps may have a model of one name (beratung's and anmeldungen's Feedback): the
    # placeholder may then carry another name; the address is what counts.
    listed = {PLACEHOLDER.sub("{}", url) for _id, url, _expected in URLS}
    missing = [url for url in wanted if PLACEHOLDER.sub("{}", url) not in listed]
    assert not missing, f"Add to URLS: {missing}"


@pytest.fixture
def chemnitz_objects(chemnitz_objects):
    """The shared Chemnitz objects, a success report of the Chemnitz profile, an article,
    an event of Kreatives Chemnitz with a registration and a feedback, the consultation
    objects (advisor, slot, booking, feedback), a widget, a pending space listing in
    Chemnitz and a match of a Chemnitz request."""
    event = event_with_registration(event=EventFactory(title="Kreativstammtisch Chemnitz"))
    space_request = request_for("chemnitz")
    return {
        **chemnitz_objects,
        "successreport": SuccessReportFactory(profile=chemnitz_objects["profile"]),
        "newsitem": article("chemnitz", title="Chemnitzer Meldung"),
        **consultation_objects(),
        "event": event,
        "registration": registration(event),
        "event_feedback": EventFeedback.objects.create(event=event, rating=4),
        "widget": Widget.objects.create(
            association=chemnitz_objects["profile"].association, title="Unsere Mitglieder"
        ),
        "listing": listing("chemnitz", status=Listing.Status.PENDING),
        "match": Match.objects.create(request=space_request, offer=listing("chemnitz")),
        "call": make_call(chemnitz_objects["profile"]),
        "contactperson": ContactPerson.objects.create(
            association=chemnitz_objects["profile"].association,
            name="Clara Chemnitz",
            role="Vorstand",
            email="clara@example.org",
        ),
        "importrun": ImportRun.objects.create(
            association=chemnitz_objects["profile"].association,
            filename="mitglieder.csv",
            rows=[{"line": 2, "cells": {"name": "Neues Mitglied", "place": "Chemnitz"}}],
        ),
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("url", "expected"), [pytest.param(u, e, id=i) for i, u, e in URLS])
def test_every_admin_url_answers_each_role_exactly(
    client_for, roles, chemnitz_objects, role, url, expected
):
    placeholders = {name: getattr(value, "pk", value) for name, value in chemnitz_objects.items()}
    response = client_for(roles[role]).get(url.format(**placeholders))

    assert response.status_code == expected[role], (role, url)
    if expected[role] == LOGIN:
        assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize(
    ("role", "sees_chemnitz", "sees_leipzig"),
    [
        ("chemnitz", True, False),
        ("leipzig", False, True),
        ("dresden", False, False),
        ("landesverband", True, True),
        ("superuser", True, True),
    ],
)
def test_change_lists_and_search_show_only_the_own_association(
    client_for, roles, chemnitz_objects, leipzig_profile, role, sees_chemnitz, sees_leipzig
):
    client = client_for(roles[role])
    olga = f"/admin/mitglieder/profile/{chemnitz_objects['profile'].pk}/change/"
    otto = f"/admin/mitglieder/profile/{leipzig_profile.pk}/change/"
    for query in ["", "?q=Atelier+Olga", "?q=Studio+Otto", "?status__exact=published"]:
        page = client.get(f"/admin/mitglieder/profile/{query}").content.decode()
        if "Otto" not in query:
            assert (olga in page) is sees_chemnitz, query
        if "Olga" not in query:
            assert (otto in page) is sees_leipzig, query


def test_regional_staff_do_not_get_the_association_filter(client_for, roles, chemnitz_objects):
    page = client_for(roles["chemnitz"]).get("/admin/mitglieder/profile/").content.decode()
    assert "association__id__exact" not in page
    page = client_for(roles["landesverband"]).get("/admin/mitglieder/profile/").content.decode()
    assert "association__id__exact" in page


def test_autocomplete_for_editors_offers_only_the_own_association(
    client_for, roles, chemnitz_objects, other_member
):
    url = "/admin/autocomplete/?app_label=mitglieder&model_name=profile&field_name=owners&term="
    found = client_for(roles["chemnitz"]).get(url).json()["results"]
    emails = {result["text"] for result in found}
    assert "Olga Owner" in emails
    assert "Otto Other" not in emails


def _export(client):
    response = client.post(
        "/admin/mitglieder/profile/",
        {
            "action": "export_csv",
            "_selected_action": list(Profile.objects.values_list("pk", flat=True)),
        },
    )
    return response


@pytest.mark.parametrize(
    ("role", "names"),
    [
        ("chemnitz", ["Atelier Olga"]),
        ("leipzig", ["Studio Otto"]),
        ("dresden", []),
        ("landesverband", ["Atelier Olga", "Studio Otto"]),
    ],
)
def test_the_csv_export_contains_only_the_own_association(
    client_for, roles, chemnitz_objects, leipzig_profile, role, names
):
    response = _export(client_for(roles[role]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert [row[0] for row in rows[1:]] == names
    assert ("owner@example.org" in text) is ("Atelier Olga" in names)


def test_the_csv_export_defuses_spreadsheet_formulas(client_for, roles, chemnitz_objects):
    profile = chemnitz_objects["profile"]
    profile.name = "=HYPERLINK(1)"
    profile.save()
    text = _export(client_for(roles["chemnitz"])).content.decode("utf-8")
    assert "'=HYPERLINK(1)" in text


@pytest.mark.parametrize("role", ["anonymous", "member"])
def test_the_export_needs_staff(client_for, roles, chemnitz_objects, role):
    response = _export(client_for(roles[role]))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_regional_staff_cannot_grant_rights(client_for, roles, chemnitz_objects):
    page = client_for(roles["landesverband"]).get(
        f"/admin/accounts/user/{chemnitz_objects['user'].pk}/change/"
    )
    form = page.context["adminform"].form
    assert "is_superuser" not in form.fields
    assert "groups" not in form.fields


def test_nobody_but_superusers_changes_a_superuser(client_for, roles):
    response = client_for(roles["landesverband"]).get(
        f"/admin/accounts/user/{roles['superuser'].pk}/password/"
    )
    assert response.status_code == 403


def test_staff_without_an_association_see_no_members(client_for, roles, chemnitz_objects):
    from verbaende.roles import make_staff

    loner = make_staff(roles["chemnitz"], roles["chemnitz"].association)
    loner.association = None
    loner.save()
    page = client_for(loner).get("/admin/mitglieder/profile/").content.decode()
    assert "Atelier Olga" not in page


def test_the_profile_autocomplete_of_success_reports_offers_only_the_own_association(
    client_for, roles, chemnitz_objects, leipzig_profile
):
    url = (
        "/admin/autocomplete/?app_label=aktuelles&model_name=successreport&field_name=profile&term="
    )
    found = {result["text"] for result in client_for(roles["chemnitz"]).get(url).json()["results"]}
    assert "Atelier Olga" in found
    assert "Studio Otto" not in found
