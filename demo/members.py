"""Realistic German demo member profiles for local development and benchmarks.

`create_demo_profiles` writes profiles with bulk_create, which bypasses Profile.save() and the
search-index signals, so it computes slug and association itself and refreshes the search
columns afterwards. Everything that shapes a profile comes from one seeded `random.Random`
and one seeded Faker, so a seed always yields the same names and slugs on a fresh database;
only the timestamps follow the current time.
"""

import datetime
import random
from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connections, transaction
from django.utils import timezone
from faker import Faker

from demo import data_files
from demo.placeholders import GALLERY_SIZE, render_artwork, save_placeholder_image
from kern import versions
from kern.text import german_slugify
from medien.images import GALLERY_WIDTHS, PORTRAIT_WIDTHS, create_renditions
from mitglieder.indexing import refresh_search_index
from mitglieder.models import PROFILES_VERSION, GalleryImage, Profile
from teilmaerkte.models import Discipline, Submarket
from verbaende.models import District, Municipality

DEFAULT_SEED = 2026
SLUG_MAX_LENGTH = 80  # the same limit kern.text.unique_slug uses for profiles saved one by one
DASH = "\N{EN DASH}"  # German typography; spelled out because it looks like a hyphen

KIND_SHARES = {
    Profile.Kind.PERSON: 55,
    Profile.Kind.COMPANY: 35,
    Profile.Kind.COLLECTIVE: 10,
}
STATUS_SHARES = {
    Profile.Status.PUBLISHED: 90,
    Profile.Status.DRAFT: 4,
    Profile.Status.IN_REVIEW: 3,
    Profile.Status.HIDDEN: 3,
}

# Roughly half of Saxony's creative businesses sit in the three big cities; a handful of
# mid-sized towns follow, every other municipality shares the rest.
BIG_CITY_WEIGHTS = {"leipzig": 22.0, "dresden": 20.0, "chemnitz": 11.0}
TOWN_WEIGHTS = {
    "zwickau": 1.6,
    "plauen": 1.4,
    "goerlitz": 1.4,
    "bautzen": 1.2,
    "freiberg": 1.2,
    "meissen": 1.0,
    "radebeul": 1.0,
    "pirna": 0.9,
    "zittau": 0.9,
}
OTHER_MUNICIPALITY_WEIGHT = 0.5

# Shares of the Teilmärkte, loosely after the Saxon industry reports.
SUBMARKET_WEIGHTS = {
    "designwirtschaft": 22,
    "software-games": 14,
    "werbemarkt": 11,
    "architekturmarkt": 9,
    "musikwirtschaft": 9,
    "kunstmarkt": 8,
    "filmwirtschaft": 6,
    "pressemarkt": 5,
    "buchmarkt": 5,
    "darstellende-kuenste": 5,
    "rundfunkwirtschaft": 3,
    "sonstige": 3,
}
DISCIPLINE_COUNT_WEIGHTS = {1: 50, 2: 35, 3: 15}
OPEN_FOR_COMMISSIONS_SHARE = 0.45
SEEKS_COOPERATION_SHARE = 0.3
SAME_SUBMARKET_SHARE = 0.8
NEIGHBOURHOOD_SHARE = 0.6  # of studios in a city with NEIGHBOURHOODS named after their quarter
COMPANY_FORM_SHARE = 0.2  # of company names that end in a legal form ("GmbH")


class DisciplineWords(NamedTuple):
    """How a discipline's people are called and what their work is about.

    The focus phrases are plural or article-free so they read correctly after "auf", "für" and
    ":". `texts` replaces the submarket's company names, clients or project sentences where
    those would not fit: a violin maker is no "Plattenlabel …", a cinema does not shoot films.
    """

    role_male: str
    role_female: str
    focuses: list
    texts: dict


def by_kind(mapping):
    """Profile kinds are the keys of the JSON objects; a misspelt one fails on import."""
    return {Profile.Kind(kind): value for kind, value in mapping.items()}


# The words and sentences live in demo/data/. Name patterns take {word} (one of NAME_WORDS),
# {last} and {last2} (surnames) and {town}; sentences take the keys ProfileComposer._facts
# returns.
_disciplines = data_files.load("disciplines")
DISCIPLINES = {
    name: DisciplineWords(**words) for name, words in _disciplines["disciplines"].items()
}
# Disciplines staff add later get neutral roles and their submarket's texts.
FALLBACK_DISCIPLINE = DisciplineWords(**_disciplines["fallback"])

