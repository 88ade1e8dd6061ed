"""The membership request form (/mitglied-werden/) and what staff do with a request."""

from django import forms
from django.contrib.auth import get_user_model
from django.db import transaction
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kern.client_ip import client_ip
from kern.forms import HoneypotField, HoneypotMixin
from kern.rate_limits import Limit, take_all
from mitglieder.duplicates import Candidate, find_duplicates
from mitglieder.forms import DisciplineLimitMixin
from mitglieder.models import MembershipRequest, Profile
from mitglieder.self_service_forms import (
    GroupedCheckboxes,
    discipline_choices,
    municipality_choices,
)
from postausgang import outbox
from teilmaerkte.models import Discipline
from verbaende.models import Association, Municipality


class MembershipRequestForm(HoneypotMixin, DisciplineLimitMixin, forms.ModelForm):
    website_url = HoneypotField()

    class Meta:
        model = MembershipRequest
        fields = ["name", "kind", "contact_name", "email", "municipality", "disciplines", "message"]
        widgets = {
            "disciplines": GroupedCheckboxes,
            "message": forms.Textarea(attrs={"rows": 5}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
        }
        help_texts = {
            "municipality": _("Your place decides which regional association looks after you."),
            "disciplines": _("Choose up to five."),
            "message": _("A few sentences about your work, optional."),
        }

    def __init__(self, *args, association=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.select_related(
            "district"
        ).order_by("name")
        self.fields["disciplines"].queryset = Discipline.objects.select_related("submarket")
        # Grouped for reading: places by district, the 46 disciplines by Teilmarkt. Coming
        # from a regional association's page, only its region's places are offered; any
        # place is still accepted (the place, not the page, decides the association).
        regional = association is not None and not association.is_state_association
        self.fields["municipality"].choices = municipality_choices(
            association.districts.all() if regional else None
        )
        self.fields["disciplines"].choices = discipline_choices()


def chosen_association(request):
    """The association whose "Become a member" button led here (?verband=<slug>), if any;
    an unknown slug is ignored."""
    slug = request.GET.get("verband", "")
    if not slug or len(slug) > 50:
        return None
    return Association.objects.filter(slug=slug).first()


# Every request mails the association's staff: limited per sending IP address and per
# association (kern.rate_limits, counted atomically before anything is saved).
REQUESTS_PER_IP = Limit("membership-ip", attempts=5, seconds=60 * 60)
REQUESTS_PER_ASSOCIATION = Limit("membership-association", attempts=50, seconds=24 * 60 * 60)


# The name of the second submit button: "send it anyway" after the duplicate notice.
CONFIRM_DUPLICATE = "trotzdem_senden"


def membership_request(request):
    association = chosen_association(request)
    form = MembershipRequestForm(request.POST or None, association=association)
    if request.method == "POST" and form.is_valid():
        # A filled honeypot looks like success and is never counted, so bots learn nothing.
        if not form.is_spam():
            if CONFIRM_DUPLICATE not in request.POST:
                duplicates = duplicate_notice(form.cleaned_data)
                if duplicates:
                    context = {
                        "form": form,
                        "association": association,
                        "duplicates": duplicates,
                        "confirm_name": CONFIRM_DUPLICATE,
                    }
                    return render(request, "mitglieder/membership_request.html", context)
            if not _take_allowance(request, form):
                form.add_error(
                    None,
                    _(
                        "Too many requests have been sent recently. Nothing was sent: please "
                        "try again in an hour, or write to your regional association."
                    ),
                )
                return render(
                    request,
                    "mitglieder/membership_request.html",
                    {"form": form, "association": association},
                    status=429,
                )
            submit_request(form)
        return redirect("membership_request_done")
    return render(
        request, "mitglieder/membership_request.html", {"form": form, "association": association}
    )


def _take_allowance(request, form) -> bool:
    association_id = form.cleaned_data["municipality"].district.association_id
    return take_all(
        [
            (REQUESTS_PER_IP, client_ip(request) or "unknown"),
            (REQUESTS_PER_ASSOCIATION, association_id),
        ]
    )


def duplicate_notice(data) -> dict | None:
    """What the applicant may learn about existing entries resembling them: the listed,
    published profiles whose name or website resembles theirs (that is public anyway),
    and otherwise only that staff will check. Never which address matched, nor the name
    of a draft, hidden or unlisted profile or of another request."""
    [matches] = find_duplicates([Candidate(name=data["name"], email=data["email"])])
    if not matches:
        return None
    public = [m for m in matches if m.public_reasons]
    return {"profiles": public, "private": len(public) < len(matches)}


def membership_request_done(request):
    return render(request, "mitglieder/membership_request_done.html")


@transaction.atomic
def submit_request(form) -> MembershipRequest:
    membership = form.save()
    association = membership.association
    recipients = {association.email} if association.email else set()
    staff = get_user_model().objects.filter(is_staff=True, is_active=True)
    recipients |= set(staff.in_association(association).values_list("email", flat=True))
    context = {"request": membership, "association": association}
    outbox.queue(
        to=recipients,
        subject=render_to_string("mitglieder/email/membership_request_subject.txt", context),
        body=render_to_string("mitglieder/email/membership_request.txt", context),
        kind="mitglieder/membership_request",
    )
    return membership


@transaction.atomic
def create_profile_from_request(membership: MembershipRequest, *, decided_by) -> Profile:
    """Mark the request accepted and create its draft profile (the caller invites the
    applicant: moderation.services.accept_request)."""
    profile = Profile.objects.create(
        name=membership.name,
        kind=membership.kind,
        municipality=membership.municipality,
        association=membership.association,
        contact_email=membership.email,
        tagline="",
        description=membership.message,
        status=Profile.Status.DRAFT,
    )
    profile.disciplines.set(membership.disciplines.all())
    membership.status = MembershipRequest.Status.ACCEPTED
    membership.decided_at = timezone.now()
    membership.decided_by = decided_by
    membership.profile = profile
    membership.save(update_fields=["status", "decided_at", "decided_by", "profile"])
    return profile
