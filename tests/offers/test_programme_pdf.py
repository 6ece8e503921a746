"""Issue 18, point 4: a programme PDF worth printing — one A4 page for a noticeboard, large
type, the week's days as rows, closed days marked, tagged for screen readers."""

import datetime
import io

import pypdf
from django.urls import reverse

from tests.offers.conftest import MONDAY
from tests.offers.factories import ActivityFactory, OpeningExceptionFactory, OpeningHoursFactory

WEEK = {"uge": "2026-W48"}
DAYS = ["Mandag", "Tirsdag", "Onsdag", "Torsdag", "Fredag", "Lørdag", "Søndag"]


def offer_pdf(client, slug="nabo"):
    response = client.get(reverse("offers_public:offer_pdf", args=[slug]), WEEK)
    assert response.status_code == 200
    return pypdf.PdfReader(io.BytesIO(response.content))


def text_sizes(reader) -> dict[str, float]:
    """Each piece of text and the size it is printed in (points)."""
    sizes: dict[str, float] = {}

    def visit(text, cm, tm, font, size):
        if text.strip():
            scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
            sizes[text.strip()] = size * scale

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    return sizes


def test_the_week_is_one_page_with_a_row_per_day_in_order(client, world):
    OpeningHoursFactory(offer=world.nabo)
    for weekday in range(5):
        ActivityFactory(offer=world.nabo, title=f"Aktivitet {weekday}", weekday=weekday)

    reader = offer_pdf(client)

    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    positions = [
        text.index(f"{day} {(MONDAY + datetime.timedelta(days=n)).day}.")
        for n, day in enumerate(DAYS)
    ]
    assert positions == sorted(positions)
    assert text.index("Aktivitet 0") < positions[1] < text.index("Aktivitet 1") < positions[2]


def test_the_type_is_large_enough_to_read_on_a_noticeboard(client, world):
    ActivityFactory(offer=world.nabo, title="Kreativt værksted")

    sizes = text_sizes(offer_pdf(client))

    activity = [size for text, size in sizes.items() if "Kreativt værksted" in text]
    assert activity and min(activity) >= 13
    assert min(sizes.values()) >= 10


def test_a_closed_day_is_marked_with_its_reason(client, world):
    ActivityFactory(offer=world.nabo, title="Kreativt værksted", weekday=1)
    OpeningExceptionFactory(
        offer=world.nabo, date=MONDAY + datetime.timedelta(days=1), reason="Personaledag"
    )

    text = offer_pdf(client).pages[0].extract_text()

    assert "Lukket (Personaledag)" in text
    assert "(aflyst)" in text


def test_the_pdf_is_tagged(client, world):
    ActivityFactory(offer=world.nabo)

    reader = offer_pdf(client)

    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"]
    assert catalog["/Lang"] == "da"
