"""No leaks on the way (issue 16, part 6): no caching of signed-in pages, messages kept on the
server, and no spreadsheet formulas in any export cell."""

import datetime
import io

from django.urls import reverse
from openpyxl import load_workbook

from astnet import exports
from astnet.figures import Figure, Period
from tests import factories as f

PERIOD = Period(datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))


def _figure(label):
    return Figure(
        key="t",
        title="=Titel",
        description="",
        row_header="@Tilbud",
        columns=["Besøg"],
        row_labels=[label],
        values=[[12]],
        counts=False,
    )


def test_the_xlsx_export_defuses_formulas_in_every_text_cell():
    workbook = load_workbook(io.BytesIO(exports.as_xlsx(_figure("=HYPERLINK(1)"), PERIOD)))
    values = [cell.value for row in workbook.active.iter_rows() for cell in row if cell.value]

    assert "'=HYPERLINK(1)" in values
    assert "'=Titel" in values and "'@Tilbud" in values
    assert not any(isinstance(value, str) and value[0] in "=+-@" for value in values)
    assert 12 in values


def test_csv_and_xlsx_defuse_with_one_shared_function():
    assert exports.spreadsheet_text("=1+1") == "'=1+1"
    assert exports.spreadsheet_text("-12") == "-12"
    assert exports.spreadsheet_text("+45 12 34") == "'+45 12 34"
    text = exports.as_csv(_figure("+cmd"), PERIOD).decode("utf-8-sig")
    assert "'+cmd" in text and "'=Titel" in text


def test_a_signed_in_page_is_never_stored(client, world):
    citizen = f.CitizenFactory(home_offers=[world.nabo])
    client.force_login(world.staff)

    response = client.get(reverse("citizens:detail", args=[citizen.pk]))

    assert "no-store" in response["Cache-Control"]


def test_a_public_page_may_still_be_cached(client, world):
    response = client.get(reverse("offers_public:offer_detail", args=[world.nabo.slug]))
    assert "no-store" not in response.get("Cache-Control", "")


def test_messages_with_a_citizens_name_stay_out_of_the_cookie(client, world):
    client.force_login(world.staff)
    response = client.post(
        reverse("citizens:create"),
        {
            "chosen_name": "Zyxwort",
            "birth_year": "1975",
            "home_offers": [world.nabo.pk],
            "cpr_number": "",
        },
    )
    assert response.status_code == 302
    assert "messages" not in response.cookies
    assert all("Zyxwort" not in morsel.value for morsel in response.cookies.values())
