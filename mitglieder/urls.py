from django.urls import path

from mitglieder import views

app_name = "mitglieder"
urlpatterns = [
    path("<slug:slug>/", views.profile_detail, name="detail"),
    path("<slug:slug>/teilen/mastodon/", views.share_on_mastodon, name="share_mastodon"),
]
