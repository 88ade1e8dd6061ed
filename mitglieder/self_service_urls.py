"""/mein-profil/: where members edit their own profile."""

from django.urls import path

from mitglieder import contact_address
from mitglieder import self_service as views

app_name = "self_service"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("<int:pk>/bearbeiten/", views.edit, name="edit"),
    path("<int:pk>/bearbeiten/<slug:section>/", views.section, name="section"),
    path("<int:pk>/vorschau/", views.preview, name="preview"),
    path("<int:pk>/einreichen/", views.submit, name="submit"),
    path(
        "<int:pk>/kontaktadresse/",
        contact_address.resend_view,
        name="resend_contact_address_link",
    ),
    path(
        "kontaktadresse-bestaetigen/<str:token>/",
        contact_address.confirm_view,
        name="confirm_contact_address",
    ),
    path("<int:pk>/galerie/", views.gallery, name="gallery"),
    path("<int:pk>/galerie/<int:image_pk>/", views.gallery_image, name="gallery_image"),
    path(
        "<int:pk>/galerie/<int:image_pk>/verschieben/",
        views.gallery_move,
        name="gallery_move",
    ),
    path(
        "<int:pk>/galerie/<int:image_pk>/loeschen/",
        views.gallery_delete,
        name="gallery_delete",
    ),
]
