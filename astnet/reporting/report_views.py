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


@access.require_role(Role.ADMINISTRATION)
def report_download(request: HttpRequest, report_id: int) -> FileResponse:
    report = access.get_in_scope(request.user, Report, pk=report_id)
    if report.status != Report.Status.DONE or not report.file:
        raise Http404
    audit_record(
        actor=request.user, action=Action.EXPORT, target=report, request=request, detail="pdf"
    )
    filename = f"statusnotat-{report.period_start:%Y%m%d}-{report.period_end:%Y%m%d}.pdf"
    return FileResponse(
        report.file.open("rb"),
        as_attachment=True,
        filename=filename,
        content_type="application/pdf",
    )


@access.require_role(Role.ADMINISTRATION)
def report_numbers_download(request: HttpRequest, report_id: int) -> FileResponse:
    """The spreadsheet beside the PDF (the numbers behind every chart, suppressed as in the PDF):
    who may fetch the PDF may fetch this, and it is audited the same way. 404 until it exists."""
    report = access.get_in_scope(request.user, Report, pk=report_id)
    if report.status != Report.Status.DONE or not report.numbers_file:
        raise Http404
    audit_record(
        actor=request.user, action=Action.EXPORT, target=report, request=request, detail="xlsx"
    )
    filename = f"statusnotat-tal-{report.period_start:%Y%m%d}-{report.period_end:%Y%m%d}.xlsx"
    return FileResponse(
        report.numbers_file.open("rb"),
        as_attachment=True,
        filename=filename,
        content_type=exports.FORMATS["xlsx"],
    )
