"""Logging filters for the production log."""

import logging


class RefusedHostAsWarning(logging.Filter):
    """Django logs a request for a host we do not serve (DisallowedHost) as an error with a
    traceback. Scanners send such requests all day; each one is answered with the 400 page
    and needs nobody's attention, so it becomes a one-line warning. A misconfigured
    ALLOWED_HOSTS still shows up in the log, as a stream of these warnings."""

    def filter(self, record):
        record.levelno = logging.WARNING
        record.levelname = logging.getLevelName(logging.WARNING)
        record.exc_info = None
        record.exc_text = None
        return True
