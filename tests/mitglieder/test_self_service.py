"""/mein-profil/: members edit, preview and submit their own profiles and galleries."""

import io

import pytest
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from PIL import Image

from mitglieder import self_service_forms
from mitglieder.editor_sections import SECTIONS
from mitglieder.models import GalleryImage, Profile, ProfileLink, Visibility
from mitglieder.services import change_reason
from teilmaerkte.models import Discipline
from tests.factories import after_commit, discipline, place
from tests.profile_forms import edit_data

LOGIN_URL = reverse("konten:login")
DJANGO_REQUIRED = "Dieses Feld ist zwingend erforderlich."  # Django's own German catalogue


def german(msgid, **params):
    """The text a German page shows for `msgid` (the English msgid itself until the German
    catalogue has it, exactly like the page)."""
    with translation.override("de"):
        text = gettext(msgid)
    return text % params if params else text


# German typography: an en dash, not a hyphen.
DRAFT_LABEL = "Draft – not public yet"  # noqa: RUF001
PREVIEW_BANNER = "Preview – this is how visitors see your profile"  # noqa: RUF001
MEMBER_PREVIEW_BANNER = "Preview – this is how logged-in members see your profile"  # noqa: RUF001
SUBMITTED = "Submitted – your association is now reviewing the profile."  # noqa: RUF001

CONFLICT = (
    "This profile has been changed elsewhere in the meantime, for example in another "
    "browser tab. Your changes have not been saved. Your input is still below; please "
    "check it and save again."
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def png(name="werk.png", size=(320, 240), color=(200, 40, 40)):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def stored_files(root, folder):
    path = root / folder
    return sorted(p.name for p in path.rglob("*") if p.is_file()) if path.exists() else []


def add_image(profile, alt_text="Plakat", position=0):
    image = GalleryImage(profile=profile, alt_text=alt_text, position=position)
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), (10, 90, 160)).save(buffer, "PNG")
    image.image = ContentFile(buffer.getvalue(), name="probe.png")
    with after_commit():
        image.save()
    return image


def url(name, profile=None, image=None):
    if name == "overview":
        return reverse("self_service:overview")
    kwargs = {"pk": profile.pk}
    if name.startswith("section:"):
        name, kwargs["section"] = name.split(":")
    if name.startswith("gallery_"):
        kwargs["image_pk"] = image.pk
    return reverse(f"self_service:{name}", kwargs=kwargs)


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


# --- Who may do what ----------------------------------------------------------------------

# (URL name, method, the owner's expected status). The owner's POSTs are empty or minimal:
# an empty form answers 200 with errors, actions redirect.
SECTION_SLUGS = [section.slug for section in SECTIONS]
ENDPOINTS = [
    ("overview", "get", 200),
    # The editor's old address opens its first section; a whole form posted there is saved.
    ("edit", "get", 302),
    ("edit", "post", 200),
    *[(f"section:{slug}", method, 200) for slug in SECTION_SLUGS for method in ("get", "post")],
    ("preview", "get", 200),
    ("submit", "post", 302),
    ("gallery", "get", 200),
    ("gallery", "post", 200),
    ("gallery_image", "post", 200),
    ("gallery_move", "post", 302),
    ("gallery_delete", "get", 200),
    ("gallery_delete", "post", 302),
]
POSTS = [(name, method) for name, method, _ in ENDPOINTS if method == "post"]
STRANGERS = ["other_member", "staff_leipzig", "staff_chemnitz", "staff_landesverband"]


@pytest.fixture
def gallery_image(owned_profile):
    return add_image(owned_profile)


def _request(client, method, address):
    return client.get(address) if method == "get" else client.post(address, {})


@pytest.mark.parametrize(("name", "method", "owner_status"), ENDPOINTS)
def test_anonymous_visitors_are_sent_to_the_login(
    client, owned_profile, gallery_image, name, method, owner_status
):
    address = url(name, owned_profile, gallery_image)
    response = _request(client, method, address)
    assert response.status_code == 302
    assert response.url.startswith(LOGIN_URL)
    assert "next=" in response.url


