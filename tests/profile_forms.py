"""Form data shared by tests that post a profile's edit form: Mein Profil's and the admin's."""


def edit_data(profile, **changes):
    """A complete, valid POST of the edit form for `profile`, with `changes` applied."""
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
    }
    links = list(profile.links.all())
    new_links = changes.pop("new_links", [])
    data |= {
        "links-TOTAL_FORMS": len(links) + len(new_links),
        "links-INITIAL_FORMS": len(links),
        "links-MIN_NUM_FORMS": 0,
        "links-MAX_NUM_FORMS": 8,
    }
    for index, link in enumerate(links):
        data |= {f"links-{index}-id": link.pk, f"links-{index}-kind": link.kind}
        data[f"links-{index}-url"] = link.url
    for index, (kind, address) in enumerate(new_links, start=len(links)):
        data |= {f"links-{index}-kind": kind, f"links-{index}-url": address}
    data |= changes
    # Unticked checkboxes are not sent at all.
    return {key: value for key, value in data.items() if value is not False}


def admin_change_data(staff_client, profile, **changes):
    """The admin change form of `profile` as staff see it, ready to post with `changes`
    applied (no link, gallery or moderation rows)."""
    url = f"/admin/mitglieder/profile/{profile.pk}/change/"
    form = staff_client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list)
    }
    data |= {
        "disciplines": [d.pk for d in profile.disciplines.all()],
        "loaded_version": profile.version,
        "image": "",
    }
    for prefix in ["links", "gallery", "moderation_actions"]:
        data |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}
    return url, data | changes
