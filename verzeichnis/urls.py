from django.urls import path

from verzeichnis import views

app_name = "verzeichnis"
urlpatterns = [
    path("", views.directory, name="directory"),
    # Before mitglieder's "<slug>/": this address is not a profile.
    path("vorschlaege/", views.suggestions, name="suggestions"),
]
