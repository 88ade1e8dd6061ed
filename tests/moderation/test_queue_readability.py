"""The moderation queue reads well: changed words are marked (and escaped), a profile with no
earlier version says so plainly, and each decision confirms what it did."""

import pytest

from moderation.word_diff import marked_pair
from tests.moderation.test_moderation_workflows import QUEUE, decide, edit_as_member, messages_of

pytestmark = pytest.mark.django_db


def test_only_the_changed_words_are_marked():
    old, new = marked_pair(
        "Siebdruck und Risografie aus Chemnitz.", "Siebdruck und Buchbinderei aus Chemnitz."
    )

    assert old == "Siebdruck und <del>Risografie</del> aus Chemnitz."
    assert new == "Siebdruck und <ins>Buchbinderei</ins> aus Chemnitz."


def test_member_text_in_the_diff_is_escaped():
    _old, new = marked_pair("Hallo", "Hallo <script>alert(1)</script>")

    assert "<script>" not in new
    assert "&lt;script&gt;" in new and "<ins>" in new


def test_a_very_long_text_is_shown_without_marks_but_escaped():
    _old, new = marked_pair("a " * 3000, "b <b> " * 3000)

    assert "<ins>" not in new and "&lt;b&gt;" in new


def test_the_queue_marks_what_the_member_changed(client_for, owner, owned_profile, staff_chemnitz):
    edit_as_member(client_for, owner, owned_profile, tagline="Siebdruck aus Chemnitz.")

    html = client_for(staff_chemnitz).get(QUEUE).content.decode()

    assert "<ins>Siebdruck" in html and "</ins>" in html
    assert "css/moderation" in html


def test_a_profile_without_an_earlier_version_says_so(
    client_for, owner, owned_profile, staff_chemnitz
):
    owned_profile.history.all().delete()  # as seeded and imported profiles are
    edit_as_member(client_for, owner, owned_profile, tagline="Siebdruck aus Chemnitz.")

    html = client_for(staff_chemnitz).get(QUEUE).content.decode()

    assert "Es gibt keine frühere Fassung zum Vergleich" in html
    assert "Kein Inhaltsfeld wurde geändert" not in html


def test_marking_changes_as_reviewed_does_not_claim_a_publication(
    client_for, owner, owned_profile, staff_chemnitz
):
    edit_as_member(client_for, owner, owned_profile, tagline="Siebdruck aus Chemnitz.")
    staff = client_for(staff_chemnitz)

    response = decide(staff, owned_profile, "approve")

    [message] = messages_of(response)
    assert "als geprüft markiert" in message
    assert "freigegeben" not in message