# Per submarket: name patterns of companies and collectives, typical clients (plural, no
# article) and project sentences written without a subject so they suit "ich" and "wir".
_submarkets = data_files.load("submarkets")
SUBMARKET_TEXTS = _submarkets["submarkets"]
GENERIC_TEXTS = _submarkets["generic"]
GENERIC_COLLECTIVES = _submarkets["generic_collectives"]

# Words for studio names (Saxon places and crafts, birds and plants, old industry); the
# quarters studios in the big cities are often named after ("Werkstatt Plagwitz"); street
# name endings with the words a sentence needs before them ("in der", "am").
_names = data_files.load("names")
NAME_WORDS = _names["name_words"]
COMPANY_FORMS = _names["company_forms"]
NEIGHBOURHOODS = _names["neighbourhoods"]
STUDY_CITIES = _names["study_cities"]
STREET_ARTICLES = _names["street_articles"]

# Sentences in two voices: persons write as "ich", companies and collectives as "wir".
_sentences = data_files.load("sentences")
TAGLINES = by_kind(_sentences["taglines"])
INTRO_SENTENCES = by_kind(_sentences["intro"])
FOCUS_SENTENCES = _sentences["focus"]
CLIENT_SENTENCES = _sentences["clients"]
PLACE_SENTENCES = _sentences["place"]
CLOSING_SENTENCES = _sentences["closing"]


@dataclass
class ReferenceData:
    """The districts, places and disciplines demo profiles are drawn from, in a stable order."""

    districts: list
    municipalities_by_district: dict
    submarkets: list
    disciplines_by_submarket: dict
    all_disciplines: list

    @classmethod
    def load(cls):
        municipalities = Municipality.objects.select_related("district__association")
        by_district = {}
        for municipality in municipalities.order_by("slug"):
            by_district.setdefault(municipality.district_id, []).append(municipality)
        districts = [d for d in District.objects.order_by("slug") if d.pk in by_district]
        disciplines = list(Discipline.objects.select_related("submarket").order_by("slug"))
        by_submarket = {}
        for discipline in disciplines:
            by_submarket.setdefault(discipline.submarket_id, []).append(discipline)
        submarkets = [s for s in Submarket.objects.order_by("slug") if s.pk in by_submarket]
        if not districts or not submarkets:
            raise RuntimeError("Reference data missing: run the migrations first.")
        return cls(districts, by_district, submarkets, by_submarket, disciplines)


@dataclass
class ProfileDraft:
    """Everything about one demo profile before it becomes a model instance."""

    kind: str
    name: str
    municipality: Municipality
    disciplines: list
    tagline: str
    description: str
    status: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    published_at: datetime.datetime | None
    open_for_commissions: bool = False
    seeks_cooperation: bool = False
    website: str = ""
    gallery_size: int = 0
    slug: str = ""

    @property
    def submarket(self):
        return self.disciplines[0].submarket


def create_demo_profiles(
    count, *, seed=DEFAULT_SEED, with_images=True, batch_size=1000, now=None
) -> int:
    """Create `count` demo profiles (about 90 % published) and return how many were created.

    For count >= 13 every district appears, for count >= 12 every submarket. Slugs avoid
    every slug already in the database, so calling this twice adds profiles.
    """
    if count <= 0:
        return 0
    reference = ReferenceData.load()
    composer = ProfileComposer(reference, seed=seed, now=now or timezone.now())
    drafts = composer.compose(count)
    with transaction.atomic():
        assign_unique_slugs(drafts, set(Profile.objects.values_list("slug", flat=True)))
        for start in range(0, len(drafts), batch_size):
            _write_batch(drafts[start : start + batch_size], with_images=with_images)
    # bulk_create sends no signals: tell cached directory counts that they are stale.
    versions.bump(PROFILES_VERSION)
    return len(drafts)


def _write_batch(drafts, *, with_images):
    profiles = [_profile_from_draft(draft, with_images=with_images) for draft in drafts]
    Profile.objects.bulk_create(profiles)
    through = Profile.disciplines.through
    through.objects.bulk_create(
        through(profile_id=profile.pk, discipline_id=discipline.pk)
        for profile, draft in zip(profiles, drafts, strict=True)
        for discipline in draft.disciplines
    )
    _backdate(profiles, drafts)
    if with_images:
        _add_gallery(profiles, drafts)
    # The post_save and m2m_changed receivers that keep the search columns current do not
    # fire for bulk operations.
    refresh_search_index([profile.pk for profile in profiles])


