"""Static URLs in production: the hashed file's URL, worked out once per name (issue 22)."""

import json
from unittest import mock

import pytest
from whitenoise.storage import CompressedManifestStaticFilesStorage

from astnet.static_storage import ManifestStaticFiles


@pytest.fixture
def storage(tmp_path):
    manifest = {"version": "1.1", "hash": "x", "paths": {"css/a.css": "css/a.0123abcd.css"}}
    (tmp_path / "staticfiles.json").write_text(json.dumps(manifest))
    return ManifestStaticFiles(location=tmp_path, base_url="/static/")


def test_a_name_gives_its_hashed_url(storage):
    assert storage.url("css/a.css") == "/static/css/a.0123abcd.css"


def test_a_url_is_worked_out_once_and_then_remembered(storage):
    first = storage.url("css/a.css")
    with mock.patch.object(
        CompressedManifestStaticFilesStorage, "url", side_effect=AssertionError("worked out again")
    ):
        assert storage.url("css/a.css") == first


def test_a_name_missing_from_the_manifest_fails_every_time(storage):
    for _attempt in range(2):
        with pytest.raises(ValueError, match="manifest"):
            storage.url("css/missing.css")


def test_with_debug_on_a_name_gives_the_file_itself_not_the_url_kept_without(storage, settings):
    assert storage.url("css/a.css") == "/static/css/a.0123abcd.css"
    settings.DEBUG = True
    assert storage.url("css/a.css") == "/static/css/a.css"
