"""Running in production: health check, database outages, oversized requests, headers."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client

from mitglieder.models import Profile, ProfileLink
from tests.kreativ_sachsen.test_configuration import run_manage
from tests.profile_forms import edit_data

pytestmark = pytest.mark.django_db


# Health ---------------------------------------------------------------------------------
def test_the_health_check_answers_ok_to_a_load_balancer_asking_by_ip(client):
    response = client.get("/healthz", HTTP_HOST="10.0.0.7:8000")

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Cache-Control"] == "no-store"


def test_the_health_check_reports_a_broken_database_without_details(client):
    with mock.patch(
        "betrieb.health.connection.cursor",
        side_effect=OperationalError('connection to server at "db.internal" failed'),
    ):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.content == b"unavailable\n"


def test_the_readiness_check_reports_a_broken_cache_the_health_check_does_not(client):
    with mock.patch("betrieb.health.cache.set", side_effect=ConnectionError("redis down")):
        ready = client.get("/readyz")
        alive = client.get("/healthz")

    assert ready.status_code == 503
    assert b"redis" not in ready.content
    assert alive.status_code == 200


# Database outages -----------------------------------------------------------------------
def test_a_database_outage_gives_a_friendly_503_without_a_traceback(reference_data):
    client = Client(raise_request_exception=False)
    with mock.patch(
        "verzeichnis.views.Directory", side_effect=OperationalError("server closed the connection")
    ):
        response = client.get("/mitglieder/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "vorübergehend nicht erreichbar" in html
    assert "Traceback" not in html and "server closed" not in html


def test_a_bug_stays_a_500(reference_data):
    client = Client(raise_request_exception=False)
    with mock.patch("verzeichnis.views.Directory", side_effect=KeyError("bug")):
        response = client.get("/mitglieder/")

    assert response.status_code == 500


def test_a_save_cut_off_by_the_outage_stores_nothing_and_says_so(owner, owned_profile):
    member = Client(raise_request_exception=False)
    member.force_login(owner)
    before = (owned_profile.tagline, owned_profile.version, owned_profile.history.count())
    data = edit_data(
        owned_profile,
        tagline="Dieser Satz darf nicht halb gespeichert werden.",
        new_links=[("instagram", "https://instagram.com/atelier.olga")],
    )

    # The profile row is written, then the connection dies while the links are saved.
    with mock.patch.object(
        ProfileLink, "save", side_effect=OperationalError("server closed the connection")
    ):
        response = member.post(f"/mein-profil/{owned_profile.pk}/bearbeiten/", data)

    assert response.status_code == 503
    assert "gespeichert" in response.content.decode()  # "... has not been stored"
    owned_profile.refresh_from_db()
    assert (owned_profile.tagline, owned_profile.version, owned_profile.history.count()) == before
    assert not owned_profile.links.exists()
    # No "saved" message waits for the member's next page either.
    assert "gespeichert" not in member.get("/mein-profil/").content.decode().split("messages")[0]
    assert Profile.objects.get(pk=owned_profile.pk).tagline == before[0]


# Oversized requests ---------------------------------------------------------------------
def test_an_oversized_body_is_refused_unread_with_a_german_page(client, reference_data):
    response = client.generic(
        "POST",
        "/mitglied-werden/",
        data=b"x" * 64,
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(50 * 1024 * 1024),
    )

    assert response.status_code == 413
    assert "zu viele Daten auf einmal" in response.content.decode()


def test_an_upload_over_the_limit_never_reaches_the_form(owner, owned_profile, settings):
    settings.MAX_REQUEST_BODY_BYTES = 1024 * 1024
    member = Client()
    member.force_login(owner)
    big = b"\xff\xd8\xff" + b"0" * (2 * 1024 * 1024)

    from django.core.files.uploadedfile import SimpleUploadedFile

    response = member.post(
        f"/mein-profil/{owned_profile.pk}/galerie/",
        {"image": SimpleUploadedFile("riesig.jpg", big, "image/jpeg"), "alt_text": "Groß"},
    )

    assert response.status_code == 413
    assert not owned_profile.gallery.exists()


def test_too_many_form_fields_give_the_german_400_page(reference_data):
    client = Client(raise_request_exception=False)
    fields = "&".join(f"f{number}=x" for number in range(1500))

    response = client.post(
        "/mitglied-werden/", fields, content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 400
    assert "Anfrage" in response.content.decode()


# Headers and cookies ----------------------------------------------------------------------
def test_https_responses_carry_the_security_headers(client, reference_data):
    response = client.get("/", secure=True)

    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    csp = dict(
        part.strip().split(" ", 1)
        for part in response["Content-Security-Policy"].split(";")
        if part.strip()
    )
    assert csp["script-src"] == "'self'"
    assert csp["object-src"] == "'none'"
    assert csp["base-uri"] == "'self'"
    assert csp["form-action"] == "'self'"
    assert csp["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in csp["script-src"] and "unsafe-eval" not in csp["script-src"]


def test_static_files_carry_the_resource_policy_too(client):
    response = client.get("/static/css/site.css")

    assert response.status_code == 200
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_login_cookies_are_secure_httponly_and_samesite(client, owner):
    client.get("/konto/anmelden/")
    response = client.post(
        "/konto/anmelden/",
        {"username": "owner@example.org", "password": "correct-horse-battery-staple"},
    )

    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    csrf = response.cookies.get("csrftoken") or client.cookies["csrftoken"]
    assert csrf["secure"] and csrf["samesite"] == "Lax"


# Production settings --------------------------------------------------------------------
PRODUCTION = {
    "SECRET_KEY": "Zq8-vR2_kLm4xN7pTw1sYb6Hc3Jd9Fg0Ue5Ai8Ko2Mn7Qr4St1Vw6Xy3Za9Bc0De5",
    "ALLOWED_HOSTS": "kreatives-sachsen.example",
    "CSRF_TRUSTED_ORIGINS": "https://kreatives-sachsen.example",
    "SITE_URL": "https://kreatives-sachsen.example",
}


def test_the_production_settings_pass_the_deploy_check():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)

    assert result.returncode == 0, result.stderr + result.stdout


def test_the_deploy_check_wants_site_url_to_be_the_public_address():
    env = {**PRODUCTION, "SITE_URL": "http://127.0.0.1:8000"}
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **env)

    assert result.returncode != 0
    assert "betrieb.W001" in result.stderr + result.stdout


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"CACHE_URL": "memcached://127.0.0.1:11211"}, "CACHE_URL='memcached://127.0.0.1:11211'"),
        ({"S3_BUCKET": "medien"}, "S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY are missing"),
        ({"DB_POOL_MAX_SIZE": "0"}, "DB_POOL_MAX_SIZE=0 must be at least 1"),
        ({"MAX_REQUEST_BODY_MB": "viel"}, "MAX_REQUEST_BODY_MB='viel' is not a whole number"),
    ],
)
def test_wrong_production_settings_stop_start_up(env, message):
    overrides = {**PRODUCTION, **env}
    if "DB_POOL" in next(iter(env)):
        overrides["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/postgres"
    result = run_manage("check", **overrides)

    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def show(expression, **env):
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        f"from django.conf import settings; print({expression})",
        **env,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_a_cache_url_selects_redis_shared_by_all_processes():
    backend = show(
        "settings.CACHES['default']['BACKEND']", CACHE_URL="redis://127.0.0.1:6379/3", **PRODUCTION
    )

    assert backend == "betrieb.cache.ResilientRedisCache"
    assert show("settings.CACHES['default']['BACKEND']", **PRODUCTION).endswith("LocMemCache")


def test_an_s3_bucket_moves_media_to_object_storage():
    backend = show(
        "settings.STORAGES['default']",
        S3_BUCKET="kreativ-medien",
        S3_ACCESS_KEY_ID="AKIAEXAMPLE",
        S3_SECRET_ACCESS_KEY="geheim",
        S3_ENDPOINT_URL="https://s3.example.net",
        **PRODUCTION,
    )

    assert "storages.backends.s3.S3Storage" in backend
    assert "'bucket_name': 'kreativ-medien'" in backend
    assert "'querystring_auth': False" in backend


def test_postgresql_goes_through_a_connection_pool_that_fails_fast():
    options = show(
        "settings.DATABASES['default']['OPTIONS']",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/postgres",
        **PRODUCTION,
    )

    assert "'pool': {" in options
    assert "'timeout': 1" in options
    assert "'connect_timeout': 2" in options


def test_a_redis_outage_costs_speed_not_pages(client, reference_data, settings):
    # Nothing listens on port 9: every cache call fails at once.
    settings.CACHES = {
        "default": {
            "BACKEND": "betrieb.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    settings.PAGE_CACHE_SECONDS = 600

    assert client.get("/").status_code == 200
    assert client.get("/mitglieder/").status_code == 200
    # The load balancer keeps the instance; monitoring sees the outage.
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 503


def test_the_shared_redis_cache_works_when_redis_is_there():
    from betrieb.cache import ResilientRedisCache

    cache = ResilientRedisCache("redis://127.0.0.1:6379/7", {"KEY_PREFIX": "kreativ-test"})
    cache.set("probe", {"a": 1}, 30)

    assert cache.get("probe") == {"a": 1}
    cache.delete("probe")


def test_behind_a_proxy_visitors_are_told_apart_by_the_forwarded_address():
    env = {**PRODUCTION, "BEHIND_TLS_PROXY": "1"}
    script = (
        "from django.test import RequestFactory; from axes.helpers import get_client_ip_address;"
        " r = RequestFactory().get('/', REMOTE_ADDR='10.0.0.2',"
        " HTTP_X_FORWARDED_FOR='6.6.6.6, 203.0.113.9');"
        " print(get_client_ip_address(r))"
    )
    result = run_manage("shell", "--no-imports", "-c", script, **env)

    # The proxy appended the real client; what the client wrote itself (6.6.6.6) is ignored.
    assert result.stdout.strip() == "203.0.113.9", result.stderr


def test_without_a_proxy_the_forwarded_header_is_ignored(rf, settings):
    from kern.client_ip import client_ip

    settings.PROXY_COUNT = 0
    request = rf.get("/", REMOTE_ADDR="198.51.100.4", HTTP_X_FORWARDED_FOR="6.6.6.6")

    assert client_ip(request) == "198.51.100.4"


def test_a_logged_in_member_waits_for_the_database_only_once(owner):
    from django.contrib.sessions.backends.db import SessionStore

    member = Client(raise_request_exception=False)
    member.force_login(owner)
    attempts = []

    def unreachable(self):
        attempts.append(self.session_key)
        raise OperationalError("couldn't get a connection after 1.00 sec")

    with mock.patch.object(SessionStore, "load", unreachable):
        response = member.get("/mein-profil/")

    assert response.status_code == 503
    # Once for the view; the response phase must not try (and wait) again.
    assert len(attempts) == 1
