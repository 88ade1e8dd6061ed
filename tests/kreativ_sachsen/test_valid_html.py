"""The key pages are valid HTML, as the Nu HTML checker (vnu-jar, from the npm registry) reads
them: every page is rendered by the test client, written to a folder and checked in one run
of the checker, so Java starts once.

The checker is found through the environment variable VNU_JAR, else in the npm cache folder
that .ci/run fills (~/.cache/vnu). Without Java or the checker the test is skipped on a
developer's machine and fails in CI (CI=true), so that a broken CI setup cannot hide errors.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from mitglieder.editor_sections import SECTIONS
from tests.aktuelles.news_data import article
from tests.factories import ProfileFactory, UserFactory, discipline, place
from tests.kooperationen.call_data import make_call
from tests.space_listings import SpaceListingFactory, feature
from tests.veranstaltungen.factories import EventFactory
from verbaende.models import Association, AssociationLink, ContactPerson

VNU_CANDIDATES = [
    Path.home() / ".cache" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar",
]


def vnu_command():
    """`java -jar vnu.jar`, or None with the reason."""
    java = shutil.which("java")
    if java is None:
        return None, "java is not installed (Debian: default-jre-headless)"
    configured = os.environ.get("VNU_JAR")
    candidates = [Path(configured)] if configured else VNU_CANDIDATES
    for jar in candidates:
        if jar.is_file():
            return [java, "-jar", str(jar)], ""
    return None, (
        f"vnu.jar not found at {', '.join(map(str, candidates))}: "
        "`npm install --prefix ~/.cache/vnu vnu-jar` or set VNU_JAR"
    )


@pytest.fixture
def checker():
    command, reason = vnu_command()
    if command is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"The HTML checker cannot run in CI: {reason}")
        pytest.skip(reason)
    return command


@pytest.fixture
def site(reference_data):
    profile = ProfileFactory(
        name="Müller Fotografie",
        tagline="Porträts und Reportagen.",
        municipality=place("leipzig"),
        disciplines=[discipline("fotografie")],
    )
    news = article("dresden", title="Neues aus Dresden")
    event = EventFactory()
    space = SpaceListingFactory(title="Atelier am Kaßberg", features=[feature("barrierefrei")])
    call = make_call(profile, title="Suchen Partner für eine Ausstellung")
    dresden = Association.objects.get(slug="dresden")
    AssociationLink.objects.create(association=dresden, kind="mastodon", url="https://m.example/@d")
    ContactPerson.objects.create(association=dresden, name="Ida Lehmann", role="Presse")
    person = ContactPerson.objects.create(
        association=dresden, name="Katrin Opitz", role="Vorstand", email="k@example.org"
    )
    owner = UserFactory(full_name="Maria Müller")
    profile.owners.add(owner)
    return {
        "owner": owner,
        "person": person,
        "profile": profile,
        "news": news,
        "event": event,
        "space": space,
        "call": call,
    }


def pages(site):
    return {
        "home": "/",
        "directory": "/mitglieder/",
        "directory-filtered": "/mitglieder/?teilmarkt=designwirtschaft&kreis=leipzig",
        "directory-empty": "/mitglieder/?q=gibtesnichtxyz",
        "profile": site["profile"].get_absolute_url(),
        "association": "/verbaende/dresden/",
        "association-contact": f"/verbaende/dresden/kontakt/{site['person'].pk}/",
        "submarkets": "/teilmaerkte/",
        "news": "/aktuelles/",
        "news-filtered": "/aktuelles/?verband=dresden",
        "news-detail": site["news"].get_absolute_url(),
        "events": "/veranstaltungen/",
        "events-by-place": "/veranstaltungen/?kreis=chemnitz&ort=chemnitz",
        "event-detail": site["event"].get_absolute_url(),
        "consultation": "/beratung/",
        "membership": "/mitglied-werden/",
        "membership-preselected": "/mitglied-werden/?verband=dresden",
        "login": "/konto/anmelden/",
        "map": "/karte/",
        "space-map": "/karte/raeume/",
        "event-map": "/karte/veranstaltungen/",
        "en-event-map": "/en/karte/veranstaltungen/",
        "statistics": "/statistik/",
        "spaces": "/raeume/",
        "spaces-filtered": "/raeume/?art=angebot&ausstattung=barrierefrei",
        "space-detail": site["space"].get_absolute_url(),
        "calls": "/kooperationen/",
        "call-detail": site["call"].get_absolute_url(),
        "alerts": "/benachrichtigungen/",
        "alerts-spaces": "/benachrichtigungen/?art=raeume",
        "register": "/konto/registrieren/",
        "en-home": "/en/",
        "en-directory": "/en/mitglieder/",
        "en-profile": "/en" + site["profile"].get_absolute_url(),
    }


def member_pages(site):
    """Mein Profil, as the profile's owner sees it: the overview, every editor section and
    the gallery."""
    pk = site["profile"].pk
    return {
        "my-profile": "/mein-profil/",
        **{
            f"editor-{section.slug}": f"/mein-profil/{pk}/bearbeiten/{section.slug}/"
            for section in SECTIONS
        },
        "gallery": f"/mein-profil/{pk}/galerie/",
    }


def test_the_key_pages_are_valid_html(client, checker, site, tmp_path):
    files = []

    def save(name, path):
        response = client.get(path, follow=True)
        assert response.status_code == 200, f"{path}: HTTP {response.status_code}"
        file = tmp_path / f"{name}.html"
        file.write_bytes(response.content)
        files.append(file)

    for name, path in pages(site).items():
        save(name, path)
    client.force_login(site["owner"])
    for name, path in member_pages(site).items():
        save(name, path)

    # The command is java and the checker's jar; the files are the test's own.
    result = subprocess.run(  # noqa: S603
        [*checker, "--errors-only", "--format", "json", "--exit-zero-always", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine', '?')}: {m['message']} "
        f"[{m.get('extract', '').strip()}]"
        for m in messages
        if m.get("type") in {"error", "non-document-error"}
    ]
    assert not errors, "The Nu HTML checker found errors:\n" + "\n".join(errors)
