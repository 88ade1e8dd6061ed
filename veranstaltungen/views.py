from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from kern.page_cache import cache_public_page
from kern.redirects import renamed_query_values
from kern.site_url import absolute_url
from medien.images import absolute_rendition_url
from veranstaltungen.calendar import build_calendar, feed_events
from veranstaltungen.listing import EventList
from veranstaltungen.models import Event
from veranstaltungen.structured_data import event_json_ld
from veranstaltungen.templatetags.events import event_period
from verbaende.models import Association

CALENDAR_CONTENT_TYPE = "text/calendar; charset=utf-8"
# The kinds were stored (and linked as ?art=...) under German values until December 2026.
OLD_KIND_VALUES = {
    "beratungssalon": Event.Kind.CONSULTATION_SALON,
    "beratung": Event.Kind.CONSULTATION,
    "netzwerktreffen": Event.Kind.NETWORKING,
    "kooperation": Event.Kind.COOPERATION,
    "ausstellung": Event.Kind.EXHIBITION,
}


@renamed_query_values("art", OLD_KIND_VALUES)
@cache_public_page(parameters=EventList.parameters())
def upcoming(request):
    return render(
        request, "veranstaltungen/event_list.html", EventList(request.GET, past=False).context()
    )


@renamed_query_values("art", OLD_KIND_VALUES)
@cache_public_page(parameters=EventList.parameters())
def past(request):
    return render(
        request, "veranstaltungen/event_list.html", EventList(request.GET, past=True).context()
    )


def _published_event(slug):
    # Drafts do not exist for the public, not even as a calendar file.
    return get_object_or_404(Event.objects.published().select_related("association"), slug=slug)


@cache_public_page(parameters=())
def event_detail(request, slug):
    event = _published_event(slug)
    submarkets = list(event.submarkets.all())
    return render(
        request,
        "veranstaltungen/event_detail.html",
        {
            "event": event,
            "submarkets": submarkets,
            "is_over": event.ends_at <= timezone.now(),
            "json_ld": event_json_ld(request, event),
            "og_title": f"{_('Cancelled:')} {event.title}" if event.is_cancelled else event.title,
            "og_description": f"{event_period(event)} · {event.teaser}",
            "og_image": absolute_rendition_url(request, event.image_renditions),
        },
    )


def event_ics(request, slug):
    event = _published_event(slug)
    body = build_calendar([event], name=event.title, absolute_url=absolute_url)
    response = HttpResponse(body, content_type=CALENDAR_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


def calendar(request):
    body = build_calendar(
        feed_events(Event.objects.all()),
        name=_("Kreativ Sachsen: events"),
        absolute_url=absolute_url,
    )
    return HttpResponse(body, content_type=CALENDAR_CONTENT_TYPE)


def association_calendar(request, slug):
    association = get_object_or_404(Association, slug=slug)
    body = build_calendar(
        feed_events(Event.objects.in_association(association)),
        name=_("%(association)s: events") % {"association": association.short_name},
        absolute_url=absolute_url,
    )
    return HttpResponse(body, content_type=CALENDAR_CONTENT_TYPE)
