from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kern.fields import EmailAddressField, SingleLineField
from mitglieder.models import Profile
from verbaende.scoping import StaffOnlyQuerySet, staff_association_id


class UserQuerySet(StaffOnlyQuerySet):
    """Accounts; `in_association` gives an association's staff."""

    def visible_to(self, user):
        """Regional staff see themselves and the members who edit the profiles they see.

        Never staff or superusers: whoever put such an account among a profile's editors
        (the Landesverband, a superuser, an old bug), being an editor must not open an
        account with rights to a regional team, nor make it a choice for their profiles.
        """
        if staff_association_id(user) is None:
            return super().visible_to(user)
        editors = Profile.objects.visible_to(user).values("owners")
        members = Q(pk__in=editors, is_staff=False, is_superuser=False)
        return self.filter(members | Q(pk=user.pk))


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, email):
        # Addresses are stored lower-case, so "Anna@Example.org" logs in as anna@example.org.
        return self.get(email__iexact=email)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in: a member editing a profile or association staff.

    Members sign in with their e-mail address; there is no separate user name.
    """

    email = EmailAddressField(_("e-mail address"), unique=True)
    full_name = SingleLineField(_("full name"), max_length=150, blank=True)
    is_staff = models.BooleanField(
        _("staff status"),
        default=False,
        help_text=_("Designates whether the user can log into the admin site."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    association = models.ForeignKey(
        "verbaende.Association",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("association"),
        help_text=_("For staff: the association whose members they look after."),
    )

    # Accounts people open themselves to offer spaces (konten.registration): property
    # owners, municipalities, Wirtschaftsförderungen. Members get theirs by invitation.
    organisation = SingleLineField(_("organisation"), max_length=150, blank=True)
    registered_at = models.DateTimeField(_("registered"), null=True, blank=True)
    registration_confirmed_at = models.DateTimeField(
        _("registration confirmed"), null=True, blank=True
    )

    objects = UserManager()
    association_path = "association"

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    @property
    def was_deactivated(self):
        """Inactive after having had a password: someone switched the account off. An
        invitation must not switch it on again (only a superuser may); accounts that an
        invitation created are inactive without a password until it is accepted."""
        return not self.is_active and self.has_usable_password()

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Invitation(models.Model):
    """A one-time link that lets a new member set a password and take over a profile.

    Only a hash of the token is stored: a leaked database does not leak usable links.
    """

    VALID_DAYS = 7

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("user")
    )
    profile = models.ForeignKey(
        "mitglieder.Profile",
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("profile"),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)
    created_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )

    objects = StaffOnlyQuerySet.as_manager()
    association_path = "profile__association"

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return self.user.email

    @property
    def is_usable(self):
        return (
            self.used_at is None
            and self.expires_at > timezone.now()
            and not self.user.was_deactivated
        )
