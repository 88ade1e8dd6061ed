"""Associations with faces (issue 13, item 4): logo, portrait, contact persons with a relay
form, office, fees and benefits, social links and the "Become a member" button."""

import io

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation
from PIL import Image

from kontakt.association_relay import MESSAGES_PER_PERSON
from kontakt.relay import MESSAGES_PER_IP
from verbaende.models import Association, AssociationLink, ContactPerson

# The member count comes with the directory's counts (portal.views._all_members).
QUERIES_ON_THE_PAGE = 11
MESSAGE = "Guten Tag, ich möchte gern mehr über eine Mitgliedschaft im Verband erfahren."


def german(msgid):
    with translation.override("de"):
        return translation.gettext(msgid)


def png(name="bild.png", size=(300, 300), color=(200, 40, 40)):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def valid_data(**overrides):
    return {
        "sender_name": "Bea Beispiel",
        "sender_email": "bea@example.net",
        "message": MESSAGE,
    } | overrides


@pytest.fixture
def faces(chemnitz):
    chemnitz.portrait = "Wir machen das kreative Potential von Chemnitz sichtbar."
    chemnitz.office_address = "Musterstraße 1\n09111 Chemnitz"
    chemnitz.office_hours = "Dienstag 10 bis 14 Uhr"
    chemnitz.fees = "Beiträge **auf Anfrage**."
    chemnitz.benefits = "- Beratung\n- Netzwerktreffen"
    chemnitz.email = "info@kreatives-chemnitz.example"
    chemnitz.save()
    AssociationLink.objects.create(
        association=chemnitz, kind="instagram", url="https://instagram.com/kreativeschemnitz"
    )
    persons = {
        "clara": ContactPerson.objects.create(
            association=chemnitz,
            name="Clara Beispiel",
            role="Vorstand",
            email="clara.geheim@example.org",
            position=1,
        ),
        "paul": ContactPerson.objects.create(
            association=chemnitz, name="Paul Muster", role="Geschäftsstelle", position=2
        ),
        "hidden": ContactPerson.objects.create(
            association=chemnitz,
            name="Verborgene Person",
            role="Kasse",
            email="verborgen@example.org",
            is_visible=False,
        ),
    }
    return chemnitz, persons


def contact_url(person):
    return f"/verbaende/{person.association.slug}/kontakt/{person.pk}/"


# The page


def test_the_page_shows_portrait_office_fees_benefits_and_links(client, faces):
    html = client.get("/verbaende/chemnitz/").content.decode()
    assert "Wir machen das kreative Potential von Chemnitz sichtbar." in html
    assert "Musterstraße 1<br>09111 Chemnitz" in html
    assert "Dienstag 10 bis 14 Uhr" in html
    assert "Beiträge <strong>auf Anfrage</strong>." in html
    assert "<li>Netzwerktreffen</li>" in html
    assert 'href="https://instagram.com/kreativeschemnitz"' in html
    assert "img/icons.svg#instagram" in html


def test_the_page_shows_visible_contact_persons_in_order(client, faces):
    html = client.get("/verbaende/chemnitz/").content.decode()
    assert german("Contact persons") in html
    assert html.index("Clara Beispiel") < html.index("Paul Muster")
    assert "Geschäftsstelle" in html
    assert "Verborgene Person" not in html


def test_no_contact_persons_e_mail_address_is_in_the_html(client, faces):
    html = client.get("/verbaende/chemnitz/").content.decode()
    _association, persons = faces
    assert "clara.geheim" not in html
    assert "verborgen@" not in html
    assert f'href="{contact_url(persons["clara"])}"' in html
    form_page = client.get(contact_url(persons["clara"])).content.decode()
    assert "clara.geheim" not in form_page


def test_a_person_without_e_mail_points_to_the_association_contact(client, faces):
    _association, persons = faces
    html = client.get("/verbaende/chemnitz/").content.decode()
    assert contact_url(persons["paul"]) not in html
    assert html.count('href="mailto:info@kreatives-chemnitz.example"') >= 2


