"""Checks on attachments: the type is read from the file's first bytes, never trusted from its name."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024
# Per application (issue 16): one request once stored 30 files of 5 MB.
MAX_FILES = 5
MAX_TOTAL_BYTES = 15 * 1024 * 1024
# The stored and downloaded name ends in what the content is, never in what the name claimed
# (issue 16: "x.html" was served as x.html).
EXTENSIONS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}

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


def check_attachment_batch(sizes: list[int]) -> None:
    """All the attachments of one application (sizes in bytes): at most MAX_FILES files and
    MAX_TOTAL_BYTES together, or a Danish ValidationError on the attachments field."""
    if len(sizes) > MAX_FILES:
        raise ValidationError(
            {
                "attachments": _("Vedhæft højst %(count)s filer til en ansøgning.")
                % {"count": MAX_FILES}
            }
        )
    if sum(sizes) > MAX_TOTAL_BYTES:
        raise ValidationError({"attachments": _("Filerne må tilsammen højst fylde 15 MB.")})


def download_name(uploaded_name: str, content_type: str) -> str:
    """The uploaded name with the extension of its sniffed type: "x.html" holding a PDF is "x.pdf"."""
    stem = uploaded_name.rsplit("/", 1)[-1].rsplit(".", 1)[0] or "bilag"
    return f"{stem[:190]}.{EXTENSIONS[content_type]}"
