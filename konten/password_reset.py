"""Password reset: limited per address and per client, and one answer for every address.

Every valid request counts against its address (PER_ADDRESS, whether an account exists or
not, so reaching the limit tells nothing) and against the client (PER_CLIENT, so one
client cannot mail many members). Beyond either limit no mail is sent; the answer is the
same redirect as always. The mail is rendered and stored in the outbox only after that
answer has been sent (`RedirectThenSend`): storing and sending take long enough that an
answer waiting for them would tell which addresses have an account. From the outbox the
delivery task sends it like every other mail, and retries it while the mail server is away.
"""

import functools
import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.http import HttpResponseRedirect
from django.template.loader import render_to_string
from django.utils import translation

from kern.client_ip import client_ip
from kern.rate_limits import Limit, take_all
from konten.address_keys import address_key
from postausgang import outbox

logger = logging.getLogger(__name__)

# Three links an hour are enough for a member whose mail is slow or in the spam folder.
PER_ADDRESS = Limit("password-reset-address", attempts=3, seconds=60 * 60)
# Ten an hour leave room for a shared office or mobile-network address.
PER_CLIENT = Limit("password-reset-client", attempts=10, seconds=60 * 60)


class ThrottledPasswordResetForm(PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.pending_mail = []

    def save(self, *, request, **kwargs):
        within = take_all(
            [
                (PER_ADDRESS, address_key(self.cleaned_data["email"])),
                (PER_CLIENT, client_ip(request)),
            ]
        )
        if not within:
            logger.info("Password reset limit reached; no mail sent.")
            return
        # Links point at SITE_URL, never at whatever Host the request named.
        site = urlsplit(settings.SITE_URL)
        kwargs.update(domain_override=site.netloc, use_https=site.scheme == "https")
        super().save(request=request, **kwargs)

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        # Plain text like every mail of the site (the view names no HTML template).
        self.pending_mail.append(
            functools.partial(
                queue_reset_mail,
                subject_template_name,
                email_template_name,
                context,
                to_email,
                translation.get_language(),
            )
        )


def queue_reset_mail(subject_template_name, email_template_name, context, to_email, language):
    with translation.override(language):
        subject = render_to_string(subject_template_name, context)
        body = render_to_string(email_template_name, context)
    # No transaction of the request is open any more: handed to the delivery task at once.
    outbox.send_now(to=[to_email], subject=subject, body=body, kind="konten/password_reset")


class RedirectThenSend(HttpResponseRedirect):
    """A redirect that sends its mails when the server closes it, after the client has
    the whole answer (WSGI and ASGI servers call `close()` then; so does the test
    client). A failed delivery is the outbox's to retry."""

    def __init__(self, url, deliveries):
        super().__init__(url)
        self.deliveries = list(deliveries)

    def close(self):
        deliveries, self.deliveries = self.deliveries, []
        try:
            for deliver in deliveries:
                deliver()
        finally:
            super().close()


class PasswordResetView(auth_views.PasswordResetView):
    form_class = ThrottledPasswordResetForm

    def form_valid(self, form):
        redirect = super().form_valid(form)
        return RedirectThenSend(redirect.url, form.pending_mail)
