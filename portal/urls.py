"""Addresses of the combined pages, each list under the namespace templates use."""

from django.urls import path

from beratung import views as consultation_views
from kontakt import association_relay
from portal import views

home_patterns = [path("", views.home, name="home")]

association_patterns = (
    [
        path("<slug:slug>/", views.association_detail, name="detail"),
        path("<slug:slug>/beratung/", consultation_views.association_offers, name="beratung"),
        path(
            "<slug:slug>/kontakt/<int:pk>/",
            association_relay.contact_person,
            name="contact_person",
        ),
    ],
    "verbaende",
)

submarket_patterns = (
    [
        path("", views.submarket_list, name="index"),
        path("<slug:slug>/", views.submarket_detail, name="detail"),
    ],
    "teilmaerkte",
)
