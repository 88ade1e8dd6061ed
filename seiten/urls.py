from django.urls import path

from seiten import views
from seiten.models import Page

app_name = "seiten"
urlpatterns = [
    path(f"{slug}/", views.page_detail, {"slug": slug}, name=slug) for slug in Page.Slug.values
]
