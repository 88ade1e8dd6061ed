from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from konten import password_reset, registration, views
from konten.forms import EmailAuthenticationForm
from konten.password_checks import LimitedPasswordChangeForm

app_name = "konten"
urlpatterns = [
    path(
        "anmelden/",
        auth_views.LoginView.as_view(
            template_name="konten/login.html",
            authentication_form=EmailAuthenticationForm,
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("abmelden/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "passwort-vergessen/",
        password_reset.PasswordResetView.as_view(
            template_name="konten/password_reset.html",
            email_template_name="konten/email/password_reset.txt",
            subject_template_name="konten/email/password_reset_subject.txt",
            success_url=reverse_lazy("konten:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "passwort-vergessen/gesendet/",
        auth_views.PasswordResetDoneView.as_view(template_name="konten/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "passwort-neu/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="konten/password_reset_confirm.html",
            success_url=reverse_lazy("konten:password_reset_complete"),
            post_reset_login=True,
            post_reset_login_backend="django.contrib.auth.backends.ModelBackend",
        ),
        name="password_reset_confirm",
    ),
    path(
        "passwort-neu/fertig/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="konten/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path(
        "passwort-aendern/",
        auth_views.PasswordChangeView.as_view(
            template_name="konten/password_change.html",
            form_class=LimitedPasswordChangeForm,
            success_url=reverse_lazy("konten:password_change_done"),
        ),
        name="password_change",
    ),
    path(
        "passwort-aendern/fertig/",
        auth_views.PasswordChangeDoneView.as_view(template_name="konten/password_change_done.html"),
        name="password_change_done",
    ),
    path("einladung/<str:token>/", views.accept_invitation, name="invitation"),
    path("registrieren/", registration.register_view, name="register"),
    path("registrieren/gesendet/", registration.registration_sent, name="registration_sent"),
    path(
        "registrieren/bestaetigen/<str:token>/",
        registration.confirm_view,
        name="confirm_registration",
    ),
]
