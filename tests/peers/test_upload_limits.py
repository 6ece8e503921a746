"""Uploads per application (issue 16, part 6): a limit on the number and total size of attachments,
and a stored and downloaded name whose extension follows the sniffed type."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from peers.councils import services
from peers.councils.uploads import MAX_FILES, check_attachment_batch, download_name
from peers.models import Application, ApplicationAttachment
from tests.peers.factories import submitted_application

PDF = b"%PDF-1.4 test"


def _attachments(n, name="bilag.pdf"):
    return [
        services.UploadedAttachment(SimpleUploadedFile(name, PDF), "application/pdf")
        for _ in range(n)
    ]


def test_too_many_attachments_are_refused_and_nothing_is_stored(council_world):
    with pytest.raises(ValidationError, match="højst 5 filer"):
        submitted_application(council_world, attachments=_attachments(MAX_FILES + 1))
    assert not Application.objects.exists()
    assert not ApplicationAttachment.objects.exists()


def test_too_much_in_total_is_refused():
    with pytest.raises(ValidationError, match="15 MB"):
        check_attachment_batch([5 * 1024 * 1024] * 3 + [1])
    check_attachment_batch([5 * 1024 * 1024] * 3)


def test_the_extension_follows_the_sniffed_type(client, council_world):
    application = submitted_application(council_world, attachments=_attachments(1, name="x.html"))
    attachment = application.attachments.get()

    assert attachment.original_name == "x.pdf"
    assert attachment.file.name.endswith(".pdf")
    client.force_login(council_world.chair)
    response = client.get(reverse("peers:attachment", args=[attachment.pk]))
    assert 'filename="x.pdf"' in response["Content-Disposition"]


def test_download_name_keeps_the_stem():
    assert download_name("min ansøgning.PNG.html", "image/png") == "min ansøgning.PNG.png"
