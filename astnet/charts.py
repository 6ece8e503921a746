"""Charts as SVG, drawn on the server by pygal: the same SVG goes into the web page and the PDF report.

Each chart carries a Danish <title> and <desc> and is an image to assistive technology (role="img");
its numbers are always in a table beside it. No script: pygal's tooltips need JavaScript from a CDN,
which the content security policy and the PDF would both refuse.
"""

import base64
import hashlib
import json
import math
import re
import uuid

# Only builds and serialises pygal's own tree; nothing here parses XML from outside.
import xml.etree.ElementTree as ElementTree  # nosec B405

import pygal
from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy
from pygal.style import Style

from astnet.figures import Figure
from astnet.formats import format_number

# The city's palette with enough contrast against white for bars and lines (WCAG 1.4.11).
STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1a1a1a",
    foreground_strong="#1a1a1a",
    foreground_subtle="#595959",
    opacity="1",
    opacity_hover="1",
    colors=("#004993", "#b34700", "#00733c", "#6b2c91", "#595959"),
    font_family="IBM Plex Sans, Arial, sans-serif",
    title_font_size=22,
    label_font_size=20,
    major_label_font_size=20,
    legend_font_size=20,
    value_font_size=20,
    no_data_font_size=24,
)

# The SVG scales to its column. Drawn 520 units wide with 20-unit labels, a chart in a 375 px
# phone's column (about 340 px) still has labels of 13 px; static/css caps it at 520 px wide,
# so labels never grow past 20 px either (issue 20: they were 5–6 px).
WIDTH = 520
HEIGHT = 400
# More x labels than this overlap at that width; the others are drawn as minor ticks only.
MOST_X_LABELS = 8
EMPTY_TEXT = gettext_lazy("Ingen tal at vise i perioden")

KINDS = {
    "bar": pygal.Bar,
    "line": pygal.Line,
    "stacked": pygal.StackedBar,
    "hbar": pygal.HorizontalBar,
}


CACHE_SECONDS = 15 * 60


def render(figure: Figure, *, keep_seconds: int = CACHE_SECONDS) -> SafeString:
    """The figure's chart as inline SVG (no XML declaration), ready for a template.

    Drawing is the slowest part of a page (pygal: about 5 ms even for a small line chart), and the
    same figures are looked at again and again, so the SVG is cached for `keep_seconds` under a
    hash of the figure's key and everything it shows in the active language (only published,
    suppressed values): a figure with other values or words is another key, never a stale chart.
    The figure's key is in it because each drawing has its own ids (its title and description
    are found by them): two figures on a page that show the same values must not share one.
    """
    return render_many([figure], keep_seconds=keep_seconds)[0]


def render_many(figures: list[Figure], *, keep_seconds: int = CACHE_SECONDS) -> list[SafeString]:
    """`render` for each of `figures`, in their order, asking the cache once for all of them and
    keeping the ones drawn now in one more round trip: a page with a chart per row (the citizen
    page's goals) waits for the cache once, not once a chart (issue 22)."""
    keys = [_cache_key(figure) for figure in figures]
    kept = cache.get_many(keys) if keys else {}
    drawn = {}
    svgs = []
    for key, figure in zip(keys, figures, strict=True):
        svg = kept.get(key) or drawn.get(key)
        if svg is None:
            svg = drawn[key] = _draw(figure)
        # Built by pygal and ElementTree, which escape every text and attribute they write.
        svgs.append(mark_safe(svg))  # noqa: S308  # nosec B308 B703
    if drawn:
        cache.set_many(drawn, keep_seconds)
    return svgs


def _cache_key(figure: Figure) -> str:
    """The key a figure's chart is kept under (see `render`)."""
    return (
        "chart:"
        + hashlib.sha256(
            json.dumps(
                [
                    figure.key,
                    figure.chart_kind,
                    figure.title,
                    figure.description,
                    figure.row_labels,
                    figure.chart_series(),
                    figure.scale,
                    str(EMPTY_TEXT),
                ],
                default=str,
            ).encode()
        ).hexdigest()
    )


def value_axis(figure: Figure) -> dict:
    """pygal options for the value axis: the figure's fixed scale with every step labelled (the
    goals' 1–10), whole-number steps from 0 when every value is a whole number (counts), else
    pygal's own steps; always written with Danish separators."""
    options = {"value_formatter": format_number, "formatter": format_number}
    if figure.scale:
        low, high = figure.scale
        return {**options, "range": (low, high), "y_labels": list(range(low, high + 1))}
    values = [value for _name, series in figure.chart_series() for value in series if value]
    if not all(isinstance(value, int) for value in values):
        return options
    if figure.chart_kind == "stacked":
        top = max(
            sum(row or 0 for row in column)
            for column in zip(*(s for _n, s in figure.chart_series()), strict=True)
        )
    else:
        top = max(values)
    step = _whole_step(top)
    high = max(step, math.ceil(top / step) * step)
    return {**options, "range": (0, high), "y_labels": list(range(0, high + 1, step))}


