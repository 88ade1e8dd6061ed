import pytest

from seiten.models import Page


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/impressum/", "Impressum"),
        ("/datenschutz/", "Datenschutzerklärung"),
        ("/barrierefreiheit/", "Erklärung zur Barrierefreiheit"),
    ],
)
def test_legal_pages_exist_and_say_they_are_still_provisional(client, reference_data, path, title):
    html = client.get(path).content.decode()
    assert f"<h1>{title}</h1>" in html
    assert "Der Verband ergänzt diesen Text noch" in html


def test_text_edited_by_staff_appears_rendered_and_final(client, reference_data):
    Page.objects.filter(slug="impressum").update(
        body="## Anschrift\n\nKreatives Chemnitz, **Musterstraße 1**", is_provisional=False
    )
    html = client.get("/impressum/").content.decode()
    assert "<h2>Anschrift</h2>" in html
    assert "<strong>Musterstraße 1</strong>" in html
    assert "ergänzt diesen Text noch" not in html


def test_english_pages_fall_back_to_german_text_when_no_translation_exists(client, reference_data):
    Page.objects.filter(slug="impressum").update(title_en="", body_en="")
    html = client.get("/en/impressum/").content.decode()
    assert "<h1>Impressum</h1>" in html
    assert '<html lang="en">' in html
