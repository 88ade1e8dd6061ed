from django.urls import path

from veranstaltungen import views

app_name = "veranstaltungen"
urlpatterns = [
    path("", views.upcoming, name="upcoming"),
    path("vergangene/", views.past, name="past"),
    path("kalender.ics", views.calendar, name="calendar"),
    path("kalender/<slug:slug>.ics", views.association_calendar, name="association_calendar"),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/termin.ics", views.event_ics, name="event_ics"),
]
