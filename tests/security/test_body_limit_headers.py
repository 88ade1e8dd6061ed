"""Finding 11: the 413 for an oversized upload must be a valid WSGI response.

RequestBodyLimitMiddleware used to add "Connection: close". That is a hop-by-hop header,
which PEP 3333 forbids an application to send; wsgiref (and so runserver) refuses it with
an AssertionError, and the member got a 500 instead of the page that explains the limit.
Connection handling is the server's job: gunicorn and runserver read or drop the unread
rest of the body themselves.
"""

import io
from contextlib import contextmanager
from wsgiref.handlers import SimpleHandler
from wsgiref.util import is_hop_by_hop

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from kreativ_sachsen.wsgi import application

UPLOAD_BYTES = 13 * 1024 * 1024


def serve_through_wsgiref(environ):
    """Hand one request to the WSGI app the way runserver does (wsgiref checks headers)."""
    output, errors = io.BytesIO(), io.StringIO()
    base = {
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver",
        "REMOTE_ADDR": "127.0.0.1",
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
    }
    # The declared body is never read; a short one stands in for the 13 MB.
    handler = SimpleHandler(io.BytesIO(b"x" * 1024), output, errors, {**base, **environ})
    with connections_kept_open():
        handler.run(application)
    head = output.getvalue().split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    status = int(head[0].split()[1])
    headers = [line.split(":", 1)[0] for line in head[1:]]
    return status, headers, errors.getvalue()


@contextmanager
def connections_kept_open():
    """As Django's test client does: the request must not close (or, with psycopg's pool,
    hand back) the connection that holds the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.django_db
def test_an_oversized_upload_gets_the_413_page_under_a_strict_wsgi_server(reference_data):
    status, headers, errors = serve_through_wsgiref(
        {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": "/mitglied-werden/",
            "CONTENT_TYPE": "multipart/form-data; boundary=x",
            "CONTENT_LENGTH": str(UPLOAD_BYTES),
        }
    )

    assert status == 413, errors
    assert "Hop-by-hop" not in errors
    assert [name for name in headers if is_hop_by_hop(name)] == []


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/healthz", "/gibt-es-nicht/"])
def test_ordinary_responses_carry_no_hop_by_hop_header_either(reference_data, path):
    status, headers, errors = serve_through_wsgiref({"REQUEST_METHOD": "GET", "PATH_INFO": path})

    assert status in {200, 404}, errors
    assert [name for name in headers if is_hop_by_hop(name)] == []
