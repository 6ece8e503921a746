"""PDF exports: the summary from the tables (opsamling fra bordene) and the scenario comparison."""

from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string

from astnet import access
from astnet.audit import Action, audit_record
from astnet.pdf import render_pdf
from astnet.slugs import slugify
from workshops import access as workshop_access
from workshops import selectors
from workshops.models import Process


def _pdf(request: HttpRequest, template: str, context: dict, filename: str) -> HttpResponse:
    html = render_to_string(template, context, request=request)
    document = render_pdf(html)
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@access.require_role(*workshop_access.WORKSHOP_ROLES)
def summary_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = selectors.workshop_detail(user=request.user, pk=pk)
    context = {
        "workshop": workshop,
        "tables": selectors.workshop_tables(workshop=workshop),
        "groups": selectors.inputs_by_theme(workshop=workshop),
        "tags": selectors.tag_counts(workshop=workshop),
        "priority": selectors.priority_result(workshop=workshop),
    }
    response = _pdf(
        request,
        "workshops/pdf/summary.html",
        context,
        f"opsamling-{slugify(workshop.district.name)}-{slugify(workshop.title)}.pdf",
    )
    audit_record(
        actor=request.user, action=Action.EXPORT, target=workshop, request=request, detail="pdf"
    )
    return response


@access.require_role(*workshop_access.WORKSHOP_ROLES)
def scenario_comparison_pdf(
    request: HttpRequest, process_pk: int, district_pk: int
) -> HttpResponse:
    process = access.get_in_scope(request.user, Process, pk=process_pk)
    comparison = selectors.scenario_comparison(
        user=request.user, process_id=process.pk, district_id=district_pk
    )
    if not comparison.scenarios:
        raise Http404
    district = comparison.scenarios[0].district
    scenarios, rows = comparison.scenarios, comparison.rows
    context = {"process": process, "district": district, "scenarios": scenarios, "rows": rows}
    response = _pdf(
        request,
        "workshops/pdf/scenarios.html",
        context,
        f"scenarier-{slugify(district.name)}.pdf",
    )
    audit_record(
        actor=request.user,
        action=Action.EXPORT,
        object_type="workshops.scenario",
        object_id=f"{process.pk}/{district.pk}",
        request=request,
        detail="scenariesammenligning pdf",
    )
    return response
