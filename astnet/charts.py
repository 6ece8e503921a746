"""Charts as SVG, drawn on the server by pygal: the same SVG goes into the web page and the PDF report.

Each chart carries a Danish <title> and <desc> and is an image to assistive technology (role="img");
its numbers are always in a table beside it. No script: pygal's tooltips need JavaScript from a CDN,
which the content security policy and the PDF would both refuse.
"""

import base64
import hashlib
import json
import re
import uuid

# Only builds and serialises pygal's own tree; nothing here parses XML from outside.
import xml.etree.ElementTree as ElementTree  # nosec B405

import pygal
from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe
from pygal.style import Style

from astnet.figures import Figure

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
    title_font_size=18,
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=14,
    value_font_size=13,
)

KINDS = {
    "bar": pygal.Bar,
    "line": pygal.Line,
    "stacked": pygal.StackedBar,
    "hbar": pygal.HorizontalBar,
}


CACHE_SECONDS = 15 * 60


def render(figure: Figure) -> SafeString:
    """The figure's chart as inline SVG (no XML declaration), ready for a template.

    Drawing is the slowest part of a dashboard, and the same figures are looked at again and again,
    so the SVG is cached under a hash of everything it shows (only published, suppressed values).
    """
    key = (
        "chart:"
        + hashlib.sha256(
            json.dumps(
                [
                    figure.chart_kind,
                    figure.title,
                    figure.description,
                    figure.row_labels,
                    figure.chart_series(),
                ],
                default=str,
            ).encode()
        ).hexdigest()
    )
    svg = cache.get(key)
    if svg is None:
        svg = _draw(figure)
        cache.set(key, svg, CACHE_SECONDS)
    # Built by pygal and ElementTree, which escape every text and attribute they write.
    return mark_safe(svg)  # noqa: S308  # nosec B308 B703


def _draw(figure: Figure) -> str:
    chart = KINDS[figure.chart_kind](
        style=STYLE,
        js=[],
        disable_xml_declaration=True,
        explicit_size=False,
        width=800,
        height=420,
        title=figure.title,
        x_label_rotation=30 if len(figure.row_labels) > 6 else 0,
        show_minor_x_labels=len(figure.row_labels) <= 26,
        legend_at_bottom=True,
        print_values=False,
        tooltip_border_radius=0,
        no_data_text="Ingen tal at vise",
        allow_interruptions=True,
    )
    chart.x_labels = figure.row_labels
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


def with_nonce(svg: str, nonce: str) -> SafeString:
    """Lets the chart's own <style> through the content security policy of the web page."""
    # The nonce is a token from django-csp (URL-safe characters) and svg is render()'s safe output.
    return mark_safe(re.sub(r"<style\b", f'<style nonce="{nonce}"', svg))  # noqa: S308  # nosec B308 B703
