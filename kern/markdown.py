"""Markdown to safe HTML, in time linear in the text.

The parser is cmark (GitHub's CommonMark reference implementation in C, through
cmarkgfm, the binding PyPI uses for untrusted READMEs). It is built and fuzzed to stay
linear on pathological input: python-markdown took quadratic time on nested brackets
(25 000 "[" kept a worker busy for a minute), and markdown-it-py, though linear, needs about
a second for 100 000 of them; cmark needs milliseconds (bench/markdown.py). Only the
CommonMark core is used: the GFM extensions (tables, autolinks) have had quadratic cases of
their own.

Raw HTML passes the parser and is then cut down by nh3 to the allow-list below, as before:
the allow-list is the one security boundary, and an <abbr title> written by staff survives.

Pages do not call this per request: models store its result next to the Markdown when they
are saved (kern.rendered_markdown).
"""

import cmarkgfm
import nh3
from cmarkgfm.cmark import Options

# What staff and members may use in Markdown: structure and links, nothing executable.
ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "a",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "code",
    "pre",
    "hr",
    "abbr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}

# A last guard for any caller: no field holds this much (their form and model limits are far
# lower), but text that predates those limits, or a caller that forgot them, still costs
# no more than this many characters' worth of work (a few tens of milliseconds).
MAX_SOURCE_CHARS = 300_000


def render_markdown(text: str) -> str:
    """Markdown to HTML that is safe to mark_safe: raw HTML and scripts are stripped."""
    source = (text or "")[:MAX_SOURCE_CHARS]
    # Lone surrogates cannot be encoded as UTF-8 for the C parser; replace, never fail.
    source = source.encode("utf-8", "replace").decode("utf-8")
    html = cmarkgfm.markdown_to_html(source, options=Options.CMARK_OPT_UNSAFE)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