def _whole_step(top: int) -> int:
    """The smallest of 1, 2, 5, 10, 20, 25, 50, … that labels 0 to `top` in at most six steps."""
    magnitude = 1
    while True:
        for factor in (1, 2, 2.5, 5):
            step = int(factor * magnitude)
            if step == factor * magnitude and top / step <= 6:
                return step
        magnitude *= 10


def has_values(figure: Figure) -> bool:
    """Whether the chart has anything to draw; an empty one says so in words, not with an axis."""
    return any(value for _name, series in figure.chart_series() for value in series)


def _label_axis(every: int) -> dict:
    return {"x_labels_major_every": every, "show_minor_x_labels": every == 1}


def _draw(figure: Figure) -> str:
    labels = figure.row_labels
    every = max(1, math.ceil(len(labels) / MOST_X_LABELS))
    drawn = has_values(figure)
    chart = KINDS[figure.chart_kind](
        style=STYLE,
        js=[],
        disable_xml_declaration=True,
        explicit_size=False,
        width=WIDTH,
        height=HEIGHT,
        title=figure.title,
        x_label_rotation=30 if min(len(labels), MOST_X_LABELS) > 4 else 0,
        truncate_label=18,
        truncate_legend=24,
        legend_at_bottom=True,
        legend_at_bottom_columns=1,
        print_values=False,
        tooltip_border_radius=0,
        no_data_text=str(EMPTY_TEXT),
        allow_interruptions=True,
        **(value_axis(figure) | _label_axis(every) if drawn else {}),
    )
    if drawn:
        chart.x_labels = labels
        for name, values in figure.chart_series():
            chart.add(name, values)
    # pygal builds plain (un-namespaced) elements and sets xmlns as an attribute.
    root = chart.render_tree()
    for parent in root.iter():
        # Scripts and the metadata only pygal's tooltip script reads: fewer nodes, faster PDFs.
        for child in parent.findall("script") + parent.findall("desc"):
            parent.remove(child)
        # The tooltip layer is for that script, and its inline style would break the CSP.
        for child in parent.findall("g[@class='plot tooltip-overlay']"):
            parent.remove(child)
        if not drawn:
            # pygal draws a 0–1 axis around its "no data" text; an empty chart is only the words.
            for child in parent.findall("g"):
                if "axis" in (child.get("class") or "").split():
                    parent.remove(child)
        for child in parent:
            # pygal repeats ids such as "activate-serie-0" in every chart; a page holds several.
            child.attrib.pop("id", None)
    chart_id = root.get("id") or f"chart-{uuid.uuid4().hex}"
    title = root.find("title")
    if title is None:
        title = ElementTree.Element("title")
        root.insert(0, title)
    title.text = figure.title
    title.set("id", f"{chart_id}-title")
    description = ElementTree.Element("desc", id=f"{chart_id}-desc")
    description.text = figure.description
    root.insert(list(root).index(title) + 1, description)
    root.set("role", "img")
    root.set("aria-labelledby", f"{chart_id}-title {chart_id}-desc")
    root.set("class", "pygal-chart chart")
    return ElementTree.tostring(root, encoding="unicode")


def data_uri(figure: Figure) -> str:
    """The chart as an image source for the PDF: WeasyPrint draws an <img> much faster than inline
    SVG (the page's CSS cascade skips its nodes). Its alt text is the title and description."""
    svg = render(figure)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


# Stands in for the page's CSP nonce in a chart drawn once and cached (the dashboards): the page
# replaces it with its own nonce by a plain string replace, which costs microseconds where a
# regular expression over the whole page cost a pass over ~150 KB per request (issue 22).
NONCE_PLACEHOLDER = "__csp_nonce__"


def with_nonce_placeholder(svg: str) -> str:
    """The SVG with NONCE_PLACEHOLDER as its <style>'s nonce, for `nonce_filled` later."""
    return with_nonce(svg, NONCE_PLACEHOLDER)


def nonce_filled(svg: str, nonce: str) -> SafeString:
    """A chart from `with_nonce_placeholder` with the request's nonce in place."""
    # The nonce is django-csp's URL-safe token; svg is render()'s safe output.
    return mark_safe(svg.replace(NONCE_PLACEHOLDER, nonce))  # noqa: S308  # nosec B308 B703


def with_nonce(svg: str, nonce: str) -> SafeString:
    """Lets the chart's own <style> through the content security policy of the web page."""
    # The nonce is a token from django-csp (URL-safe characters) and svg is render()'s safe output.
    return mark_safe(re.sub(r"<style\b", f'<style nonce="{nonce}"', svg))  # noqa: S308  # nosec B308 B703