def _add_gallery(profiles, drafts):
    """Abstract placeholder work samples, with renditions like uploaded ones get."""
    images = []
    for profile, draft in zip(profiles, drafts, strict=True):
        for number in range(1, draft.gallery_size + 1):
            content = ContentFile(render_artwork(draft.submarket.slug, f"{draft.slug}-{number}"))
            image = GalleryImage(
                profile=profile,
                alt_text=(
                    f"Platzhalterbild {number}: abstrakte Formen in den Farben der "
                    f"{draft.submarket.name}"
                ),
                position=number,
            )
            image.image.name = default_storage.save(f"gallery/{draft.slug}-{number}.webp", content)
            image.width, image.height = GALLERY_SIZE
            image.renditions = create_renditions(image.image, GALLERY_WIDTHS)
            images.append(image)
    GalleryImage.objects.bulk_create(images)


def _backdate(profiles, drafts):
    """Give the profiles the drafts' created_at and updated_at.

    bulk_create stamps auto_now(_add) fields with the current time, but demo data should look
    like it grew over years. One parametrised UPDATE run with executemany is several times
    faster than bulk_update's CASE expressions over thousands of rows.
    """
    connection = connections[Profile.objects.db]
    meta, quote = Profile._meta, connection.ops.quote_name
    created, updated = meta.get_field("created_at"), meta.get_field("updated_at")
    # Only column names from the model's own metadata go into the statement; values are
    # passed as parameters.
    statement = (
        f"UPDATE {quote(meta.db_table)} SET {quote(created.column)} = %s, "  # noqa: S608
        f"{quote(updated.column)} = %s WHERE {quote(meta.pk.column)} = %s"
    )
    rows = []
    for profile, draft in zip(profiles, drafts, strict=True):
        profile.created_at, profile.updated_at = draft.created_at, draft.updated_at
        rows.append(
            (
                created.get_db_prep_value(draft.created_at, connection),
                updated.get_db_prep_value(draft.updated_at, connection),
                profile.pk,
            )
        )
    with connection.cursor() as cursor:
        cursor.executemany(statement, rows)


def _profile_from_draft(draft, *, with_images):
    municipality = draft.municipality
    profile = Profile(
        kind=draft.kind,
        name=draft.name,
        slug=draft.slug,
        municipality=municipality,
        association_id=municipality.district.association_id,
        tagline=draft.tagline,
        description=draft.description,
        status=draft.status,
        published_at=draft.published_at,
        open_for_commissions=draft.open_for_commissions,
        seeks_cooperation=draft.seeks_cooperation,
        website=draft.website,
    )
    if with_images:
        profile.image = save_placeholder_image(draft)
        # Pages link only the WebP renditions, never the stored original.
        profile.image_renditions = create_renditions(profile.image, PORTRAIT_WIDTHS, square=True)
    return profile


def assign_unique_slugs(drafts, taken):
    """Give each draft a slug not in `taken` ("name", "name-2", ...), as unique_slug would."""
    next_number = Counter()
    for draft in drafts:
        base = german_slugify(draft.name)[:SLUG_MAX_LENGTH].strip("-") or "eintrag"
        candidate = base
        # Remember the last suffix per base: popular names would otherwise rescan from -2.
        number = next_number[base] or 2
        while candidate in taken:
            suffix = f"-{number}"
            candidate = f"{base[: SLUG_MAX_LENGTH - len(suffix)]}{suffix}"
            number += 1
        next_number[base] = number
        taken.add(candidate)
        draft.slug = candidate


