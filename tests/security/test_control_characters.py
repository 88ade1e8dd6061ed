"""Finding 2 of the hardening issue: control characters in what people type.

One vertical tab in a profile name made every news feed answer 500; a line break in a
name reached mail subjects. Forms now refuse both (one-line fields also refuse line
breaks), and feeds drop what older rows still contain.
"""

import feedparser
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import models
from django.forms import modelform_factory
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from aktuelles.models import NewsItem, SuccessReport
from kern.fields import MultiLineField
from kern.text import strip_control_characters
from kern.validators import CONTROL_CHARACTERS, LINE_BREAKS
from konten.models import Invitation
from mitglieder.models import MembershipRequest, Profile
from moderation.models import ModerationAction
from teilmaerkte.models import Discipline, Submarket
from tests.aktuelles.news_data import article, success
from tests.factories import ProfileFactory, in_review, place
from tests.profile_forms import edit_data
from tests.security.text_fields import field_ids, written_text_fields
from tests.veranstaltungen.factories import EventFactory
from veranstaltungen.models import Event

pytestmark = pytest.mark.django_db

FEEDS = [
    "/aktuelles/feeds/alle.rss",
    "/aktuelles/feeds/alle.atom",
    "/aktuelles/feeds/verband/chemnitz.rss",
    "/aktuelles/feeds/verband/chemnitz.atom",
    "/aktuelles/feeds/teilmarkt/designwirtschaft.rss",
    "/aktuelles/feeds/teilmarkt/designwirtschaft.atom",
]

LINE_BREAK_SAMPLES = ["Evil GmbH\r\nBcc: victim@example.org", "Evil\nGmbH", "Evil\tGmbH"]


def codes(form, field):
    return {error.code for error in form.errors.as_data().get(field, [])}


# --- Feeds keep working with rows saved before the rules -----------------------------------


@pytest.mark.parametrize("url", FEEDS)
def test_feeds_answer_with_valid_xml_despite_control_characters_in_old_rows(
    client, reference_data, url
):
    profile = ProfileFactory(name="Marko Dobes")
    report = success(profile, title="Preis für das Plakat")
    news = article("chemnitz", submarkets=[Submarket.objects.get(slug="designwirtschaft")])
    # Saved before the forms refused them: update() skips every validation.
    Profile.objects.filter(pk=profile.pk).update(name="Marko\x0bDobes")
    SuccessReport.objects.filter(pk=report.pk).update(
        title="Preis\x01 für das\ufffe Plakat", description="Mit\x08 Jury"
    )
    NewsItem.objects.filter(pk=news.pk).update(title="Neues\x1faus Chemnitz", teaser="Kurz\x0c")

    response = client.get(url)

    assert response.status_code == 200
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    titles = {entry.title for entry in parsed.entries}
    assert titles == {"Marko Dobes: Preis für das Plakat", "Neues aus Chemnitz"}


def test_calendar_files_carry_no_control_characters_of_old_rows(client, reference_data):
    event = EventFactory(title="Werkstatt Urheberrecht")
    Event.objects.filter(pk=event.pk).update(
        title="Werkstatt\x0bUrheberrecht", teaser="Mit\x1b Beispielen", venue_name="Wirk\x07bau"
    )

    for url in [f"/veranstaltungen/{event.slug}/termin.ics", "/veranstaltungen/kalender.ics"]:
        response = client.get(url)

        assert response.status_code == 200, url
        assert not CONTROL_CHARACTERS.search(response.content.decode()), url
        (vevent,) = Calendar.from_ical(response.content).walk("VEVENT")
        assert str(vevent["SUMMARY"]) == "Werkstatt Urheberrecht"


def test_stripping_keeps_words_apart_and_leaves_ordinary_text_alone():
    assert strip_control_characters("Marko\x0bDobes") == "Marko Dobes"
    assert strip_control_characters("a\x00b\x1bc\ud800d") == "abcd"
    assert strip_control_characters("Zeile 1\nZeile 2\tmit Tab") == "Zeile 1\nZeile 2\tmit Tab"
    assert strip_control_characters(None) is None


# --- Every form refuses them: the forms members and the public use --------------------------


@pytest.fixture
def membership_data(reference_data):
    return {
        "name": "Grafikbüro Zwickau",
        "kind": "company",
        "contact_name": "Zora Zwick",
        "email": "zora@example.org",
        "municipality": place("zwickau").pk,
        "disciplines": [Discipline.objects.get(slug="kommunikationsdesign").pk],
        "message": "Wir gestalten Bücher und Plakate.",
    }


