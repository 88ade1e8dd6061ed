"""Finding 1, its input part: every text a member or staff member writes has a length limit,
in the model (full_clean, the admin) and in the form (with a maxlength attribute).

A member had saved 25 000 characters as profile description, and each anonymous view of the
profile then rendered them for a minute.
"""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.forms import modelform_factory
from django.urls import reverse
from django.utils import timezone

from aktuelles.models import NewsItem
from kern import text_limits
from kern.fields import EmailAddressField, MultiLineField, SingleLineField, WebAddressField
from kern.validators import reject_control_characters, reject_line_breaks
from mitglieder.models import MembershipRequest, Profile
from moderation.models import ModerationAction
from seiten.models import Page
from teilmaerkte.models import Discipline
from tests.factories import in_review, place
from tests.profile_forms import edit_data
from tests.security.text_fields import field_ids, written_text_fields
from veranstaltungen.models import Event
from verbaende.models import Association

pytestmark = pytest.mark.django_db

TEXT_FIELDS = written_text_fields()
MULTI_LINE = [(model, field) for model, field in TEXT_FIELDS if isinstance(field, MultiLineField)]


def codes(form, field):
    return {error.code for error in form.errors.as_data().get(field, [])}


def edit_url(profile):
    return reverse("self_service:edit", kwargs={"pk": profile.pk})


# --- The structural check: no text field without the rules -----------------------------------


def test_the_walk_finds_the_fields_we_know_people_write():
    found = {(model, field.name) for model, field in TEXT_FIELDS}
    assert {
        (Profile, "name"),
        (Profile, "description"),
        (Profile, "contact_email"),
        (MembershipRequest, "message"),
        (NewsItem, "body"),
        (Event, "venue_name"),
        (Page, "body"),
        (Association, "description"),
    } <= found


@pytest.mark.parametrize(("model", "field"), TEXT_FIELDS, ids=field_ids(TEXT_FIELDS))
def test_every_text_field_carries_the_input_rules_and_a_limit(model, field):
    # One of kern.fields, not a plain CharField or TextField that could forget a rule.
    assert isinstance(field, SingleLineField | EmailAddressField | WebAddressField | MultiLineField)
    assert reject_control_characters in field.validators
    assert field.max_length
    assert any(
        isinstance(v, MaxLengthValidator) and v.limit_value == field.max_length
        for v in field.validators
    )
    if not isinstance(field, MultiLineField):
        assert reject_line_breaks in field.validators


@pytest.mark.parametrize(("model", "field"), MULTI_LINE, ids=field_ids(MULTI_LINE))
def test_every_multi_line_field_refuses_one_character_too_many_in_its_form(
    reference_data, model, field
):
    form_class = modelform_factory(model, fields="__all__")

    too_long = form_class(data={field.name: "a" * (field.max_length + 1)})
    just_right = form_class(data={field.name: "a" * field.max_length})

    assert "max_length" in codes(too_long, field.name)
    assert "max_length" not in codes(just_right, field.name)
    assert f'maxlength="{field.max_length}"' in str(too_long[field.name])


def test_model_validation_enforces_the_limit_without_a_form(reference_data):
    profile = Profile(
        name="Atelier",
        tagline="Plakate.",
        municipality=place("chemnitz"),
        description="a" * (text_limits.PROFILE_DESCRIPTION + 1),
    )
    with pytest.raises(ValidationError) as refused:
        profile.full_clean(exclude=["association", "slug"])
    assert [e.code for e in refused.value.error_dict["description"]] == ["max_length"]


# --- The forms members use ---------------------------------------------------------------------


def test_an_over_long_profile_description_is_refused_and_the_old_one_kept(
    client_for, owner, owned_profile
):
    before = owned_profile.description

    response = client_for(owner).post(
        edit_url(owned_profile),
        edit_data(owned_profile, description="[" * 25_000 + "](x)"),
    )

    assert response.status_code == 200
    assert codes(response.context["form"], "description") == {"max_length"}
    owned_profile.refresh_from_db()
    assert owned_profile.description == before