@pytest.mark.parametrize("persona", STRANGERS)
@pytest.mark.parametrize(("name", "method", "owner_status"), ENDPOINTS)
def test_everyone_but_the_editors_gets_a_404(
    request, client_for, owned_profile, gallery_image, persona, name, method, owner_status
):
    """Other members and staff, even of the profile's own association (Chemnitz), see
    nothing: staff moderate in the admin."""
    client = client_for(request.getfixturevalue(persona))
    before = Profile.objects.values().get(pk=owned_profile.pk)
    response = _request(client, method, url(name, owned_profile, gallery_image))
    if name == "overview":
        # Everyone logged in has an overview, listing only their own profiles.
        assert response.status_code == 200
        assert owned_profile.name not in response.content.decode()
    else:
        assert response.status_code == 404
    assert Profile.objects.values().get(pk=owned_profile.pk) == before
    assert GalleryImage.objects.filter(pk=gallery_image.pk).exists()


@pytest.mark.parametrize(("name", "method", "owner_status"), ENDPOINTS)
def test_the_owner_may(client_for, owner, owned_profile, gallery_image, name, method, owner_status):
    response = _request(client_for(owner), method, url(name, owned_profile, gallery_image))
    assert response.status_code == owner_status


def test_an_image_of_another_profile_is_404_for_the_owner(client_for, owner, other_member):
    foreign_image = add_image(other_member.profiles.get())
    own = owner.profiles.get()
    client = client_for(owner)
    for name in ("gallery_image", "gallery_move", "gallery_delete"):
        assert client.post(url(name, own, foreign_image), {}).status_code == 404
    assert GalleryImage.objects.filter(pk=foreign_image.pk).exists()


def test_actions_refuse_get(client_for, owner, owned_profile, gallery_image):
    client = client_for(owner)
    for name in ("submit", "gallery_image", "gallery_move"):
        assert client.get(url(name, owned_profile, gallery_image)).status_code == 405


@pytest.mark.parametrize(("name", "method"), POSTS)
def test_every_post_needs_the_csrf_token(owner, owned_profile, gallery_image, name, method):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    owned_profile.status = Profile.Status.DRAFT
    owned_profile.save()
    before = Profile.objects.values().get(pk=owned_profile.pk)
    response = client.post(url(name, owned_profile, gallery_image), {"direction": "down"})
    assert response.status_code == 403
    assert Profile.objects.values().get(pk=owned_profile.pk) == before
    assert GalleryImage.objects.filter(pk=gallery_image.pk).exists()


def test_several_editors_may_edit_one_profile(client_for, owned_profile):
    from tests.factories import UserFactory

    colleague = UserFactory(full_name="Carla Kollegin")
    owned_profile.owners.add(colleague)
    client = client_for(colleague)
    assert client.get(url("section:grunddaten", owned_profile)).status_code == 200
    html = client.get(url("overview")).content.decode()
    assert "Olga Owner" in html
    assert "Carla Kollegin" in html
    assert "owner@example.org" not in html


# --- Overview -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "label"),
    [
        (Profile.Status.DRAFT, DRAFT_LABEL),
        (Profile.Status.IN_REVIEW, "In review"),
        (Profile.Status.PUBLISHED, "Published"),
        (Profile.Status.HIDDEN, "Hidden"),
    ],
)
def test_the_overview_explains_the_status(client_for, owner, owned_profile, status, label):
    owned_profile.status = status
    owned_profile.save()
    html = client_for(owner).get(url("overview")).content.decode()
    assert german(label) in html
    assert url("edit", owned_profile) in html
    assert url("preview", owned_profile) in html
    assert url("gallery", owned_profile) in html
    assert (url("submit", owned_profile) in html) == (status == Profile.Status.DRAFT)


def test_the_overview_lists_every_profile_of_the_user(client_for, owner):
    from tests.factories import ProfileFactory

    second = ProfileFactory(name="Kollektiv Zweitprofil")
    second.owners.add(owner)
    html = client_for(owner).get(url("overview")).content.decode()
    assert "Atelier Olga" in html
    assert "Kollektiv Zweitprofil" in html


# --- Editing --------------------------------------------------------------------------------


