import pytest

from mitglieder.duplicates import (
    EMAIL,
    EMAIL_DOMAIN,
    NAME,
    WEBSITE,
    Candidate,
    email_domain,
    find_duplicates,
    name_core,
    similar_names,
    website_host,
)
from mitglieder.models import MembershipRequest, Profile
from tests.factories import UserFactory, make_profile, place


def test_names_are_compared_folded_and_without_legal_forms():
    assert name_core("Müller Fotografie GmbH & Co. KG") == "muller fotografie"
    assert name_core("MUELLER fotografie") == "muller fotografie"


def test_freemail_domains_and_shared_hosts_are_no_evidence():
    assert email_domain("Anna@Gmail.com") == ""
    assert email_domain("anna@atelier-anna.de") == "atelier-anna.de"
    assert website_host("https://www.Atelier-Anna.de/kontakt") == "atelier-anna.de"
    assert website_host("atelier-anna.de") == "atelier-anna.de"
    assert website_host("https://instagram.com/atelier_anna") == ""
    assert website_host("not a url") == ""


@pytest.fixture
def existing(reference_data):
    owner = UserFactory(email="Inhaberin@Lichtwerk-Studio.de")
    lichtwerk = make_profile(
        "leipzig",
        name="Lichtwerk Fotografie",
        website="https://www.lichtwerk-foto.de/",
        contact_email="post@lichtwerk-foto.de",
    )
    lichtwerk.owners.add(owner)
    hidden = make_profile(
        "dresden",
        name="Geheimwerkstatt Keramik",
        status=Profile.Status.DRAFT,
        contact_email="ton@gmail.com",
    )
    other = make_profile("chemnitz", name="Ostwind Games")
    return {"lichtwerk": lichtwerk, "hidden": hidden, "other": other}


def _matches(candidate):
    return find_duplicates([candidate])[0]


def test_a_similar_name_with_a_typo_matches(existing):
    [match] = _matches(Candidate(name="Lichtwerk Fotografi"))
    assert match.pk == existing["lichtwerk"].pk
    assert match.reasons == {NAME}
    assert match.public


def test_word_order_and_legal_forms_do_not_hide_a_match(existing):
    [match] = _matches(Candidate(name="Fotografie Lichtwerk GmbH"))
    assert match.pk == existing["lichtwerk"].pk
    assert match.score == 100


def test_an_unrelated_name_matches_nothing(existing):
    assert _matches(Candidate(name="Zwickauer Holzspielzeug")) == []
    # A shared generic word alone ("Fotografie") is no resemblance.
    assert _matches(Candidate(name="Nordlicht Fotografie")) == []


def test_the_website_matches_whatever_the_scheme_and_www(existing):
    [match] = _matches(Candidate(name="Ganz anders", website="http://lichtwerk-foto.de/impressum"))
    assert match.reasons == {WEBSITE}
    assert match.is_strong


def test_the_email_matches_contact_and_editor_addresses_case_insensitively(existing):
    [by_contact] = _matches(Candidate(name="X", email="POST@lichtwerk-foto.de"))
    assert by_contact.reasons == {EMAIL, EMAIL_DOMAIN}
    [by_owner] = _matches(Candidate(name="X", email="inhaberin@lichtwerk-studio.de"))
    assert by_owner.pk == existing["lichtwerk"].pk
    assert EMAIL in by_owner.reasons


def test_an_own_domain_matches_but_a_freemail_domain_does_not(existing):
    [match] = _matches(Candidate(name="X", email="neu@lichtwerk-foto.de"))
    assert match.reasons == {EMAIL_DOMAIN}
    assert not match.is_strong
    assert _matches(Candidate(name="X", email="someone-else@gmail.com")) == []
    [hidden] = _matches(Candidate(name="X", email="ton@gmail.com"))
    assert hidden.pk == existing["hidden"].pk
    assert not hidden.public


def test_open_membership_requests_are_compared_too(existing):
    MembershipRequest.objects.create(
        name="Tonwerk Meißen", contact_name="T", email="t@tonwerk.de", municipality=place("meissen")
    )
    decided = MembershipRequest.objects.create(
        name="Tonwerk Meissen",
        contact_name="T",
        email="alt@tonwerk.de",
        municipality=place("meissen"),
        status=MembershipRequest.Status.REJECTED,
    )
    matches = _matches(Candidate(name="Tonwerk Meissen", email="t@tonwerk.de"))
    assert [(m.kind, m.reasons) for m in matches] == [("request", {NAME, EMAIL, EMAIL_DOMAIN})]
    assert decided.pk not in [m.pk for m in matches]


def test_many_candidates_cost_a_bounded_number_of_queries(existing, django_assert_max_num_queries):
    candidates = [
        Candidate(name=f"Neues Atelier Nummer {i}", email=f"n{i}@example{i}.de") for i in range(50)
    ]
    # Addresses, hosts and names in a few batched queries, not one per candidate.
    with django_assert_max_num_queries(12):
        results = find_duplicates(candidates)
    assert results == [[] for _ in candidates]


def test_similar_names_within_one_file():
    cores = [name_core(n) for n in ["Lichtwerk", "Ostwind Games", "Games Ostwind", "Lichtwerk"]]
    assert similar_names(cores) == [[], [], [1], [0]]
