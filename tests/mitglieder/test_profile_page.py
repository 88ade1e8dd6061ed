import pytest
from django.core.files.base import ContentFile

from mitglieder.models import Profile
from tests.factories import ProfileFactory, SuccessReportFactory, UserFactory
from tests.kooperationen.call_data import make_call


def test_a_published_profile_has_a_public_page(client, reference_data):
    profile = ProfileFactory(name="Studio Kranich", tagline="Bücher und Plakate aus Leipzig.")
    response = client.get(f"/mitglieder/{profile.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Studio Kranich" in html
    assert "Bücher und Plakate aus Leipzig." in html
    assert "Kommunikationsdesign" in html
    assert 'href="/teilmaerkte/designwirtschaft/"' in html


@pytest.mark.parametrize(
    "status", [Profile.Status.DRAFT, Profile.Status.IN_REVIEW, Profile.Status.HIDDEN]
)
def test_unpublished_profiles_do_not_exist_for_the_public(client, reference_data, status):
    profile = ProfileFactory(status=status)
    assert client.get(f"/mitglieder/{profile.slug}/").status_code == 404


def test_the_profile_page_never_shows_the_owners_email(client, reference_data):
    owner = UserFactory(email="anna.schulze@example.org")
    profile = ProfileFactory()
    profile.owners.add(owner)
    html = client.get(f"/mitglieder/{profile.slug}/").content.decode()
    assert "anna.schulze@example.org" not in html
    assert "@example.org" not in html


def test_markdown_in_the_description_is_rendered_inert(client, reference_data):
    profile = ProfileFactory(
        description=(
            "**Fett** <script>alert(1)</script> [x](javascript:alert(1)) "
            "<img src=x onerror=alert(1)>"
        )
    )
    html = client.get(f"/mitglieder/{profile.slug}/").content.decode()
    assert "<strong>Fett</strong>" in html
    assert "<script>alert" not in html
    assert "javascript:" not in html
    assert "onerror" not in html


def test_a_profile_page_needs_few_queries(client, reference_data, django_assert_max_num_queries):
    profile = ProfileFactory()
    # One of them loads the approved success reports, one the open cooperation calls,
    # however many there are.
    SuccessReportFactory.create_batch(3, profile=profile, status="approved")
    for place in ("chemnitz", "leipzig", None):
        make_call(profile, municipality=place)
    with django_assert_max_num_queries(7):
        client.get(f"/mitglieder/{profile.slug}/")


def test_approved_success_reports_are_shown_on_the_profile(
    client, reference_data, media, django_capture_on_commit_callbacks
):
    profile = ProfileFactory()
    with django_capture_on_commit_callbacks(execute=True):
        approved = SuccessReportFactory(
            profile=profile,
            title="Sächsischer Staatspreis für Design 2026",
            kind="award",
            evidence_url="https://example.org/preistraeger-2026",
            description="Für das Erscheinungsbild des Industriemuseums.",
            status="approved",
            image=ContentFile(jpeg_bytes(900, 600), name="urkunde.jpg"),
            image_alt="Die Urkunde auf einem Holztisch",
        )
    SuccessReportFactory(profile=profile, title="Noch nicht geprüft")
    SuccessReportFactory(profile=profile, title="Abgelehnt", status="rejected")
    SuccessReportFactory(title="Eines anderen Profils", status="approved")

    html = client.get(f"/mitglieder/{profile.slug}/").content.decode()

    article = html[html.index(f'id="erfolg-{approved.pk}"') :]
    article = article[: article.index("</article>")]
    assert "Sächsischer Staatspreis für Design 2026" in article
    assert "Für das Erscheinungsbild des Industriemuseums." in article
    assert 'href="https://example.org/preistraeger-2026"' in article
    assert 'alt="Die Urkunde auf einem Holztisch"' in article
    assert 'loading="lazy"' in article and "srcset=" in article and 'width="' in article
    assert "Noch nicht geprüft" not in html
    assert "Abgelehnt" not in html
    assert "Eines anderen Profils" not in html


def test_a_profile_without_approved_reports_has_no_successes_section(client, reference_data):
    profile = ProfileFactory()
    SuccessReportFactory(profile=profile)
    assert 'id="successes-title"' not in client.get(f"/mitglieder/{profile.slug}/").content.decode()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def jpeg_bytes(width, height, color=(200, 80, 40)):
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, "JPEG")
    return buffer.getvalue()


