"""Status reports (statusnotater) for the committee: ordering, rendering to PDF and failing
cleanly.

The Celery task in `astnet/tasks.py` only calls `render_report`; everything a report holds is read
here from the same figures as the dashboards, so the PDF and the web pages always agree.
"""

import datetime
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, Q
from django.template.loader import get_template, render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from astnet import charts, exports, privacy
from astnet.audit import Action, audit_record
from astnet.db_router import reading_from_replica
from astnet.figures import Figure, Period
from astnet.models import Report
from astnet.municipality import current as municipality_current
from astnet.pdf import load_renderer, render_pdf
from astnet.reporting import dashboards
from astnet.reporting.parallel import two_at_a_time
from offers.models import District, Offer, Track

logger = logging.getLogger(__name__)


def report_order(*, ordered_by, district: District | None, period: Period, request=None) -> Report:
    """Queue a report; the worker starts only once the row is committed (so it can find it)."""

    with transaction.atomic():
        report = Report(
            ordered_by=ordered_by,
            district=district,
            period_start=period.start,
            period_end=period.end,
        )
        report.full_clean()
        report.save()
        audit_record(
            actor=ordered_by,
            action=Action.CREATE,
            target=report,
            request=request,
            detail=f"scope={district.pk if district else 'city'} {period.start}–{period.end}",
        )
        # The worker starts only once the row is committed. A broker that is down must not turn the
        # order into an error page: the row stays queued and the beat sweep sends it later.
        transaction.on_commit(lambda: report_enqueue(report.pk))
    return report


def report_enqueue(report_id: int) -> bool:
    """Send the render task for one report to the broker and note when; False if the broker is down.

    In eager mode (no Redis) the render runs here; a failing render is recorded on the row by the
    task, never raised to the caller.
    """
    from astnet.reporting.tasks import report_render

    try:
        report_render.delay(report_id)
    except Exception as error:  # noqa: BLE001 - kombu's errors differ by transport; all mean "not sent"
        logger.warning("report %s not sent to the broker: %s", report_id, type(error).__name__)
        return False
    Report.objects.filter(pk=report_id, enqueued_at__isnull=True).update(enqueued_at=timezone.now())
    return True


# A queued report whose task was sent this long ago and not started has lost it (a broker that lost
# its data, a message purged by hand). Far longer than a busy worker keeps a report waiting.
REQUEUE_AFTER = datetime.timedelta(minutes=30)


def reports_requeue(*, now: datetime.datetime | None = None) -> int:
    """Send again every queued report with no live task; returns how many were sent (issue 17).

    "No live task": the send never reached the broker (enqueued_at empty), or it did more than
    REQUEUE_AFTER ago and no worker started it. A report sent twice renders once: render_report
    does nothing for a report that is already done.
    """
    now = now or timezone.now()
    stale = Report.objects.filter(status=Report.Status.QUEUED).filter(
        Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=now - REQUEUE_AFTER)
    )
    sent = 0
    for report_id in stale.values_list("pk", flat=True):
        Report.objects.filter(pk=report_id).update(enqueued_at=None)
        sent += report_enqueue(report_id)
    return sent


def previous_month(today: datetime.date) -> Period:
    last_day = today.replace(day=1) - datetime.timedelta(days=1)
    return Period(last_day.replace(day=1), last_day)


def report_order_monthly(*, today: datetime.date | None = None) -> Report:
    """The automatic city report for last month, ordered by nobody (shown as "automatisk")."""
    period = previous_month(today or timezone.localdate())
    return report_order(ordered_by=None, district=None, period=period)


def _set(report_id: int, **fields) -> None:
    # A plain UPDATE, committed at once, so the archive page sees progress while the worker works.
    Report.objects.filter(pk=report_id).update(**fields)


