"""A mail backend for tests: the locmem backend while the mail server is up,
SMTPServerDisconnected while it is down (what Django's SMTP backend raises when the server
drops the connection)."""

from smtplib import SMTPServerDisconnected

from django.core.mail.backends.locmem import EmailBackend


class OutageBackend(EmailBackend):
    down = False

    def send_messages(self, messages):
        if OutageBackend.down:
            raise SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


class MailServer:
    def go_down(self):
        OutageBackend.down = True

    def come_back(self):
        OutageBackend.down = False