def test_the_profile_page_shows_gallery_renditions_for_responsive_images(
    client, reference_data, media, django_capture_on_commit_callbacks
):
    from django.core.files.base import ContentFile

    from mitglieder.models import GalleryImage

    profile = ProfileFactory()
    with django_capture_on_commit_callbacks(execute=True):
        GalleryImage.objects.create(
            profile=profile,
            image=ContentFile(jpeg_bytes(2000, 1000), name="plakat.jpg"),
            alt_text="Plakat für ein Sommerfestival",
        )
    html = client.get(f"/mitglieder/{profile.slug}/").content.decode()
    assert 'alt="Plakat für ein Sommerfestival"' in html
    assert 'loading="lazy"' in html
    assert 'width="480" height="240"' in html
    assert "-480.webp 480w" in html
    assert "-1440.webp 1440w" in html
    # The uploaded original is never linked.
    assert "plakat.jpg" not in html


def test_a_new_portrait_replaces_the_old_renditions(
    reference_data, media, django_capture_on_commit_callbacks
):
    from django.core.files.base import ContentFile

    profile = ProfileFactory()
    profile.image = ContentFile(jpeg_bytes(800, 600), name="portrait.jpg")
    with django_capture_on_commit_callbacks(execute=True):
        profile.save()
    first = [r["name"] for r in profile.image_renditions]
    assert [r["width"] for r in profile.image_renditions] == [240, 480]
    assert all((media / name).exists() for name in first)

    profile.image = ContentFile(jpeg_bytes(300, 300, (0, 0, 0)), name="neu.jpg")
    with django_capture_on_commit_callbacks(execute=True):
        profile.save()
    assert not any((media / name).exists() for name in first)
    assert [r["width"] for r in profile.image_renditions] == [240, 300]


def test_disciplines_and_place_link_back_to_the_filtered_directory(client, reference_data):
    profile = ProfileFactory()
    html = client.get(f"/mitglieder/{profile.slug}/").content.decode()
    assert 'href="/mitglieder/?disziplin=kommunikationsdesign"' in html
    assert 'href="/mitglieder/?ort=chemnitz"' in html
    assert 'href="/verbaende/chemnitz/"' in html


def test_website_and_social_links_are_shown(client, reference_data):
    from mitglieder.models import ProfileLink

    profile = ProfileFactory(website="https://studio-kranich.example")
    ProfileLink.objects.create(profile=profile, kind="instagram", url="https://insta.example/k")
    html = client.get(f"/mitglieder/{profile.slug}/").content.decode()
    assert 'href="https://studio-kranich.example"' in html
    assert 'href="https://insta.example/k"' in html


def test_the_profile_page_describes_itself_for_search_engines(client, reference_data):
    import json
    import re

    profile = ProfileFactory(name="Lena </script> Hoffmann", kind=Profile.Kind.PERSON)
    html = client.get(f"/mitglieder/{profile.slug}/").content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(block.group(1))
    assert data["@type"] == "Person"
    assert data["name"] == "Lena </script> Hoffmann"
    assert data["address"]["addressLocality"] == "Chemnitz"
    assert f'<link rel="canonical" href="http://testserver/mitglieder/{profile.slug}/">' in html
    assert '<meta property="og:title" content="Lena &lt;/script&gt; Hoffmann">' in html


def test_companies_are_organizations_in_structured_data(client, reference_data):
    profile = ProfileFactory(kind=Profile.Kind.COMPANY)
    html = client.get(f"/mitglieder/{profile.slug}/").content.decode()
    assert '"@type": "Organization"' in html
