from django.shortcuts import get_object_or_404, render

from seiten.models import Page


def page_detail(request, slug):
    page = get_object_or_404(Page, slug=slug)
    return render(request, "seiten/page_detail.html", {"page": page})
