"""Staff see the possible duplicates of a membership request, scoped to what they may see."""

import pytest
from django.utils.translation import gettext as _

from mitglieder.models import MembershipRequest, Profile
from tests.factories import make_profile, place

QUEUE = "/admin/moderation/moderationqueue/"


@pytest.fixture
def scene(reference_data):
    request = MembershipRequest.objects.create(
        name="Lichtwerk Fotografie",
        contact_name="Lea Licht",
        email="lea@lichtwerk-foto.de",
        municipality=place("chemnitz"),
    )
    return {
        "request": request,
        # Chemnitz's own draft, matched by e-mail domain and name.
        "own": make_profile(
            "chemnitz",
            name="Lichtwerk Fotografie Chemnitz",
            status=Profile.Status.DRAFT,
            contact_email="info@lichtwerk-foto.de",
        ),
        # Leipzig's public profile, matched by name.
        "public_elsewhere": make_profile("leipzig", name="Lichtwerk Fotografie"),
        # Dresden's draft, matched by e-mail only: private data of another association.
        "private_elsewhere": make_profile(
            "dresden",
            name="Ganz anders",
            status=Profile.Status.DRAFT,
            contact_email="lea@lichtwerk-foto.de",
        ),
    }


def _change_page(client, scene):
    url = f"/admin/mitglieder/membershiprequest/{scene['request'].pk}/change/"
    return client.get(url).content.decode()


@pytest.mark.parametrize("page", ["queue", "change"])
def test_regional_staff_see_their_own_pairs_linked_and_others_only_publicly(
    client, staff_chemnitz, scene, page
):
    client.force_login(staff_chemnitz)
    html = client.get(QUEUE).content.decode() if page == "queue" else _change_page(client, scene)
    assert str(_("Possible duplicates")) in html
    assert f"/admin/mitglieder/profile/{scene['own'].pk}/change/" in html
    assert f"/mitglieder/{scene['public_elsewhere'].slug}/" in html
    assert f"/admin/mitglieder/profile/{scene['public_elsewhere'].pk}/change/" not in html
    # Dresden's draft: counted, never named or linked.
    assert "Ganz anders" not in html
    assert f"/profile/{scene['private_elsewhere'].pk}/" not in html
    assert str(_("same e-mail address")) not in html  # only Dresden matched the address


def test_landesverband_staff_see_every_pair_with_its_reasons(client, staff_landesverband, scene):
    client.force_login(staff_landesverband)
    html = _change_page(client, scene)
    for profile in ("own", "public_elsewhere", "private_elsewhere"):
        assert f"/admin/mitglieder/profile/{scene[profile].pk}/change/" in html
    assert str(_("same e-mail address")) in html
    assert str(_("similar name")) in html


def test_staff_of_another_association_cannot_open_the_request(client, staff_leipzig, scene):
    client.force_login(staff_leipzig)
    url = f"/admin/mitglieder/membershiprequest/{scene['request'].pk}/change/"
    assert client.get(url).status_code == 404
    assert scene["request"].name not in client.get(QUEUE).content.decode()


def test_a_request_is_not_its_own_duplicate(client, staff_chemnitz, reference_data):
    MembershipRequest.objects.create(
        name="Einzigartig", contact_name="E", email="e@example.org", municipality=place("chemnitz")
    )
    client.force_login(staff_chemnitz)
    html = client.get(QUEUE).content.decode()
    none_found = _(
        "None found: no profile or open request resembles this one by name, website or e-mail."
    )
    assert str(none_found) in html
