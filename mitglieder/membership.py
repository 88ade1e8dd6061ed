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
from mitglieder.self_service_forms import GroupedCheckboxes, discipline_choices
from postausgang import outbox
from teilmaerkte.models import Discipline
from verbaende.models import Association, Municipality

# /mitglied-werden/?verband=<slug>: the "Become a member" button of an association page.
ASSOCIATION_PARAMETER = "verband"


class MembershipRequestForm(HoneypotMixin, DisciplineLimitMixin, forms.ModelForm):
    website_url = HoneypotField()

    class Meta:
        model = MembershipRequest
        fields = [
            "name",
            "kind",
            "contact_name",
            "email",
            "municipality",
            "association",
            "disciplines",
            "message",
        ]
        widgets = {
            # One fieldset per Teilmarkt, as in the profile editor.
            "disciplines": GroupedCheckboxes,
            "message": forms.Textarea(attrs={"rows": 5}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
        }
        help_texts = {
            "municipality": _("Your place decides which regional association looks after you."),
            "association": _(
                "Leave empty and the association of your place looks after you. Members "
                "from anywhere in Saxony may choose another one."
            ),
            "disciplines": _("Choose up to five."),
            "message": _("A few sentences about your work, optional."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.select_related(
            "district"
        ).order_by("name")
        self.fields["disciplines"].queryset = Discipline.objects.select_related("submarket")
        self.fields["disciplines"].choices = discipline_choices()
        association = self.fields["association"]
        association.queryset = Association.objects.regional()
        association.required = False
        association.empty_label = _("The association of my place")


def preselected_association(query) -> Association | None:
    """The regional association named by ?verband=<slug>; anything else is ignored."""
    slug = query.get(ASSOCIATION_PARAMETER, "")
    if not isinstance(slug, str) or not slug or len(slug) > 50:
        return None
    return Association.objects.regional().filter(slug=slug).first()


# Every request mails the association's staff: limited per sending IP address and per
# association (kern.rate_limits, counted atomically before anything is saved).
REQUESTS_PER_IP = Limit("membership-ip", attempts=5, seconds=60 * 60)
REQUESTS_PER_ASSOCIATION = Limit("membership-association", attempts=50, seconds=24 * 60 * 60)


# The name of the second submit button: "send it anyway" after the duplicate notice.
CONFIRM_DUPLICATE = "trotzdem_senden"


def membership_request(request):
    initial = {}
    if request.method == "GET":
        association = preselected_association(request.GET)
        if association is not None:
            initial["association"] = association.pk
    form = MembershipRequestForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        # A filled honeypot looks like success and is never counted, so bots learn nothing.
        if not form.is_spam():
            if CONFIRM_DUPLICATE not in request.POST:
                duplicates = duplicate_notice(form.cleaned_data)
                if duplicates:
                    context = {
                        "form": form,
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
                    request, "mitglieder/membership_request.html", {"form": form}, status=429
                )
            submit_request(form)
        return redirect("membership_request_done")
    return render(request, "mitglieder/membership_request.html", {"form": form})


def _take_allowance(request, form) -> bool:
    chosen = form.cleaned_data.get("association")
    association_id = (
        chosen.pk if chosen else form.cleaned_data["municipality"].district.association_id
    )
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
