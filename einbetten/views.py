"""The widget page other websites embed, and the staff pages that hand out its snippet.

The widget page (/einbetten/w/<token>/) is self-contained HTML for one iframe: its own
small stylesheet, no script, no form. It answers every visitor alike, without their
session (kern.stateless) or a CSRF token, so it sets no cookie (a third-party iframe must
not), and may be kept by caches. The site
forbids framing everywhere (X-Frame-Options DENY, frame-ancestors 'none'); this view alone
replaces both by `frame-ancestors` with the widget's own allowed origins.
"""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.csp import CSP
from django.utils.html import escape
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from einbetten.content import more_url, widget_items
from einbetten.models import Widget
from kern.site_url import absolute_url
from kern.stateless import stateless

# Browsers and proxies may keep a widget briefly; a new member shows within minutes.
WIDGET_MAX_AGE = 5 * 60
SNIPPET_HEIGHT = 420


def widget_policy(widget) -> dict:
    """The site's CSP with this widget's framing origins (and our own, for the preview)."""
    return {
        **settings.SECURE_CSP,
        "frame-ancestors": [CSP.SELF, *widget.origins()],
        "form-action": [CSP.NONE],
    }


@stateless
@require_safe
@xframe_options_exempt
def widget(request, token):
    found = (
        Widget.objects.public()
        .select_related("association", "submarket")
        .filter(token=token)
        .first()
    )
    if found is None:
        raise Http404
    # German, whatever language cookie the visitor's browser holds for the site: the
    # widget's language is the embedding site's, and one answer fits every cache.
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(
            "einbetten/widget.html",
            {"widget": found, "items": widget_items(found), "more_url": more_url(found)},
        )
    response = HttpResponse(html)
    response._csp_config = widget_policy(found)
    patch_cache_control(response, public=True, max_age=WIDGET_MAX_AGE)
    return response


# Staff pages ------------------------------------------------------------------------


def staff_with_widgets(view):
    """Anonymous visitors log in; logged-in people without the right to see widgets
    (members, staff without the role) get 403; widgets of another association 404."""

    def wrapped(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not (user.is_active and user.is_staff and user.has_perm("einbetten.view_widget")):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def snippet(widget) -> str:
    """The HTML staff paste into their website, as plain text (the page escapes it)."""
    source, title = escape(absolute_url(widget.get_widget_url())), escape(widget.title)
    return (
        f'<iframe src="{source}" title="{title}" width="100%" height="{SNIPPET_HEIGHT}" '
        'loading="lazy" style="border:0"></iframe>'
    )


@require_safe
@staff_with_widgets
def index(request):
    widgets = Widget.objects.visible_to(request.user).select_related("association", "submarket")
    return render(
        request,
        "einbetten/index.html",
        {"widgets": widgets, "may_add": request.user.has_perm("einbetten.add_widget")},
    )


@require_safe
@staff_with_widgets
def detail(request, pk):
    found = get_object_or_404(
        Widget.objects.visible_to(request.user).select_related("association", "submarket"),
        pk=pk,
    )
    return render(
        request,
        "einbetten/detail.html",
        {
            "widget": found,
            "snippet": snippet(found),
            "origins": found.origins(),
            "may_change": request.user.has_perm("einbetten.change_widget"),
        },
    )
