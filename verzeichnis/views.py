from django.shortcuts import render

from kern.page_cache import cache_public_page
from verzeichnis.directory import Directory


@cache_public_page(parameters=Directory.parameters())
def directory(request):
    return render(request, "mitglieder/directory.html", Directory(request.GET).context())
