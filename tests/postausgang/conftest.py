import pytest

from tests.postausgang.outage_mail import MailServer, OutageBackend


@pytest.fixture
def mail_server(settings):
    """The site's mail server, which a test can switch off and on."""
    settings.MAILERS = {"default": {"BACKEND": "tests.postausgang.outage_mail.OutageBackend"}}
    OutageBackend.down = False
    yield MailServer()
    OutageBackend.down = False


@pytest.fixture
def database_queue(settings):
    """Production's task queue: tasks wait in the database for `db_worker`."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