def test_every_field_can_be_edited_and_a_published_profile_shows_it_at_once(
    client, client_for, owner, owned_profile
):
    response = client_for(owner).post(
        url("edit", owned_profile),
        edit_data(
            owned_profile,
            name="Atelier Olga Neu",
            kind=Profile.Kind.PERSON,
            tagline="Neue Plakate für die Kulturhauptstadt.",
            description="Wir **drucken** selbst.",
            municipality=place("leipzig").pk,
            disciplines=[discipline("fotografie").pk, discipline("games").pk],
            website="https://olga.example.org/",
            open_for_commissions=True,
            seeks_cooperation=True,
            contact_email="post@olga.example.org",
            phone="+49 371 123456",
            phone_visibility=Visibility.PUBLIC,
            street_address="Straße der Nationen 1",
            postal_code="09111",
            address_visibility=Visibility.MEMBERS,
            new_links=[("instagram", "https://instagram.example.org/olga")],
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    assert response.url == url("overview")
    assert messages_of(response) == [german("Saved. The changes are visible on your public page.")]

    profile = Profile.objects.get(pk=owned_profile.pk)
    assert profile.status == Profile.Status.PUBLISHED
    assert profile.version == owned_profile.version + 1
    assert profile.kind == Profile.Kind.PERSON
    assert profile.municipality.slug == "leipzig"
    assert {d.slug for d in profile.disciplines.all()} == {"fotografie", "games"}
    assert (profile.phone, profile.phone_visibility) == ("+49 371 123456", "public")
    assert (profile.street_address, profile.postal_code) == ("Straße der Nationen 1", "09111")
    assert profile.address_visibility == "members"
    assert profile.contact_email == "post@olga.example.org"
    assert [(link.kind, link.url) for link in profile.links.all()] == [
        ("instagram", "https://instagram.example.org/olga")
    ]

    client.logout()
    html = client.get(profile.get_absolute_url()).content.decode()
    assert "Atelier Olga Neu" in html
    assert "Neue Plakate für die Kulturhauptstadt." in html
    assert "Wir <strong>drucken</strong> selbst." in html
    assert "Leipzig" in html
    assert "Fotografie" in html
    assert 'href="https://olga.example.org/"' in html
    assert 'href="https://instagram.example.org/olga"' in html
    assert german("Open for commissions") in html
    assert german("Looking for cooperation") in html
    # Contact data as its visibility says: the phone for everyone, the address for members.
    assert "+49 371 123456" in html
    assert "Straße der Nationen 1" not in html
    # The e-mail address is never shown: the contact form relays to it.
    assert "post@olga.example.org" not in html
    assert "owner@example.org" not in html


def test_an_edit_is_recorded_in_the_history(client_for, owner, owned_profile):
    records_before = owned_profile.history.count()
    client_for(owner).post(
        url("edit", owned_profile),
        edit_data(
            owned_profile,
            tagline="Ein neuer Satz über uns.",
            disciplines=[discipline("fotografie").pk],
        ),
    )
    # One entry per save, holding the new disciplines too.
    assert owned_profile.history.count() == records_before + 1
    latest = owned_profile.history.first()
    assert latest.history_type == "~"
    assert latest.history_user == owner
    assert latest.history_change_reason == change_reason("Edited by a member")
    assert latest.tagline == "Ein neuer Satz über uns."
    assert [d.discipline.slug for d in latest.disciplines.all()] == ["fotografie"]
    changed = {change.field for change in latest.diff_against(latest.prev_record).changes}
    assert {"tagline", "disciplines"} <= changed


def test_unticking_the_directory_listing_keeps_the_page_but_leaves_the_list(
    client, client_for, owner, owned_profile
):
    client_for(owner).post(
        url("edit", owned_profile), edit_data(owned_profile, listed_in_directory=False)
    )
    client.logout()
    assert not Profile.objects.get(pk=owned_profile.pk).listed_in_directory
    assert client.get(owned_profile.get_absolute_url()).status_code == 200
    assert owned_profile.name not in client.get("/mitglieder/").content.decode()


def test_staff_fields_cannot_be_set_by_the_member(client_for, owner, owned_profile, leipzig):
    client_for(owner).post(
        url("edit", owned_profile),
        edit_data(
            owned_profile,
            status=Profile.Status.HIDDEN,
            association=leipzig.pk,
            slug="gekapert",
            version=owned_profile.version,
        ),
    )
    profile = Profile.objects.get(pk=owned_profile.pk)
    assert profile.status == Profile.Status.PUBLISHED
    assert profile.association.slug == "chemnitz"
    assert profile.slug == owned_profile.slug


def test_editing_a_draft_keeps_it_a_draft(client, client_for, owner, owned_profile):
    owned_profile.status = Profile.Status.DRAFT
    owned_profile.save()
    response = client_for(owner).post(
        url("edit", owned_profile), edit_data(owned_profile, tagline="Noch geheim.")
    )
    assert messages_of(response) == [german("Saved.")]
    assert Profile.objects.get(pk=owned_profile.pk).status == Profile.Status.DRAFT
    client.logout()
    assert client.get(owned_profile.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"disciplines": []}, "disciplines"),
        ({"tagline": ""}, "tagline"),
        ({"website": "keine adresse"}, "website"),
        ({"municipality": ""}, "municipality"),
    ],
)
def test_invalid_input_is_refused_and_kept(client_for, owner, owned_profile, changes, field):
    data = edit_data(owned_profile, name="Nicht gespeichert", **changes)
    response = client_for(owner).post(url("edit", owned_profile), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert 'value="Nicht gespeichert"' in response.content.decode()
    assert Profile.objects.get(pk=owned_profile.pk).name == "Atelier Olga"


def test_at_most_five_disciplines(client_for, owner, owned_profile):
    six = [d.pk for d in Discipline.objects.all()[:6]]
    response = client_for(owner).post(
        url("edit", owned_profile), edit_data(owned_profile, disciplines=six)
    )
    assert response.status_code == 200
    assert german("Please choose at most %(count)s disciplines.", count=5) in (
        response.content.decode()
    )


def test_links_can_be_deleted(client_for, owner, owned_profile):
    link = ProfileLink.objects.create(
        profile=owned_profile, kind="behance", url="https://behance.example.org/olga"
    )
    data = edit_data(owned_profile)
    data["links-0-DELETE"] = "on"
    response = client_for(owner).post(url("edit", owned_profile), data)
    assert response.status_code == 302
    assert not ProfileLink.objects.filter(pk=link.pk).exists()


def test_at_most_eight_links(client_for, owner, owned_profile):
    links = [("other", f"https://example.org/{n}") for n in range(9)]
    response = client_for(owner).post(
        url("edit", owned_profile), edit_data(owned_profile, new_links=links)
    )
    assert response.status_code == 200
    assert not owned_profile.links.exists()


def test_a_portrait_can_be_uploaded_and_removed(
    client, client_for, owner, owned_profile, media, django_capture_on_commit_callbacks
):
    member = client_for(owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = member.post(
            url("edit", owned_profile), edit_data(owned_profile, image=png("portrait.png"))
        )
    assert response.status_code == 302
    profile = Profile.objects.get(pk=owned_profile.pk)
    assert profile.image.name.endswith(".webp")  # sanitized and re-encoded
    assert profile.image_renditions
    client.logout()
    html = client.get(profile.get_absolute_url()).content.decode()
    assert 'class="profile__image"' in html
    member.force_login(owner)

    with django_capture_on_commit_callbacks(execute=True):
        response = member.post(url("edit", profile), edit_data(profile, remove_image=True))
    assert response.status_code == 302
    profile.refresh_from_db()
    assert not profile.image
    assert profile.image_renditions == []


def test_an_invalid_portrait_is_refused(client_for, owner, owned_profile, media):
    fake = SimpleUploadedFile("portrait.jpg", b"<html>kein Bild</html>", "image/jpeg")
    response = client_for(owner).post(
        url("edit", owned_profile), edit_data(owned_profile, image=fake)
    )
    assert response.status_code == 200
    assert "image" in response.context["form"].errors
    assert not Profile.objects.get(pk=owned_profile.pk).image
    assert stored_files(media, "profile-images") == []


# --- Two tabs -------------------------------------------------------------------------------


def test_the_second_of_two_concurrent_saves_is_refused_and_keeps_its_input(
    client_for, owner, owned_profile
):
    member = client_for(owner)
    # Both tabs loaded the form with the same version.
    tab_one = edit_data(owned_profile, tagline="Tab eins war zuerst.")
    tab_two = edit_data(owned_profile, name="Atelier aus Tab zwei", tagline="Tab zwei.")

    assert member.post(url("edit", owned_profile), tab_one).status_code == 302
    response = member.post(url("edit", owned_profile), tab_two)

    assert response.status_code == 200
    html = response.content.decode()
    assert german(CONFLICT) in html
    # Nothing of the first save is lost, nothing of the second is written ...
    profile = Profile.objects.get(pk=owned_profile.pk)
    assert profile.tagline == "Tab eins war zuerst."
    assert profile.name == "Atelier Olga"
    # ... and the second tab's input is still in the form, now against the new version.
    assert 'value="Atelier aus Tab zwei"' in html
    assert 'value="Tab zwei."' in html
    form = response.context["form"]
    assert form["version"].value() == str(profile.version)

    # Saving again after checking is a deliberate decision and succeeds.
    again = dict(tab_two, version=profile.version)
    assert member.post(url("edit", owned_profile), again).status_code == 302
    assert Profile.objects.get(pk=owned_profile.pk).name == "Atelier aus Tab zwei"


def test_an_edit_keeps_a_status_that_staff_changed_meanwhile(client_for, owner, owned_profile):
    data = edit_data(owned_profile, tagline="Nach der Moderation.")
    # Staff hide the profile; status is not part of the member's form or version.
    Profile.objects.filter(pk=owned_profile.pk).update(status=Profile.Status.HIDDEN)
    assert client_for(owner).post(url("edit", owned_profile), data).status_code == 302
    profile = Profile.objects.get(pk=owned_profile.pk)
    assert profile.status == Profile.Status.HIDDEN
    assert profile.tagline == "Nach der Moderation."


# --- Markdown preview -----------------------------------------------------------------------


def test_the_description_preview_renders_markdown_without_saving(client_for, owner, owned_profile):
    history_before = owned_profile.history.count()
    data = edit_data(
        owned_profile, description="Wir **drucken** <script>alert(1)</script>", preview="1"
    )
    response = client_for(owner).post(url("edit", owned_profile), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Wir <strong>drucken</strong>" in html
    assert "<script>alert" not in html
    assert german("Preview of the description") in html
    profile = Profile.objects.get(pk=owned_profile.pk)
    assert profile.description == owned_profile.description
    assert profile.version == owned_profile.version
    assert owned_profile.history.count() == history_before


# --- Preview and submission -----------------------------------------------------------------


def test_the_preview_shows_a_draft_as_the_public_would_see_it(client_for, owner, owned_profile):
    owned_profile.status = Profile.Status.DRAFT
    owned_profile.save()
    response = client_for(owner).get(url("preview", owned_profile))
    assert response.status_code == 200
    assert "mitglieder/profile_detail.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert german(PREVIEW_BANNER) in html
    assert german(DRAFT_LABEL) in html
    assert "Atelier Olga" in html
    assert owned_profile.tagline in html
    assert "owner@example.org" not in html
    assert '<meta name="robots" content="noindex">' in html


def test_the_preview_shows_what_visitors_and_what_members_see(client_for, owner, owned_profile):
    owned_profile.phone = "0371 4711"
    owned_profile.phone_visibility = Visibility.MEMBERS
    owned_profile.save()
    member = client_for(owner)
    as_visitor = member.get(url("preview", owned_profile)).content.decode()
    assert "0371 4711" not in as_visitor
    as_member = member.get(url("preview", owned_profile) + "?ansicht=mitglieder")
    html = as_member.content.decode()
    assert "0371 4711" in html
    assert german(MEMBER_PREVIEW_BANNER) in html
    # The site header still shows the member as logged in.
    assert reverse("konten:logout") in as_visitor


def test_a_draft_is_submitted_for_review_and_stays_private(
    client, client_for, owner, owned_profile
):
    owned_profile.status = Profile.Status.DRAFT
    owned_profile.save()
    response = client_for(owner).post(url("submit", owned_profile))
    assert response.status_code == 302
    assert response.url == url("overview")
    assert messages_of(response) == [german(SUBMITTED)]
    profile = Profile.objects.get(pk=owned_profile.pk)
    assert profile.status == Profile.Status.IN_REVIEW
    assert profile.submitted_at is not None
    assert profile.history.first().history_change_reason == change_reason("Submitted for review")
    client.logout()
    assert client.get(profile.get_absolute_url()).status_code == 404


def test_submitting_twice_changes_nothing_the_second_time(client_for, owner, owned_profile):
    owned_profile.status = Profile.Status.DRAFT
    owned_profile.save()
    member = client_for(owner)
    member.post(url("submit", owned_profile))
    first = Profile.objects.get(pk=owned_profile.pk)

    response = member.post(url("submit", owned_profile))
    assert response.status_code == 302
    assert messages_of(response)[-1] == german(
        "This profile has already been submitted and is being reviewed by your association."
    )
    again = Profile.objects.get(pk=owned_profile.pk)
    assert (again.status, again.submitted_at) == (first.status, first.submitted_at)


def test_a_published_profile_cannot_be_submitted(client_for, owner, owned_profile):
    response = client_for(owner).post(url("submit", owned_profile))
    assert messages_of(response) == [
        german("This profile is already published; your changes go live as soon as you save them.")
    ]
    assert Profile.objects.get(pk=owned_profile.pk).status == Profile.Status.PUBLISHED


# --- Gallery --------------------------------------------------------------------------------


def test_an_image_is_uploaded_with_alt_text(
    client, client_for, owner, owned_profile, media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(owner).post(
            url("gallery", owned_profile),
            {"image": png(), "alt_text": "Rotes Plakat an grauer Wand", "caption": "2024"},
        )
    image = GalleryImage.objects.get(profile=owned_profile)
    assert response.status_code == 302
    assert response.url == f"{url('gallery', owned_profile)}#bild-{image.pk}"
    assert image.alt_text == "Rotes Plakat an grauer Wand"
    assert image.image.name.endswith(".webp")
    assert image.renditions
    assert stored_files(media, "gallery")
    html = client.get(owned_profile.get_absolute_url()).content.decode()
    assert 'alt="Rotes Plakat an grauer Wand"' in html


def test_an_image_without_alt_text_is_refused_in_german(client_for, owner, owned_profile, media):
    response = client_for(owner).post(url("gallery", owned_profile), {"image": png()})
    assert response.status_code == 200
    assert response.context["upload_form"].errors["alt_text"] == [DJANGO_REQUIRED]
    assert DJANGO_REQUIRED in response.content.decode()
    assert not GalleryImage.objects.exists()
    assert stored_files(media, "gallery") == []


def test_a_text_file_called_jpg_is_refused(client_for, owner, owned_profile, media):
    fake = SimpleUploadedFile("foto.jpg", b"Das ist kein Bild.\n" * 20, "image/jpeg")
    response = client_for(owner).post(
        url("gallery", owned_profile), {"image": fake, "alt_text": "Ein Foto"}
    )
    assert response.status_code == 200
    assert "image" in response.context["upload_form"].errors
    assert not GalleryImage.objects.exists()
    assert stored_files(media, "gallery") == []


def test_the_thirteenth_image_is_refused(client_for, owner, owned_profile, media):
    GalleryImage.objects.bulk_create(
        GalleryImage(
            profile=owned_profile,
            image=f"gallery/{n}.webp",
            alt_text=f"Bild {n}",
            width=1,
            height=1,
        )
        for n in range(12)
    )
    response = client_for(owner).post(
        url("gallery", owned_profile), {"image": png(), "alt_text": "Eins zu viel"}
    )
    assert response.status_code == 200
    with translation.override("de"):
        assert str(self_service_forms.gallery_full_message()) in response.content.decode()
    assert owned_profile.gallery.count() == 12
    assert not owned_profile.gallery.filter(alt_text="Eins zu viel").exists()
    assert stored_files(media, "gallery") == []


def test_images_can_be_reordered(client_for, owner, owned_profile, media):
    first, second, third = (
        add_image(owned_profile, alt_text, position)
        for position, alt_text in enumerate(["Erstes", "Zweites", "Drittes"])
    )
    member = client_for(owner)

    response = member.post(url("gallery_move", owned_profile, third), {"direction": "up"})
    assert response.status_code == 302
    assert response.url.endswith(f"#bild-{third.pk}")
    assert [i.alt_text for i in owned_profile.gallery.all()] == ["Erstes", "Drittes", "Zweites"]

    member.post(url("gallery_move", owned_profile, first), {"direction": "down"})
    assert [i.alt_text for i in owned_profile.gallery.all()] == ["Drittes", "Erstes", "Zweites"]

    # The first cannot move further up.
    member.post(url("gallery_move", owned_profile, third), {"direction": "up"})
    assert [i.alt_text for i in owned_profile.gallery.all()] == ["Drittes", "Erstes", "Zweites"]
    assert second.pk in owned_profile.gallery.values_list("pk", flat=True)


def test_alt_text_and_caption_can_be_changed(client_for, owner, owned_profile, media):
    image = add_image(owned_profile, "Alt")
    form = self_service_forms.GalleryImageForm(instance=image, prefix=f"bild-{image.pk}")
    loaded = form.initial["loaded"]
    prefix = f"bild-{image.pk}"
    member = client_for(owner)

    response = member.post(
        url("gallery_image", owned_profile, image),
        {
            f"{prefix}-alt_text": "Neu",
            f"{prefix}-caption": "Mit Bildunterschrift",
            f"{prefix}-loaded": loaded,
        },
    )
    assert response.status_code == 302
    image.refresh_from_db()
    assert (image.alt_text, image.caption) == ("Neu", "Mit Bildunterschrift")

    # A second tab with the old state is refused and keeps its input.
    response = member.post(
        url("gallery_image", owned_profile, image),
        {
            f"{prefix}-alt_text": "Aus dem alten Tab",
            f"{prefix}-caption": "",
            f"{prefix}-loaded": loaded,
        },
    )
    assert response.status_code == 200
    assert 'value="Aus dem alten Tab"' in response.content.decode()
    image.refresh_from_db()
    assert image.alt_text == "Neu"

    # An empty alt text is refused.
    response = member.post(
        url("gallery_image", owned_profile, image),
        {f"{prefix}-alt_text": "", f"{prefix}-loaded": self_service_forms.image_fingerprint(image)},
    )
    assert response.status_code == 200
    assert DJANGO_REQUIRED in response.content.decode()
    image.refresh_from_db()
    assert image.alt_text == "Neu"


def test_an_image_is_deleted_after_confirmation(
    client_for, owner, owned_profile, media, django_capture_on_commit_callbacks
):
    image = add_image(owned_profile, "Wird gelöscht")
    files = stored_files(media, "gallery") + stored_files(media, "renditions")
    assert files
    member = client_for(owner)

    confirmation = member.get(url("gallery_delete", owned_profile, image))
    assert confirmation.status_code == 200
    assert "Wird gelöscht" in confirmation.content.decode()
    assert GalleryImage.objects.filter(pk=image.pk).exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = member.post(url("gallery_delete", owned_profile, image))
    assert response.status_code == 302
    assert response.url == url("gallery", owned_profile)
    assert not GalleryImage.objects.filter(pk=image.pk).exists()
    assert stored_files(media, "gallery") == []
    assert stored_files(media, "renditions") == []


def test_the_gallery_page_offers_the_actions(client_for, owner, owned_profile, media):
    first = add_image(owned_profile, "Erstes", 0)
    second = add_image(owned_profile, "Zweites", 1)
    html = client_for(owner).get(url("gallery", owned_profile)).content.decode()
    assert html.count(url("gallery_move", owned_profile, first)) == 1  # only "down"
    assert html.count(url("gallery_move", owned_profile, second)) == 1  # only "up"
    assert url("gallery_delete", owned_profile, first) in html
    assert 'value="Erstes"' in html


def test_the_public_page_never_shows_the_members_email(client, client_for, owner, owned_profile):
    client_for(owner).post(
        url("edit", owned_profile),
        edit_data(owned_profile, contact_email="geheim@example.org", phone_visibility="hidden"),
    )
    client.logout()
    html = client.get(owned_profile.get_absolute_url()).content.decode()
    assert "geheim@example.org" not in html
    assert "owner@example.org" not in html
