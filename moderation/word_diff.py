"""Changed words marked in a before/after pair, for the moderation queue.

Staff compare a member's text before and after an edit; a whole paragraph side by side hides
a changed word. Words (and the spaces between them) are compared with difflib; what was
removed is wrapped in <del>, what was added in <ins>, everything else escaped as text. The
marks are struck through and underlined by the browser and stated for screen readers in the
admin stylesheet, so the difference is not told by colour alone.
"""

import difflib
import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

_TOKENS = re.compile(r"\s+|[^\s]+")
# Longer texts are compared as they are, without word marks: difflib is quadratic in the worst
# case, and a rewritten description is read whole anyway.
MAX_TOKENS = 4000


def _tokens(text):
    return _TOKENS.findall(text)


def marked_pair(old: str, new: str):
    """(old_html, new_html) with the removed words in <del> and the added ones in <ins>."""
    old_tokens, new_tokens = _tokens(old), _tokens(new)
    if len(old_tokens) + len(new_tokens) > MAX_TOKENS:
        return escape(old), escape(new)
    # Spaces alone never anchor a match: "A B" to "C D" is one change, not two around a space.
    matcher = difflib.SequenceMatcher(str.isspace, old_tokens, new_tokens, autojunk=False)
    before, after = [], []
    for operation, a1, a2, b1, b2 in matcher.get_opcodes():
        removed = escape("".join(old_tokens[a1:a2]))
        added = escape("".join(new_tokens[b1:b2]))
        if operation == "equal":
            before.append(removed)
            after.append(added)
            continue
        if removed:
            before.append(f"<del>{removed}</del>")
        if added:
            after.append(f"<ins>{added}</ins>")
    return mark_safe("".join(before)), mark_safe("".join(after))  # noqa: S308 - escaped above
