from django.urls import path

from statistik import views

app_name = "statistik"
urlpatterns = [
    path("", views.statistics, name="index"),
    path("csv/<slug:key>/", views.chart_csv, name="csv"),
    path("lagebild/kreis/<slug:slug>/", views.lagebild_district, name="lagebild_district"),
    path("lagebild/<slug:slug>/", views.lagebild_association, name="lagebild_association"),
]