def test_the_logo_and_the_photo_are_shown_as_webp_renditions(
    client, faces, django_capture_on_commit_callbacks
):
    association, persons = faces
    with django_capture_on_commit_callbacks(execute=True):
        association.logo = png("logo.png")
        association.logo_alt = "Schriftzug Kreatives Chemnitz"
        association.save()
        persons["clara"].photo = png("clara.png")
        persons["clara"].photo_alt = "Clara lacht in die Kamera"
        persons["clara"].save()
    html = client.get("/verbaende/chemnitz/").content.decode()
    assert 'alt="Schriftzug Kreatives Chemnitz"' in html
    assert 'alt="Clara lacht in die Kamera"' in html
    assert html.count(".webp 240w") >= 2
    assert 'width="240" height="240"' in html


def test_the_become_a_member_button_preselects_the_association(client, faces):
    html = client.get("/verbaende/chemnitz/").content.decode()
    assert 'href="/mitglied-werden/?verband=chemnitz"' in html
    assert german("Become a member") in html


def test_the_landesverband_button_preselects_nothing(client, reference_data):
    html = client.get("/verbaende/landesverband/").content.decode()
    assert 'href="/mitglied-werden/"' in html
    assert "/mitglied-werden/?verband" not in html


def test_the_data_migration_gave_every_association_a_portrait_and_fees(reference_data):
    for association in Association.objects.all():
        assert association.portrait, association.slug
        assert association.benefits_html.startswith("<ul>"), association.slug
        assert "nfrage" in association.fees, association.slug


def test_the_page_query_count_is_pinned(client, faces, django_assert_num_queries):
    for number in range(5):
        ContactPerson.objects.create(association=faces[0], name=f"Person {number}", role="Beirat")
    client.get("/verbaende/chemnitz/")  # fills the directory's vocabulary caches
    cache.clear()
    # Contact persons and social links cost one query each, however many there are.
    with django_assert_num_queries(QUERIES_ON_THE_PAGE):
        assert client.get("/verbaende/chemnitz/").status_code == 200


# The relay


def test_a_message_reaches_the_person_with_the_sender_as_reply_to(client, faces):
    _association, persons = faces
    response = client.post(contact_url(persons["clara"]), valid_data())
    assert response.status_code == 302
    assert response["Location"] == "/verbaende/chemnitz/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["clara.geheim@example.org"]
    assert message.reply_to == ["Bea Beispiel <bea@example.net>"]
    assert MESSAGE in message.body
    assert "Kreatives Chemnitz" in message.body
    page = client.get("/verbaende/chemnitz/").content.decode()
    assert "Clara Beispiel" in page


def test_the_form_page_shows_the_form_and_sends_nothing(client, faces):
    _association, persons = faces
    response = client.get(contact_url(persons["clara"]))
    assert response.status_code == 200
    assert 'name="csrfmiddlewaretoken"' in response.content.decode()
    assert not mail.outbox


def test_bad_input_shows_errors_and_sends_nothing(client, faces):
    _association, persons = faces
    response = client.post(contact_url(persons["clara"]), valid_data(message="kurz"))
    assert response.status_code == 200
    assert "field--invalid" in response.content.decode()
    assert not mail.outbox


def test_a_filled_honeypot_pretends_success_but_sends_nothing(client, faces):
    _association, persons = faces
    response = client.post(contact_url(persons["clara"]), valid_data(homepage="http://spam"))
    assert response.status_code == 302
    assert not mail.outbox


@pytest.mark.parametrize("who", ["paul", "hidden"])
def test_persons_without_e_mail_or_hidden_have_no_form(client, faces, who):
    _association, persons = faces
    assert client.get(contact_url(persons[who])).status_code == 404
    assert client.post(contact_url(persons[who]), valid_data()).status_code == 404
    assert not mail.outbox


def test_a_person_is_only_reached_under_their_own_association(client, faces):
    _association, persons = faces
    url = f"/verbaende/dresden/kontakt/{persons['clara'].pk}/"
    assert client.get(url).status_code == 404
    assert client.get("/verbaende/chemnitz/kontakt/99999/").status_code == 404
    assert client.get("/verbaende/chemnitz/kontakt/abc/").status_code == 404


def test_the_relay_is_rate_limited_per_ip(client, faces):
    _association, persons = faces
    for _ in range(MESSAGES_PER_IP):
        assert client.post(contact_url(persons["clara"]), valid_data()).status_code == 302
    response = client.post(contact_url(persons["clara"]), valid_data())
    assert response.status_code == 429
    assert "clara.geheim" not in response.content.decode()
    assert len(mail.outbox) == MESSAGES_PER_IP


