"""The one "publish selected" action: staff see it under each content's own name, it touches
only what they may see, and it says what it did in German."""

import pytest
from django.contrib.messages import get_messages

from aktuelles.models import NewsItem
from tests.aktuelles.news_data import article
from tests.veranstaltungen.factories import EventFactory
from veranstaltungen.models import Event

# Change list → the label staff know the action by.
LABELS = {
    "/admin/aktuelles/newsitem/": "Ausgewählte Meldungen jetzt veröffentlichen",
    "/admin/veranstaltungen/event/": "Ausgewählte Veranstaltungen veröffentlichen",
    "/admin/mitglieder/profile/": "Ausgewählte Profile freigeben",
    "/admin/aktuelles/successreport/": "Ausgewählte Erfolgsmeldungen freigeben",
}


@pytest.mark.parametrize(("changelist", "label"), LABELS.items())
def test_each_change_list_offers_publishing_under_its_own_name(
    client_for, staff_chemnitz, changelist, label
):
    form = client_for(staff_chemnitz).get(changelist).context["action_form"]
    assert ("publish_selected", label) in form.fields["action"].choices


def publish(client, changelist, *objects):
    response = client.post(
        changelist,
        {"action": "publish_selected", "_selected_action": [obj.pk for obj in objects]},
        follow=True,
    )
    assert response.status_code == 200
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_publishing_events_releases_the_own_drafts_only(
    client_for, staff_chemnitz, chemnitz, dresden
):
    own = EventFactory(title="Eigener Entwurf", status=Event.Status.DRAFT)
    already = EventFactory(title="Schon veröffentlicht")
    foreign = EventFactory(title="Fremder Entwurf", association=dresden, status=Event.Status.DRAFT)

    shown = publish(
        client_for(staff_chemnitz), "/admin/veranstaltungen/event/", own, already, foreign
    )

    assert shown == ["1 Veranstaltung veröffentlicht."]
    own.refresh_from_db()
    foreign.refresh_from_db()
    assert own.is_published
    assert foreign.status == Event.Status.DRAFT


def test_publishing_what_is_public_already_says_that_nothing_changed(
    client_for, staff_chemnitz, reference_data
):
    live = article("chemnitz", title="Schon online")

    shown = publish(client_for(staff_chemnitz), "/admin/aktuelles/newsitem/", live)

    assert shown == ["0 Meldungen veröffentlicht."]
    live.refresh_from_db()
    assert live.status == NewsItem.Status.PUBLISHED
