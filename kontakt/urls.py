"""The contact relay on profile pages: /mitglieder/<slug>/kontakt/.

Included without a namespace, so the name carries its own prefix: `profile_contact`.
"""

from django.urls import path

from kontakt import relay as contact

urlpatterns = [
    path("<slug:slug>/kontakt/", contact.contact, name="profile_contact"),
]
