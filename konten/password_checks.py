"""Password checks outside the login: changing the password (site and admin) and
confirming the deletion of the account.

These check the password with `check_password`, which neither django-axes nor the login's
per-client limit sees: a session left open on a shared computer would be an unlimited way
to guess the password. PER_ACCOUNT allows five wrong answers in 15 minutes, as the
login lockout does.
"""

from django.contrib.admin.forms import AdminPasswordChangeForm
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kern.rate_limits import Limit

PER_ACCOUNT = Limit("password-check-account", attempts=5, seconds=15 * 60)


def check_own_password(user, raw_password) -> bool:
    """`user.check_password`, counted first (so parallel guesses are counted too); a right
    answer gives its count back. Beyond the limit even the right password is refused
    with a ValidationError, or the limit would not stop guessing."""
    if not PER_ACCOUNT.take(user.pk):
        raise ValidationError(
            _("Too many wrong passwords. To protect your account, please wait 15 minutes."),
            code="too_many_password_checks",
        )
    if user.check_password(raw_password):
        PER_ACCOUNT.give_back(user.pk)
        return True
    return False


class LimitedOldPasswordMixin:
    def clean_old_password(self):
        old_password = self.cleaned_data["old_password"]
        if not check_own_password(self.user, old_password):
            raise ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            )
        return old_password


class LimitedPasswordChangeForm(LimitedOldPasswordMixin, PasswordChangeForm):
    pass


class LimitedAdminPasswordChangeForm(LimitedOldPasswordMixin, AdminPasswordChangeForm):
    pass
