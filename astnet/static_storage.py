"""Static files as served in production: whitenoise's compressed, hashed files, each URL looked up
once per process (issue 22)."""

from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage


class ManifestStaticFiles(CompressedManifestStaticFilesStorage):
    """whitenoise's `CompressedManifestStaticFilesStorage`, whose `url(name)` is worked out once
    per name and kept in the storage object.

    The manifest is read once when the storage is made and the files do not change while the
    process runs, so a name always gives the same URL; working it out (parsing, the manifest,
    quoting) took about 40 Python calls for each `{% static %}` on every page. Django makes a new
    storage object when STORAGES or STATIC_URL change, which empties the memory. A name missing
    from the manifest raises ValueError as before and is not kept."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: dict[tuple[str, bool], str] = {}

    def url(self, name: str, force: bool = False) -> str:
        # DEBUG gives the file's own name, not the hashed one: part of the key, read every time.
        key = (name, force or not settings.DEBUG)
        try:
            return self._urls[key]
        except KeyError:
            url = self._urls[key] = super().url(name, force)
            return url
