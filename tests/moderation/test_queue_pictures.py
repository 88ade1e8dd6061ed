"""Staff see a profile's pictures in the moderation queue, each with its description, so
they check the picture and its alt text together; the queue's queries do not grow with
the number of profiles."""

import pytest

from tests.factories import in_review, make_profile
from tests.verzeichnis.test_directory_pictures import with_gallery_image, with_portrait

pytestmark = pytest.mark.django_db

QUEUE = "/admin/moderation/moderationqueue/"


def picture_profile(name):
    profile = with_portrait(in_review(make_profile("chemnitz", name=name)))
    with_gallery_image(profile, alt_text="Rotes Plakat auf grauer Wand")
    return profile


def test_a_profile_in_review_shows_its_portrait_and_gallery_with_descriptions(
    client_for, staff_chemnitz
):
    profile = picture_profile("Atelier Bild")
    html = client_for(staff_chemnitz).get(QUEUE).content.decode()
    card = html.split(f">{profile.name}</a>")[1].split("</article>")[0]
    assert f"renditions/profile-images/{profile.slug}-240.webp" in card
    assert 'alt="Rotes Plakat auf grauer Wand"' in card
    assert "Rotes Plakat auf grauer Wand</figcaption>" in card


def test_a_profile_without_pictures_says_so(client_for, staff_chemnitz):
    profile = in_review(make_profile("chemnitz", name="Atelier Ohne"))
    html = client_for(staff_chemnitz).get(QUEUE).content.decode()
    card = html.split(profile.name)[1].split("</article>")[0]
    assert "Noch keine Bilder." in card


def test_pictures_cost_no_query_per_profile(
    client_for, staff_chemnitz, django_assert_max_num_queries
):
    staff = client_for(staff_chemnitz)
    picture_profile("Atelier Eins")
    staff.get(QUEUE)
    with django_assert_max_num_queries(60) as one:
        staff.get(QUEUE)
    for number in range(3):
        picture_profile(f"Atelier Mehr {number}")
    with django_assert_max_num_queries(len(one.captured_queries)):
        html = staff.get(QUEUE).content.decode()
    assert html.count('class="moderation-pictures"') == 4