@pytest.mark.parametrize("name", LINE_BREAK_SAMPLES)
def test_a_line_break_in_a_membership_request_name_gets_a_form_error_and_nothing_is_sent(
    client, membership_data, staff_chemnitz, django_capture_on_commit_callbacks, name
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/mitglied-werden/", membership_data | {"name": name})

    assert response.status_code == 200
    assert codes(response.context["form"], "name") == {"line_break"}
    assert not MembershipRequest.objects.exists()
    assert not mail.outbox


@pytest.mark.parametrize("field", ["name", "contact_name", "message"])
def test_control_characters_in_a_membership_request_are_refused(client, membership_data, field):
    response = client.post("/mitglied-werden/", membership_data | {field: "Zora\x0bZwick"})

    assert response.status_code == 200
    assert "control_characters" in codes(response.context["form"], field)
    assert not MembershipRequest.objects.exists()


def test_a_membership_request_message_keeps_its_paragraphs(client, membership_data):
    response = client.post(
        "/mitglied-werden/", membership_data | {"message": "Erster Absatz.\r\n\r\nZweiter\tTeil."}
    )

    assert response.status_code == 302
    # Stored with the line breaks a program expects, not the browser's CR LF.
    assert MembershipRequest.objects.get().message == "Erster Absatz.\n\nZweiter\tTeil."


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("sender_name", "Bea\r\nBcc: victim@example.org", "line_break"),
        ("sender_name", "Bea\x0bBeispiel", "control_characters"),
        (
            "message",
            "Guten Tag, wir suchen ein Plakat\x1b für unser Sommerfest.",
            "control_characters",
        ),
    ],
)
def test_the_contact_form_refuses_control_characters_and_sends_nothing(
    client, owned_profile, field, value, code
):
    data = {
        "sender_name": "Bea Beispiel",
        "sender_email": "bea@example.net",
        "message": "Guten Tag, wir suchen ein Plakat für unser Sommerfest im Juli.",
    }
    response = client.post(f"/mitglieder/{owned_profile.slug}/kontakt/", data | {field: value})

    assert response.status_code == 200
    assert code in codes(response.context["form"], field)
    assert not mail.outbox


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("name", "Marko\x0bDobes", "control_characters"),
        ("name", "Marko Dobes\nX", "line_break"),
        ("tagline", "Plakate\u2028und Bücher", "line_break"),
        ("street_address", "Hauptstraße 1\x00", "null_characters_not_allowed"),
        ("description", "Wir drucken\x1b[31m selbst.", "control_characters"),
        ("contact_email", '"a\x01"@example.org', "control_characters"),
    ],
)
def test_the_profile_form_refuses_control_characters_and_keeps_the_profile(
    client_for, owner, owned_profile, field, value, code
):
    before = Profile.objects.get(pk=owned_profile.pk)

    response = client_for(owner).post(
        reverse("self_service:edit", kwargs={"pk": owned_profile.pk}),
        edit_data(owned_profile, **{field: value}),
    )

    assert response.status_code == 200
    assert code in codes(response.context["form"], field)
    assert getattr(Profile.objects.get(pk=owned_profile.pk), field) == getattr(before, field)


def test_a_profile_description_keeps_line_breaks_and_tabs(client_for, owner, owned_profile):
    response = client_for(owner).post(
        reverse("self_service:edit", kwargs={"pk": owned_profile.pk}),
        edit_data(owned_profile, description="## Über uns\r\n\r\n-\tPlakate\r\n-\tBücher"),
    )

    assert response.status_code == 302
    owned_profile.refresh_from_db()
    assert owned_profile.description == "## Über uns\n\n-\tPlakate\n-\tBücher"


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("title", "Nominiert\nfür den Designpreis", "line_break"),
        ("title", "Nominiert\x0bfür den Designpreis", "control_characters"),
        ("description", "Mit dem Plakat\x07.", "control_characters"),
    ],
)
def test_the_success_report_form_refuses_control_characters(
    client_for, owner, owned_profile, field, value, code
):
    data = {
        "kind": "nomination",
        "title": "Nominiert für den Deutschen Designpreis",
        "achieved_on": (timezone.localdate() - timezone.timedelta(days=10)).isoformat(),
        "evidence_url": "https://example.org/nominierte",
        "description": "Mit dem Plakat für das Stadtfest.",
        "image_alt": "",
    }
    response = client_for(owner).post(
        reverse("success_reports:list", kwargs={"pk": owned_profile.pk}), data | {field: value}
    )

    assert response.status_code == 200
    assert code in codes(response.context["form"], field)
    assert not SuccessReport.objects.exists()


