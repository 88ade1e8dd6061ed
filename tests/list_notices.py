"""What a list page tells the visitor about the parts of its address it ignored."""

import html
import re

NOTICE_BOX = re.compile(r'<div class="notice" role="status">(.*?)</div>', re.DOTALL)
NOTICE = re.compile(r"<p>(.*?)</p>", re.DOTALL)


def notices(response):
    """The notices above a list as the visitor reads them, one string each."""
    box = NOTICE_BOX.search(response.content.decode())
    return [html.unescape(text) for text in NOTICE.findall(box.group(1))] if box else []
