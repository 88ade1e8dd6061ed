from django.urls import path

from beratung import views

app_name = "beratung"
urlpatterns = [
    path("", views.offers, name="offers"),
    path("termin/<int:slot_pk>/", views.book, name="book"),
    path("gebucht/", views.booked, name="booked"),
    path("buchung/<str:token>/", views.manage, name="manage"),
    path("bewertung/<str:token>/", views.feedback, name="feedback"),
]
