"""The form a member fills in at /mein-profil/<pk>/erfolge/ to report a success."""

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from aktuelles.models import SuccessReport
from kern.validators import reject_markup
from medien.uploads import ACCEPT, SafeImageField

# Reports wait for staff; more than this many unanswered ones from one profile is a sign of
# a mistake or of flooding the association's queue, not of ten fresh achievements.
MAX_PENDING_REPORTS = 10


def too_many_pending_message():
    return _(
        "%(count)s of your success reports are still waiting for review, the most a profile "
        "can have at a time. Please wait until your association has decided on them."
    ) % {"count": MAX_PENDING_REPORTS}


class SuccessReportForm(forms.ModelForm):
    image = SafeImageField(
        required=False,
        label=_("Image (optional)"),
        help_text=_("JPEG, PNG or WebP, at most 10 MB: a photo, the certificate, the cover."),
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
    )
    # Only web addresses: the link is shown on the public page for visitors to follow.
    evidence_url = forms.URLField(
        label=_("Link as evidence"),
        max_length=300,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"]), reject_markup],
        help_text=_(
            "A page that confirms it: the jury's list, the press article, the shop. "
            "The full address, starting with https://"
        ),
        widget=forms.URLInput(attrs={"inputmode": "url"}),
    )

    class Meta:
        model = SuccessReport
        fields = [
            "kind",
            "title",
            "achieved_on",
            "evidence_url",
            "description",
            "image",
            "image_alt",
        ]
        labels = {
            "kind": _("What kind of success?"),
            "title": _("Title"),
            "achieved_on": _("Date"),
            "description": _("A few words about it (optional)"),
            "image_alt": _("Image description (alt text)"),
        }
        help_texts = {
            "achieved_on": _("When it happened or was announced."),
            "description": _("At most 600 characters, plain text."),
            "image_alt": _(
                "Required with an image: describe what it shows, for people who cannot see it."
            ),
        }
        widgets = {
            "kind": forms.RadioSelect,
            # The browser's date picker sends ISO dates, whatever the page language.
            "achieved_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 4, "maxlength": 600}),
            "title": forms.TextInput(attrs={"maxlength": 150}),
        }

    def __init__(self, *args, profile, **kwargs):
        self.profile = profile
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        # The model's choices start with an empty "---------" for selects; radios need none.
        self.fields["kind"].choices = SuccessReport.Kind.choices

    def clean(self):
        cleaned = super().clean()
        if self.profile.success_reports.pending().count() >= MAX_PENDING_REPORTS:
            raise forms.ValidationError(too_many_pending_message(), code="too_many_pending")
        return cleaned
