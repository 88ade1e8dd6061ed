"""Events with a picture, a price ("free of charge" at 0) and a capacity note: staff enter
them in the admin, where a described picture, a sane price and a real image are required;
lists and the event page show them."""

import html
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext

from medien.uploads import MESSAGES
from tests.medien.hostile_uploads import HTML_PAYLOAD, gif_bytes, noisy_jpeg_bytes, upload
from tests.veranstaltungen.factories import EventFactory
from tests.veranstaltungen.test_event_admin import ADD, form_data
from tests.veranstaltungen.test_event_detail import json_ld
from veranstaltungen.models import Event

UPCOMING = "/veranstaltungen/"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def german(msgid, **params):
    with translation.override("de"):
        text = gettext(msgid)
    return text % params if params else text


def page_text(response):
    return html.unescape(response.content.decode())


def renditions(slug):
    return [
        {"width": 480, "height": 320, "name": f"renditions/events/{slug}-480.webp"},
        {"width": 960, "height": 640, "name": f"renditions/events/{slug}-960.webp"},
    ]


def pictured(event, alt="Menschen an langen Tischen im Gespräch"):
    # The renditions as the after-commit work stores them, without files: pages only link them.
    Event.objects.filter(pk=event.pk).update(
        image=f"events/{event.slug}.webp", image_alt=alt, image_renditions=renditions(event.slug)
    )
    event.refresh_from_db()
    return event


def test_staff_add_an_event_with_a_sanitized_picture_a_price_and_a_capacity_note(
    client_for, staff_chemnitz, chemnitz, django_capture_on_commit_callbacks
):
    data = form_data(
        chemnitz,
        image_alt="Werkhalle im Abendlicht",
        price="12.50",
        price_note="ermäßigt 8 €",
        capacity_note="max. 40 Personen",
    )
    data["image"] = upload("halle.jpg", noisy_jpeg_bytes())

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(staff_chemnitz).post(ADD, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    event = Event.objects.get()
    assert event.image.name.startswith("events/") and event.image.name.endswith(".webp")
    assert [r["width"] for r in event.image_renditions] == [320]  # never wider than the upload
    assert (event.price, event.price_note, event.capacity_note) == (
        Decimal("12.50"),
        "ermäßigt 8 €",
        "max. 40 Personen",
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"price": "-5"}, "The price cannot be negative. Enter 0 for a free event."),
        ({"price": "12000"}, "Please enter a price of at most 9,999.99 €."),
        ({"capacity_note": "<b>40</b>"}, None),
    ],
)
def test_a_bad_price_or_note_is_refused_in_german_and_nothing_is_stored(
    client_for, staff_chemnitz, chemnitz, changes, message
):
    response = client_for(staff_chemnitz).post(ADD, form_data(chemnitz, **changes))
    assert response.status_code == 200
    if message:
        assert german(message) in page_text(response)
    else:
        assert response.context["adminform"].form.errors["capacity_note"]
    assert not Event.objects.exists()


def test_a_picture_needs_a_description(client_for, staff_chemnitz, chemnitz):
    data = form_data(chemnitz, image_alt="")
    data["image"] = upload("halle.jpg", noisy_jpeg_bytes())
    response = client_for(staff_chemnitz).post(ADD, data)
    assert response.status_code == 200
    assert german("Please describe the image for people who cannot see it.") in page_text(response)
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    "file",
    [
        upload("bild.jpg", HTML_PAYLOAD),
        upload("animation.png", gif_bytes(), "image/png"),
    ],
    ids=["html-called-jpg", "gif-called-png"],
)
def test_a_hostile_upload_is_refused_and_nothing_is_stored(
    client_for, staff_chemnitz, chemnitz, media, file
):
    data = form_data(chemnitz, image_alt="Ein Bild")
    data["image"] = file
    response = client_for(staff_chemnitz).post(ADD, data)
    assert response.status_code == 200
    with translation.override("de"):
        assert str(MESSAGES["unsupported_format"]) in page_text(response)
    assert not Event.objects.exists()
    assert not any(path.is_file() for path in media.rglob("*"))


def test_lists_show_the_picture_price_and_capacity(client, chemnitz):
    event = pictured(EventFactory(title="Sommerfest", price=0, capacity_note="max. 40 Personen"))
    EventFactory(title="Druckwerkstatt", price=Decimal("12.50"))
    EventFactory(title="Ohne Preisangabe")
    text = page_text(client.get(UPCOMING))

    card = re.search(r'<li class="card event-card card--media">(.*?)</li>', text, re.S).group(1)
    assert "Sommerfest" in card
    assert f'srcset="/media/renditions/events/{event.slug}-480.webp 480w, ' in card
    assert 'width="480" height="320"' in card
    assert 'alt="Menschen an langen Tischen im Gespräch"' in card
    assert german("Free of charge") in card and "max. 40 Personen" in card
    assert german("%(amount)s €", amount="12,50") in text
    # An event without a price says nothing about one.
    plain = re.search(
        r'<li class="card event-card">((?:(?!</li>).)*Ohne Preisangabe.*?)</li>', text, re.S
    )
    assert "€" not in plain.group(1) and german("Free of charge") not in plain.group(1)


def test_the_first_row_of_event_pictures_loads_at_once_and_the_rest_lazily(client, chemnitz):
    for number in range(5):
        pictured(EventFactory(title=f"Treffen {number}"))
    images = re.findall(r'<img class="card__image[^>]*>', client.get(UPCOMING).content.decode())
    assert ['loading="lazy"' in image for image in images] == [False] * 2 + [True] * 3


def test_pictures_on_the_event_list_cost_no_query_per_event(client, chemnitz):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            client.get(UPCOMING, {"seite": "1"})
        return len(captured.captured_queries)

    pictured(EventFactory(price=0))
    client.get(UPCOMING)
    few = queries()
    for _ in range(8):
        pictured(EventFactory(price=Decimal(5), capacity_note="20 Plätze"))
    assert queries() == few


def test_the_event_page_shows_picture_price_and_capacity_and_tells_search_engines(client, chemnitz):
    event = pictured(
        EventFactory(price=Decimal(15), price_note="ermäßigt 10 €", capacity_note="30 Plätze")
    )
    response = client.get(event.get_absolute_url())
    text = page_text(response)
    assert f'srcset="/media/renditions/events/{event.slug}-480.webp 480w' in text
    assert 'alt="Menschen an langen Tischen im Gespräch"' in text
    assert german("%(amount)s €", amount="15") in text and "ermäßigt 10 €" in text
    assert "30 Plätze" in text
    assert '<meta property="og:image" content="http://' in text
    data = json_ld(response.content.decode())
    assert data["offers"]["price"] == "15.00" and data["offers"]["priceCurrency"] == "EUR"
    assert data["isAccessibleForFree"] is False
    assert data["image"].endswith(f"/media/renditions/events/{event.slug}-960.webp")


def test_a_free_event_says_so_on_its_page(client, chemnitz):
    event = EventFactory(price=0)
    response = client.get(event.get_absolute_url())
    assert german("Free of charge") in page_text(response)
    assert json_ld(response.content.decode())["isAccessibleForFree"] is True
