from django.urls import path

from sparten import views

app_name = "sparten"
urlpatterns = [
    path("", views.submarket_list, name="index"),
    path("<slug:slug>/", views.submarket_detail, name="detail"),
]
