"""Where private files (report PDFs, council attachments) are kept: `STORAGES["private"]`.

Settings choose the backend (a folder, or an S3-compatible bucket through django-storages); models
reach it only through `private_storage`, so no code depends on which one it is (issue 17).
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages


class PrivateFileSystemStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT, which has no URL: served only by access-checked views.

    The folder is read from settings on every use, so tests (and deployments) can move it.
    """

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
    """The configured `STORAGES["private"]` backend; a callable for FileField(storage=...)."""
    return storages["private"]
