"""Form data for tests that post an association's admin change form."""


def association_data(association, **changes):
    data = {
        field: getattr(association, field)
        for field in [
            "slug",
            "kind",
            "name",
            "short_name",
            "founded_year",
            "founding_note",
            "seat",
            "catchment",
            "website",
            "email",
            "tagline",
            "tagline_en",
            "description",
            "description_en",
            "position",
        ]
    }
    data |= {
        "founded_on": "",
        "districts-TOTAL_FORMS": "0",
        "districts-INITIAL_FORMS": "0",
        "links-TOTAL_FORMS": "0",
        "links-INITIAL_FORMS": "0",
    }
    return data | changes