# --- Staff: the admin's forms and the moderation reason ---------------------------------------


def test_the_news_admin_refuses_a_title_with_a_line_break(client_for, staff_chemnitz, chemnitz):
    now = timezone.localtime()
    data = {
        "association": chemnitz.pk,
        "title": "Neue Räume\r\nfür Kreative",
        "slug": "",
        "teaser": "Ein kurzer Anrisstext.",
        "body": "Mehr dazu\x1b bald.",
        "status": NewsItem.Status.PUBLISHED,
        "publish_at_0": now.strftime("%d.%m.%Y"),
        "publish_at_1": now.strftime("%H:%M:%S"),
        "image_alt": "",
    }
    response = client_for(staff_chemnitz).post("/admin/aktuelles/newsitem/add/", data)

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert codes(form, "title") == {"line_break"}
    assert codes(form, "body") == {"control_characters"}
    assert not NewsItem.objects.exists()


def test_the_invite_form_refuses_an_address_with_control_characters(
    client_for, staff_chemnitz, owned_profile
):
    response = client_for(staff_chemnitz).post(
        f"/admin/mitglieder/profile/{owned_profile.pk}/einladen/", {"email": '"a\x01"@example.org'}
    )

    assert response.status_code == 200
    assert "control_characters" in codes(response.context["form"], "email")
    assert not Invitation.objects.exists()
    assert not mail.outbox


def test_a_moderation_reason_with_control_characters_changes_nothing(
    client_for, owned_profile, staff_chemnitz, owner
):
    in_review(owned_profile, owner)
    queue = "/admin/moderation/moderationqueue/"
    response = client_for(staff_chemnitz).post(
        f"{queue}entscheiden/",
        {
            "target": "profile",
            "pk": owned_profile.pk,
            "decision": "reject",
            "reason": "Bitte\x1b genauer.",
            "expected_version": owned_profile.version,
            "expected_status": owned_profile.status,
            "next": queue,
        },
        follow=True,
    )

    assert response.status_code == 200
    owned_profile.refresh_from_db()
    assert owned_profile.status == Profile.Status.IN_REVIEW
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert not ModerationAction.objects.exists()
    assert not mail.outbox


# --- Every text field of every model, as the admin's forms and full_clean see it -------------

TEXT_FIELDS = written_text_fields()
TEXT_FIELD_IDS = field_ids(TEXT_FIELDS)


def bound_form(model, field, value):
    """The model's form as the admin builds it (all fields: model clean() may speak of any),
    with `value` in `field`."""
    return modelform_factory(model, fields="__all__")(data={field.name: value})


def _is_address(field):
    return isinstance(field, models.URLField | models.EmailField)


def _control_sample(field):
    # Values valid but for the control character, so that it is the one refusing.
    if isinstance(field, models.URLField):
        return "https://example.org/a\x01b"
    if isinstance(field, models.EmailField):
        return '"a\x01"@example.org'
    return "a\x0bb"


@pytest.mark.parametrize(("model", "field"), TEXT_FIELDS, ids=TEXT_FIELD_IDS)
def test_every_text_field_refuses_control_characters(reference_data, model, field):
    form = bound_form(model, field, _control_sample(field))

    assert "control_characters" in codes(form, field.name)


@pytest.mark.parametrize(("model", "field"), TEXT_FIELDS, ids=TEXT_FIELD_IDS)
def test_one_line_fields_refuse_line_breaks_and_multi_line_fields_accept_them(
    reference_data, model, field
):
    for value in ["a\nb", "a\r\nb", "a\u2028b", "a\tb"]:
        form = bound_form(model, field, value)
        found = codes(form, field.name)

        if isinstance(field, MultiLineField):
            assert not found & {"line_break", "control_characters"}, value
        elif _is_address(field):
            # Django's address fields refuse them as no address, or drop tabs and newlines.
            assert found or not LINE_BREAKS.search(form.cleaned_data[field.name]), value
        else:
            assert "line_break" in found, value


@pytest.mark.parametrize(
    "value", ["Marko\ufffeDobes", "Marko\uffffDobes", "Marko\ud800Dobes", "Marko\x9fDobes"]
)
def test_model_validation_refuses_what_xml_cannot_carry(reference_data, value):
    profile = Profile(name=value, tagline="Plakate.", municipality=place("chemnitz"))

    with pytest.raises(ValidationError) as refused:
        profile.full_clean(exclude=["association", "slug"])

    assert [e.code for e in refused.value.error_dict["name"]] == ["control_characters"]
