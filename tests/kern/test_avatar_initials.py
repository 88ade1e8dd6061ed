"""The initials that stand in for a missing picture on result cards."""

import pytest

from kern.text import initials


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Studio Kranich", "SK"),
        ("Ostwind Games GmbH", "OG"),
        ("Müller Fotografie", "MF"),
        ("anna", "A"),
        ("Bauer & Söhne e.V.", "BS"),
        ("3D Druck Leipzig", "DL"),
        ("Ärger-Agentur Weiß Schwarz", "ÄW"),
        ("   ", "?"),
        ("", "?"),
    ],
)
def test_initials_are_the_first_letters_of_the_first_two_words_without_legal_forms(name, expected):
    assert initials(name) == expected
