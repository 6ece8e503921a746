"""The data-protection officer exports a citizen's data and then anonymises them: the citizen is
gone from every list, while the district's visit totals stay as they were."""

import io
import json

import pytest
from django.db.models import Count
from playwright.sync_api import expect
from pypdf import PdfReader

from citizens.models import Visit
from tests.e2e.conftest import log_in
from tests.factories import TEST_PASSWORD
from tests.rights.conftest import make_people

pytestmark = pytest.mark.e2e


@pytest.fixture
def people(world):
    return make_people(world)


def _visits_per_district() -> dict:
    return dict(
        Visit.objects.values_list("offer__district__slug").annotate(n=Count("pk")).order_by()
    )


def test_the_dpo_exports_and_then_anonymises_a_citizen(
    page,
    browser,
    live_server,
    world,
    people,
    assert_accessible,
):
    totals_before = _visits_per_district()

    log_in(page, world.dpo.username, TEST_PASSWORD)
    page.get_by_role("navigation", name="Hovedmenu").get_by_role(
        "link", name="Borgeres rettigheder"
    ).click()
    page.get_by_label("Søg efter navn").fill("Bente")
    page.get_by_role("button", name="Søg").click()
    assert_accessible(page)

    page.get_by_role("link", name="Bente Blomst").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Rettigheder: Bente Blomst"
    assert_accessible(page)

    with page.expect_download() as json_download:
        page.get_by_role("link", name="Hent indsigt som JSON").click()
    export = json.loads(json_download.value.path().read_text(encoding="utf-8"))
    sections = {section["model"]: section for section in export["sections"]}
    assert export["citizen"]["fields"]["chosen_name"] == "Bente Blomst"
    assert len(sections["citizens.visit"]["rows"]) == 2
    assert len(sections["citizens.expectationtalk"]["rows"]) == 1

    # WeasyPrint lays out every page of the export: on a busy CI machine that outlasts the default.
    with page.expect_download(timeout=90_000) as pdf_download:
        page.get_by_role("link", name="Hent indsigt som PDF").click()
    reader = PdfReader(io.BytesIO(pdf_download.value.path().read_bytes()))
    assert "Bente Blomst" in "".join(p.extract_text() for p in reader.pages)

    page.get_by_role("link", name="Anonymisér borgeren").click()
    expect(page.get_by_role("heading", name="Det bliver fjernet")).to_be_visible()
    expect(page.get_by_role("heading", name="Det bliver stående (uden navn)")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Hvorfor anonymiseres borgeren?").select_option("request")
    page.get_by_role("button", name="Ja, anonymisér borgeren").click()

    expect(page.get_by_role("status").get_by_text("Borgeren er anonymiseret")).to_be_visible()
    assert page.get_by_role("link", name="Bente Blomst").count() == 0
    assert_accessible(page)
    page.get_by_label("Søg efter navn").fill("Bente")
    page.get_by_role("button", name="Søg").click()
    expect(page.get_by_text("Ingen borgere fundet.")).to_be_visible()

    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Samtykker").click()
    assert page.get_by_role("link", name="Bente Blomst").count() == 0
    assert_accessible(page)

    # The staff at Nabo: Bente is no longer among the regulars, today's count is unchanged.
    staff_context = browser.new_context(locale="da-DK", base_url=live_server.url)
    staff_page = staff_context.new_page()
    log_in(staff_page, world.staff.username, TEST_PASSWORD)
    staff_page.goto(f"/borgere/tilbud/{world.nabo.pk}/i-dag/")
    assert "Bente Blomst" not in staff_page.content()
    assert staff_page.locator("#day-counts").inner_text().startswith("1 registreret")
    assert_accessible(staff_page)
    staff_context.close()

    assert _visits_per_district() == totals_before