def render_report(report_id: int) -> None:
    """Render one report to PDF, and the numbers behind its charts to a spreadsheet, and store both
    privately. Raises on failure so the task can retry.

    Memory (issue 22: ≤ 250 MB for the city): the HTML is rendered once, and the figures and their
    chart images are let go before WeasyPrint lays out the pages. WeasyPrint's boxes and styles are
    most of the peak (about 100 MB for the city, most of it the tables), so what the PDF holds, not
    this orchestration, decides it."""
    report = Report.objects.select_related("district", "ordered_by").get(pk=report_id)
    if report.status == Report.Status.DONE:
        return
    _set(report_id, status=Report.Status.RUNNING, progress=0, failure_reason="")
    with override("da"), reading_from_replica():
        context = report_context(report, progress=lambda value: _set(report_id, progress=value))
        html = render_to_string(
            "reports/report.html", {**context, "municipality": municipality_current()}
        )
        numbers = exports.figures_xlsx(numbers_sheets(context), context["period"])
        del context
        pdf = html_to_pdf(html)
        del html
    report.numbers_file.save(f"statusnotat-{report.pk}-tal.xlsx", ContentFile(numbers), save=False)
    report.file.save(f"statusnotat-{report.pk}.pdf", ContentFile(pdf), save=False)
    _set(
        report_id,
        file=report.file.name,
        numbers_file=report.numbers_file.name,
        status=Report.Status.DONE,
        progress=100,
        finished_at=timezone.now(),
    )


def report_warm_up() -> None:
    """Loads WeasyPrint and compiles the report's templates as a worker starts: the first report a
    new worker rendered waited about a second longer for them (issue 22, measured)."""
    load_renderer()
    for name in REPORT_TEMPLATES:
        get_template(name)


def numbers_sheets(context: dict) -> list[tuple[str, list[Figure]]]:
    """The spreadsheet's sheets from a report's context: the summary, the whole municipality, each
    district and each track, with every figure the PDF shows there (charts and tables alike)."""
    municipality = municipality_current()
    sheets = [(_("Sammenfatning"), [context["summary_figure"]])]
    if context["city"]:
        sheets.append((municipality.whole_label, [p["figure"] for p in context["city"]]))
    for section in context["districts"]:
        sheets.append((section["district"].name, [p["figure"] for p in section["panels"]]))
    for section in context["tracks"]:
        sheets.append((section["track"].name, [p["figure"] for p in section["panels"]]))
    return sheets


def report_mark_failed(*, report_id: int, error: BaseException) -> None:
    logger.error("report %s failed for good: %r", report_id, error)
    reason = _("Rapporten kunne ikke dannes efter flere forsøg: %(error)s") % {
        "error": f"{type(error).__name__}: {error}"
    }
    _set(
        report_id,
        status=Report.Status.FAILED,
        failure_reason=reason[:500],
        finished_at=timezone.now(),
    )


# The report and what it includes: compiled once per process by the cached template loader.
REPORT_TEMPLATES = (
    "reports/report.html",
    "reports/report_figure.html",
    "reports/offer_changes.html",
    "astnet/figure_table.html",
)


def html_to_pdf(html: str) -> bytes:
    """The report's HTML as PDF bytes, through the one renderer (`astnet.pdf`)."""
    return render_pdf(html)


# --- what the report holds ---------------------------------------------------------------------


# Tables that read well on their own; drawing them too would only make the report longer and slower.
TABLE_ONLY = {
    "noegletal",
    "borgere-pr-tilbud",
    "forventningssamtaler",
    "opfoelgning",
    "peer-vejledere",
}


def _chart(figure: Figure) -> dict:
    """One figure of the PDF: a chart, a table or a line saying there is nothing to show; never a
    chart and its table (issue 22).

    A drawn figure's numbers are in the spreadsheet beside the PDF ("Tal bag rapporten"), with the
    same suppression: the tables under the charts (the weekly ones 53 rows long) were most of
    WeasyPrint's time and memory. A figure in TABLE_ONLY is its table; so is one with nothing to
    draw but a suppressed cell ("<5" says more than an empty chart). One of only zeros is a line.
    """
    if figure.key in TABLE_ONLY:
        return {"figure": figure, "chart": None, "empty": False}
    if charts.has_values(figure):
        return {"figure": figure, "chart": charts.data_uri(figure), "empty": False}
    suppressed = any(cell.suppressed for row in figure.table.rows for cell in row)
    return {"figure": figure, "chart": None, "empty": not suppressed}


