from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kern import text_limits
from kern.fields import EmailAddressField, MultiLineField, SingleLineField, WebAddressField
from kern.rendered_markdown import (
    RenderedMarkdownField,
    RenderedMarkdownQuerySet,
    StoresRenderedMarkdown,
)
from kern.search import sort_key
from kern.text import initials, unique_slug
from mitglieder.search import search_profiles
from teilmaerkte.models import Discipline
from verbaende.models import Association, Municipality
from verbaende.scoping import MemberContentQuerySet, StaffOnlyQuerySet

# The kern.versions token of everything the directory shows about profiles: every change
# to a profile, its disciplines or its images bumps it (mitglieder.signals).
PROFILES_VERSION = "profiles"
# Addresses under /mitglieder/ that are not profiles (the directory's suggestions while
# typing); a profile's slug must not shadow them.
RESERVED_SLUGS = {"vorschlaege"}
# Picture-less cards show the initials on one of this many colours, chosen by the profile's
# first Teilmarkt (CSS classes avatar--tm-1 ... avatar--tm-12; avatar--tm-0 without one).
AVATAR_TONES = 12


class ProfileQuerySet(RenderedMarkdownQuerySet, MemberContentQuerySet):
    def public(self):
        return self.published()

    def published(self):
        """Profiles whose page the public may open."""
        return self.filter(status=Profile.Status.PUBLISHED)

    def listed(self):
        """Published profiles that appear in lists, facets and search."""
        return self.published().filter(listed_in_directory=True)

    def editable_by(self, user):
        """The profiles `user` may edit in self-service: those they are an editor of."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(owners=user)

    def in_district(self, district):
        return self.filter(municipality__district=district)

    def in_municipality(self, municipality):
        return self.filter(municipality=municipality)

    # Disciplines are matched through a subquery rather than a join, so a profile with two
    # disciplines of one submarket is still one row (and counts once).
    def in_submarket(self, submarket):
        return self.filter(
            pk__in=Profile.disciplines.through.objects.filter(
                discipline__submarket=submarket
            ).values("profile_id")
        )

    def in_discipline(self, discipline):
        return self.filter(
            pk__in=Profile.disciplines.through.objects.filter(discipline=discipline).values(
                "profile_id"
            )
        )

    def of_kind(self, kind):
        return self.filter(kind=kind)

    def open_for_commissions(self):
        return self.filter(open_for_commissions=True)

    def seeking_cooperation(self):
        return self.filter(seeks_cooperation=True)

    def search(self, query):
        """Full-text search; adds `relevance`. See mitglieder.search for both backends."""
        return search_profiles(self, query)

    def for_cards(self):
        """Adds what a result card shows besides the profile's own columns: the first gallery
        image (`card_gallery_renditions`, `card_gallery_alt`) and the position of the first
        Teilmarkt (`card_submarket_position`, for the colour of the initials). Subqueries,
        so a list of cards needs no query more however long it is."""
        gallery = GalleryImage.objects.filter(profile=OuterRef("pk")).order_by("position", "pk")
        # The first discipline in the order lists show them (Discipline.Meta.ordering).
        disciplines = Profile.disciplines.through.objects.filter(profile=OuterRef("pk")).order_by(
            "discipline__submarket__position", "discipline__position", "discipline__name"
        )
        return self.annotate(
            card_gallery_renditions=Subquery(
                gallery.values("renditions")[:1], output_field=models.JSONField()
            ),
            card_gallery_alt=Subquery(gallery.values("alt_text")[:1]),
            card_submarket_position=Subquery(
                disciplines.values("discipline__submarket__position")[:1]
            ),
        )


class ProfilePartQuerySet(MemberContentQuerySet):
    """Links and gallery images: public on the page of a published profile."""

    def public(self):
        return self.filter(profile__status=Profile.Status.PUBLISHED)


class Visibility(models.TextChoices):
    """Who may see a piece of contact data on the profile page."""

    PUBLIC = "public", _("Everyone")
    MEMBERS = "members", _("Logged-in members only")
    HIDDEN = "hidden", _("Nobody (only the association)")


class Profile(StoresRenderedMarkdown, models.Model):
    """The public entry of a creative actor: a person, a company or a collective."""

    class Kind(models.TextChoices):
        PERSON = "person", _("Person")
        COMPANY = "company", _("Company")
        COLLECTIVE = "collective", _("Collective or initiative")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "review", _("In review")
        PUBLISHED = "published", _("Published")
        HIDDEN = "hidden", _("Hidden")

    owners = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="profiles",
        blank=True,
        verbose_name=_("editors"),
        help_text=_("People who may edit this profile."),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind, default=Kind.PERSON)
    name = SingleLineField(_("name"), max_length=150)
    slug = models.SlugField(_("web address"), unique=True, max_length=90, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="profiles",
        verbose_name=_("place"),
    )
    association = models.ForeignKey(
        Association,
        on_delete=models.PROTECT,
        related_name="profiles",
        limit_choices_to={"kind": Association.Kind.REGIONAL},
        verbose_name=_("regional association"),
        blank=True,
        help_text=_("Derived from the place's district unless staff choose another association."),
    )
    disciplines = models.ManyToManyField(
        Discipline, related_name="profiles", verbose_name=_("disciplines")
    )
    tagline = SingleLineField(
        _("short description"),
        max_length=160,
        help_text=_("One sentence shown in lists, at most 160 characters."),
    )
    description = MultiLineField(
        _("description"), max_length=text_limits.PROFILE_DESCRIPTION, blank=True
    )
    description_html = RenderedMarkdownField(source="description")
    website = WebAddressField(_("website"), blank=True, max_length=300)
    open_for_commissions = models.BooleanField(_("open for commissions"), default=False)
    seeks_cooperation = models.BooleanField(_("looking for cooperation"), default=False)
    image = models.ImageField(_("logo or portrait"), upload_to="profile-images/", blank=True)
    image_renditions = models.JSONField(default=list, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.DRAFT, db_index=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted for review"), null=True, blank=True)
    listed_in_directory = models.BooleanField(
        _("listed in the directory"),
        default=True,
        help_text=_("Unticked: the profile page stays reachable, but lists and search skip it."),
    )

    # Contact data, each with its own visibility. The e-mail address is never shown: the
    # contact form on the profile page relays messages to it.
    contact_email = EmailAddressField(
        _("e-mail address for the contact form"),
        blank=True,
        help_text=_("Never shown on the website. Messages from the contact form go here."),
    )
    # The contact address its recipient confirmed through a signed link
    # (mitglieder.contact_address); the relay uses contact_email only while they match.
    confirmed_contact_email = models.EmailField(
        _("confirmed e-mail address for the contact form"), blank=True, editable=False
    )
    phone = SingleLineField(_("phone"), max_length=40, blank=True)
    phone_visibility = models.CharField(
        _("who sees the phone number"),
        max_length=10,
        choices=Visibility,
        default=Visibility.HIDDEN,
    )
    street_address = SingleLineField(_("street and number"), max_length=150, blank=True)
    postal_code = SingleLineField(_("postal code"), max_length=10, blank=True)
    address_visibility = models.CharField(
        _("who sees the address"), max_length=10, choices=Visibility, default=Visibility.HIDDEN
    )

    # Optimistic locking: a form saves only if nobody saved in between.
    version = models.PositiveIntegerField(default=1, editable=False)

    # Derived columns kept current by mitglieder.indexing: a German dictionary-order key that
    # an index can sort by, and PostgreSQL's search vectors (SQLite: an FTS5 table).
    sort_name = models.CharField(max_length=150, editable=False, default="")
    search_vector = SearchVectorField(null=True, editable=False)
    # The name, discipline and tagline tokens alone: small enough to stay in the row, so
    # ranking every match does not unpack the whole (TOASTed) search vector four times.
    search_rank_vector = SearchVectorField(null=True, editable=False)
    # The same words with the vocabulary (place, district, disciplines, submarkets) as ids
    # rather than as their many search terms: about half the size. The directory copies it
    # into its narrow per-profile table to count a search's matches (verzeichnis.counters).
    search_count_vector = SearchVectorField(null=True, editable=False)
    # 0-3: a picture, a description, a website: ties in relevance go to the more complete
    # profile (mitglieder.search). Stored, so that ranking reads one small column.
    completeness = models.PositiveSmallIntegerField(default=0, editable=False)

    objects = ProfileQuerySet.as_manager()
    association_path = "association"
    history = HistoricalRecords(
        m2m_fields=[disciplines],
        # Derived from other fields: a diff or a revert of the source covers them.
        excluded_fields=[
            "search_vector",
            "search_rank_vector",
            "search_count_vector",
            "completeness",
            "sort_name",
            "version",
            "confirmed_contact_email",
            "description_html",
        ],
    )

    class Meta:
        verbose_name = _("member profile")
        verbose_name_plural = _("member profiles")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["status", "association"]),
            # Partial indexes over exactly the rows the directory lists, in its two orders.
            models.Index(
                fields=["sort_name", "id"],
                condition=models.Q(status="published", listed_in_directory=True),
                name="profile_listed_by_name",
            ),
            models.Index(
                fields=["-published_at", "-id"],
                condition=models.Q(status="published", listed_in_directory=True),
                name="profile_listed_newest",
            ),
            # The directory filtered by a kind, by name: few collectives are named before
            # "K", so walking the name index for them read 13 000 rows (15 ms at 200 000).
            models.Index(
                fields=["kind", "sort_name", "id"],
                condition=models.Q(status="published", listed_in_directory=True),
                name="profile_listed_kind_by_name",
            ),
            # Everything the directory counts, so its grouping runs on the index alone.
            models.Index(
                fields=[
                    "association",
                    "municipality",
                    "kind",
                    "open_for_commissions",
                    "seeks_cooperation",
                    "id",
                ],
                condition=models.Q(status="published", listed_in_directory=True),
                name="profile_listed_counts",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Profile, self.name, instance_pk=self.pk)
            if self.slug in RESERVED_SLUGS:
                self.slug = unique_slug(Profile, f"{self.slug}-profil", instance_pk=self.pk)
        if self.association_id is None and self.municipality_id is not None:
            self.association_id = self.municipality.district.association_id
        self.sort_name = sort_key(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("mitglieder:detail", kwargs={"slug": self.slug})

    @property
    def is_public(self):
        return self.status == self.Status.PUBLISHED

    @property
    def initials(self):
        return initials(self.name)

    @property
    def card_tone(self):
        """1-12 after the first Teilmarkt (see ProfileQuerySet.for_cards), 0 without one."""
        position = getattr(self, "card_submarket_position", None)
        return 0 if position is None else position % AVATAR_TONES + 1


class ProfileLink(models.Model):
    """A link to the member's presence elsewhere: portfolio platforms, social media, shops."""

    class Kind(models.TextChoices):
        INSTAGRAM = "instagram", "Instagram"
        MASTODON = "mastodon", "Mastodon"
        BLUESKY = "bluesky", "Bluesky"
        LINKEDIN = "linkedin", "LinkedIn"
        BEHANCE = "behance", "Behance"
        YOUTUBE = "youtube", "YouTube"
        VIMEO = "vimeo", "Vimeo"
        SOUNDCLOUD = "soundcloud", "SoundCloud"
        BANDCAMP = "bandcamp", "Bandcamp"
        GITHUB = "github", "GitHub"
        OTHER = "other", _("Other link")

    profile = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="links", verbose_name=_("profile")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind)
    url = WebAddressField(_("address"), max_length=300)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = ProfilePartQuerySet.as_manager()
    association_path = "profile__association"
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("link")
        verbose_name_plural = _("links")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.get_kind_display()


