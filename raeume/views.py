"""The public Raumbörse (list, detail, contact) and the poster's pages (post, edit, photos,
mark as taken, delete, own listings).

Posters reach their own listings through `get_listing_for_poster`, which answers 404 to
everyone else, staff included: staff edit listings in the admin.
"""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kern.contact_form import ContactForm
from kern.page_cache import cache_public_page
from kern.relay import relay_message
from raeume import relay, services
from raeume.forms import ListingForm, PhotoUploadForm, photos_full_message
from raeume.listing import SpaceList
from raeume.models import MAX_PHOTOS, Listing, ListingPhoto


@cache_public_page(parameters=SpaceList.parameters())
@require_GET
def space_list(request):
    return render(request, "raeume/list.html", SpaceList(request.GET).context())


def _with_details(queryset):
    return queryset.select_related("municipality__district__association", "profile", "poster")


def get_listing_for_viewer(request, pk):
    """A public listing for anyone; a listing in review, rejected or expired only for its
    poster and for staff of its association. 404 for everyone else."""
    listing = get_object_or_404(_with_details(Listing.objects.all()), pk=pk)
    if listing.is_public:
        return listing
    user = request.user
    if user.is_authenticated and (
        listing.poster_id == user.pk or Listing.objects.visible_to(user).filter(pk=pk).exists()
    ):
        return listing
    raise Http404


def get_listing_for_poster(request, pk):
    """The listing `pk` if the logged-in user posted it, else 404."""
    return get_object_or_404(_with_details(Listing.objects.posted_by(request.user)), pk=pk)


def status_notice(listing):
    """What the poster or staff should know about a listing the public does not see
    (or sees marked as taken)."""
    if listing.status == Listing.Status.PENDING:
        return _(
            "This listing is being reviewed by the regional association. It is not public yet."
        )
    if listing.status == Listing.Status.REJECTED:
        return _("This listing was not published by the regional association. It is not public.")
    if not listing.is_public:
        return _("This listing has expired and is no longer public.")
    return ""


def _detail_context(request, listing, *, contact_form=None):
    return {
        "listing": listing,
        "photos": list(listing.photos.order_by("position", "pk")),
        "features": list(listing.features.all()),
        "wanted_districts": list(listing.wanted_districts.all()) if not listing.is_offer else [],
        "status_notice": status_notice(listing),
        "is_poster": request.user.is_authenticated and listing.poster_id == request.user.pk,
        "contact_form": contact_form
        if contact_form is not None
        else (ContactForm() if listing.is_public and relay.can_be_contacted(listing) else None),
    }


@cache_public_page(parameters=())
@require_GET
def detail(request, pk):
    listing = get_listing_for_viewer(request, pk)
    return render(request, "raeume/detail.html", _detail_context(request, listing))


@require_http_methods(["GET", "POST"])
def contact(request, pk):
    """GET: the standalone contact page (for errors and without the detail page). POST: relay."""
    listing = get_object_or_404(_with_details(Listing.objects.public()), pk=pk)
    if not relay.can_be_contacted(listing):
        raise Http404
    if request.method == "GET":
        return _render_contact(request, listing, ContactForm())
    form = ContactForm(request.POST)
    if not form.is_valid():
        return _render_contact(request, listing, form)
    relayed = relay_message(
        request,
        form,
        ip_limit=relay.IP_LIMIT,
        object_limit=relay.LISTING_LIMIT,
        object_key=listing.pk,
        send=partial(relay.send_message, listing),
    )
    if not relayed:
        return _render_contact(request, listing, form, status=429)
    messages.success(
        request,
        _("Thank you, your message has been sent. %(name)s can reply to you by e-mail.")
        % {"name": listing.shown_poster_name},
    )
    return redirect(listing)


def _render_contact(request, listing, form, *, status=200):
    return render(request, "raeume/contact.html", {"listing": listing, "form": form}, status=status)


# The poster's pages ---------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    if request.method == "POST":
        form = ListingForm(request.POST, user=request.user)
        if form.is_valid():
            if not services.POSTING_LIMIT.take(request.user.pk):
                form.add_error(
                    None,
                    _(
                        "You have posted %(count)s listings today, the most an account may "
                        "post in one day. Please try again tomorrow."
                    )
                    % {"count": services.POSTING_LIMIT.attempts},
                )
                return _render_form(request, form, status=429)
            listing = services.create_listing(form, request.user)
            messages.success(
                request,
                _(
                    "Your listing has been saved and goes to the regional association for "
                    "review. You can add photos now."
                ),
            )
            return redirect("raeume:photos", pk=listing.pk)
    else:
        form = ListingForm(user=request.user)
    return _render_form(request, form)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    listing = get_listing_for_poster(request, pk)
    if request.method == "POST":
        form = ListingForm(request.POST, instance=listing, user=request.user)
        if form.is_valid():
            listing = services.update_listing(form)
            messages.success(request, _("Your listing has been saved."))
            return redirect(listing)
    else:
        form = ListingForm(instance=listing, user=request.user)
    return _render_form(request, form, listing=listing)


def _render_form(request, form, *, listing=None, status=200):
    return render(request, "raeume/form.html", {"form": form, "listing": listing}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def photos(request, pk):
    listing = get_listing_for_poster(request, pk)
    form = PhotoUploadForm(listing=listing)
    if request.method == "POST":
        form = PhotoUploadForm(request.POST, request.FILES, listing=listing)
        if form.is_valid():
            try:
                services.add_photo(listing, form)
            except services.PhotosFullError:
                form.add_error(None, photos_full_message())
            else:
                messages.success(request, _("The photo has been added."))
                return redirect("raeume:photos", pk=listing.pk)
    stored = list(listing.photos.order_by("position", "pk"))
    return render(
        request,
        "raeume/photos.html",
        {
            "listing": listing,
            "form": form,
            "photos": stored,
            "max_photos": MAX_PHOTOS,
            "photos_full": len(stored) >= MAX_PHOTOS,
        },
        status=200 if request.method == "GET" or form.is_valid() else 400,
    )


@login_required
@require_POST
def photo_delete(request, pk, photo_pk):
    listing = get_listing_for_poster(request, pk)
    photo = get_object_or_404(ListingPhoto, listing=listing, pk=photo_pk)
    services.delete_photo(photo)
    messages.success(request, _("The photo has been removed."))
    return redirect("raeume:photos", pk=listing.pk)


@login_required
@require_POST
def taken(request, pk):
    listing = get_listing_for_poster(request, pk)
    now_taken = request.POST.get("vergeben") == "1"
    services.set_taken(listing, now_taken)
    if now_taken:
        messages.success(request, _("The listing is marked as taken."))
    else:
        messages.success(request, _("The listing is no longer marked as taken."))
    return redirect("raeume:mine")


@login_required
@require_http_methods(["GET", "POST"])
def delete(request, pk):
    listing = get_listing_for_poster(request, pk)
    if request.method == "POST":
        services.delete_listing(listing)
        messages.success(
            request,
            _("The listing “%(title)s” and its photos have been deleted.")
            % {"title": listing.title},
        )
        return redirect("raeume:mine")
    return render(request, "raeume/delete.html", {"listing": listing})


@login_required
@require_GET
def mine(request):
    listings = (
        _with_details(Listing.objects.posted_by(request.user))
        .annotate(photo_count=Count("photos"))
        .order_by("-created_at", "-pk")
    )
    return render(
        request,
        "raeume/mine.html",
        {
            "listings": listings,
            "today": timezone.localdate(),
            "create_url": reverse("raeume:create"),
        },
    )
