from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from mitglieder.models import Profile
from mitglieder.search import refresh_search_index
from sparten.models import Discipline
from verbaende.models import Municipality


@receiver(post_save, sender=Profile)
def reindex_saved_profile(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_search_index([instance.pk])


@receiver(m2m_changed, sender=Profile.disciplines.through)
def reindex_after_discipline_change(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if reverse:
        # A discipline gained or lost profiles: those profiles' documents changed.
        refresh_search_index(pk_set or [])
    else:
        refresh_search_index([instance.pk])


@receiver(post_save, sender=Discipline)
@receiver(post_save, sender=Municipality)
def reindex_after_rename(sender, instance, raw=False, created=False, **kwargs):
    # A renamed discipline or place changes what its profiles are found by.
    if not raw and not created:
        refresh_search_index(instance.profiles.values_list("pk", flat=True))
