"""/mein-profil/: members edit their own profiles, preview them and submit drafts for review.

Every view answers 404 to anyone who is not an editor of the profile, staff included: staff
moderate in the admin. Anonymous visitors are sent to the login page.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kern.markdown import render_markdown
from mitglieder import contact_address
from mitglieder.completeness import profile_completeness
from mitglieder.editor_sections import (
    FIRST_SECTION,
    SECTIONS,
    SECTIONS_BY_SLUG,
    Section,
    next_section,
)
from mitglieder.models import GalleryImage, Profile
from mitglieder.self_service_forms import (
    MAX_GALLERY_IMAGES,
    MAX_LINKS,
    GalleryImageForm,
    GalleryUploadForm,
    LinkFormSet,
    ProfileForm,
    gallery_full_message,
    image_fingerprint,
)
from mitglieder.services import (
    GalleryFullError,
    NotADraftError,
    StaleImageError,
    StaleProfileError,
    add_gallery_image,
    delete_gallery_image,
    move_gallery_image,
    save_profile,
    submit_for_review,
    update_gallery_image,
)
from mitglieder.views import profile_page_context

LINKS_PREFIX = "links"


def get_profile_for_editor(request, pk):
    """The profile `pk` if the logged-in user is one of its editors, else 404."""
    try:
        return (
            Profile.objects.editable_by(request.user)
            .select_related("municipality__district", "association")
            .get(pk=pk)
        )
    except Profile.DoesNotExist:
        raise Http404 from None


def _overview_url():
    return reverse("self_service:overview")


def _gallery_url(profile, image=None):
    url = reverse("self_service:gallery", kwargs={"pk": profile.pk})
    return f"{url}#bild-{image.pk}" if image is not None else url


@login_required
@require_GET
def overview(request):
    profiles = (
        Profile.objects.editable_by(request.user)
        .select_related("association")
        .annotate(
            gallery_count=Count("gallery", distinct=True),
            discipline_count=Count("disciplines", distinct=True),
            link_count=Count("links", distinct=True),
        )
        .prefetch_related(
            Prefetch(
                "owners",
                queryset=get_user_model().objects.order_by("full_name", "pk"),
                to_attr="editors",
            )
        )
        .order_by("name", "pk")
    )
    for profile in profiles:
        profile.completeness = profile_completeness(
            profile,
            discipline_count=profile.discipline_count,
            link_count=profile.link_count,
            gallery_count=profile.gallery_count,
        )
    return render(
        request,
        "mitglieder/self_service/overview.html",
        {"profiles": profiles, "max_gallery_images": MAX_GALLERY_IMAGES},
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    """The editor's address from before it had sections: it opens the first section. The
    whole form posted here, from a tab opened before the change, is still saved: no input
    is lost."""
    profile = get_profile_for_editor(request, pk)
    if request.method != "POST":
        return redirect(FIRST_SECTION.url(profile))
    return _edit_page(request, profile, EditorPage(ProfileForm, SECTIONS))


@login_required
@require_http_methods(["GET", "POST"])
def section(request, pk, section):
    profile = get_profile_for_editor(request, pk)
    try:
        chosen = SECTIONS_BY_SLUG[section]
    except KeyError:
        raise Http404 from None
    page = EditorPage(chosen.form_class(), (chosen,))
    return _edit_page(request, profile, page)


@dataclass(frozen=True)
class EditorPage:
    """What one editor page edits: a form class and the sections it shows."""

    form_class: type
    sections: tuple[Section, ...]

    @property
    def with_links(self):
        return any(section.with_links for section in self.sections)

    @property
    def section(self):
        """The one section of a section page; None on the whole form."""
        return self.sections[0] if len(self.sections) == 1 else None

    def links(self, *args, **kwargs):
        if not self.with_links:
            return None
        return LinkFormSet(*args, prefix=LINKS_PREFIX, **kwargs)


def _edit_page(request, profile, page):
    context = {"profile": profile, "saved": _saved(profile)}
    if request.method != "POST":
        form = page.form_class(instance=profile)
        return _render_edit(request, page, form, page.links(instance=profile), context)

    form = page.form_class(request.POST, request.FILES, instance=profile)
    links = page.links(request.POST, instance=profile)

    if "preview" in request.POST and "description" in form.fields:
        # Show the rendered description; nothing is saved.
        context["previewing"] = True
        # Only a description the form accepts is rendered: one over the length limit shows
        # its error instead of costing the rendering. The preview shows the errors a save
        # would, which rendering the bound form does anyway.
        form.is_valid()
        context["description_preview"] = mark_safe(  # noqa: S308 - sanitized by nh3
            render_markdown(form.cleaned_data.get("description", ""))
        )
        context["file_dropped"] = bool(request.FILES)
        return _render_edit(request, page, form, links, context)

    form_valid = form.is_valid()
    links_valid = links is None or links.is_valid()
    if not (form_valid and links_valid):
        context["file_dropped"] = bool(request.FILES)
        return _render_edit(request, page, form, links, context)

    try:
        save_profile(form, links, submitted_version=form.cleaned_data["version"])
    except StaleProfileError as stale:
        return _render_conflict(request, page, profile.pk, stale.current_version)

    if profile.status == Profile.Status.PUBLISHED:
        messages.success(request, _("Saved. The changes are visible on your public page."))
    else:
        messages.success(request, _("Saved."))
    return redirect(_after_save_url(request, page, profile))


def _after_save_url(request, page, profile):
    """The whole form returns to the overview; a section stays, or goes on when asked to."""
    if page.section is None:
        return _overview_url()
    following = next_section(page.section)
    if "continue" in request.POST and following is not None:
        return following.url(profile)
    return page.section.url(profile)


def _render_conflict(request, page, pk, current_version):
    """The second of two concurrent saves: nothing is written; the user's input is shown
    again, now against the stored profile, so saving once more is a deliberate decision."""
    profile = get_profile_for_editor(request, pk)
    saved = _saved(profile)
    data = request.POST.copy()
    data["version"] = str(current_version)
    form = page.form_class(data, instance=profile)
    links = page.links(data, instance=profile)
    # changed_data compares the input with what is stored now: the fields to look at.
    differing = [
        str(form.fields[name].label)
        for name in form.changed_data
        if name not in {"version", "remove_image", "image"}
    ]
    form.is_valid()
    if links is not None:
        links.is_valid()
    form.add_error(
        None,
        _(
            "This profile has been changed elsewhere in the meantime, for example in another "
            "browser tab. Your changes have not been saved. Your input is still below; please "
            "check it and save again."
        ),
    )
    context = {
        "profile": profile,
        "saved": saved,
        "conflict_fields": differing,
        "file_dropped": bool(request.FILES),
    }
    return _render_edit(request, page, form, links, context)


def _saved(profile):
    """What the page shows of the stored profile, taken before a bound form writes the
    user's input into the instance."""
    gallery_count = profile.gallery.count()
    return {
        "name": profile.name,
        "has_image": bool(profile.image),
        "image_renditions": profile.image_renditions,
        "gallery_count": gallery_count,
        "contact_email_pending": contact_address.is_pending(profile),
        "completeness": profile_completeness(
            profile,
            discipline_count=profile.disciplines.count(),
            link_count=profile.links.count(),
            gallery_count=gallery_count,
        ),
    }