def report_context(report: Report, *, progress=lambda value: None) -> dict:
    period = Period(report.period_start, report.period_end)
    districts = [report.district] if report.district_id else list(District.objects.order_by("name"))
    all_offers = Offer.objects.filter(district__in=districts)
    tracks = list(Track.objects.filter(offers__in=all_offers).distinct().order_by("name"))
    steps = len(districts) + len(tracks) + 3
    done = 0

    def step():
        nonlocal done
        done += 1
        progress(min(95, round(100 * done / steps)))

    def summary_figure():
        return dashboards.key_figures(dashboards.Scope(offers=all_offers, period=period))[0]

    def city_panels():
        if report.district_id:
            return []
        return [_chart(figure) for figure in dashboards.city_overview(period=period).figures]

    def district_section(district):
        board = dashboards.district_dashboard(
            district=district, offers=Offer.objects.filter(district=district), period=period
        )
        return {"district": district, "panels": [_chart(f) for f in board.figures]}

    def track_section(track):
        scope = dashboards.Scope(offers=all_offers.filter(track=track), period=period)
        figures = dashboards.key_figures(scope) + dashboards.per_offer(scope)[:1]
        return {"track": track, "panels": [_chart(f) for f in figures]}

    summary, city, *sections = two_at_a_time(
        [summary_figure, city_panels]
        + [lambda d=district: district_section(d) for district in districts]
        + [lambda t=track: track_section(t) for track in tracks],
        done=step,
    )
    district_sections, track_sections = sections[: len(districts)], sections[len(districts) :]
    transition = transition_status(all_offers, period)
    context = {
        "report": report,
        "period": period,
        "summary": plain_summary(summary, period),
        "summary_figure": summary,
        "district_summary": _district_summary(district_sections),
        "transition_sentence": _transition_sentence(transition),
        "city": city,
        "districts": district_sections,
        "tracks": track_sections,
        "transition": transition,
        "method_note": privacy.method_note(),
        "created": timezone.localtime(),
    }
    step()
    return context


def plain_summary(figure: Figure, period: Period) -> list[str]:
    """Three sentences a committee member can read aloud, with the same suppression as the tables."""
    visits, citizens, new = figure.table.rows
    return [
        _(
            "I perioden %(period)s var der %(now)s besøg i tilbuddene, mod %(before)s i samme "
            "periode året før%(change)s."
        )
        % {
            "period": period.label,
            "now": visits[0].display,
            "before": visits[1].display,
            "change": _change(visits[0].value, visits[1].value),
        },
        _("%(now)s forskellige borgere kom i et eller flere tilbud (året før: %(before)s).")
        % {"now": citizens[0].display, "before": citizens[1].display},
        _("%(now)s borgere kom til for første gang (året før: %(before)s).")
        % {"now": new[0].display, "before": new[1].display},
    ]


def _district_summary(sections: list[dict]) -> list[dict]:
    """Each district's visits now and a year before, from its key figures (suppressed as there)."""
    rows = []
    for section in sections:
        key_figures = next(
            (p["figure"] for p in section["panels"] if p["figure"].key == "noegletal"), None
        )
        if key_figures is not None:
            visits = key_figures.table.rows[0]
            rows.append(
                {
                    "name": section["district"].name,
                    "now": visits[0].display,
                    "before": visits[1].display,
                }
            )
    return rows


def _transition_sentence(transition: dict) -> str:
    """The omstilling in one sentence: how many offers opened and closed in the period."""
    # "tilbud" and the past tense read the same for one and for many: no plural form needed.
    return _("%(opened)s tilbud åbnede, og %(closed)s lukkede i perioden.") % {
        "opened": len(transition["opened"]),
        "closed": len(transition["closed"]),
    }


def _change(now: int | None, before: int | None) -> str:
    if not now or not before:
        return ""
    percent = round(100 * (now - before) / before)
    if percent > 0:
        return _(", en stigning på %(percent)s %%") % {"percent": percent}
    if percent < 0:
        return _(", et fald på %(percent)s %%") % {"percent": -percent}
    return _(", det samme niveau")


def transition_status(offers, period: Period) -> dict:
    """The omstilling: offers opened and closed in the period, and what replaced the closed ones."""
    in_period = Q(opens_on__range=period.as_range()) | Q(closes_on__range=period.as_range())
    changed = list(
        offers.filter(in_period)
        .select_related("district", "replaced_by")
        .order_by("district__name", "name")
    )
    by_status = dict(
        offers.values_list("status").annotate(count=Count("pk")).values_list("status", "count")
    )
    return {
        "opened": [o for o in changed if o.opens_on and period.start <= o.opens_on <= period.end],
        "closed": [o for o in changed if o.closes_on and period.start <= o.closes_on <= period.end],
        "by_status": [(label, by_status.get(value, 0)) for value, label in Offer.Status.choices],
    }