def test_the_edit_form_shows_the_limit(client_for, owner, owned_profile):
    introduction = edit_url(owned_profile) + "vorstellung/"
    html = client_for(owner).get(introduction).content.decode()
    assert f'maxlength="{text_limits.PROFILE_DESCRIPTION}"' in html


def test_line_breaks_count_once_as_the_browser_counts_them(client_for, owner, owned_profile):
    # 5 000 characters as the maxlength attribute counts them, 5 001 as sent (CR LF).
    half = text_limits.PROFILE_DESCRIPTION // 2
    description = "a" * (half - 1) + "\r\n" + "b" * half

    response = client_for(owner).post(
        edit_url(owned_profile), edit_data(owned_profile, description=description)
    )

    assert response.status_code == 302
    owned_profile.refresh_from_db()
    assert len(owned_profile.description) == text_limits.PROFILE_DESCRIPTION


def test_the_preview_does_not_render_an_over_long_description(client_for, owner, owned_profile):
    response = client_for(owner).post(
        edit_url(owned_profile),
        edit_data(owned_profile, description="**fett** " * 1_000, preview="1"),
    )

    assert response.status_code == 200
    assert codes(response.context["form"], "description") == {"max_length"}
    assert "<strong>" not in str(response.context["description_preview"])


def test_an_over_long_membership_request_message_is_refused(client, reference_data, staff_chemnitz):
    data = {
        "name": "Grafikbüro Zwickau",
        "kind": "company",
        "contact_name": "Zora Zwick",
        "email": "zora@example.org",
        "municipality": place("zwickau").pk,
        "disciplines": [Discipline.objects.get(slug="kommunikationsdesign").pk],
        "message": "a" * (text_limits.MEMBERSHIP_MESSAGE + 1),
    }
    response = client.post("/mitglied-werden/", data)

    assert response.status_code == 200
    assert codes(response.context["form"], "message") == {"max_length"}
    assert not MembershipRequest.objects.exists()
    assert not mail.outbox


def test_an_over_long_success_report_description_is_refused(client_for, owner, owned_profile):
    data = {
        "kind": "nomination",
        "title": "Nominiert für den Deutschen Designpreis",
        "achieved_on": (timezone.localdate() - timezone.timedelta(days=10)).isoformat(),
        "evidence_url": "https://example.org/nominierte",
        "description": "a" * (text_limits.SUCCESS_REPORT_DESCRIPTION + 1),
        "image_alt": "",
    }
    response = client_for(owner).post(
        reverse("success_reports:list", kwargs={"pk": owned_profile.pk}), data
    )

    assert response.status_code == 200
    assert "max_length" in codes(response.context["form"], "description")
    assert not owned_profile.success_reports.exists()


# --- Staff ----------------------------------------------------------------------------------


def test_an_over_long_news_body_is_refused_in_the_admin(client_for, staff_chemnitz, chemnitz):
    now = timezone.localtime()
    data = {
        "association": chemnitz.pk,
        "title": "Neue Räume für Kreative",
        "slug": "",
        "teaser": "Ein kurzer Anrisstext.",
        "body": "a" * (text_limits.NEWS_BODY + 1),
        "status": NewsItem.Status.PUBLISHED,
        "publish_at_0": now.strftime("%d.%m.%Y"),
        "publish_at_1": now.strftime("%H:%M:%S"),
        "image_alt": "",
    }
    response = client_for(staff_chemnitz).post("/admin/aktuelles/newsitem/add/", data)

    assert response.status_code == 200
    assert codes(response.context["adminform"].form, "body") == {"max_length"}
    assert not NewsItem.objects.exists()


def test_an_over_long_moderation_reason_changes_nothing(
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
            "reason": "a" * (text_limits.DECISION_REASON + 1),
            "expected_version": owned_profile.version,
            "expected_status": owned_profile.status,
            "next": queue,
        },
        follow=True,
    )

    owned_profile.refresh_from_db()
    assert owned_profile.status == Profile.Status.IN_REVIEW
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert not ModerationAction.objects.exists()
    assert not mail.outbox
