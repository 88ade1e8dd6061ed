"""The Kooperationsbörse: the public list and calls, replies through the relay, and the
members' pages to post, edit, close and renew their calls.

Member pages answer 404 for calls of profiles the user does not edit (staff included:
staff hide calls in the admin); accounts without a published profile get a page that says
why they cannot post.
"""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kern.contact_form import ContactForm
from kern.page_cache import cache_public_page
from kern.relay import relay_message
from kooperationen import services
from kooperationen.forms import CallForm
from kooperationen.listing import CallList
from kooperationen.models import Call
from mitglieder.models import Profile


@require_GET
@cache_public_page(parameters=CallList.parameters())
def call_list(request):
    return render(request, "kooperationen/call_list.html", CallList(request.GET).context())


def _public_call(pk):
    return get_object_or_404(
        Call.objects.public().select_related("profile__municipality__district", "municipality"),
        pk=pk,
    )


def _render_detail(request, call, form, *, status=200):
    submarkets = sorted(call.submarkets.all(), key=lambda s: (s.position, s.pk))
    return render(
        request,
        "kooperationen/call_detail.html",
        {
            "call": call,
            "profile": call.profile,
            "submarkets": submarkets,
            "form": form,
            "can_reply": bool(services.recipients(call.profile)),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@cache_public_page(parameters=())
def call_detail(request, pk):
    call = _public_call(pk)
    if request.method != "POST":
        return _render_detail(request, call, ContactForm())
    if not services.recipients(call.profile):
        raise Http404
    form = ContactForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, call, form)
    relayed = relay_message(
        request,
        form,
        ip_limit=services.REPLY_IP_LIMIT,
        object_limit=services.REPLY_CALL_LIMIT,
        object_key=call.pk,
        send=partial(services.send_reply, call),
    )
    if not relayed:
        return _render_detail(request, call, form, status=429)
    messages.success(
        request,
        _("Thank you, your reply has been sent. %(name)s can answer you by e-mail.")
        % {"name": call.profile.name},
    )
    return redirect(call)


# Member pages


def _refuse(request, profiles):
    """An account that cannot post: no profile at all, or none published yet."""
    return render(
        request,
        "kooperationen/no_profile.html",
        {"has_profiles": profiles.exists()},
        status=403,
    )


def _postable_profiles(user):
    return Profile.objects.editable_by(user).published().order_by("name", "pk")


def _own_call(request, pk):
    return get_object_or_404(
        Call.objects.editable_by(request.user).select_related("profile"), pk=pk
    )


@login_required
@require_GET
def mine(request):
    editable = Profile.objects.editable_by(request.user)
    if not editable.exists():
        return _refuse(request, editable)
    calls = (
        Call.objects.editable_by(request.user)
        .select_related("profile", "municipality")
        .order_by("-published_at", "-pk")
    )
    return render(
        request,
        "kooperationen/mine.html",
        {"calls": calls, "may_post": _postable_profiles(request.user).exists()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    profiles = list(_postable_profiles(request.user))
    if not profiles:
        return _refuse(request, Profile.objects.editable_by(request.user))
    queryset = _postable_profiles(request.user)
    if request.method != "POST":
        return _render_form(request, CallForm(profiles=queryset), profiles=profiles)
    form = CallForm(request.POST, profiles=queryset)
    if form.is_valid():
        if not services.POST_LIMIT.take(request.user.pk):
            form.add_error(
                None,
                _("You have posted five calls today. Please try again tomorrow."),
            )
            return _render_form(request, form, profiles=profiles, status=429)
        call = services.create_call(form, request.user)
        messages.success(request, _("Your call “%(title)s” is online.") % {"title": call.title})
        return redirect(call)
    return _render_form(request, form, profiles=profiles)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    call = _own_call(request, pk)
    queryset = Profile.objects.editable_by(request.user).order_by("name", "pk")
    profiles = list(queryset)
    if request.method != "POST":
        form = CallForm(instance=call, profiles=queryset)
        return _render_form(request, form, profiles=profiles, call=call)
    form = CallForm(request.POST, instance=call, profiles=queryset)
    if form.is_valid():
        services.update_call(form)
        messages.success(request, _("Your changes have been saved."))
        return redirect("kooperationen:mine")
    return _render_form(request, form, profiles=profiles, call=call)


def _render_form(request, form, *, profiles, call=None, status=200):
    return render(
        request,
        "kooperationen/call_form.html",
        {"form": form, "call": call, "profiles": profiles},
        status=status,
    )


@login_required
@require_POST
def close(request, pk):
    call = _own_call(request, pk)
    services.close_call(call)
    messages.success(request, _("The call “%(title)s” is closed.") % {"title": call.title})
    return redirect("kooperationen:mine")


@login_required
@require_POST
def renew(request, pk):
    call = _own_call(request, pk)
    try:
        services.renew_call(call)
    except services.NotRenewableError:
        messages.error(
            request,
            _(
                "This call cannot be renewed: its deadline has passed or the association has "
                "hidden it. Edit it to set a new deadline, or ask your association."
            ),
        )
    else:
        messages.success(
            request,
            _("The call “%(title)s” is online until %(date)s.")
            % {"title": call.title, "date": date_format(call.expires_on, "DATE_FORMAT")},
        )
    return redirect(reverse("kooperationen:mine"))
