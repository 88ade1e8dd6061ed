from django.urls import path

from verbaende import views

app_name = "verbaende"
urlpatterns = [
    path("<slug:slug>/", views.association_detail, name="detail"),
]
