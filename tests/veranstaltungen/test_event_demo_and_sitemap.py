from django.contrib.auth.models import Group, Permission
from django.contrib.sites.requests import RequestSite
from django.test import RequestFactory
from django.utils import timezone

from demo.events import create_demo_events
from tests.veranstaltungen.factories import EventFactory
from veranstaltungen.models import Event
from veranstaltungen.sitemaps import EventSitemap
from verbaende.roles import LANDESVERBAND_GROUP, REGIONAL_GROUP


def test_the_demo_programme_covers_every_association_and_kind(reference_data):
    created = create_demo_events(seed=7)
    published = Event.objects.published()
    assert created == Event.objects.count() == 16
    assert published.filter(is_cancelled=False).count() == 14
    assert Event.objects.filter(status=Event.Status.DRAFT).count() == 1
    assert published.filter(is_cancelled=True).count() == 1
    assert set(published.values_list("association__slug", flat=True)) == {
        "landesverband",
        "chemnitz",
        "dresden",
        "leipzig",
    }
    assert set(published.values_list("kind", flat=True)) == set(Event.Kind.values)
    assert Event.objects.past().exists()
    assert Event.objects.upcoming().count() > Event.objects.past().count()
    assert published.filter(is_online=True).exists()
    for event in Event.objects.all():
        event.full_clean()


def test_the_demo_programme_is_deterministic_and_runs_only_once(reference_data):
    create_demo_events(seed=7)
    first = sorted(Event.objects.values_list("uid", "title", "starts_at"))
    assert create_demo_events(seed=7) == 0
    Event.objects.all().delete()
    create_demo_events(seed=7)
    assert sorted(Event.objects.values_list("uid", "title", "starts_at")) == first


def test_demo_dates_follow_today(reference_data):
    create_demo_events()
    salon = Event.objects.get(title="Beratungssalon mit dem Kulturbüro Dresden")
    days = (timezone.localtime(salon.starts_at).date() - timezone.localdate()).days
    assert days == 9


def test_the_sitemap_lists_published_events_in_both_languages(client, chemnitz):
    published = EventFactory(title="Öffentlich")
    EventFactory(title="Entwurf", status=Event.Status.DRAFT)
    assert list(EventSitemap().items()) == [published]
    site = RequestSite(RequestFactory().get("/sitemap.xml"))
    urls = [entry["location"] for entry in EventSitemap().get_urls(site=site)]
    assert any(url.endswith("/veranstaltungen/oeffentlich/") for url in urls)
    assert any(url.endswith("/en/veranstaltungen/oeffentlich/") for url in urls)


def test_both_staff_roles_may_manage_events(reference_data):
    for group in (REGIONAL_GROUP, LANDESVERBAND_GROUP):
        codenames = set(
            Permission.objects.filter(
                group__name=group, content_type__app_label="veranstaltungen"
            ).values_list("codename", flat=True)
        )
        assert codenames == {"add_event", "view_event", "change_event", "delete_event"}
    assert Group.objects.filter(name__in=[REGIONAL_GROUP, LANDESVERBAND_GROUP]).count() == 2


def test_demo_events_come_with_pictures_prices_and_capacity_notes(
    reference_data, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        create_demo_events(seed=7, with_images=True)
    events = Event.objects.all()
    assert all(event.image_renditions and event.image_alt for event in events)
    assert events.filter(price=0).exists() and events.filter(price__gt=0).exists()
    assert events.exclude(capacity_note="").exists()