def _render_edit(request, page, form, links, context):
    current = page.section
    context.update(
        form=form,
        links=links,
        max_links=MAX_LINKS,
        page_sections=page.sections,
        current_section=current,
        following_section=next_section(current) if current else None,
        editor_nav=editor_nav(context["profile"], current=current),
    )
    return render(request, "mitglieder/self_service/edit.html", context)


def editor_nav(profile, *, current=None, gallery_current=False):
    """The tabs of the editor: its sections, then the gallery, with the current one marked."""
    tabs = [
        {"title": section.title, "url": section.url(profile), "current": section == current}
        for section in SECTIONS
    ]
    tabs.append(
        {
            "title": _("Gallery"),
            "url": reverse("self_service:gallery", kwargs={"pk": profile.pk}),
            "current": gallery_current,
        }
    )
    return tabs


@login_required
@require_GET
def preview(request, pk):
    """The public profile page as visitors will see it, also for drafts.

    The page is rendered as for an anonymous visitor (contact details for members only are
    left out); `?ansicht=mitglieder` shows it as logged-in members see it.
    """
    profile = get_profile_for_editor(request, pk)
    return render(
        request,
        "mitglieder/self_service/preview.html",
        {
            **profile_page_context(request, profile),
            "as_member": request.GET.get("ansicht") == "mitglieder",
            "visitor": AnonymousUser(),
        },
    )


SUBMITTED_MESSAGE = gettext_lazy(
    "Submitted – your association is now reviewing the profile."  # noqa: RUF001 - en dash
)
NOT_A_DRAFT_MESSAGES = {
    Profile.Status.IN_REVIEW: gettext_lazy(
        "This profile has already been submitted and is being reviewed by your association."
    ),
    Profile.Status.PUBLISHED: gettext_lazy(
        "This profile is already published; your changes go live as soon as you save them."
    ),
    Profile.Status.HIDDEN: gettext_lazy(
        "This profile has been hidden by your association and cannot be submitted. "
        "Please contact your association."
    ),
}


