from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class EmailAuthenticationForm(AuthenticationForm):
    """Login with the e-mail address; the field keeps the name "username" that django-axes
    and Django's authentication backends expect."""

    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    error_messages = {
        "invalid_login": _(
            "E-mail address and password do not match. Please check both; passwords are "
            "case-sensitive."
        ),
        "inactive": _("This account is not active yet. Please use the link in your invitation."),
    }
