"""Sharing a profile without any third-party script: plain links built on our server.

Nothing here talks to another host. The share addresses are ordinary links; a visitor's
browser contacts LinkedIn or a Mastodon server only when they follow one.

Mastodon has no central server, so a share link needs the visitor's own server. The
profile page asks for it in a small form: with JavaScript the browser goes straight to
`https://<server>/share?text=…`; without, the form reaches `share_on_mastodon`, which
answers with a page holding that link. That page does not redirect by itself, so our
domain cannot be used to bounce people to an address somebody else chose.
"""

import re
from urllib.parse import quote, urlsplit

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kern.site_url import absolute_url

LINKEDIN_SHARE = "https://www.linkedin.com/sharing/share-offsite/?url={url}"
MASTODON_SHARE = "https://{server}/share?text={text}"

# A host name of at least two labels whose last is alphabetic (or an IDNA "xn--" label):
# no IP addresses, no "localhost", no ports, no user information.
_HOST = re.compile(
    r"^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$"
)


def website_domain(url: str) -> str:
    """A web address as people say it: "studio-beispiel.de", without scheme, "www." and
    trailing slash; a path stays ("example.org/portfolio")."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").removeprefix("www.")
    if not host:
        return url
    path = parts.path.rstrip("/")
    return host + path


def _quoted(text: str) -> str:
    # Spaces as %20, not "+": mail programs show a "+" literally.
    return quote(text, safe="")


def share_title(profile) -> str:
    return gettext("%(name)s at Kreativ Sachsen") % {"name": profile.name}


def share_links(profile) -> dict:
    """The profile's public address and the ready-made share links for it."""
    url = absolute_url(profile.get_absolute_url())
    title = share_title(profile)
    return {
        "url": url,
        # What the page's script puts into https://<server>/share?text=…
        "mastodon_text": f"{title} {url}",
        "email": f"mailto:?subject={_quoted(title)}&body={_quoted(url)}",
        "linkedin": LINKEDIN_SHARE.format(url=_quoted(url)),
    }


def mastodon_share_url(server: str, profile) -> str:
    return MASTODON_SHARE.format(server=server, text=_quoted(share_links(profile)["mastodon_text"]))


def mastodon_server(value: str) -> str | None:
    """The host name in what a visitor typed for their Mastodon server, or None.

    Accepts "mastodon.social", "https://mastodon.social/" and a handle such as
    "@anna@chaos.social".
    """
    text = re.sub(r"^[a-z]+://", "", value.strip().lower())
    text = text.split("/", 1)[0]
    if "@" in text:
        text = text.rsplit("@", 1)[1]
    text = text.rstrip(".")
    try:
        text = text.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    return text if _HOST.match(text) else None


class MastodonServerForm(forms.Form):
    instanz = forms.CharField(
        label=_("Your Mastodon server"),
        help_text=_("For example mastodon.social"),
        max_length=253,
        widget=forms.TextInput(
            attrs={"autocomplete": "url", "inputmode": "url", "spellcheck": "false"}
        ),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "mastodon_%s")
        super().__init__(*args, **kwargs)

    def clean_instanz(self):
        server = mastodon_server(self.cleaned_data["instanz"])
        if server is None:
            raise forms.ValidationError(
                _("Please enter the address of your Mastodon server, for example mastodon.social.")
            )
        return server
