from django.urls import path

from kooperationen import views

app_name = "kooperationen"
urlpatterns = [
    path("", views.call_list, name="list"),
    path("neu/", views.create, name="create"),
    path("meine/", views.mine, name="mine"),
    path("<int:pk>/", views.call_detail, name="detail"),
    path("<int:pk>/bearbeiten/", views.edit, name="edit"),
    path("<int:pk>/schliessen/", views.close, name="close"),
    path("<int:pk>/verlaengern/", views.renew, name="renew"),
]
