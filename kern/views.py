from django.conf import settings
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.views.static import serve

from kern.site_url import absolute_url


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        # Filter combinations multiply without end; crawlers get the profiles via the sitemap.
        "Disallow: /*?",
        f"Sitemap: {absolute_url(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def media_file(request, path):
    """Uploaded images and their renditions, when no web server in front serves /media/.

    Off unless SERVE_MEDIA is set (it defaults to DEBUG): production should serve media from
    the web server or object storage.
    """
    if not settings.SERVE_MEDIA:
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)
