from django.urls import path

from mitglieder import views

app_name = "mitglieder"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("<slug:slug>/", views.profile_detail, name="detail"),
]
