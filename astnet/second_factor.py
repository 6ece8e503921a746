"""Setting up and confirming the TOTP second factor (django-otp)."""

import base64

from django.db import transaction
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from astnet import qr
from astnet.audit import Action, audit_record


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


@transaction.atomic
def pending_device(user) -> TOTPDevice:
    """The user's unconfirmed device, created once so a reload shows the same secret."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="astnet", confirmed=False)
    return device


def secret_for_display(device: TOTPDevice) -> str:
    secret = base64.b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_data_uri(device: TOTPDevice) -> str:
    """The provisioning URL as a QR code, inlined as an image (the CSP allows data: images)."""
    return qr.data_uri(device.config_url)


def verify(request, device: TOTPDevice, token: str) -> bool:
    """Check a code; on success confirm the device and mark this session as verified."""
    if not device.verify_token(token):
        audit_record(
            actor=request.user, action=Action.LOGIN_FAILED, request=request, detail="second factor"
        )
        return False
    if not device.confirmed:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit_record(actor=request.user, action=Action.CREATE, target=device, request=request)
    otp_login(request, device)
    return True
