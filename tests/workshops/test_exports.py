"""PDF exports: the summary from the tables and the scenario comparison (A4, Danish, tagged)."""

import io

from django.urls import reverse
from pypdf import PdfReader

from astnet.models import AuditEvent
from tests.workshops.factories import InputFactory, ScenarioFactory


def read(response) -> PdfReader:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(response.content))


def text(reader: PdfReader) -> str:
    return " ".join(page.extract_text() for page in reader.pages)


def test_the_summary_holds_the_tables_inputs_by_theme(client, world, ws):
    InputFactory(table=ws.table, theme=ws.peer, text="Etablere et peer-korps")
    client.force_login(world.council_member)
    response = client.get(reverse("workshops:summary_pdf", args=[ws.amager.pk]))
    reader = read(response)
    assert "attachment" in response["Content-Disposition"]
    content = text(reader)
    assert "Opsamling fra bordene" in content
    assert "Bruger til bruger" in content and "Etablere et peer-korps" in content
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root  # tagged: headings and tables reach screen readers
    assert root["/Lang"] == "da"
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(float(width)), round(float(height))) == (595, 842)  # A4 in points


def test_the_export_is_audited(client, world, ws):
    client.force_login(world.administration)
    client.get(reverse("workshops:summary_pdf", args=[ws.norrebro.pk]))
    assert AuditEvent.objects.filter(
        actor=world.administration, action="export", object_id=str(ws.norrebro.pk)
    ).exists()


def test_another_districts_summary_answers_404(client, world, ws):
    client.force_login(world.staff)
    response = client.get(reverse("workshops:summary_pdf", args=[ws.norrebro.pk]))
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action="export").exists()


def test_the_scenario_comparison_sets_the_districts_scenarios_side_by_side(client, world, ws):
    first = ScenarioFactory(process=ws.process, district=world.amager, title="Ét stort hus")
    first.points.create(kind="strength", text="Bred åbningstid")
    second = ScenarioFactory(
        process=ws.process,
        district=world.amager,
        title="Tre små huse",
        status="rejected",
        reason="For dyrt",
    )
    second.points.create(kind="challenge", text="Mange adresser")
    ScenarioFactory(process=ws.process, district=world.norrebro, title="Nørrebros scenarie")
    client.force_login(world.leader)
    url = reverse("workshops:scenario_comparison_pdf", args=[ws.process.pk, world.amager.pk])
    content = text(read(client.get(url)))
    for expected in [
        "Scenarier for Center Amager",
        "Ét stort hus",
        "Tre små huse",
        "Styrker",
        "Udfordringer",
        "Bred åbningstid",
        "Mange adresser",
        "For dyrt",
    ]:
        assert expected in content
    assert "Nørrebros scenarie" not in content


def test_a_comparison_without_visible_scenarios_answers_404(client, world, ws):
    ScenarioFactory(process=ws.process, district=world.norrebro)
    client.force_login(world.leader)
    url = reverse("workshops:scenario_comparison_pdf", args=[ws.process.pk, world.norrebro.pk])
    assert client.get(url).status_code == 404
