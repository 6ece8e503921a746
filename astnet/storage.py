"""Private files: attachments and report PDFs that may hold personal or health details.

They live in `STORAGES["private"]`: settings choose a folder (PrivateStorage; in docker-compose a
volume shared by web and worker) or an S3-compatible bucket through django-storages (issue 17).
Models reach it only through `private_storage`, so no code depends on which one it is.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages


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


def private_storage() -> Storage:
    """The configured `STORAGES["private"]`: a callable for `FileField(storage=...)`, so
    migrations record the callable, not a backend."""
    return storages["private"]
