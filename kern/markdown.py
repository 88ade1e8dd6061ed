"""Markdown to safe HTML, in time linear in the text.

The parser is cmark (GitHub's CommonMark reference implementation in C, through
cmarkgfm, the binding PyPI uses for untrusted READMEs). It is built and fuzzed to stay
linear on pathological input: python-markdown took quadratic time on nested brackets
(25 000 "[" kept a worker busy for a minute), and markdown-it-py, though linear, needs about
a second for 100 000 of them; cmark needs milliseconds (bench/markdown.py). Only the
CommonMark core is used: the GFM extensions (tables, autolinks) have had quadratic cases of
their own.

The sanitiser, nh3 (html5ever), is quadratic in how deeply elements nest: 50 000 nested
block quotes ("> > > ...") took it half a minute. So raw HTML is left out by cmark itself
(an author's "<b>" never reaches nh3; Markdown has a syntax for everything allowed), which
makes every "<" in cmark's output the start of one of its own tags, and `_limit_nesting`
drops the tags below MAX_NESTING levels in one linear pass, keeping their text. nh3 with the
allow-list below remains the boundary for what may appear in a page.

Pages do not call this per request: models store its result next to the Markdown when they
are saved (kern.rendered_markdown).
"""

import re

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

# Real texts nest a few levels (a list in a list in a quote, with emphasis and a link);
# deeper than this is an attack on the sanitiser's time.
MAX_NESTING = 24
# A tag as cmark writes it; no "<" occurs in its text or attributes (escaped as &lt;), and
# "[^<>]" keeps a failed match from scanning past the next tag.
_TAG = re.compile(r"<(/?)([a-z][a-z0-9]*)[^<>]*>")
_VOID_TAGS = {"br", "hr", "img"}

# A last guard for any caller: the fields' own limits (forms and models) are meant to be far
# lower, and the longest real text, a privacy policy, is a fraction of this; but text that
# predates those limits, or a caller that forgot them, costs no more than this many
# characters' worth of work (at worst about 0.3 s, bench/markdown.py). Beyond it, nothing is
# shown; the stored source itself is never cut.
MAX_SOURCE_CHARS = 100_000


def render_markdown(text: str) -> str:
    """Markdown to HTML that is safe to mark_safe: raw HTML and scripts are stripped."""
    source = (text or "")[:MAX_SOURCE_CHARS]
    # Lone surrogates cannot be encoded as UTF-8 for the C parser; replace, never fail.
    source = source.encode("utf-8", "replace").decode("utf-8")
    html = _limit_nesting(cmarkgfm.markdown_to_html(source, options=Options.CMARK_OPT_DEFAULT))
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def _limit_nesting(html: str) -> str:
    """cmark's HTML without the tags nested deeper than MAX_NESTING (their text stays)."""
    parts, depth, copied = [], 0, 0
    for tag in _TAG.finditer(html):
        closing, name = tag.group(1), tag.group(2)
        if name in _VOID_TAGS:
            continue
        if closing:
            too_deep = depth > MAX_NESTING
            depth -= 1
        else:
            depth += 1
            too_deep = depth > MAX_NESTING
        if too_deep:
            parts.append(html[copied : tag.start()])
            copied = tag.end()
    parts.append(html[copied:])
    return "".join(parts)
