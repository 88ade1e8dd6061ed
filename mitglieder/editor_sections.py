"""The member editor in sections: each section is its own short page with its own form.

A page per section keeps every form a screen or two long on a phone, its save button in
reach, and a refused save shows only the errors of what the member just worked on. The
sections share ProfileForm, cut down to their fields, and the one save path (optimistic
locking, history, contact address confirmation) in services.save_profile.
"""

from dataclasses import dataclass
from functools import cache

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mitglieder.self_service_forms import ProfileForm


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    intro: str
    fields: tuple[str, ...]
    # The contact section edits the links formset too.
    with_links: bool = False

    def url(self, profile):
        return reverse("self_service:section", kwargs={"pk": profile.pk, "section": self.slug})

    @property
    def template_name(self):
        return f"mitglieder/self_service/sections/{self.slug}.html"

    def form_class(self):
        return _section_form(self.fields)


@cache
def _section_form(fields):
    """ProfileForm cut to `fields`; built once per section, not per request."""
    meta = type("Meta", (ProfileForm.Meta,), {"fields": list(fields)})
    return type("SectionForm", (ProfileForm,), {"Meta": meta})


SECTIONS = (
    Section(
        slug="grunddaten",
        title=_("Basics"),
        intro=_("Your name, where you work, and whether visitors find you in the lists."),
        fields=(
            "name",
            "kind",
            "municipality",
            "open_for_commissions",
            "seeks_cooperation",
            "listed_in_directory",
        ),
    ),
    Section(
        slug="vorstellung",
        title=_("Introduction"),
        intro=_("One sentence for the lists, and a longer text for your profile page."),
        fields=("tagline", "description"),
    ),
    Section(
        slug="disziplinen",
        title=_("Disciplines"),
        intro=_("What you do, in the terms of the Teilmärkte of the creative industries."),
        fields=("disciplines",),
    ),
    Section(
        slug="kontakt",
        title=_("Contact & links"),
        intro=_("How people reach you, and where they find more of your work."),
        fields=(
            "website",
            "contact_email",
            "phone",
            "phone_visibility",
            "street_address",
            "postal_code",
            "address_visibility",
        ),
        with_links=True,
    ),
    Section(
        slug="bilder",
        title=_("Pictures"),
        intro=_("Your logo or portrait; the gallery shows your work."),
        fields=("image",),
    ),
)
SECTIONS_BY_SLUG = {section.slug: section for section in SECTIONS}
FIRST_SECTION = SECTIONS[0]


def section_for_field(name):
    """The section that holds the profile field `name`."""
    return next(section for section in SECTIONS if name in section.fields)


def next_section(section):
    """The section after `section`, or None after the last one."""
    position = SECTIONS.index(section)
    return SECTIONS[position + 1] if position + 1 < len(SECTIONS) else None
