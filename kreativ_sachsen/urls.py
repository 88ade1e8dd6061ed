from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from kern import views as core_views
from kern.redirects import moved_prefix
from konten.password_checks import LimitedAdminPasswordChangeForm
from kreativ_sachsen.admin_views import view_on_site
from mitglieder import membership
from portal.sitemaps import SITEMAPS
from portal.urls import association_patterns, home_patterns, submarket_patterns

# A database outage answers a friendly 503 instead of the 500 page (see betrieb.views).
handler500 = "betrieb.views.server_error"

admin.site.site_header = "Kreativ Sachsen"
admin.site.site_title = "Kreativ Sachsen"
# Counts wrong old passwords like the site's own form (konten.password_checks).
admin.site.password_change_form = LimitedAdminPasswordChangeForm

urlpatterns = [
    # Before the admin's own URLs, which hold an unscoped view at the same address (the
    # admin keeps reversing "admin:view_on_site" to it).
    path(
        "admin/r/<path:content_type_id>/<path:object_id>/",
        admin.site.admin_view(view_on_site),
    ),
    path("admin/", admin.site.urls),
    path("robots.txt", core_views.robots_txt, name="robots"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    # The open-data API speaks one language and keeps its addresses across versions.
    path("api/v1/", include("daten.api_urls")),
    # Staff pages beside the admin, and the widgets other sites embed (no language prefix:
    # an embed's address must not change with a visitor's language).
    path("einbetten/", include("einbetten.urls")),
]

# German pages live at the root, English ones under /en/.
urlpatterns += i18n_patterns(
    *home_patterns,
    path("verbaende/", include(association_patterns)),
    path("teilmaerkte/", include(submarket_patterns)),
    # The Teilmarkt pages lived under /sparten/ until December 2026.
    re_path(r"^sparten/(?P<rest>.*)$", moved_prefix("sparten/", "teilmaerkte/")),
    path("mitglieder/", include("verzeichnis.urls")),
    path("mitglieder/", include("kontakt.urls")),
    path("mitglieder/", include("mitglieder.urls")),
    path("mein-profil/", include("mitglieder.self_service_urls")),
    path("mein-profil/", include("aktuelles.self_service_urls")),
    path("aktuelles/", include("aktuelles.urls")),
    path("veranstaltungen/", include("anmeldungen.urls")),
    path("veranstaltungen/", include("veranstaltungen.urls")),
    path("beratung/", include("beratung.urls")),
    path("raeume/", include("raeume.urls")),
    path("kooperationen/", include("kooperationen.urls")),
    path("mitglied-werden/", membership.membership_request, name="membership_request"),
    path(
        "mitglied-werden/danke/",
        membership.membership_request_done,
        name="membership_request_done",
    ),
    path("karte/", include("karte.urls")),
    path("statistik/", include("statistik.urls")),
    path("konto/", include("konten.urls")),
    path("konto/", include("konten.data_urls")),
    path("daten/", include("daten.urls")),
    path("benachrichtigungen/", include("benachrichtigungen.urls")),
    path("", include("seiten.urls")),
    prefix_default_language=False,
)

urlpatterns += [
    re_path(r"^media/(?P<path>.+)$", core_views.media_file, name="media"),
]
