"""Private files: attachments and report PDFs that may hold personal or health details."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """Files under `PRIVATE_MEDIA_ROOT`, which has no URL: read back only through a view that
    checks access. The root is read from settings on every use, so a changed setting (tests,
    deployments) takes effect without a restart."""

    @property
    def base_location(self) -> str:
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    @property
    def base_url(self) -> None:
        return None


def private_storage() -> PrivateStorage:
    """A callable for `FileField(storage=...)`: migrations then record the callable, not a path."""
    return PrivateStorage()
