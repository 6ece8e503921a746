import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from peers.councils.money import kroner, parse_kroner
from peers.councils.uploads import MAX_BYTES, sniff_content_type


@pytest.mark.parametrize(
    ("text", "ore"),
    [
        ("1250", 125000),
        ("1.250,50", 125050),
        ("1250.5", 125050),
        ("2.400", 240000),
        ("12 kr.", 1200),
    ],
)
def test_it_reads_kroner_the_danish_way(text, ore):
    assert parse_kroner(text) == ore


@pytest.mark.parametrize("text", ["mange", "1,234,5", "1.2345", "NaN"])
def test_it_refuses_what_is_not_an_amount(text):
    assert parse_kroner(text) is None


def test_it_shows_kroner_the_danish_way():
    assert kroner(123456789) == "1.234.567,89 kr."
    assert kroner(0) == "0,00 kr."


@pytest.mark.parametrize(
    ("head", "content_type"),
    [
        (b"%PDF-1.7", "application/pdf"),
        (b"\xff\xd8\xff\xe0", "image/jpeg"),
        (b"\x89PNG\r\n\x1a\n", "image/png"),
    ],
)
def test_it_reads_the_type_from_the_first_bytes(head, content_type):
    assert sniff_content_type(SimpleUploadedFile("x.txt", head + b"rest")) == content_type


def test_it_refuses_a_renamed_program():
    with pytest.raises(ValidationError, match="ikke en PDF"):
        sniff_content_type(SimpleUploadedFile("tilbud.pdf", b"MZ\x90\x00"))


def test_it_refuses_a_file_over_5_mb():
    with pytest.raises(ValidationError, match="5 MB"):
        sniff_content_type(SimpleUploadedFile("stor.pdf", b"%PDF-" + b"0" * MAX_BYTES))
