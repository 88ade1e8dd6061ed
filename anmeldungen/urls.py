"""Registration under /veranstaltungen/: the form of one event, and the links of the mails."""

from django.urls import path

from anmeldungen import views

app_name = "anmeldungen"
urlpatterns = [
    path("anmeldung/abmelden/<str:token>/", views.cancel, name="cancel"),
    path("anmeldung/rueckmeldung/<str:token>/", views.feedback, name="feedback"),
    path("<slug:slug>/anmeldung/", views.register, name="register"),
]
