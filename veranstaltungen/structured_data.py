"""schema.org JSON-LD for the public event page."""

from django.utils import timezone

from kern.site_url import absolute_url
from medien.images import absolute_rendition_url

SCHEMA = "https://schema.org/"


def event_json_ld(request, event) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.teaser,
        "url": absolute_url(event.get_absolute_url()),
        "startDate": timezone.localtime(event.starts_at).isoformat(),
        "endDate": timezone.localtime(event.ends_at).isoformat(),
        "eventStatus": SCHEMA + ("EventCancelled" if event.is_cancelled else "EventScheduled"),
        "eventAttendanceMode": SCHEMA
        + ("OnlineEventAttendanceMode" if event.is_online else "OfflineEventAttendanceMode"),
        "location": _location(event),
        "organizer": {
            "@type": "Organization",
            "name": event.association.name,
            "url": absolute_url(event.association.get_absolute_url()),
        },
        "inLanguage": "de",
    }
    offer = {}
    if event.registration_url:
        offer["url"] = event.registration_url
    if event.price is not None:
        offer |= {"price": f"{event.price:.2f}", "priceCurrency": "EUR"}
        data["isAccessibleForFree"] = event.price == 0
    if offer:
        data["offers"] = {"@type": "Offer", **offer}
    if event.image_renditions:
        data["image"] = absolute_rendition_url(request, event.image_renditions)
    return data


def _location(event):
    if event.is_online:
        return {"@type": "VirtualLocation", "url": event.online_url}
    address = {"@type": "PostalAddress", "addressLocality": event.city, "addressCountry": "DE"}
    if event.street_address:
        address["streetAddress"] = event.street_address
    if event.postal_code:
        address["postalCode"] = event.postal_code
    return {"@type": "Place", "name": event.venue_name, "address": address}
