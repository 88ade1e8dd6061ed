def edit_data(profile, **changes):
    """A complete, valid POST of the member's edit form for `profile`, with `changes`."""
    links = list(profile.links.all())
    data = {
        "version": profile.version,
        "name": profile.name,
        "kind": profile.kind,
        "tagline": profile.tagline,
        "description": profile.description,
        "municipality": profile.municipality_id,
        "disciplines": [d.pk for d in profile.disciplines.all()],
        "website": profile.website,
        "open_for_commissions": profile.open_for_commissions,
        "seeks_cooperation": profile.seeks_cooperation,
        "listed_in_directory": profile.listed_in_directory,
        "contact_email": profile.contact_email,
        "phone": profile.phone,
        "phone_visibility": profile.phone_visibility,
        "street_address": profile.street_address,
        "postal_code": profile.postal_code,
        "address_visibility": profile.address_visibility,
        "links-TOTAL_FORMS": len(links),
        "links-INITIAL_FORMS": len(links),
        "links-MIN_NUM_FORMS": 0,
        "links-MAX_NUM_FORMS": 8,
    }
    data |= changes
    return {key: value for key, value in data.items() if value is not False}