class GalleryImage(models.Model):
    """A work sample shown on the profile page, with WebP renditions for responsive images."""

    profile = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="gallery", verbose_name=_("profile")
    )
    image = models.ImageField(
        _("image"), upload_to="gallery/", width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    alt_text = SingleLineField(
        _("image description"),
        max_length=250,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    caption = SingleLineField(_("caption"), max_length=250, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    # [{"width": 640, "height": 427, "name": "renditions/gallery/…-640.webp"}, …], widest last.
    renditions = models.JSONField(default=list, editable=False)

    objects = ProfilePartQuerySet.as_manager()
    association_path = "profile__association"
    history = HistoricalRecords(excluded_fields=["renditions"])

    class Meta:
        verbose_name = _("gallery image")
        verbose_name_plural = _("gallery images")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.alt_text


class MembershipRequest(models.Model):
    """Someone asks to become a member; staff of the matching regional association decide."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    name = SingleLineField(_("name of the person, company or collective"), max_length=150)
    kind = models.CharField(_("kind"), max_length=12, choices=Profile.Kind, default="person")
    contact_name = SingleLineField(_("contact person"), max_length=150)
    email = EmailAddressField(_("e-mail address"))
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("place")
    )
    association = models.ForeignKey(
        Association,
        on_delete=models.PROTECT,
        related_name="membership_requests",
        verbose_name=_("regional association"),
        blank=True,
    )
    disciplines = models.ManyToManyField(
        Discipline, related_name="+", verbose_name=_("disciplines")
    )
    message = MultiLineField(_("about you"), max_length=text_limits.MEMBERSHIP_MESSAGE, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.PENDING, db_index=True
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    profile = models.OneToOneField(
        Profile,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="membership_request",
        verbose_name=_("profile created"),
    )

    objects = StaffOnlyQuerySet.as_manager()
    association_path = "association"

    class Meta:
        verbose_name = _("membership request")
        verbose_name_plural = _("membership requests")
        ordering = ["-created_at"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.association_id is None and self.municipality_id is not None:
            self.association_id = self.municipality.district.association_id
        super().save(*args, **kwargs)
