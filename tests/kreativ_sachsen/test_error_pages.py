import pytest
from django.test import Client
from django.urls import path

from kreativ_sachsen.urls import urlpatterns as site_urlpatterns


def broken_view(request):
    raise RuntimeError("database password is hunter2")


urlpatterns = [path("kaputt/", broken_view), *site_urlpatterns]


@pytest.fixture
def broken_site(settings, reference_data):
    settings.ROOT_URLCONF = __name__
    return Client(raise_request_exception=False)


def test_a_server_error_shows_a_styled_page_without_details(broken_site):
    response = broken_site.get("/kaputt/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Bei uns ist etwas schiefgegangen" in html
    assert "hunter2" not in html
    assert "Traceback" not in html
    assert 'href="/static/css/site.css"' in html


@pytest.mark.parametrize("path", ["/gibt-es-nicht/", "/en/gibt-es-nicht/", "/mitglieder/x/y/"])
def test_unknown_addresses_get_the_styled_404(client, reference_data, path):
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert 'class="wrap page error-page"' in html
    assert "Traceback" not in html
