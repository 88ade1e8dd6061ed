import datetime as dt

import factory
from django.utils import timezone

from veranstaltungen.models import Event
from verbaende.models import Association


def berlin(year, month, day, hour=0, minute=0):
    return timezone.make_aware(dt.datetime(year, month, day, hour, minute))


class EventFactory(factory.django.DjangoModelFactory):
    """A published workshop of Kreatives Chemnitz, in person, two weeks from now."""

    class Meta:
        model = Event
        skip_postgeneration_save = True

    association = factory.LazyFunction(lambda: Association.objects.get(slug="chemnitz"))
    title = factory.Sequence(lambda n: f"Werkstattgespräch {n}")
    kind = Event.Kind.WORKSHOP
    teaser = "Ein Nachmittag über Honorare, Verträge und Rechte für Kreative."
    description = "Wir sprechen über **Verträge** und Nutzungsrechte."
    starts_at = factory.LazyFunction(
        lambda: (timezone.localtime() + dt.timedelta(days=14)).replace(
            hour=17, minute=0, second=0, microsecond=0
        )
    )
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + dt.timedelta(hours=2))
    venue_name = "Wirkbau"
    street_address = "Annaberger Straße 73"
    postal_code = "09111"
    city = "Chemnitz"
    accessibility = Event.Accessibility.STEP_FREE
    status = Event.Status.PUBLISHED
