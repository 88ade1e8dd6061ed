"""/konto/registrieren/: accounts for people who offer spaces without being members
(property owners, municipalities, Wirtschaftsförderungen).

- The form asks for e-mail, name, organisation (optional), a password (Django's password
  validators, as when an invitation is accepted) and consent to the privacy policy; a
  honeypot and a per-client limit keep bots out.
- The answer never tells whether an address has an account: every valid form gets the same
  redirect, and the work (creating the inactive account, or noticing the address is taken)
  and its mail happen only after the answer has gone out (`RedirectThenSend`, as the
  password reset does). An address with an account gets a mail that says so and links to
  the password reset; a new one gets a signed confirmation link (`django.core.signing`,
  own salt, valid for CONFIRM_DAYS).
- The link shows a page with a button: confirming (POST, since mail programs open links to
  check them) activates the account and logs in. Forged, expired and used links get one
  German page. Unconfirmed accounts are deleted after PURGE_DAYS
  (`manage.py purge_unconfirmed_accounts`).
- These accounts never get staff rights and have no profile: member pages tell them so.
"""

import datetime
import functools
import logging

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, password_validation
from django.contrib.auth.hashers import make_password
from django.core import signing
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from kern.client_ip import client_ip
from kern.forms import HoneypotField, HoneypotMixin
from kern.rate_limits import Limit
from kern.validators import SINGLE_LINE_VALIDATORS
from konten.address_keys import address_key
from konten.models import User
from konten.password_reset import RedirectThenSend
from postausgang import outbox

logger = logging.getLogger(__name__)

SALT = "konten.registration"
CONFIRM_DAYS = 3
PURGE_DAYS = 7
# Registrations per client address and hour: room for an office behind one address.
PER_CLIENT = Limit("registration-client", attempts=5, seconds=60 * 60)
# Mails per address and hour, whatever the answer: nobody fills a stranger's inbox.
PER_ADDRESS = Limit("registration-address", attempts=3, seconds=60 * 60)


