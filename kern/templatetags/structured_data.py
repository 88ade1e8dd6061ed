import json

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

# The same escapes django.utils.html.json_script applies.
SCRIPT_SAFE = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def json_ld(data):
    """JSON for a <script type="application/ld+json"> block, with <, > and & escaped so that
    member-written text cannot close the script element."""
    text = json.dumps(data, ensure_ascii=False).translate(SCRIPT_SAFE)
    return mark_safe(text)  # noqa: S308 - escaped above, exactly like django's json_script