@login_required
@require_POST
def submit(request, pk):
    profile = get_profile_for_editor(request, pk)
    try:
        submit_for_review(profile)
    except NotADraftError as refused:
        messages.error(request, str(NOT_A_DRAFT_MESSAGES[refused.status]))
    else:
        messages.success(request, str(SUBMITTED_MESSAGE))
    return redirect(_overview_url())


@login_required
@require_http_methods(["GET", "POST"])
def gallery(request, pk):
    profile = get_profile_for_editor(request, pk)
    if request.method != "POST":
        return _render_gallery(request, profile, upload_form=GalleryUploadForm(profile=profile))

    form = GalleryUploadForm(request.POST, request.FILES, profile=profile)
    if form.is_valid():
        try:
            added = add_gallery_image(profile, form)
        except GalleryFullError:
            form.add_error(None, gallery_full_message())
        else:
            if len(added) == 1:
                messages.success(request, _("The image has been added to your gallery."))
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(n)s image has been added to your gallery.",
                        "%(n)s images have been added to your gallery.",
                        len(added),
                    )
                    % {"n": len(added)},
                )
            return redirect(_gallery_url(profile, added[0]))
    return _render_gallery(request, profile, upload_form=form)


def _render_gallery(request, profile, *, upload_form, bound_image_form=None):
    images = list(profile.gallery.all())
    items = []
    for number, image in enumerate(images, start=1):
        if bound_image_form is not None and bound_image_form.instance.pk == image.pk:
            form = bound_image_form
        else:
            form = GalleryImageForm(instance=image, prefix=f"bild-{image.pk}")
        items.append({"image": image, "form": form, "number": number})
    return render(
        request,
        "mitglieder/self_service/gallery.html",
        {
            "profile": profile,
            "items": items,
            "upload_form": upload_form,
            "image_count": len(images),
            "max_gallery_images": MAX_GALLERY_IMAGES,
            "gallery_full": len(images) >= MAX_GALLERY_IMAGES,
            "editor_nav": editor_nav(profile, gallery_current=True),
        },
    )


def _get_image(profile, image_pk):
    return get_object_or_404(GalleryImage, profile=profile, pk=image_pk)


@login_required
@require_POST
def gallery_image(request, pk, image_pk):
    """Save the alt text and caption of one image."""
    profile = get_profile_for_editor(request, pk)
    image = _get_image(profile, image_pk)
    form = GalleryImageForm(request.POST, instance=image, prefix=f"bild-{image.pk}")
    if form.is_valid():
        try:
            update_gallery_image(form, loaded=form.cleaned_data["loaded"])
        except StaleImageError:
            stored = _get_image(profile, image_pk)
            data = request.POST.copy()
            data[form.add_prefix("loaded")] = image_fingerprint(stored)
            form = GalleryImageForm(data, instance=stored, prefix=f"bild-{image.pk}")
            form.is_valid()
            form.add_error(
                None,
                _(
                    "The description of this image has been changed elsewhere in the "
                    "meantime. Your input has not been saved and is still below; please check "
                    "it and save again."
                ),
            )
        else:
            messages.success(request, _("The image description has been saved."))
            return redirect(_gallery_url(profile, image))
    upload_form = GalleryUploadForm(profile=profile)
    return _render_gallery(request, profile, upload_form=upload_form, bound_image_form=form)


@login_required
@require_POST
def gallery_move(request, pk, image_pk):
    profile = get_profile_for_editor(request, pk)
    image = _get_image(profile, image_pk)
    up = request.POST.get("direction") != "down"
    if move_gallery_image(profile, image.pk, up=up):
        messages.success(
            request,
            _("The image has been moved up.") if up else _("The image has been moved down."),
        )
    return redirect(_gallery_url(profile, image))


@login_required
@require_http_methods(["GET", "POST"])
def gallery_delete(request, pk, image_pk):
    profile = get_profile_for_editor(request, pk)
    image = _get_image(profile, image_pk)
    if request.method == "POST":
        delete_gallery_image(profile, image)
        messages.success(request, _("The image has been deleted."))
        return redirect(_gallery_url(profile))
    return render(
        request,
        "mitglieder/self_service/gallery_delete.html",
        {"profile": profile, "image": image},
    )
