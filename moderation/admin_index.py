"""The admin index in the order of the staff's day: the daily work first; reference data
(districts, places, the taxonomy, room features, consultation topics) and technical records
(login attempts, background tasks, outgoing mail) folded away below, because staff open
them a few times a year and they should not weigh as much as the queues."""

from dataclasses import dataclass, field

# "app_label.model_name" of the reference data.
REFERENCE_DATA = frozenset(
    {
        "verbaende.district",
        "verbaende.municipality",
        "sparten.submarket",
        "sparten.discipline",
        "raeume.feature",
        "beratung.topic",
    }
)
# App labels whose models are technical records.
TECHNICAL_APPS = frozenset({"auth", "axes", "django_tasks_database", "postausgang"})


@dataclass
class IndexParts:
    work: list = field(default_factory=list)
    reference: list = field(default_factory=list)
    technical: list = field(default_factory=list)


def split_app_list(app_list):
    """Split the admin's app list (as AdminSite.get_app_list gives it) into the three parts;
    an app keeps its models in their order and appears in every part it has models in."""
    parts = IndexParts()
    for app in app_list:
        by_part = {"work": [], "reference": [], "technical": []}
        for model in app["models"]:
            key = f"{app['app_label']}.{model['object_name'].lower()}"
            if key in REFERENCE_DATA:
                by_part["reference"].append(model)
            elif app["app_label"] in TECHNICAL_APPS:
                by_part["technical"].append(model)
            else:
                by_part["work"].append(model)
        for name, models in by_part.items():
            if models:
                getattr(parts, name).append({**app, "models": models})
    return parts
