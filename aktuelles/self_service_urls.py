"""/mein-profil/<pk>/erfolge/: members' success reports (included next to the profile
self-service in the root URLconf)."""

from django.urls import path

from aktuelles import self_service as views

app_name = "success_reports"
urlpatterns = [
    path("<int:pk>/erfolge/", views.report_list, name="list"),
    path("<int:pk>/erfolge/<int:report_pk>/loeschen/", views.report_delete, name="delete"),
]