class ProfileComposer:
    """Draws kinds, places, disciplines, names and texts from one seeded random source."""

    def __init__(self, reference, *, seed, now):
        self.reference = reference
        self.now = now
        self.rng = random.Random(seed)  # noqa: S311 - demo content, not security
        self.faker = Faker("de_DE")
        self.faker.seed_instance(seed)

    def compose(self, count):
        kinds = allocate(self.rng, KIND_SHARES, count)
        statuses = allocate(self.rng, STATUS_SHARES, count)
        places = self._spread_places(count)
        submarkets = self._spread_submarkets(count)
        return [
            self._compose_one(kind, status, place, submarket)
            for kind, status, place, submarket in zip(
                kinds, statuses, places, submarkets, strict=True
            )
        ]

    def _spread_places(self, count):
        districts = self.reference.districts
        weights = [self._district_weight(district) for district in districts]
        chosen = guaranteed_spread(self.rng, districts, weights, count)
        return [self._pick_municipality(district) for district in chosen]

    def _district_weight(self, district):
        municipalities = self.reference.municipalities_by_district[district.pk]
        return sum(municipality_weight(m) for m in municipalities)

    def _pick_municipality(self, district):
        municipalities = self.reference.municipalities_by_district[district.pk]
        weights = [municipality_weight(m) for m in municipalities]
        return self.rng.choices(municipalities, weights)[0]

    def _spread_submarkets(self, count):
        submarkets = self.reference.submarkets
        weights = [SUBMARKET_WEIGHTS.get(s.slug, 3) for s in submarkets]
        return guaranteed_spread(self.rng, submarkets, weights, count)

    def _compose_one(self, kind, status, municipality, submarket):
        disciplines = self._pick_disciplines(submarket)
        texts = texts_for(disciplines[0])
        facts = self._facts(kind, municipality, disciplines, texts)
        created_at, updated_at, published_at = self._timestamps(status)
        return ProfileDraft(
            kind=kind,
            name=facts["name"],
            municipality=municipality,
            disciplines=disciplines,
            tagline=self._tagline(kind, facts),
            description=self._description(kind, facts, disciplines, texts),
            status=status,
            created_at=created_at,
            updated_at=updated_at,
            published_at=published_at,
            **self._extras(kind, facts["name"]),
        )

    def _extras(self, kind, name):
        """Availability flags, a website on the reserved .example domain, gallery size."""
        rng = self.rng
        website_share = 0.4 if kind == Profile.Kind.PERSON else 0.75
        return {
            "open_for_commissions": rng.random() < OPEN_FOR_COMMISSIONS_SHARE,
            "seeks_cooperation": rng.random() < SEEKS_COOPERATION_SHARE,
            "website": f"https://www.{german_slugify(name)[:50]}.example"
            if rng.random() < website_share
            else "",
            "gallery_size": rng.choice((0, 0, 0, 2, 3)),
        }

    def _pick_disciplines(self, submarket):
        rng = self.rng
        own = self.reference.disciplines_by_submarket[submarket.pk]
        sizes, weights = zip(*DISCIPLINE_COUNT_WEIGHTS.items(), strict=True)
        wanted = rng.choices(sizes, weights)[0]
        picked = [rng.choice(own)]
        for _ in range(wanted - 1):
            pool = own if rng.random() < SAME_SUBMARKET_SHARE else self.reference.all_disciplines
            candidate = rng.choice(pool)
            if candidate not in picked:
                picked.append(candidate)
        return picked

    def _facts(self, kind, municipality, disciplines, texts):
        """The words a profile's name, tagline and description are built from."""
        rng = self.rng
        female = rng.random() < 0.5
        words = DISCIPLINES.get(disciplines[0].name, FALLBACK_DISCIPLINE)
        district = municipality.district
        facts = {
            "town": short_town_name(municipality.name),
            "region": region_phrase(district),
            "association": district.association.short_name,
            "role": words.role_female if female else words.role_male,
            "focus": rng.choice(words.focuses),
            "clients": rng.choice(texts["clients"]),
            "since": rng.randint(1994, 2024),
            "team": rng.randint(3, 24),
            "study": rng.choice(STUDY_CITIES),
            "street": self._street_phrase(),
        }
        facts["name"] = self._name(kind, female, texts, self._name_place(municipality))
        return facts

    def _name_place(self, municipality):
        quarters = NEIGHBOURHOODS.get(municipality.slug)
        if quarters and self.rng.random() < NEIGHBOURHOOD_SHARE:
            return self.rng.choice(quarters)
        return short_town_name(municipality.name)

    def _name(self, kind, female, texts, town):
        if kind == Profile.Kind.PERSON:
            first = self.faker.first_name_female() if female else self.faker.first_name_male()
            return f"{first} {self._last_name()}"
        if kind == Profile.Kind.COLLECTIVE:
            pattern = self.rng.choice(texts["collectives"] + GENERIC_COLLECTIVES)
        else:
            pattern = self.rng.choice(texts["companies"])
        last, last2 = self._last_name(), self._last_name()
        name = pattern.format(word=self.rng.choice(NAME_WORDS), last=last, last2=last2, town=town)
        if kind == Profile.Kind.COMPANY and self.rng.random() < COMPANY_FORM_SHARE:
            name = f"{name} {self.rng.choice(COMPANY_FORMS)}"
        return name

    def _last_name(self):
        # Faker's de_DE list has a few entries such as "Koch II" or "van der Dussen" that look
        # odd in a studio name; single words read naturally.
        for _ in range(10):
            name = self.faker.last_name()
            if " " not in name:
                return name
        return "Müller"

    def _street_phrase(self):
        for _ in range(10):
            street = self.faker.street_name()
            for ending, article in STREET_ARTICLES.items():
                if street.lower().endswith(ending):
                    return f"{article} {street}"
        return "in der Hauptstraße"

    def _tagline(self, kind, facts):
        pattern = self.rng.choice(TAGLINES[kind])
        text = pattern.format(
            role_cap=capitalize(facts["role"]),
            focus_cap=capitalize(facts["focus"]),
            dash=DASH,
            **facts,
        )
        return shorten(text, Profile._meta.get_field("tagline").max_length)

    def _description(self, kind, facts, disciplines, texts):
        rng = self.rng
        voice = "ich" if kind == Profile.Kind.PERSON else "wir"
        paragraphs = [
            sentences(rng.choice(INTRO_SENTENCES[kind]), rng.choice(FOCUS_SENTENCES[voice])),
            sentences(
                rng.choice(CLIENT_SENTENCES[voice]),
                *rng.sample(texts["projects"], k=min(2, len(texts["projects"]))),
            ),
        ]
        if rng.random() < 0.35:
            services = ", ".join(discipline.name for discipline in disciplines)
            paragraphs.append(f"**Leistungen:** {services}")
        elif rng.random() < 0.7:
            paragraphs.append(sentences(*rng.sample(PLACE_SENTENCES[voice], k=2)))
        if rng.random() < 0.5:
            paragraphs.append(rng.choice(CLOSING_SENTENCES[voice]))
        return "\n\n".join(paragraph.format(**facts) for paragraph in paragraphs)

    def _timestamps(self, status):
        rng, now = self.rng, self.now
        if status in (Profile.Status.PUBLISHED, Profile.Status.HIDDEN):
            published_at = now - datetime.timedelta(days=rng.uniform(0, 3 * 365))
            created_at = published_at - datetime.timedelta(hours=rng.uniform(1, 45 * 24))
            updated_at = published_at + (now - published_at) * rng.random()
            return created_at, updated_at, published_at
        # Drafts and profiles in review are recent: nobody leaves a draft for years.
        created_at = now - datetime.timedelta(days=rng.uniform(0, 120))
        updated_at = created_at + (now - created_at) * rng.random()
        return created_at, updated_at, None


