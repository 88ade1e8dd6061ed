"""The poster's forms: a listing (offer or request) and its photos."""

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from medien.uploads import ACCEPT, SafeImageField
from mitglieder.models import Profile
from raeume.models import MAX_PHOTOS, Feature, Listing, ListingPhoto
from verbaende.models import District, Municipality

# Saxony's postcodes lie in the zones starting 01, 02, 04, 08 and 09.
SAXON_POSTCODE = re.compile(r"^(01|02|04|08|09)\d{3}$")
OFFER_FIELDS = ("size_m2", "price", "price_unit")
REQUEST_FIELDS = ("size_min_m2", "size_max_m2", "max_price")
PRICED_UNITS = (Listing.PriceUnit.MONTH, Listing.PriceUnit.DAY)


def grouped_municipalities():
    """The places as <optgroup>s by district, for one select instead of two."""
    groups = {}
    for municipality in Municipality.objects.select_related("district").order_by(
        "district__name", "name"
    ):
        groups.setdefault(municipality.district.name, []).append(
            (municipality.pk, municipality.name)
        )
    return [("", "---------"), *groups.items()]


class ListingForm(forms.ModelForm):
    class Meta:
        model = Listing
        fields = [
            "listing_type",
            "space_kind",
            "title",
            "description",
            "profile",
            "poster_name",
            "size_m2",
            "price",
            "price_unit",
            "size_min_m2",
            "size_max_m2",
            "max_price",
            "wanted_districts",
            "available_from",
            "available_until",
            "municipality",
            "postal_code",
            "street_address",
            "show_street_address",
            "features",
        ]
        labels = {
            "listing_type": _("Do you offer a space or are you looking for one?"),
            "profile": _("Post in the name of your profile"),
            "poster_name": _("Shown as"),
            "price_unit": _("Price per"),
            "municipality": _("Place"),
        }
        help_texts = {
            "poster_name": _(
                "Your name or that of your organisation, shown with the listing if you do "
                "not post in the name of a profile."
            ),
            "size_m2": _("Offers only."),
            "price": _("Offers only. Leave empty for “negotiable” or “free of charge”."),
            "size_min_m2": _("Requests only."),
            "size_max_m2": _("Requests only."),
            "max_price": _("Requests only. Leave empty if you cannot pay rent."),
            "wanted_districts": _("Requests only: where the space may be."),
            "street_address": _("Shown only if you tick the box below."),
            "postal_code": _("Five digits, in Saxony."),
        }
        widgets = {
            "listing_type": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 8}),
            "available_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "available_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "wanted_districts": forms.CheckboxSelectMultiple,
            "features": forms.CheckboxSelectMultiple,
            "postal_code": forms.TextInput(
                attrs={"inputmode": "numeric", "autocomplete": "postal-code"}
            ),
            "street_address": forms.TextInput(attrs={"autocomplete": "address-line1"}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        profiles = Profile.objects.editable_by(user).order_by("name")
        if not profiles.exists():
            del self.fields["profile"]
        else:
            self.fields["profile"].queryset = profiles
            self.fields["profile"].empty_label = _("No, in my own name")
        self.fields["listing_type"].choices = Listing.ListingType.choices
        self.fields["wanted_districts"].queryset = District.objects.order_by("name")
        self.fields["features"].queryset = Feature.objects.all()
        self.fields["municipality"].choices = grouped_municipalities()
        for name in ("available_from", "available_until"):
            self.fields[name].input_formats = ["%Y-%m-%d", "%d.%m.%Y"]
        if not self.instance.pk and not self.initial.get("poster_name"):
            self.initial["poster_name"] = user.full_name

    def clean_postal_code(self):
        code = self.cleaned_data["postal_code"].strip()
        if not re.fullmatch(r"\d{5}", code):
            raise forms.ValidationError(
                _("A postal code has five digits, e.g. 01067."), code="postal_code_format"
            )
        if not SAXON_POSTCODE.match(code):
            raise forms.ValidationError(
                _(
                    "%(code)s is not a postal code in Saxony. Saxon postal codes start with "
                    "01, 02, 04, 08 or 09."
                ),
                code="postal_code_outside",
                params={"code": code},
            )
        return code

    def clean_available_until(self):
        until = self.cleaned_data.get("available_until")
        if until and until < timezone.localdate():
            raise forms.ValidationError(
                _("This date is in the past. Please give a date from today on."),
                code="date_in_past",
            )
        return until

    def clean(self):
        cleaned = super().clean()
        listing_type = cleaned.get("listing_type")
        if listing_type == Listing.ListingType.OFFER:
            self._clean_offer(cleaned)
        elif listing_type == Listing.ListingType.REQUEST:
            self._clean_request(cleaned)
        since, until = cleaned.get("available_from"), cleaned.get("available_until")
        if since and until and since > until:
            self.add_error(
                "available_until",
                forms.ValidationError(
                    _("“Available until” must not be before “available from”."),
                    code="dates_reversed",
                ),
            )
        if cleaned.get("show_street_address") and not cleaned.get("street_address"):
            self.add_error(
                "street_address",
                forms.ValidationError(
                    _("Please enter the street, or untick “show street and number”."),
                    code="street_missing",
                ),
            )
        if not cleaned.get("profile") and not cleaned.get("poster_name"):
            self.add_error(
                "poster_name",
                forms.ValidationError(
                    _("Please enter the name shown with your listing."), code="name_missing"
                ),
            )
        return cleaned

    def _clean_offer(self, cleaned):
        if not cleaned.get("size_m2") and "size_m2" not in self.errors:
            self.add_error("size_m2", _("Please enter the size of the space in m²."))
        unit = cleaned.get("price_unit")
        if unit in PRICED_UNITS and cleaned.get("price") is None and "price" not in self.errors:
            self.add_error(
                "price",
                _("Please enter the price, or choose “negotiable” or “free of charge”."),
            )
        if unit == Listing.PriceUnit.FREE:
            cleaned["price"] = None
        # What only requests state does not belong to an offer.
        for name in REQUEST_FIELDS:
            cleaned[name] = None
        cleaned["wanted_districts"] = District.objects.none()

    def _clean_request(self, cleaned):
        low, high = cleaned.get("size_min_m2"), cleaned.get("size_max_m2")
        if low is None and high is None and not {"size_min_m2", "size_max_m2"} & set(self.errors):
            self.add_error(
                "size_min_m2", _("Please enter at least the smallest or the largest size.")
            )
        if low is not None and high is not None and low > high:
            self.add_error(
                "size_max_m2",
                forms.ValidationError(
                    _("The largest size must not be smaller than the smallest."),
                    code="sizes_reversed",
                ),
            )
        if not cleaned.get("wanted_districts") and "wanted_districts" not in self.errors:
            self.add_error("wanted_districts", _("Please choose at least one district."))
        for name in ("size_m2", "price"):
            cleaned[name] = None
        cleaned["price_unit"] = Listing.PriceUnit.MONTH


class PhotoUploadForm(forms.ModelForm):
    """One photo with its description, through medien's sanitizing upload path."""

    image = SafeImageField(
        label=_("Photo file"),
        help_text=_("JPEG, PNG or WebP."),
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
    )

    class Meta:
        model = ListingPhoto
        fields = ["image", "alt_text"]
        labels = {"alt_text": _("Image description (alt text)")}
        help_texts = {
            "alt_text": _(
                "Describe what the photo shows, for people who cannot see it, e.g. "
                "“Bright studio with three windows and a wooden floor”."
            )
        }

    def __init__(self, *args, listing, **kwargs):
        self.listing = listing
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if self.listing.photos.count() >= MAX_PHOTOS:
            raise forms.ValidationError(photos_full_message(), code="photos_full")
        return cleaned


def photos_full_message():
    return _(
        "This listing already has %(count)s photos, the most it can show. Please remove a "
        "photo before you upload another one."
    ) % {"count": MAX_PHOTOS}
