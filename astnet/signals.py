"""Login, logout and failed logins go into the audit log, whichever backend handled them."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from astnet.audit import Action, audit_record


@receiver(user_logged_in)
def audit_login(sender, request, user, **kwargs) -> None:
    audit_record(actor=user, action=Action.LOGIN, target=user, request=request)


@receiver(user_logged_out)
def audit_logout(sender, request, user, **kwargs) -> None:
    if user is not None:
        audit_record(actor=user, action=Action.LOGOUT, target=user, request=request)


@receiver(user_login_failed)
def audit_login_failed(sender, credentials, request=None, **kwargs) -> None:
    # The typed username is left out: it may be a mistyped password or someone's name.
    audit_record(actor=None, action=Action.LOGIN_FAILED, request=request)
