"""Finding 9: other associations' drafts leaked through "view on site" and taken slugs.

Dresden staff opening `/admin/r/<content type>/<id>/` for a Leipzig draft were redirected
to its address, and adding an article with a taken slug said that the address existed.
Now the redirect exists only for rows the staff member sees in the admin (404 otherwise),
and a taken slug is replaced by a free one for every slug alike, without saying by whom
it is taken.
"""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone, translation

from aktuelles.models import NewsItem
from mitglieder.models import Profile
from tests.aktuelles.news_data import article
from tests.factories import ProfileFactory, make_profile, place
from tests.profile_forms import admin_change_data
from tests.veranstaltungen.factories import EventFactory
from veranstaltungen.models import Event
from verbaende.models import Association

LOGIN = 302
REDIRECT = 302


def leipzig_drafts():
    leipzig = Association.objects.get(slug="leipzig")
    return {
        "newsitem": article(
            "leipzig", title="Fusion mit Dresden", slug="fusion", status=NewsItem.Status.DRAFT
        ),
        "event": EventFactory(association=leipzig, slug="geheimtreffen", status="draft"),
        "profile": ProfileFactory(
            municipality=place("leipzig"), slug="geheimes-atelier", status=Profile.Status.DRAFT
        ),
    }


def view_on_site_url(obj):
    content_type = ContentType.objects.get_for_model(obj)
    return reverse("admin:view_on_site", args=[content_type.pk, obj.pk])


# A Leipzig draft's "view on site", by role.
LADDER = {
    "anonymous": LOGIN,
    "member": LOGIN,
    "chemnitz": 404,
    "dresden": 404,
    "leipzig": REDIRECT,
    "landesverband": REDIRECT,
    "superuser": REDIRECT,
}


@pytest.mark.parametrize("role", list(LADDER))
@pytest.mark.parametrize("model", ["newsitem", "event", "profile"])
def test_view_on_site_redirects_only_staff_who_see_the_row(client_for, roles, role, model):
    draft = leipzig_drafts()[model]

    response = client_for(roles[role]).get(view_on_site_url(draft))

    assert response.status_code == LADDER[role]
    if LADDER[role] == LOGIN and role in ("anonymous", "member"):
        assert response["Location"].startswith("/admin/login/")
    elif response.status_code == REDIRECT:
        assert response["Location"].endswith(draft.get_absolute_url())
    else:
        assert draft.slug not in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/admin/r/999999/1/",
        "/admin/r/abc/1/",
        "/admin/r/99999999999999999999999/1/",
        "/admin/r/{news}/999999/",
        "/admin/r/{news}/abc/",
        # A model without an admin of its own: nobody is sent anywhere.
        "/admin/r/{link}/1/",
    ],
)
def test_view_on_site_of_nothing_answers_404(client_for, superuser, path):
    news = ContentType.objects.get_for_model(NewsItem).pk
    link = ContentType.objects.get(app_label="mitglieder", model="profilelink").pk
    response = client_for(superuser).get(path.format(news=news, link=link))
    assert response.status_code == 404


def news_data(association, **changes):
    now = timezone.localtime()
    return {
        "association": association.pk,
        "title": "Neues aus Dresden",
        "teaser": "Kurz.",
        "body": "Text.",
        "status": NewsItem.Status.DRAFT,
        "publish_at_0": now.strftime("%d.%m.%Y"),
        "publish_at_1": now.strftime("%H:%M:%S"),
        "image_alt": "",
        **changes,
    }


def event_data(association, **changes):
    return {
        "association": association.pk,
        "title": "Treffen in Dresden",
        "kind": "workshop",
        "status": "draft",
        "starts_at_0": "2030-07-02",
        "starts_at_1": "18:00",
        "ends_at_0": "2030-07-02",
        "ends_at_1": "20:30",
        "teaser": "Kurz.",
        "description": "Text.",
        "venue_name": "Kraftwerk Mitte",
        "city": "Dresden",
        "accessibility": "step-free",
        **changes,
    }


ADD_FORMS = {
    "newsitem": ("/admin/aktuelles/newsitem/add/", NewsItem, "fusion", news_data),
    "event": ("/admin/veranstaltungen/event/add/", Event, "geheimtreffen", event_data),
}


@pytest.mark.parametrize("model", list(ADD_FORMS))
def test_a_slug_taken_by_another_associations_draft_is_replaced_without_a_hint(
    client_for, staff_dresden, dresden, model
):
    leipzig_drafts()
    url, model_class, taken, data = ADD_FORMS[model]
    client = client_for(staff_dresden)

    with translation.override("en"):
        response = client.post(url, data(dresden, slug=taken))

    assert response.status_code == 302
    added = model_class.objects.get(association=dresden)
    assert added.slug == f"{taken}-2"
    notes = [str(message) for message in get_messages(response.wsgi_request)]
    # The note names the wanted and the given address (in the staff member's language)...
    assert any(f"„{taken}“" in note and f"„{taken}-2“" in note for note in notes)
    # ...and nothing says what holds the address, or whose it is.
    assert not any(
        "Leipzig" in note or "draft" in note.lower() or "entwurf" in note.lower() for note in notes
    )


def test_a_slug_taken_in_the_own_association_gets_the_same_answer(
    client_for, staff_dresden, dresden
):
    article("dresden", title="Eigene Meldung", slug="eigen", status=NewsItem.Status.DRAFT)

    response = client_for(staff_dresden).post(
        "/admin/aktuelles/newsitem/add/", news_data(dresden, slug="eigen")
    )

    assert response.status_code == 302
    assert NewsItem.objects.filter(slug="eigen-2", association=dresden).exists()


def test_a_profile_slug_taken_elsewhere_is_replaced_too(client_for, staff_dresden, dresden):
    leipzig_drafts()
    profile = make_profile("dresden", name="Dresdner Atelier")
    client = client_for(staff_dresden)
    url, data = admin_change_data(client, profile, slug="geheimes-atelier")

    assert client.post(url, data).status_code == 302
    profile.refresh_from_db()
    assert profile.slug == "geheimes-atelier-2"


def test_an_unchanged_or_free_slug_stays_as_typed(client_for, staff_dresden, dresden):
    client = client_for(staff_dresden)
    client.post("/admin/aktuelles/newsitem/add/", news_data(dresden, slug="frei"))
    item = NewsItem.objects.get(slug="frei")

    data = news_data(dresden, slug="frei", title="Neuer Titel")
    response = client.post(f"/admin/aktuelles/newsitem/{item.pk}/change/", data)

    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.slug, item.title) == ("frei", "Neuer Titel")
