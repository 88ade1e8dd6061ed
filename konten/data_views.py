"""The member's data rights: export (/konto/daten/) and deletion (/konto/loeschen/).

Both act only on the logged-in user's own data: there is no object in the URL, so nobody
can reach anybody else's.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from kern.rate_limits import Limit
from konten.export import build_archive, export_filename, exported_profiles
from konten.password_checks import check_own_password
from konten.services import delete_account as delete_account_service
from konten.services import deletion_plan

# Each export reads and zips every original image of the user's profiles: enough for any
# member, and one account cannot keep the server busy building archives.
EXPORTS_PER_ACCOUNT = Limit("data-export-account", attempts=10, seconds=60 * 60)


class DeleteAccountForm(forms.Form):
    confirmation = forms.CharField(
        label=_("Your e-mail address or your password"),
        help_text=_("Type the e-mail address you log in with, or your password, to confirm."),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_confirmation(self):
        value = self.cleaned_data["confirmation"]
        if value.strip().lower() == self.user.email.lower():
            return value
        if self.user.has_usable_password() and check_own_password(self.user, value):
            return value
        raise forms.ValidationError(
            _("This is neither your e-mail address nor your password. Nothing has been deleted."),
            code="wrong_confirmation",
        )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def data_export(request):
    """GET: what the export contains. POST: the ZIP archive as a download."""
    if request.method == "POST":
        if not EXPORTS_PER_ACCOUNT.take(request.user.pk):
            messages.error(
                request,
                _("You have downloaded your data ten times in the last hour. Please try later."),
            )
            return redirect("data_export")
        return FileResponse(
            build_archive(request.user),
            as_attachment=True,
            filename=export_filename(),
            content_type="application/zip",
        )
    return render(
        request,
        "konten/data_export.html",
        {"profiles": exported_profiles(request.user)},
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    """GET: exactly what would be deleted, and the confirmation. POST: delete, log out."""
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        delete_account_service(request.user)
        logout(request)
        messages.success(
            request,
            _("Your account and your data have been deleted. Thank you for being with us."),
        )
        return redirect("home")
    return render(
        request,
        "konten/delete_account.html",
        {"form": form, "plan": deletion_plan(request.user)},
    )
