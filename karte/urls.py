from django.urls import path

from karte import views

app_name = "karte"
urlpatterns = [
    path("", views.member_map, name="map"),
    path("raeume/", views.space_map, name="spaces"),
    path("veranstaltungen/", views.event_map, name="events"),
]
