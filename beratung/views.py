"""Public pages: the offers, the booking form, and the booker's signed-link pages.

Nothing here is cached: whether a slot is free changes with every booking.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from beratung import services
from beratung.calendar import location
from beratung.forms import BookingForm, FeedbackForm
from beratung.listing import OfferList
from beratung.models import Booking, Slot
from kern.client_ip import client_ip
from kern.rate_limits import Limit, take_all
from verbaende.models import Association

# Every booking mails the booker and the association's staff.
BOOKINGS_PER_IP = Limit("consultation-ip", attempts=10, seconds=60 * 60)
BOOKINGS_PER_ADDRESS = Limit("consultation-address", attempts=5, seconds=24 * 60 * 60)

# How a slot that cannot be booked answers: missing 404, gone for good 410, taken 409.
UNAVAILABLE_STATUS = {"missing": 404, "cancelled": 410, "past": 410, "taken": 409}


def offers(request):
    listing = OfferList(request.GET)
    return render(request, "beratung/offers.html", listing.context())


def association_offers(request, slug):
    association = get_object_or_404(Association, slug=slug)
    listing = OfferList(request.GET, fixed={"verband": association.slug})
    return render(
        request,
        "beratung/offers.html",
        {**listing.context(), "association": association},
    )


def _unavailable(request, error, slot=None):
    return render(
        request,
        "beratung/unavailable.html",
        {"message": error.message, "slot": slot},
        status=UNAVAILABLE_STATUS[error.reason],
    )


def _slot_to_book(slot_pk):
    slot = (
        Slot.objects.select_related("advisor", "association")
        .prefetch_related("topics")
        .filter(pk=slot_pk)
        .first()
    )
    if slot is None:
        raise services.SlotUnavailable("missing")
    if slot.is_cancelled or not slot.advisor.is_active:
        raise services.SlotUnavailable("cancelled")
    if slot.is_past:
        raise services.SlotUnavailable("past")
    if slot.bookings.filter(status__in=Booking.ACTIVE_STATUSES).exists():
        raise services.SlotUnavailable("taken")
    return slot


def _initial(request):
    user = request.user
    if not user.is_authenticated:
        return {}
    return {"name": getattr(user, "full_name", "") or "", "email": user.email}


@require_http_methods(["GET", "POST"])
def book(request, slot_pk):
    try:
        slot = _slot_to_book(slot_pk)
    except services.SlotUnavailable as error:
        return _unavailable(request, error)
    data = request.POST if request.method == "POST" else None
    form = BookingForm(data, slot=slot, initial=_initial(request))
    if request.method == "POST" and form.is_valid():
        # A filled honeypot looks like success, and nothing is saved or counted.
        if form.is_spam():
            return redirect("beratung:booked")
        if not _take_allowance(request, form):
            form.add_error(
                None,
                _(
                    "Too many bookings have been made from here recently. Nothing was saved: "
                    "please try again in an hour, or contact the association directly."
                ),
            )
            return _form_page(request, slot, form, status=429)
        data = services.BookingRequest(
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            phone=form.cleaned_data.get("phone", ""),
            topic=form.cleaned_data["topic"],
            question=form.cleaned_data["question"],
        )
        try:
            services.book(slot.pk, data)
        except services.SlotUnavailable as error:
            return _unavailable(request, error, slot)
        return redirect("beratung:booked")
    return _form_page(request, slot, form, status=200)


def _form_page(request, slot, form, *, status):
    return render(
        request,
        "beratung/book.html",
        {"slot": slot, "form": form, "location": location(slot)},
        status=status,
    )


def _take_allowance(request, form) -> bool:
    return take_all(
        [
            (BOOKINGS_PER_IP, client_ip(request) or "unknown"),
            (BOOKINGS_PER_ADDRESS, form.cleaned_data["email"].lower()),
        ]
    )


def booked(request):
    return render(request, "beratung/booked.html")


def _bad_link(request, error):
    return render(request, "beratung/bad_link.html", {"message": error.message}, status=400)


@require_http_methods(["GET", "POST"])
def manage(request, token):
    try:
        booking = services.booking_for_token(token)
    except services.BadLink as error:
        return _bad_link(request, error)
    slot = booking.slot
    may_change = booking.status == Booking.Status.BOOKED and not slot.is_past
    if request.method == "POST":
        if not may_change:
            messages.error(request, _("This booking can no longer be changed."))
            return redirect(request.path)
        action = request.POST.get("action")
        if action == "cancel":
            services.cancel(booking)
            messages.success(
                request, _("Your appointment has been cancelled. We have sent you a confirmation.")
            )
            return redirect(request.path)
        if action == "rebook":
            try:
                new = services.rebook(booking, request.POST.get("slot"))
            except services.SlotUnavailable as error:
                messages.error(request, error.message)
                return redirect(request.path)
            messages.success(
                request,
                _("Your appointment has been moved. We have sent you a new confirmation."),
            )
            return redirect(
                reverse("beratung:manage", kwargs={"token": services.manage_token(new)})
            )
        raise Http404
    alternatives = []
    if may_change:
        alternatives = list(
            Slot.objects.bookable()
            .in_association(slot.association)
            .select_related("advisor")
            .order_by("starts_at", "pk")[:30]
        )
    return render(
        request,
        "beratung/manage.html",
        {
            "booking": booking,
            "slot": slot,
            "location": location(slot),
            "may_change": may_change,
            "alternatives": alternatives,
        },
    )


@require_http_methods(["GET", "POST"])
def feedback(request, token):
    try:
        booking = services.booking_for_token(token, feedback=True)
    except services.BadLink as error:
        return _bad_link(request, error)
    slot = booking.slot
    context = {"booking": booking, "slot": slot}
    if hasattr(booking, "feedback") or booking.status in {
        Booking.Status.CANCELLED,
        Booking.Status.NO_SHOW,
    }:
        return render(request, "beratung/feedback_done.html", context | {"already": True})
    if not slot.is_past:
        return render(request, "beratung/feedback_done.html", context | {"too_early": True})
    form = FeedbackForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.give_feedback(
                booking,
                rating=form.cleaned_data["rating"],
                comment=form.cleaned_data["comment"],
            )
        except services.FeedbackGiven:
            return render(request, "beratung/feedback_done.html", context | {"already": True})
        return render(request, "beratung/feedback_done.html", context)
    return render(
        request,
        "beratung/feedback.html",
        context | {"form": form},
    )
