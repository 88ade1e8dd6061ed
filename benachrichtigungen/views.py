"""The alert pages: subscribe, confirm, manage, unsubscribe.

Everything after subscribing is reached through signed links from the mails, never
through an account: a link that was changed, belongs to another purpose, has expired or
was used up answers with a page that says so, never with an error.
"""

from django.http import HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from benachrichtigungen import kinds, links, services
from benachrichtigungen.forms import (
    FORMS,
    KIND_NAMES,
    KIND_PARAMETER,
    KIND_PARAMETERS,
    FrequencyForm,
    requested_kind,
)
from benachrichtigungen.models import Subscription, address_key
from kern.client_ip import client_ip
from kern.rate_limits import Limit, take_all
from kern.text import printable_excerpt

# Per sending IP address, and per address subscribed (whoever sends it): enough for
# someone choosing several alerts, too few to turn the site into a mail cannon.
IP_LIMIT = Limit("alerts-ip", attempts=10, seconds=60 * 60)
ADDRESS_LIMIT = Limit("alerts-address", attempts=5, seconds=24 * 60 * 60)

BROKEN_LINK = 400
GONE = 404
EXPIRED_LINK = 410
TOO_MANY = 429


def _kind_choices():
    return [
        {
            "parameter": KIND_PARAMETERS[kind],
            "label": label,
            "url": f"?{KIND_PARAMETER}={KIND_PARAMETERS[kind]}",
        }
        for kind, label in Subscription.Kind.choices
    ]


@require_http_methods(["GET", "POST"])
def index(request):
    """Without `art`: the five kinds. With it: that kind's form, preselected from the
    query string (a list's "Benachrichtigen" link). POST: subscribe."""
    if request.method == "POST":
        return _subscribe(request)
    kind = requested_kind(request.GET)
    if kind is None:
        unknown = request.GET.get(KIND_PARAMETER)
        return _index_page(request, notice=_unknown_kind(unknown) if unknown else "")
    form_class = FORMS[kind]
    form = form_class(initial=form_class.initial_from(request.GET))
    return _form_page(request, kind, form)


def _unknown_kind(value):
    return _("“%(value)s” is not a kind of alert. Please choose one below.") % {
        "value": printable_excerpt(value)
    }


def _index_page(request, *, notice="", status=200):
    return render(
        request,
        "benachrichtigungen/index.html",
        {"kinds": _kind_choices(), "notice": notice},
        status=status,
    )


def _form_page(request, kind, form, *, status=200):
    return render(
        request,
        "benachrichtigungen/subscribe.html",
        {
            "kind": kind,
            "kind_label": Subscription.Kind(kind).label,
            "kind_parameter": KIND_PARAMETERS[kind],
            "form": form,
        },
        status=status,
    )


def _subscribe(request):
    kind = KIND_NAMES.get(request.POST.get(KIND_PARAMETER, ""))
    if kind is None:
        return _index_page(
            request, notice=_unknown_kind(request.POST.get(KIND_PARAMETER, "")), status=400
        )
    form = FORMS[kind](request.POST)
    if not form.is_valid():
        return _form_page(request, kind, form)
    if form.is_spam():
        # Answered like success, so a bot learns nothing.
        return redirect("benachrichtigungen:sent")
    email = form.cleaned_data["email"]
    if not take_all(
        [(IP_LIMIT, client_ip(request) or "unknown"), (ADDRESS_LIMIT, address_key(email))]
    ):
        form.add_error(
            None,
            _(
                "Too many alerts have been requested from your network or for this address "
                "recently. Nothing was saved: please try again later."
            ),
        )
        return _form_page(request, kind, form, status=TOO_MANY)
    services.subscribe(
        email=email,
        kind=kind,
        criteria=form.criteria(),
        frequency=form.cleaned_data["haeufigkeit"],
        language=get_language() or "de",
    )
    return redirect("benachrichtigungen:sent")


def sent(request):
    return render(request, "benachrichtigungen/sent.html")


# Pages of the signed links -----------------------------------------------------------------


def _link_page(request, *, title, message="", status=200, **context):
    response = render(
        request,
        "benachrichtigungen/link_page.html",
        {"title": title, "message": message, **context},
        status=status,
    )
    return response


def _broken(request):
    return _link_page(
        request,
        title=_("This link is not valid"),
        message=_(
            "The link is incomplete or has been changed. Please open it exactly as it is in "
            "your e-mail, or copy the whole address into the browser."
        ),
        status=BROKEN_LINK,
    )


