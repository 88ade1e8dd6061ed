from django.urls import path

from raeume import renewal, views

app_name = "raeume"
urlpatterns = [
    path("", views.space_list, name="list"),
    path("neu/", views.create, name="create"),
    path("meine/", views.mine, name="mine"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/kontakt/", views.contact, name="contact"),
    path("<int:pk>/bearbeiten/", views.edit, name="edit"),
    path("<int:pk>/fotos/", views.photos, name="photos"),
    path("<int:pk>/fotos/<int:photo_pk>/entfernen/", views.photo_delete, name="photo_delete"),
    path("<int:pk>/vergeben/", views.taken, name="taken"),
    path("<int:pk>/loeschen/", views.delete, name="delete"),
    path("verlaengern/<str:token>/", renewal.renew_listing, name="renew"),
]
