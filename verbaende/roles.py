"""Staff roles: superusers, Landesverband staff (all associations) and regional staff (their
own association only).

The roles are groups with model permissions; which rows a staff member sees is decided by
their `association` (see verbaende.scoping). `setup_roles` is idempotent: the data migration
runs it, and so may `manage.py setup_roles` after new models got their permissions.
"""

from django.apps import apps as global_apps

LANDESVERBAND_GROUP = "Landesverband"
REGIONAL_GROUP = "Regionalverband"

# app_label.model → actions. Regional staff work on their own association's members.
REGIONAL_PERMISSIONS = {
    "mitglieder.profile": ["add", "view", "change", "delete"],
    "mitglieder.profilelink": ["add", "view", "change", "delete"],
    "mitglieder.galleryimage": ["add", "view", "change", "delete"],
    "mitglieder.membershiprequest": ["view", "change", "delete"],
    "accounts.invitation": ["view", "delete"],
    "accounts.user": ["view"],
    "aktuelles.newsitem": ["add", "view", "change", "delete"],
    "aktuelles.successreport": ["view", "change", "delete"],
    "moderation.moderationaction": ["view"],
    "moderation.moderationqueue": ["moderate"],
    # Their own association's page only, and not its name, kind or regions (verbaende.admin).
    "verbaende.association": ["view", "change"],
    "verbaende.district": ["view"],
    "verbaende.municipality": ["view"],
    "verbaende.contactperson": ["add", "view", "change", "delete"],
    "verbaende.associationlink": ["add", "view", "change", "delete"],
    "sparten.submarket": ["view"],
    "sparten.discipline": ["view"],
    "veranstaltungen.event": ["add", "view", "change", "delete"],
    "beratung.advisor": ["add", "view", "change", "delete"],
    "beratung.slot": ["add", "view", "change", "delete"],
    "beratung.booking": ["view", "change", "delete"],
    "beratung.feedback": ["view"],
    "beratung.topic": ["view"],
    # Registrations come from the public form; staff see them, mark attendance, cancel.
    "anmeldungen.registrationsettings": ["add", "view", "change", "delete"],
    "anmeldungen.registration": ["view", "change"],
    "anmeldungen.feedback": ["view"],
    "einbetten.widget": ["add", "view", "change", "delete"],
    "einlesen.importrun": ["add", "view"],
    # Listings come from their posters; staff publish, reject, correct or delete them.
    "raeume.listing": ["view", "change", "delete"],
    "raeume.listingphoto": ["view", "change", "delete"],
    "raeume.match": ["view"],
    "raeume.feature": ["view"],
    # Calls come from members; staff hide, correct or delete them.
    "kooperationen.call": ["view", "change", "delete"],
}

# The Landesverband additionally keeps the shared reference data and the pages.
LANDESVERBAND_PERMISSIONS = {
    **REGIONAL_PERMISSIONS,
    "accounts.user": ["view", "change"],
    "verbaende.district": ["view", "change"],
    "verbaende.municipality": ["add", "view", "change"],
    "sparten.submarket": ["add", "view", "change"],
    "sparten.discipline": ["add", "view", "change"],
    "seiten.page": ["view", "change"],
    "beratung.topic": ["add", "view", "change"],
    "raeume.feature": ["add", "view", "change"],
}

ROLES = {
    LANDESVERBAND_GROUP: LANDESVERBAND_PERMISSIONS,
    REGIONAL_GROUP: REGIONAL_PERMISSIONS,
}


def _permissions(permission_model, content_type_model, spec):
    wanted = []
    for model_label, actions in spec.items():
        app_label, model_name = model_label.split(".")
        content_type, _created = content_type_model.objects.get_or_create(
            app_label=app_label, model=model_name
        )
        for action in actions:
            codename = action if action == "moderate" else f"{action}_{model_name}"
            permission, _created = permission_model.objects.get_or_create(
                content_type=content_type,
                codename=codename,
                defaults={"name": f"Can {action} {model_name}"},
            )
            wanted.append(permission)
    return wanted


def setup_roles(apps=global_apps):
    """Create or update the two staff groups with exactly their permissions."""
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    content_type_model = apps.get_model("contenttypes", "ContentType")
    groups = {}
    for name, spec in ROLES.items():
        group, _created = group_model.objects.get_or_create(name=name)
        group.permissions.set(_permissions(permission_model, content_type_model, spec))
        groups[name] = group
    return groups


def setup_roles_in_migration(apps):
    """setup_roles for data migrations: Django creates permissions only after all
    migrations ran (post_migrate), so create them first, then give them to the groups."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    setup_roles(apps)


# The fields of an account that grant or take away rights. `association` is one of them:
# staff of the Landesverband see every association's rows (verbaende.scoping).
RIGHTS_FIELDS = ["association", "is_staff", "is_superuser", "groups", "user_permissions"]


def may_grant_rights(actor):
    """Who may grant what, decided here only: superusers grant and take away rights (the
    RIGHTS_FIELDS), change staff accounts and set other people's passwords. Nobody else
    does, the Landesverband included: otherwise one staff account could hand out more than
    it has, and a password set by staff would let them log in as a member (members reset
    their own by e-mail)."""
    return actor.is_active and actor.is_superuser


def may_change_account(actor, account):
    """Whether `actor` may change `account` at all (given the model permission): accounts
    with rights only superusers, members' accounts also other staff allowed to."""
    return may_grant_rights(actor) or not (account.is_staff or account.is_superuser)


def group_for(association):
    return LANDESVERBAND_GROUP if association.is_state_association else REGIONAL_GROUP


def sync_role(user):
    """Give `user` the role group that matches their staff status and association (and no
    other role group); other groups a superuser gave them stay."""
    from django.contrib.auth.models import Group

    setup_roles()
    user.groups.remove(*Group.objects.filter(name__in=ROLES))
    if user.is_staff and user.association_id is not None:
        user.groups.add(Group.objects.get(name=group_for(user.association)))
    return user


def make_staff(user, association):
    """Make `user` staff of `association`, in the matching role (and only that role)."""
    user.is_staff = True
    user.association = association
    user.save(update_fields=["is_staff", "association"])
    return sync_role(user)
