from django.urls import path

from benachrichtigungen import views

app_name = "benachrichtigungen"
urlpatterns = [
    path("", views.index, name="index"),
    path("gesendet/", views.sent, name="sent"),
    path("bestaetigen/<str:token>/", views.confirm, name="confirm"),
    path("verwalten/<str:token>/", views.manage, name="manage"),
    path("abmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path(
        "abmelden/<str:token>/bestaetigen/",
        views.unsubscribe_confirm,
        name="unsubscribe_confirm",
    ),
]
