"""Forms of the member self-service (/mein-profil/): the profile, its links, its gallery."""

import hashlib
from itertools import groupby

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kern.choices import blank_choice
from kern.formsets import BoundedInlineFormSet
from medien.uploads import ACCEPT, SafeImageField
from mitglieder.forms import DisciplineLimitMixin
from mitglieder.models import GalleryImage, Profile, ProfileLink
from teilmaerkte.models import Discipline
from verbaende.models import Municipality

MAX_LINKS = 8
MAX_GALLERY_IMAGES = 12

MARKDOWN_HELP = _(
    "Markdown is allowed: an empty line starts a new paragraph; **bold**, *italic*, "
    "## Heading, - list item, [link text](https://example.org)."
)


class GroupedCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes in one fieldset per group (disciplines per Teilmarkt)."""

    template_name = "mitglieder/self_service/grouped_checkboxes.html"


class ProfileForm(DisciplineLimitMixin, forms.ModelForm):
    """Everything a member may change on their own profile; staff fields are not here."""

    # Optimistic locking: the version the form was loaded with (see services.save_profile).
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    municipality = forms.ModelChoiceField(
        queryset=Municipality.objects.select_related("district"),
        label=_("Place"),
        help_text=_("Places are listed by district."),
    )
    disciplines = forms.ModelMultipleChoiceField(
        queryset=Discipline.objects.select_related("submarket"),
        widget=GroupedCheckboxes,
        label=_("Fields of work"),
        help_text=_("Choose at least one and at most five."),
    )
    image = SafeImageField(
        required=False,
        label=_("Logo or portrait"),
        help_text=_(
            "JPEG, PNG or WebP. It is shown as a square; choose a new file to replace the "
            "current one."
        ),
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
    )
    remove_image = forms.BooleanField(
        required=False, label=_("Remove the current logo or portrait")
    )

    class Meta:
        model = Profile
        fields = [
            "name",
            "kind",
            "tagline",
            "description",
            "municipality",
            "disciplines",
            "website",
            "open_for_commissions",
            "seeks_cooperation",
            "listed_in_directory",
            "contact_email",
            "phone",
            "phone_visibility",
            "street_address",
            "postal_code",
            "address_visibility",
            "image",
        ]
        labels = {
            "name": _("Name of the person, company or collective"),
            "kind": _("Kind"),
            "tagline": _("Short description"),
            "description": _("Description"),
            "website": _("Website"),
            "open_for_commissions": _("Open for commissions"),
            "seeks_cooperation": _("Looking for cooperation"),
            "listed_in_directory": _("Show in the member list and in search results"),
            "contact_email": _("E-mail address for the contact form"),
            "phone": _("Phone"),
            "phone_visibility": _("Who sees the phone number"),
            "street_address": _("Street and number"),
            "postal_code": _("Postal code"),
            "address_visibility": _("Who sees the address"),
        }
        help_texts = {
            "description": MARKDOWN_HELP,
            "website": _("The full address, starting with https://"),
            "listed_in_directory": _(
                "Unticked: your profile page stays reachable by its address, but lists and "
                "search skip it."
            ),
        }
        widgets = {
            "kind": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 10}),
            "tagline": forms.TextInput(attrs={"maxlength": 160}),
            "website": forms.URLInput(attrs={"autocomplete": "url", "inputmode": "url"}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
            "street_address": forms.TextInput(attrs={"autocomplete": "address-line1"}),
            "postal_code": forms.TextInput(
                attrs={"autocomplete": "postal-code", "inputmode": "numeric"}
            ),
        }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self._drop_fields_of_other_sections()
        if not self.is_bound:
            self.initial.setdefault("version", self.instance.version)
        if "municipality" in self.fields:
            self.fields["municipality"].choices = municipality_choices()
        if "disciplines" in self.fields:
            self.fields["disciplines"].choices = discipline_choices()

    def _drop_fields_of_other_sections(self):
        """A section's form (editor_sections) lists its model fields in Meta.fields; the
        fields declared above stay in every form unless they are dropped here."""
        kept = {"version", *self._meta.fields}
        if "image" in kept:
            kept.add("remove_image")
        for name in list(self.fields):
            if name not in kept:
                del self.fields[name]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("remove_image") and self.files.get(self.add_prefix("image")):
            self.add_error(
                "remove_image",
                _("Either choose a new image or remove the current one, not both."),
            )
        return cleaned

    def _post_clean(self):
        super()._post_clean()
        if self.cleaned_data.get("remove_image") and not self.has_error("remove_image"):
            self.instance.image = ""


def municipality_choices(districts=None):
    """Places grouped by district, both in alphabetical order, for an <optgroup> select;
    only those of `districts` when given."""
    places = Municipality.objects.select_related("district").order_by("district__name", "name")
    if districts is not None:
        places = places.filter(district__in=districts)
    choices = blank_choice()
    for district, group in groupby(places, key=lambda place: place.district.name):
        choices.append((district, [(place.pk, place.name) for place in group]))
    return choices


def discipline_choices():
    """Disciplines grouped by their Teilmarkt, in the order of the Teilmärkte page."""
    disciplines = Discipline.objects.select_related("submarket")
    return [
        (submarket.localized_name, [(d.pk, d.localized_name) for d in group])
        for submarket, group in groupby(disciplines, key=lambda d: d.submarket)
    ]


class LinkForm(forms.ModelForm):
    class Meta:
        model = ProfileLink
        fields = ["kind", "url"]
        labels = {"kind": _("Kind of link"), "url": _("Address (URL)")}
        widgets = {"url": forms.URLInput(attrs={"inputmode": "url"})}


LinkFormSet = forms.inlineformset_factory(
    Profile,
    ProfileLink,
    form=LinkForm,
    # A forged TOTAL_FORMS builds no more than the existing links plus MAX_LINKS forms.
    formset=BoundedInlineFormSet,
    extra=2,
    max_num=MAX_LINKS,
    validate_max=True,
    can_delete=True,
    can_delete_extra=False,
)


class MultipleImageInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleSafeImageField(SafeImageField):
    """Several images in one upload, each sanitized through medien's safe upload path.

    All or none: if one file is refused, none is kept, and the message names the file."""

    widget = MultipleImageInput(attrs={"accept": ACCEPT})

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data]
        files = [f for f in files if f]
        if not files:
            return super().clean(None, initial)
        cleaned, errors = [], []
        for uploaded in files:
            try:
                cleaned.append(super().clean(uploaded, initial))
            except forms.ValidationError as refused:
                errors.extend(
                    forms.ValidationError(
                        _("“%(name)s”: %(error)s"),
                        code="bad_file",
                        params={"name": uploaded.name, "error": message},
                    )
                    for message in refused.messages
                )
        if errors:
            raise forms.ValidationError(errors)
        return cleaned


class GalleryUploadForm(forms.ModelForm):
    image = MultipleSafeImageField(
        label=_("Image files"),
        help_text=_(
            "JPEG, PNG or WebP. You can choose several images at once; they all get the "
            "description below, which you can change for each image afterwards."
        ),
    )

    class Meta:
        model = GalleryImage
        fields = ["alt_text", "caption"]
        labels = {"alt_text": _("Image description (alt text)"), "caption": _("Caption")}
        help_texts = {
            "alt_text": _(
                "Describe what the image shows, for people who cannot see it, e.g. "
                "“Poster with red lettering on a grey wall”."
            ),
            "caption": _("Optional, shown below the image."),
        }

    field_order = ["image", "alt_text", "caption"]

    def __init__(self, *args, profile, **kwargs):
        self.profile = profile
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        stored = self.profile.gallery.count()
        if stored >= MAX_GALLERY_IMAGES:
            raise forms.ValidationError(gallery_full_message(), code="gallery_full")
        if stored + len(cleaned.get("image") or []) > MAX_GALLERY_IMAGES:
            raise forms.ValidationError(
                gallery_too_many_message(MAX_GALLERY_IMAGES - stored), code="gallery_too_many"
            )
        return cleaned


def gallery_too_many_message(room):
    return ngettext(
        "There is room for %(room)s more image in your gallery. Please choose fewer images.",
        "There is room for %(room)s more images in your gallery. Please choose fewer images.",
        room,
    ) % {"room": room}


def gallery_full_message():
    return _(
        "Your gallery already has %(count)s images, the most a profile can show. "
        "Please delete an image before you upload another one."
    ) % {"count": MAX_GALLERY_IMAGES}


def image_fingerprint(image):
    """What an edit form was loaded with, to notice a change saved elsewhere meanwhile."""
    loaded = f"{image.alt_text}\0{image.caption}".encode()
    return hashlib.sha256(loaded).hexdigest()[:16]


class GalleryImageForm(forms.ModelForm):
    """Alt text and caption of a stored gallery image."""

    loaded = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = GalleryImage
        fields = ["alt_text", "caption"]
        labels = {"alt_text": _("Image description (alt text)"), "caption": _("Caption")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["loaded"] = image_fingerprint(self.instance)
