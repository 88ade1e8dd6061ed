from django.urls import path

from daten import views

app_name = "daten"
urlpatterns = [
    path("", views.index, name="index"),
    path("mitglieder.csv", views.profiles_csv, name="profiles_csv"),
    path("mitglieder.jsonld", views.profiles_json_ld, name="profiles_json_ld"),
    path("teilmaerkte.csv", views.submarkets_csv, name="submarkets_csv"),
    path("teilmaerkte.json", views.submarkets_json, name="submarkets_json"),
    path("statistik.csv", views.statistics_csv, name="statistics_csv"),
    path("statistik.json", views.statistics_json, name="statistics_json"),
]
