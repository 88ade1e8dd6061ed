"""What the district maps of the Raumbörse and the events share: the district chosen by a
place filter, and the coloured, linked entries drawn from a list's district options."""

import re

from karte.member_map import colour_classes, colour_of
from karte.shapes import geometry
from verbaende.models import District, Municipality

# What a district or place slug can be; anything else (a NUL byte, which PostgreSQL refuses
# in a query, or a page of text) names no district and is never sent to the database.
_SLUG = re.compile(r"[-a-z0-9_]{1,140}")


def selected_district(params):
    """The district that `kreis`, else `ort`, names; None for none or an unknown slug. A
    place filter does not narrow a district map: it marks its district."""
    slug = params.get("kreis")
    if slug and _SLUG.fullmatch(slug):
        district = District.objects.filter(slug=slug).first()
        if district is not None:
            return district
    slug = params.get("ort")
    if slug and _SLUG.fullmatch(slug):
        place = Municipality.objects.select_related("district").filter(slug=slug).first()
        if place is not None:
            return place.district
    return None


def district_entries(options, *, entry_class, url_of, selected):
    """One entry per district option (slug, name, count), coloured by count and linked to
    `url_of(slug)`, sorted by name; and the legend of colour classes."""
    shapes = geometry().districts
    kinds = dict(District.objects.values_list("slug", "kind"))
    kind_labels = dict(District.Kind.choices)
    legend = colour_classes(max((option.count for option in options), default=0))
    entries = []
    for option in options:
        shape = shapes.get(option.value)
        entries.append(
            entry_class(
                slug=option.value,
                name=option.label,
                kind=kind_labels.get(kinds.get(option.value), ""),
                count=option.count,
                colour=colour_of(option.count, legend),
                url=url_of(option.value),
                selected=selected is not None and option.value == selected.slug,
                path=shape.path if shape else "",
                label_x=shape.label_x if shape else 0,
                label_y=shape.label_y if shape else 0,
            )
        )
    entries.sort(key=lambda entry: entry.name)
    return entries, legend
