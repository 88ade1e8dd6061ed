"""/konto/: the member's data rights (export, deletion).

Included without a namespace, like the home page: `data_export` and `delete_account`.
"""

from django.urls import path

from konten import data_views

urlpatterns = [
    path("daten/", data_views.data_export, name="data_export"),
    path("loeschen/", data_views.delete_account, name="delete_account"),
]
