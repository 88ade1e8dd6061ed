from django.urls import path

from einbetten import views

app_name = "einbetten"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("w/<str:token>/", views.widget, name="widget"),
]
