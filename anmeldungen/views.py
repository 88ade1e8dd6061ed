"""The public side: register on the event page, cancel and give feedback through the signed
links of the mails. Every refusal is a page that says why, in the visitor's language."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from anmeldungen import links, services
from anmeldungen.forms import FeedbackForm, RegistrationForm
from anmeldungen.models import Registration, RegistrationSettings
from anmeldungen.templatetags.registrations import registration_panel
from kern.client_ip import client_ip
from kern.rate_limits import Limit, take_all
from veranstaltungen.models import Event

# Per sending IP address: enough for a family or an office behind one address.
IP_LIMIT = Limit("registration-ip", attempts=20, seconds=60 * 60)

BROKEN_LINK = 400
EXPIRED_LINK = 410
REFUSED = 409


def _registration_settings(slug):
    # Drafts do not exist for the public.
    event = get_object_or_404(Event.objects.published().select_related("association"), slug=slug)
    return get_object_or_404(RegistrationSettings.objects.select_related("event"), event=event)


def _render_form_page(request, registration_settings, form=None, *, status=200):
    event = registration_settings.event
    return render(
        request,
        "anmeldungen/registration.html",
        {"event": event, "registration": registration_panel(event, form)},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def register(request, slug):
    """GET: the form on a page of its own (for errors, and without the event page's cache).
    POST: register, then back to the event page with a message saying what happened."""
    registration_settings = _registration_settings(slug)
    event = registration_settings.event
    if request.method == "GET":
        return _render_form_page(request, registration_settings)

    form = RegistrationForm(request.POST, registration_settings=registration_settings)
    if not form.is_valid():
        return _render_form_page(request, registration_settings, form)
    # A filled honeypot looks like success, so bots learn nothing.
    if form.is_spam():
        messages.success(request, _confirmed_message(event, form.cleaned_data["email"]))
        return redirect(event)
    if not take_all([(IP_LIMIT, client_ip(request) or "unknown")]):
        form.add_error(
            None,
            _(
                "Too many registrations have come from your network recently. Nothing was "
                "saved: please try again in an hour."
            ),
        )
        return _render_form_page(request, registration_settings, form, status=429)
    try:
        registration = services.register(
            event,
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            answers=form.answers(),
            language=get_language(),
        )
    except services.Refused as refusal:
        form.add_error(refusal.field, refusal.message)
        return _render_form_page(request, registration_settings, form, status=REFUSED)
    except ValidationError as error:
        form.add_error(None, error)
        return _render_form_page(request, registration_settings, form)
    if registration.status == Registration.Status.CONFIRMED:
        messages.success(request, _confirmed_message(event, registration.email))
    else:
        messages.warning(
            request,
            _(
                "All places are taken, so you are on the waiting list for “%(title)s”. If a "
                "place becomes free, it is yours automatically and we will e-mail you at "
                "%(email)s."
            )
            % {"title": event.title, "email": registration.email},
        )
    return redirect(event)


def _confirmed_message(event, email):
    return _(
        "You are registered for “%(title)s”. We have sent a confirmation with a link to cancel "
        "to %(email)s."
    ) % {"title": event.title, "email": email}


def _link_page(request, *, title, message, status=200, **context):
    return render(
        request,
        "anmeldungen/link_page.html",
        {"title": title, "message": message, **context},
        status=status,
    )


def _link_problem(request, read_uid, token):
    """(uid, None) for a good link, else (None, the page saying what is wrong with it)."""
    try:
        return read_uid(token), None
    except links.ExpiredLink:
        return None, _link_page(
            request,
            title=_("This link has expired"),
            message=_(
                "The link from your e-mail is too old to be used. Please contact the "
                "organising association."
            ),
            status=EXPIRED_LINK,
        )
    except links.BrokenLink:
        return None, _link_page(
            request,
            title=_("This link is not valid"),
            message=_(
                "The link is incomplete or has been changed. Please open it exactly as it is "
                "in your e-mail, or copy the whole address into the browser."
            ),
            status=BROKEN_LINK,
        )


@require_http_methods(["GET", "POST"])
def cancel(request, token):
    """GET asks (mail programs open links to check them); POST cancels."""
    uid, problem = _link_problem(request, links.cancel_uid, token)
    if problem:
        return problem
    registration = Registration.objects.select_related("event").filter(uid=uid).first()
    if registration is None:
        return _link_page(
            request,
            title=_("Registration not found"),
            message=_("This registration does not exist (any more)."),
            status=404,
        )
    if request.method == "GET":
        if not registration.is_active:
            return _link_page(
                request,
                title=_("Registration cancelled"),
                message=_("This registration has already been cancelled."),
                event=registration.event,
            )
        return _link_page(
            request,
            title=_("Cancel your registration"),
            message="",
            event=registration.event,
            registration=registration,
            confirm=True,
        )
    try:
        services.cancel(uid)
    except services.Refused as refusal:
        return _link_page(
            request,
            title=_("Nothing was cancelled"),
            message=refusal.message,
            event=registration.event,
            status=REFUSED,
        )
    return _link_page(
        request,
        title=_("Registration cancelled"),
        message=_(
            "Your registration has been cancelled. We have sent you a confirmation by e-mail."
        ),
        event=registration.event,
    )


@require_http_methods(["GET", "POST"])
def feedback(request, token):
    uid, problem = _link_problem(request, links.feedback_uid, token)
    if problem:
        return problem
    registration = Registration.objects.select_related("event").filter(uid=uid).first()
    try:
        services.check_feedback_possible(registration)
    except services.Refused as refusal:
        return _link_page(
            request,
            title=_("Feedback"),
            message=refusal.message,
            event=registration.event if registration else None,
            status=REFUSED if registration else 404,
        )
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.give_feedback(
                uid, rating=form.cleaned_data["rating"], comment=form.cleaned_data["comment"]
            )
        except services.Refused as refusal:
            return _link_page(
                request,
                title=_("Feedback"),
                message=refusal.message,
                event=registration.event,
                status=REFUSED,
            )
        return _link_page(
            request,
            title=_("Thank you for your feedback"),
            message=_("Your rating helps the organisers plan the next events."),
            event=registration.event,
        )
    return _link_page(
        request,
        title=_("Your feedback"),
        message="",
        event=registration.event,
        feedback_form=form,
    )
