from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.forms import SetPasswordForm
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from konten import invitations


@never_cache
@sensitive_post_parameters("new_password1", "new_password2")
def accept_invitation(request, token):
    invitation = invitations.find_invitation(token)
    if invitation is None or not invitation.is_usable:
        # One page for unknown, used and expired links: nothing tells which tokens exist.
        return render(request, "konten/invitation_invalid.html", status=410)
    form = SetPasswordForm(invitation.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = invitations.accept(invitation, form.cleaned_data["new_password1"])
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request, _("Welcome! Your password is set and your profile is ready to edit.")
        )
        return redirect("self_service:overview")
    return render(request, "konten/invitation.html", {"form": form, "profile": invitation.profile})
