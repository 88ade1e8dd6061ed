"""Staff write news in the admin, each regional team only for its own association."""

import pytest
from django.utils import timezone

from aktuelles.models import NewsItem
from tests.aktuelles.news_data import article
from tests.medien.hostile_uploads import HTML_PAYLOAD, noisy_jpeg_bytes, upload
from verbaende.models import Association

pytestmark = pytest.mark.django_db

LOGIN = 302


@pytest.fixture
def chemnitz_article(reference_data):
    return article("chemnitz", title="Chemnitzer Meldung")


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", LOGIN),
        ("member", LOGIN),
        ("chemnitz", 200),
        ("dresden", 404),
        ("leipzig", 404),
        ("landesverband", 200),
        ("superuser", 200),
    ],
)
@pytest.mark.parametrize("view", ["change", "delete", "history"])
def test_an_article_is_reached_only_by_its_association(
    client_for, roles, chemnitz_article, role, expected, view
):
    url = f"/admin/aktuelles/newsitem/{chemnitz_article.pk}/{view}/"

    response = client_for(roles[role]).get(url)

    assert response.status_code == expected, (role, view)
    if expected == LOGIN:
        assert response["Location"].startswith("/admin/login/")


def test_the_change_list_shows_regional_staff_their_own_articles(
    client_for, roles, chemnitz_article
):
    article("dresden", title="Dresdner Meldung")

    chemnitz = client_for(roles["chemnitz"]).get("/admin/aktuelles/newsitem/").content.decode()
    state = client_for(roles["landesverband"]).get("/admin/aktuelles/newsitem/").content.decode()

    assert "Chemnitzer Meldung" in chemnitz and "Dresdner Meldung" not in chemnitz
    assert "Chemnitzer Meldung" in state and "Dresdner Meldung" in state


def form_data(association, **changes):
    now = timezone.localtime()
    data = {
        "association": association.pk,
        "title": "Neue Räume für Kreative",
        "slug": "",
        "teaser": "Ein kurzer Anrisstext.",
        "body": "Mehr dazu **bald**.",
        "status": NewsItem.Status.PUBLISHED,
        "publish_at_0": now.strftime("%d.%m.%Y"),
        "publish_at_1": now.strftime("%H:%M:%S"),
        "image_alt": "",
    }
    data.update(changes)
    return data


def test_regional_staff_cannot_publish_for_another_association(client_for, roles):
    leipzig = Association.objects.get(slug="leipzig")

    response = client_for(roles["chemnitz"]).post(
        "/admin/aktuelles/newsitem/add/", form_data(leipzig)
    )

    # Leipzig is not even offered: the form refuses it and nothing is stored.
    assert response.status_code == 200
    assert "Dies ist keine gültige Auswahl" in response.content.decode()
    assert not NewsItem.objects.exists()


def test_staff_publish_an_article_with_a_sanitized_image(
    client_for, roles, django_capture_on_commit_callbacks
):
    chemnitz = Association.objects.get(slug="chemnitz")
    data = form_data(chemnitz, image_alt="Werkhalle im Abendlicht")
    data["image"] = upload("halle.jpg", noisy_jpeg_bytes())

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(roles["chemnitz"]).post("/admin/aktuelles/newsitem/add/", data)

    assert response.status_code == 302, response.content.decode()[:2000]
    item = NewsItem.objects.get()
    assert item.author == roles["chemnitz"]
    assert item.image.name.endswith(".webp")
    assert item.image_renditions and item.is_public


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": "<script>alert(1)</script>"}, "ohne HTML-Tags"),
        ({"body": "Hallo <img src=x onerror=alert(1)>"}, "ohne HTML-Tags"),
        ({"title": ""}, "Dieses Feld ist zwingend erforderlich"),
        ({"publish_at_0": "31.02.2027"}, "Bitte ein gültiges Datum eingeben"),
        ({"image_alt": "Beschreibung ohne Bild", "image": "nicht-hochgeladen"}, None),
    ],
)
def test_bad_input_is_explained_and_nothing_is_stored(client_for, roles, changes, message):
    chemnitz = Association.objects.get(slug="chemnitz")
    data = form_data(chemnitz, **changes)

    response = client_for(roles["chemnitz"]).post("/admin/aktuelles/newsitem/add/", data)

    if message is None:  # a text in place of a file is no upload: the article is stored
        assert response.status_code == 302
        return
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not NewsItem.objects.exists()


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (upload("bild.jpg", HTML_PAYLOAD), "kein Bild, das wir annehmen"),
        (upload("leer.jpg", b""), "Die Datei ist leer"),
    ],
)
def test_images_are_checked_by_content(client_for, roles, file, message):
    data = form_data(Association.objects.get(slug="chemnitz"), image_alt="Ein Bild")
    data["image"] = file

    response = client_for(roles["chemnitz"]).post("/admin/aktuelles/newsitem/add/", data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not NewsItem.objects.exists()


def test_an_image_needs_a_description(client_for, roles):
    data = form_data(Association.objects.get(slug="chemnitz"))
    data["image"] = upload("halle.jpg", noisy_jpeg_bytes())

    response = client_for(roles["chemnitz"]).post("/admin/aktuelles/newsitem/add/", data)

    assert response.status_code == 200
    assert "Bitte beschreiben Sie das Bild" in response.content.decode()
    assert not NewsItem.objects.exists()


def test_the_publish_action_touches_only_the_staff_members_articles(client_for, roles):
    own = article("chemnitz", status=NewsItem.Status.DRAFT, title="Eigener Entwurf")
    foreign = article("dresden", status=NewsItem.Status.DRAFT, title="Fremder Entwurf")

    client_for(roles["chemnitz"]).post(
        "/admin/aktuelles/newsitem/",
        {"action": "publish_selected", "_selected_action": [own.pk, foreign.pk]},
    )

    own.refresh_from_db()
    foreign.refresh_from_db()
    assert own.is_public
    assert foreign.status == NewsItem.Status.DRAFT
