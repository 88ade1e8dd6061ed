"""/mitglied-werden/?verband=<slug> preselects an association; the disciplines are grouped
by Teilmarkt (issue 13, item 4)."""

import re

import pytest
from django.core import mail

from mitglieder.models import MembershipRequest
from teilmaerkte.models import Discipline, Submarket
from verbaende.models import Association, Municipality


def selected_association(html):
    select = re.search(r'<select name="association".*?</select>', html, re.S).group(0)
    return re.findall(r'<option value="(\d*)"[^>]*selected', select)


def test_the_button_link_preselects_the_association(client, reference_data):
    html = client.get("/mitglied-werden/?verband=leipzig").content.decode()
    assert selected_association(html) == [str(Association.objects.get(slug="leipzig").pk)]


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?verband=",
        "?verband=gibtesnicht",
        "?verband=landesverband",
        "?verband=%00%ff",
        "?verband=" + "x" * 500,
        "?verband=leipzig&verband=dresden",
    ],
)
def test_unknown_or_odd_values_are_ignored(client, reference_data, query):
    response = client.get("/mitglied-werden/" + query)
    assert response.status_code == 200
    selected = selected_association(response.content.decode())
    if query.endswith("verband=dresden"):
        # The last value of a repeated parameter counts, as everywhere in Django.
        assert selected == [str(Association.objects.get(slug="dresden").pk)]
    else:
        assert selected in ([], [""])


def request_data(association):
    return {
        "name": "Grafikbüro Zwickau",
        "kind": "company",
        "contact_name": "Zora Zwick",
        "email": "zora@example.org",
        "municipality": Municipality.objects.get(slug="zwickau").pk,
        "association": association.pk,
        "disciplines": [Discipline.objects.get(slug="kommunikationsdesign").pk],
    }


def test_the_chosen_association_receives_the_request(
    client, reference_data, staff_chemnitz, staff_leipzig, django_capture_on_commit_callbacks
):
    leipzig = Association.objects.get(slug="leipzig")
    data = request_data(leipzig)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/mitglied-werden/", data).status_code == 302
    assert MembershipRequest.objects.get().association == leipzig
    assert "staff-leipzig@example.org" in mail.outbox[0].to
    assert "staff-chemnitz@example.org" not in mail.outbox[0].to


def test_the_landesverband_cannot_be_chosen(client, reference_data):
    state = Association.objects.get(slug="landesverband")
    response = client.post("/mitglied-werden/", request_data(state))
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"association"}
    assert not MembershipRequest.objects.exists()


def test_the_disciplines_are_grouped_by_teilmarkt_in_fieldsets(client, reference_data):
    html = client.get("/mitglied-werden/").content.decode()
    legends = re.findall(r'<fieldset class="choice-group"><legend>([^<]+)</legend>', html)
    assert legends == [submarket.localized_name for submarket in Submarket.objects.all()]
    assert html.count('name="disciplines"') == Discipline.objects.count()
