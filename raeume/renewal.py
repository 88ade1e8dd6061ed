"""The page behind the renewal link of the reminder mail: GET shows the listing and one
button, POST renews. Mail programs open links to check them; only the button renews."""

from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from raeume.expiry import GRACE_DAYS, REMINDER_DAYS, RenewalRefused, listing_for_token, renew

STATUS = {
    RenewalRefused.INVALID: 400,
    RenewalRefused.EXPIRED: 410,
    RenewalRefused.USED: 200,
}


@require_http_methods(["GET", "POST"])
def renew_listing(request, token):
    try:
        if request.method == "POST":
            listing = renew(token)
            return render(request, "raeume/renewed.html", {"listing": listing})
        listing = listing_for_token(token)
    except RenewalRefused as refusal:
        context = {
            "reason": refusal.reason,
            "listing": refusal.listing,
            "grace_days": GRACE_DAYS,
            "reminder_days": REMINDER_DAYS,
        }
        return render(
            request, "raeume/renewal_refused.html", context, status=STATUS[refusal.reason]
        )
    return render(request, "raeume/renew.html", {"listing": listing})
