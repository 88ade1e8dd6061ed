"""Regional staff keep their own association's page (portrait, office, fees, benefits,
links) in the admin; another association's page they only see; its name, address on the
site and regions stay with the Landesverband."""

import pytest

from tests.association_forms import association_data
from verbaende.models import Association, AssociationLink

pytestmark = pytest.mark.django_db


def change_url(association):
    return f"/admin/verbaende/association/{association.pk}/change/"


@pytest.fixture
def chemnitz(reference_data):
    return Association.objects.get(slug="chemnitz")


def fees_change(association, fees="Beitrag: 60 € im Jahr.", **changes):
    return association_data(association, fees=fees, **changes)


def stored_fees(association):
    return Association.objects.get(pk=association.pk).fees


def test_anonymous_visitors_are_sent_to_the_admin_login(client, chemnitz):
    before = stored_fees(chemnitz)
    response = client.post(change_url(chemnitz), fees_change(chemnitz))
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")
    assert stored_fees(chemnitz) == before


def test_a_member_is_sent_to_the_admin_login(client_for, owner, chemnitz):
    before = stored_fees(chemnitz)
    response = client_for(owner).post(change_url(chemnitz), fees_change(chemnitz))
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")
    assert stored_fees(chemnitz) == before


def test_staff_of_another_association_see_the_page_but_cannot_change_it(
    client_for, staff_leipzig, chemnitz
):
    staff = client_for(staff_leipzig)
    before = stored_fees(chemnitz)
    page = staff.get(change_url(chemnitz))
    assert page.status_code == 200
    assert 'name="fees"' not in page.content.decode()
    assert staff.post(change_url(chemnitz), fees_change(chemnitz)).status_code == 403
    assert stored_fees(chemnitz) == before


def test_staff_of_the_association_change_its_fees_and_links(client_for, staff_chemnitz, chemnitz):
    data = fees_change(chemnitz) | {
        "links-TOTAL_FORMS": "1",
        "links-0-kind": "instagram",
        "links-0-url": "https://www.instagram.com/kreativeschemnitz/",
        "links-0-position": "0",
    }
    response = client_for(staff_chemnitz).post(change_url(chemnitz), data)
    assert response.status_code == 302
    assert stored_fees(chemnitz) == "Beitrag: 60 € im Jahr."
    assert AssociationLink.objects.filter(association=chemnitz, kind="instagram").exists()


def test_regional_staff_cannot_rename_or_move_their_association(
    client_for, staff_chemnitz, chemnitz
):
    data = fees_change(chemnitz, name="Umbenannt e.V.", slug="umbenannt", position=0)
    response = client_for(staff_chemnitz).post(change_url(chemnitz), data)
    assert response.status_code == 302
    stored = Association.objects.get(pk=chemnitz.pk)
    assert (stored.name, stored.slug, stored.position) == (
        chemnitz.name,
        chemnitz.slug,
        chemnitz.position,
    )
    assert stored.fees == "Beitrag: 60 € im Jahr."


def test_the_landesverband_changes_any_associations_page_and_name(
    client_for, staff_landesverband, chemnitz
):
    data = fees_change(chemnitz, short_name="Kreatives Chemnitz e.V.")
    response = client_for(staff_landesverband).post(change_url(chemnitz), data)
    assert response.status_code == 302
    stored = Association.objects.get(pk=chemnitz.pk)
    assert stored.fees == "Beitrag: 60 € im Jahr."
    assert stored.short_name == "Kreatives Chemnitz e.V."