def test_the_relay_is_rate_limited_per_person(faces):
    _association, persons = faces
    for number in range(MESSAGES_PER_PERSON):
        visitor = Client(REMOTE_ADDR=f"10.0.0.{number + 1}")
        assert visitor.post(contact_url(persons["clara"]), valid_data()).status_code == 302
    visitor = Client(REMOTE_ADDR="10.0.1.1")
    assert visitor.post(contact_url(persons["clara"]), valid_data()).status_code == 429
    assert len(mail.outbox) == MESSAGES_PER_PERSON


def test_the_relay_needs_csrf(faces):
    _association, persons = faces
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(contact_url(persons["clara"]), valid_data()).status_code == 403
    assert not mail.outbox


# The admin of contact persons: each association's staff edit their own


def person_form(association, **overrides):
    return {
        "association": association.pk,
        "name": "Neue Person",
        "role": "Vorstand",
        "position": "0",
        "is_visible": "on",
        "photo_alt": "",
        "email": "neu@example.org",
    } | overrides


def test_regional_staff_add_persons_only_to_their_own_association(
    client_for, staff_chemnitz, dresden
):
    client = client_for(staff_chemnitz)
    response = client.post("/admin/verbaende/contactperson/add/", person_form(dresden))
    # Dresden is not among the choices of Chemnitz staff.
    assert response.status_code == 200
    assert not ContactPerson.objects.filter(name="Neue Person").exists()
    chemnitz = Association.objects.get(slug="chemnitz")
    response = client.post("/admin/verbaende/contactperson/add/", person_form(chemnitz))
    assert response.status_code == 302
    assert ContactPerson.objects.get(name="Neue Person").association == chemnitz


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("member", 302),
        ("chemnitz", 302),
        ("dresden", 404),
        ("landesverband", 302),
        ("superuser", 302),
    ],
)
def test_the_permission_ladder_for_changing_a_person(client_for, roles, faces, role, status):
    _association, persons = faces
    url = f"/admin/verbaende/contactperson/{persons['clara'].pk}/change/"
    chemnitz = persons["clara"].association
    response = client_for(roles[role]).post(url, person_form(chemnitz, name="Clara Neu"))
    assert response.status_code == status
    changed = ContactPerson.objects.get(pk=persons["clara"].pk).name == "Clara Neu"
    assert changed == (role in {"chemnitz", "landesverband", "superuser"})
    if role in {"anonymous", "member"}:
        assert response["Location"].startswith("/admin/login/")


def test_the_change_list_shows_only_the_own_associations_persons(client_for, roles, faces, dresden):
    ContactPerson.objects.create(association=dresden, name="Dora Dresden", role="Vorstand")
    html = client_for(roles["chemnitz"]).get("/admin/verbaende/contactperson/").content.decode()
    assert "Clara Beispiel" in html
    assert "Dora Dresden" not in html


def test_a_photo_needs_an_alternative_text(client_for, roles, chemnitz):
    client = client_for(roles["chemnitz"])
    data = person_form(chemnitz) | {"photo": png()}
    response = client.post("/admin/verbaende/contactperson/add/", data)
    assert response.status_code == 200
    assert not ContactPerson.objects.exists()
    data = person_form(chemnitz) | {"photo": png(), "photo_alt": "Porträt"}
    assert client.post("/admin/verbaende/contactperson/add/", data).status_code == 302
    assert ContactPerson.objects.get().photo.name.endswith(".webp")


def test_the_contact_persons_admin_posts_need_csrf(staff_chemnitz, chemnitz):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(staff_chemnitz)
    response = strict.post("/admin/verbaende/contactperson/add/", person_form(chemnitz))
    assert response.status_code == 403


def test_a_new_or_hidden_person_shows_at_once_on_the_cached_page(client, faces):
    association, persons = faces
    assert "Neu im Team" not in client.get("/verbaende/chemnitz/").content.decode()
    ContactPerson.objects.create(association=association, name="Neu im Team", role="Beirat")
    persons["clara"].is_visible = False
    persons["clara"].save()
    html = client.get("/verbaende/chemnitz/").content.decode()
    assert "Neu im Team" in html
    assert "Clara Beispiel" not in html
