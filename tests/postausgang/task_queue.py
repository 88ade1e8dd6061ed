"""The database task queue's worker and rows, for tests; the suite otherwise runs tasks at
once (pyproject's TASKS_BACKEND=immediate)."""

import io
import logging
import signal
from unittest import mock

from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from postausgang.tasks import deliver_mail

SIGNALS = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]
LOGGERS = ["django.tasks", "django_tasks_db"]


def run_worker():
    """`manage.py db_worker --batch`: runs every task that is due, then stops."""
    # The worker sets its own signal handlers and log levels; the test process gets its
    # own back.
    handlers = {number: signal.getsignal(number) for number in SIGNALS}
    levels = {name: logging.getLogger(name).level for name in LOGGERS}
    # Between tasks the worker closes database connections that a long-running process
    # must not keep; inside a test's transaction that would end the test's connection.
    keep_connection = mock.patch(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    try:
        with keep_connection:
            call_command(
                "db_worker",
                batch=True,
                reload=False,
                startup_delay=False,
                interval=0,
                verbosity=0,
                stdout=io.StringIO(),
            )
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)


def delivery_tasks():
    return DBTaskResult.objects.filter(task_path=deliver_mail.module_path)


def waiting_tasks():
    return delivery_tasks().filter(status="READY")


def make_waiting_tasks_due():
    """What the passing of time does to the retries and reminders in the queue."""
    waiting_tasks().update(run_after=timezone.now() - timezone.timedelta(seconds=1))
