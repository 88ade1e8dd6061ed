"""The contact relay for an association's contact persons: /verbaende/<slug>/kontakt/<id>/.

The same rules as the relay to members (kontakt.relay): the person's address never appears
in a page, the mail goes from the site with Reply-To set to the visitor, through the
outbox, behind a honeypot and per-IP and per-person rate limits. A person without an
e-mail address has no form: the association page names the association's general contact.
"""

from functools import partial

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from kern.contact_form import ContactForm
from kern.rate_limits import Limit
from kern.relay import relay_message
from kontakt.relay import IP_LIMIT, MAIL_LANGUAGE
from postausgang import outbox
from postausgang.headers import address_with_name
from verbaende.models import ContactPerson

MESSAGES_PER_PERSON = 20
PERSON_WINDOW_SECONDS = 24 * 60 * 60
PERSON_LIMIT = Limit("contact-person", attempts=MESSAGES_PER_PERSON, seconds=PERSON_WINDOW_SECONDS)


class PersonContactForm(ContactForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sender_email"].help_text = _(
            "The contact person sees it and can reply to you directly."
        )


def send_message(person, *, sender_name, sender_email, message) -> None:
    with translation.override(MAIL_LANGUAGE):
        context = {
            "person": person,
            "association": person.association,
            "sender_name": sender_name,
            "sender_email": sender_email,
            "message": message,
            "page_url": settings.SITE_URL + person.association.get_absolute_url(),
        }
        subject = render_to_string("verbaende/email/contact_person_subject.txt", context)
        body = render_to_string("verbaende/email/contact_person.txt", context)
    outbox.send_now(
        to=[person.email],
        subject=subject,
        body=body,
        reply_to=[address_with_name(sender_name, sender_email)],
        kind="kontakt/contact_person",
    )


def _render_page(request, person, form, *, status=200):
    return render(
        request,
        "verbaende/contact_person.html",
        {"person": person, "association": person.association, "form": form},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def contact_person(request, slug, pk):
    """GET: the form. POST: relay the message to the person."""
    person = get_object_or_404(
        ContactPerson.objects.public().select_related("association").exclude(email=""),
        association__slug=slug,
        pk=pk,
    )
    if request.method == "GET":
        return _render_page(request, person, PersonContactForm())

    form = PersonContactForm(request.POST)
    if not form.is_valid():
        return _render_page(request, person, form)
    relayed = relay_message(
        request,
        form,
        ip_limit=IP_LIMIT,
        object_limit=PERSON_LIMIT,
        object_key=person.pk,
        send=partial(send_message, person),
        too_many=_(
            "Too many messages have been sent recently. Nothing was sent: please try "
            "again in an hour, or use the association's general contact."
        ),
    )
    if not relayed:
        return _render_page(request, person, form, status=429)
    messages.success(
        request,
        _("Thank you, your message has been sent. %(name)s can reply to you by e-mail.")
        % {"name": person.name},
    )
    return redirect(person.association)