def _gone(request):
    return _link_page(
        request,
        title=_("No alerts for this link"),
        message=_(
            "There are no alerts for this link any more: they were ended, or never "
            "confirmed and deleted after seven days. You can subscribe again at any time."
        ),
        status=GONE,
        subscribe_again=True,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """GET asks (mail programs and scanners open links to check them); POST confirms."""
    try:
        if request.method == "GET":
            links.read_confirm(token)
            return _link_page(request, title=_("Confirm your alert"), confirm=True)
        subscription = services.confirm(token)
    except links.ExpiredLink:
        return _link_page(
            request,
            title=_("This link has expired"),
            message=_(
                "Confirmation links are valid for seven days; unconfirmed alerts are then "
                "deleted. Please subscribe again."
            ),
            status=EXPIRED_LINK,
            subscribe_again=True,
        )
    except links.BrokenLink:
        return _broken(request)
    except services.NotFound:
        return _gone(request)
    return _link_page(
        request,
        title=_("Your alert is confirmed"),
        message=_(
            "From now on we send you what is new: %(kind)s (%(criteria)s), %(frequency)s. "
            "Every mail has a link to end or change it."
        )
        % {
            "kind": subscription.get_kind_display(),
            "criteria": kinds.describe(subscription),
            "frequency": subscription.get_frequency_display().lower(),
        },
        manage_url=links.manage_url(subscription.subscriber),
    )


@never_cache
@require_http_methods(["GET", "POST"])
def manage(request, token):
    try:
        subscriber = services.subscriber_for_manage(token)
    except links.BrokenLink:
        return _broken(request)
    except services.NotFound:
        return _gone(request)
    if request.method == "POST":
        return _manage_action(request, token, subscriber)
    subscriptions = list(subscriber.subscriptions.all())
    rows = [
        {
            "subscription": s,
            "criteria": kinds.describe(s),
            "form": FrequencyForm(
                initial={"haeufigkeit": s.frequency}, auto_id=f"frequency_{s.pk}_%s"
            ),
        }
        for s in subscriptions
    ]
    return render(
        request, "benachrichtigungen/manage.html", {"rows": rows, "subscriber": subscriber}
    )


def _manage_action(request, token, subscriber):
    action = request.POST.get("action")
    here = reverse("benachrichtigungen:manage", kwargs={"token": token})
    try:
        if action == "all":
            services.end_all(subscriber)
            return _link_page(
                request,
                title=_("All alerts ended"),
                message=_("We have deleted your address and all its alerts."),
                subscribe_again=True,
            )
        pk = _int(request.POST.get("subscription"))
        if action == "end" and pk:
            services.end_subscription(subscriber, pk)
            return HttpResponseRedirect(here)
        form = FrequencyForm(request.POST)
        if action == "frequency" and pk and form.is_valid():
            services.change_frequency(subscriber, pk, form.cleaned_data["haeufigkeit"])
            return HttpResponseRedirect(here)
    except services.NotFound:
        pass
    return _link_page(
        request,
        title=_("That did not work"),
        message=_("This alert does not exist (any more). Please reload the page."),
        status=400,
        manage_url=here,
    )


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


# RFC 8058 one-click unsubscribe: mail programs POST "List-Unsubscribe=One-Click" to the
# address in the List-Unsubscribe header, without cookies and without a page from which
# a CSRF token could come. So this one view is csrf_exempt; the signed token in the
# address is its authorisation (it names the subscriber's secret and the subscriptions,
# and cannot be made without SECRET_KEY), and all it can do is end those subscriptions.
# A person who opens the link in a browser gets GET: a confirm page whose button posts a
# normal CSRF-protected form to `unsubscribe_confirm`.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    if request.method == "POST":
        one_click = QueryDict(request.body).get("List-Unsubscribe") == "One-Click" or (
            request.POST.get("List-Unsubscribe") == "One-Click"
        )
        if not one_click:
            return HttpResponse(status=400)
        try:
            services.unsubscribe(token)
        except links.BrokenLink:
            return HttpResponse(status=400)
        return HttpResponse(status=200)
    try:
        subscriber, subscriptions = services.unsubscribe_targets(token)
    except links.BrokenLink:
        return _broken(request)
    if not subscriptions:
        return _link_page(
            request,
            title=_("Already unsubscribed"),
            message=_("You will receive no more mails of these alerts."),
            subscribe_again=True,
        )
    return _link_page(
        request,
        title=_("End these alerts?"),
        unsubscribe=[{"subscription": s, "criteria": kinds.describe(s)} for s in subscriptions],
        unsubscribe_action=reverse(
            "benachrichtigungen:unsubscribe_confirm", kwargs={"token": token}
        ),
        manage_url=links.manage_url(subscriber),
    )


@never_cache
@require_POST
def unsubscribe_confirm(request, token):
    try:
        services.unsubscribe(token)
    except links.BrokenLink:
        return _broken(request)
    return _link_page(
        request,
        title=_("Unsubscribed"),
        message=_("You will receive no more mails of these alerts."),
        subscribe_again=True,
    )
