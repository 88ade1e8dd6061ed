from django.urls import path, re_path

from daten import api

app_name = "api"
urlpatterns = [
    path("profiles/", api.profiles, name="profiles"),
    path("profiles/<slug:slug>/", api.profile, name="profile"),
    path("teilmaerkte/", api.submarkets, name="submarkets"),
    path("statistik/", api.statistics, name="statistics"),
    path("openapi.json", api.openapi, name="openapi"),
    # Anything else under /api/v1/ answers JSON too, not the site's HTML 404 page.
    re_path(r"^(?P<rest>.*)$", api.not_found),
]
