"""The demo content's words and texts, kept as JSON in demo/data/ so the modules hold logic only.

The files are UTF-8 with real umlauts. Markdown (article bodies, event descriptions) is stored
as a list of lines, which stays readable where JSON allows no line breaks inside a string.
"""

import json
from pathlib import Path

DATA_DIRECTORY = Path(__file__).resolve().parent / "data"


def load(name):
    """The content of demo/data/<name>.json; callers read it once, at import."""
    with (DATA_DIRECTORY / f"{name}.json").open(encoding="utf-8") as file:
        return json.load(file)


def markdown(lines):
    return "\n".join(lines)
