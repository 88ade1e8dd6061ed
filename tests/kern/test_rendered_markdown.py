"""Markdown is rendered when it is saved, by every way of saving it, and pages show it."""

from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from django.db.models import F, Value
from django.db.models.functions import Concat

from demo.members import create_demo_profiles
from kern.rendered_markdown import render_stored_markdown
from mitglieder.models import Profile
from moderation import services
from seiten.models import Page
from tests.factories import ProfileFactory, UserFactory

pytestmark = pytest.mark.django_db

BOLD = "Wir **drucken** selbst."
BOLD_HTML = "<p>Wir <strong>drucken</strong> selbst.</p>"


def stored_html(profile):
    return Profile.objects.get(pk=profile.pk).description_html


def test_saving_stores_the_sanitised_html(reference_data):
    profile = ProfileFactory(description=BOLD + " <script>alert(1)</script>")

    assert stored_html(profile).startswith("<p>Wir <strong>drucken</strong> selbst.")
    assert "<script" not in stored_html(profile)


def test_a_save_of_some_fields_that_names_the_source_writes_the_html(reference_data):
    profile = ProfileFactory(description="alt")
    profile.description = BOLD

    profile.save(update_fields=["description"])

    assert stored_html(profile).strip() == BOLD_HTML


def test_saving_a_row_loaded_with_only_its_source_writes_the_html(reference_data):
    profile = ProfileFactory(description="alt")
    partial = Profile.objects.only("pk", "description").get(pk=profile.pk)
    partial.description = BOLD

    partial.save()

    assert stored_html(profile).strip() == BOLD_HTML


def test_queryset_updates_render_or_refuse(reference_data):
    profile = ProfileFactory(description="alt")

    Profile.objects.filter(pk=profile.pk).update(description=BOLD)
    assert stored_html(profile).strip() == BOLD_HTML

    with pytest.raises(TypeError):
        Profile.objects.filter(pk=profile.pk).update(
            description=Concat(F("description"), Value("**mehr**"))
        )


def test_bulk_update_renders(reference_data):
    profile = ProfileFactory(description="alt")
    profile.description = BOLD

    Profile.objects.bulk_update([profile], ["description"])

    assert stored_html(profile).strip() == BOLD_HTML


def test_demo_profiles_written_with_bulk_create_have_their_html(reference_data):
    create_demo_profiles(5, seed=3, with_images=False)

    for profile in Profile.objects.exclude(description=""):
        assert profile.description_html.startswith("<p>"), profile.description


def test_the_data_migration_renders_existing_rows(reference_data):
    profile = ProfileFactory(description=BOLD)
    Profile.objects.filter(pk=profile.pk).update(description_html="")

    # A migration passes its schema editor; the function only asks it for the connection.
    render_stored_markdown("mitglieder.Profile")(apps, SimpleNamespace(connection=connection))

    assert stored_html(profile).strip() == BOLD_HTML


def test_a_moderators_revert_restores_the_html_too(reference_data):
    staff = UserFactory(is_staff=True, is_superuser=True)
    profile = ProfileFactory(description=BOLD)
    earlier = profile.history.latest()
    profile.description = "Ganz *anders*."
    profile.save()

    services.revert(profile, earlier, staff)

    assert stored_html(profile).strip() == BOLD_HTML


def test_the_html_stays_out_of_the_profiles_history(reference_data):
    assert "description_html" not in {f.name for f in Profile.history.model._meta.fields}


def test_the_english_page_shows_the_english_html_and_falls_back_to_german(client, reference_data):
    page = Page.objects.get(slug=Page.Slug.IMPRINT)
    page.body, page.body_en = "## Anschrift", "## Address"
    page.save()

    assert "<h2>Address</h2>" in client.get("/en/impressum/").content.decode()

    page.body_en = ""
    page.save()
    assert "<h2>Anschrift</h2>" in client.get("/en/impressum/").content.decode()
