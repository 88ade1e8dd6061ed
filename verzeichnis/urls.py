from django.urls import path

from verzeichnis import views

app_name = "verzeichnis"
urlpatterns = [
    path("", views.directory, name="directory"),
]
