"""The administration's report page: order a status report for the committee, follow it,
download the PDF and the spreadsheet of the numbers behind its charts."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from astnet import access, exports
from astnet.audit import Action, audit_record
from astnet.models import Report, Role
from astnet.reporting import reports
from astnet.reporting.report_forms import ReportOrderForm

TEMPLATE = "reports/report_list.html"


@access.require_role(Role.ADMINISTRATION)
def report_list(request: HttpRequest) -> HttpResponse:
    form = ReportOrderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reports.report_order(
            ordered_by=request.user,
            district=form.cleaned_data["district"],
            period=form.period,
            request=request,
        )
        messages.success(request, _("Rapporten er bestilt. Den står øverst i arkivet."))
        return redirect("dashboards:reports")
    archive = access.scope(request.user, Report).select_related("ordered_by", "district")
    page = Paginator(archive, 20).get_page(request.GET.get("side"))
    return render(request, TEMPLATE, {"form": form, "page": page})


@access.require_role(Role.ADMINISTRATION)
def report_row(request: HttpRequest, report_id: int) -> HttpResponse:
    """One archive row; htmx asks for it every 2 seconds while the report is queued or running."""
    report = access.get_in_scope(
        request.user, Report.objects.select_related("ordered_by", "district"), pk=report_id
    )
    if not request.htmx:
        return redirect("dashboards:reports")
    return render(request, f"{TEMPLATE}#report-row", {"report": report})


CONTENT_TYPES = {"pdf": "application/pdf", "xlsx": exports.FORMATS["xlsx"]}


def _report_file(request: HttpRequest, report_id: int, field: str, kind: str, stem: str):
    """A finished report's stored `field` ("file" or "numbers_file") as a download named
    `stem-YYYYMMDD-YYYYMMDD.kind`, audited as an export with `kind` as detail; 404 while the
    report is not done, or was made before the file existed."""
    report = access.get_in_scope(request.user, Report, pk=report_id)
    stored = getattr(report, field)
    if report.status != Report.Status.DONE or not stored:
        raise Http404
    audit_record(
        actor=request.user, action=Action.EXPORT, target=report, request=request, detail=kind
    )
    return FileResponse(
        stored.open("rb"),
        as_attachment=True,
        filename=f"{stem}-{report.period_start:%Y%m%d}-{report.period_end:%Y%m%d}.{kind}",
        content_type=CONTENT_TYPES[kind],
    )


@access.require_role(Role.ADMINISTRATION)
def report_download(request: HttpRequest, report_id: int) -> FileResponse:
    """The report's PDF, for whoever may read the report."""
    return _report_file(request, report_id, "file", "pdf", "statusnotat")


@access.require_role(Role.ADMINISTRATION)
def report_numbers_download(request: HttpRequest, report_id: int) -> FileResponse:
    """The spreadsheet beside the PDF (the numbers behind every chart, suppressed as in the PDF):
    who may fetch the PDF may fetch this, and it is audited the same way."""
    return _report_file(request, report_id, "numbers_file", "xlsx", "statusnotat-tal")