class RegistrationForm(HoneypotMixin, forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("E-mail address"),
        max_length=254,
        validators=[*SINGLE_LINE_VALIDATORS],
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=gettext_lazy("We send you a link to confirm it."),
    )
    full_name = forms.CharField(
        label=gettext_lazy("Your name"),
        max_length=150,
        validators=[*SINGLE_LINE_VALIDATORS],
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    organisation = forms.CharField(
        label=gettext_lazy("Organisation (optional)"),
        max_length=150,
        required=False,
        validators=[*SINGLE_LINE_VALIDATORS],
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
        help_text=gettext_lazy("For example a municipality, a company or a property owner."),
    )
    password1 = forms.CharField(
        label=gettext_lazy("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=gettext_lazy("Password (again)"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    privacy = forms.BooleanField(label=gettext_lazy("I agree to the privacy policy."))
    homepage = HoneypotField()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        rules = password_validation.password_validators_help_text_html()
        self.fields["password1"].help_text = rules

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords do not match."))
        elif first:
            candidate = User(email=cleaned.get("email", ""), full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(first, user=candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


# Tokens


def make_token(user) -> str:
    return signing.dumps({"user": user.pk, "email": user.email}, salt=SALT)


def user_for_token(token):
    """The unconfirmed account the token was made for; None for forged, expired or used
    links and for accounts that changed since."""
    try:
        data = signing.loads(token, salt=SALT, max_age=datetime.timedelta(days=CONFIRM_DAYS))
    except signing.BadSignature:  # SignatureExpired is one, too
        return None
    if not isinstance(data, dict):
        return None
    user = User.objects.filter(pk=data.get("user")).first()
    if (
        user is None
        or user.email != data.get("email")
        or user.is_active
        or user.registered_at is None
        or user.registration_confirmed_at is not None
    ):
        return None
    return user


# Services


def register(*, email, full_name, organisation, password_hash, language) -> None:
    """Create the inactive account and mail its link, or mail "you have an account".

    Runs after the answer went out. An unconfirmed registration of the same address is
    replaced by the new details (someone lost the first mail)."""
    with transaction.atomic():
        existing = User.objects.select_for_update().filter(email__iexact=email).first()
        if existing is not None and not _unconfirmed(existing):
            _mail_existing(existing, language)
            return
        if existing is None:
            try:
                with transaction.atomic():
                    user = User.objects.create(
                        email=email,
                        full_name=full_name,
                        organisation=organisation,
                        password=password_hash,
                        is_active=False,
                        registered_at=timezone.now(),
                    )
            except IntegrityError:  # registered in parallel a moment ago
                return
        else:
            user = existing
            user.full_name, user.organisation = full_name, organisation
            user.password = password_hash
            user.registered_at = timezone.now()
            user.save(update_fields=["full_name", "organisation", "password", "registered_at"])
        _mail_link(user, language)


def _unconfirmed(user) -> bool:
    return (
        not user.is_active
        and user.registered_at is not None
        and user.registration_confirmed_at is None
    )


def _mail(user, template, language, context) -> None:
    with translation.override(language):
        subject = render_to_string(f"konten/email/{template}_subject.txt", context)
        body = render_to_string(f"konten/email/{template}.txt", context)
    outbox.queue(to=[user.email], subject=subject, body=body, kind=f"konten/{template}")


def _mail_link(user, language) -> None:
    with translation.override(language):
        path = reverse("konten:confirm_registration", kwargs={"token": make_token(user)})
    _mail(
        user,
        "registration_confirm",
        language,
        {"user": user, "link": settings.SITE_URL + path, "days": CONFIRM_DAYS},
    )


def _mail_existing(user, language) -> None:
    with translation.override(language):
        reset = settings.SITE_URL + reverse("konten:password_reset")
        login_url = settings.SITE_URL + reverse("konten:login")
    _mail(user, "registration_existing", language, {"reset_url": reset, "login_url": login_url})


@transaction.atomic
def confirm(user) -> None:
    user.is_active = True
    user.registration_confirmed_at = timezone.now()
    user.save(update_fields=["is_active", "registration_confirmed_at"])


def purge_unconfirmed(now=None) -> int:
    """Delete registrations not confirmed within PURGE_DAYS; returns how many."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=PURGE_DAYS)
    deleted, _rows = User.objects.filter(
        is_active=False,
        is_staff=False,
        is_superuser=False,
        registered_at__lt=cutoff,
        registration_confirmed_at__isnull=True,
        last_login__isnull=True,
    ).delete()
    return deleted


# Views


@never_cache
@sensitive_post_parameters("password1", "password2")
@require_http_methods(["GET", "POST"])
def register_view(request):
    if request.user.is_authenticated:
        return redirect("home")
    form = RegistrationForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        return render(request, "konten/register.html", {"form": form})
    done = reverse("konten:registration_sent")
    if form.is_spam():
        return redirect(done)
    if not PER_CLIENT.take(client_ip(request) or "unknown"):
        form.add_error(
            None,
            _("Too many registrations from your connection. Please try again in an hour."),
        )
        return render(request, "konten/register.html", {"form": form}, status=429)
    data = form.cleaned_data
    # Hashed here for every address, so that the answer takes as long either way.
    password_hash = make_password(data["password1"])
    if not PER_ADDRESS.take(address_key(data["email"])):
        logger.info("Registration limit for an address reached; no mail sent.")
        return redirect(done)
    deliver = functools.partial(
        register,
        email=User.objects.normalize_email(data["email"]).lower(),
        full_name=data["full_name"],
        organisation=data["organisation"],
        password_hash=password_hash,
        language=translation.get_language(),
    )
    return RedirectThenSend(done, [deliver])


def registration_sent(request):
    return render(request, "konten/register_sent.html", {"days": CONFIRM_DAYS})


@never_cache
@require_http_methods(["GET", "POST"])
def confirm_view(request, token):
    user = user_for_token(token)
    if user is None:
        return render(request, "konten/registration_invalid.html", status=410)
    if request.method != "POST":
        return render(request, "konten/register_confirm.html", {"account": user})
    confirm(user)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(request, _("Welcome! Your e-mail address is confirmed and you are logged in."))
    # Posters register to offer a space: their next step is the Raumbörse's form.
    return redirect("raeume:create")
