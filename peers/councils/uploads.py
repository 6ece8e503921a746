"""Checks on attachments: the type is read from the file's first bytes, never trusted from its name."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024

_SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)


def sniff_content_type(upload) -> str:
    """The attachment's real type (PDF, JPG or PNG) or a Danish ValidationError."""
    if upload.size > MAX_BYTES:
        raise ValidationError(
            _("Filen %(name)s er for stor. Den må højst fylde 5 MB.") % {"name": upload.name}
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    for magic, content_type in _SIGNATURES:
        if head.startswith(magic):
            return content_type
    raise ValidationError(
        _("Filen %(name)s er ikke en PDF, JPG eller PNG.") % {"name": upload.name}
    )