def allocate(rng, shares, count):
    """A shuffled list of `count` keys of `shares`, in exactly those proportions.

    Exact quotas (largest remainder) rather than independent draws keep small demo sets
    representative: 40 profiles always have 36 published ones, not 31 by bad luck.
    """
    total = sum(shares.values())
    exact = {key: count * share / total for key, share in shares.items()}
    quotas = {key: int(value) for key, value in exact.items()}
    by_remainder = sorted(shares, key=lambda key: exact[key] - quotas[key], reverse=True)
    for key in by_remainder[: count - sum(quotas.values())]:
        quotas[key] += 1
    result = [key for key in shares for _ in range(quotas[key])]
    rng.shuffle(result)
    return result


def guaranteed_spread(rng, items, weights, count):
    """`count` weighted draws from `items` that include every item once if count allows."""
    guaranteed = list(items) if count >= len(items) else []
    result = guaranteed + rng.choices(items, weights, k=count - len(guaranteed))
    rng.shuffle(result)
    return result


def texts_for(discipline):
    """The submarket's name patterns and sentences, with the discipline's own where it has any."""
    texts = SUBMARKET_TEXTS.get(discipline.submarket.slug, GENERIC_TEXTS)
    return texts | DISCIPLINES.get(discipline.name, FALLBACK_DISCIPLINE).texts


def municipality_weight(municipality):
    if municipality.slug in BIG_CITY_WEIGHTS:
        return BIG_CITY_WEIGHTS[municipality.slug]
    return TOWN_WEIGHTS.get(municipality.slug, OTHER_MUNICIPALITY_WEIGHT)


def short_town_name(name):
    """ "Stollberg/Erzgeb." -> "Stollberg": the suffixes are for addresses, not prose."""
    return name.split("/")[0].split(" (")[0].strip()


def region_phrase(district):
    """How a sentence names the district: "in Dresden", "im Erzgebirgskreis", ..."""
    name = district.name
    if district.kind == District.Kind.CITY or name.endswith("sachsen"):
        return f"in {name}"
    if name.endswith("kreis") or name.startswith("Landkreis"):
        return f"im {name}"
    return f"im Landkreis {name}"


def capitalize(text):
    return text[:1].upper() + text[1:]


def sentences(*parts):
    return " ".join(parts)


def shorten(text, limit):
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(f",;:{DASH}- ") + "…"
