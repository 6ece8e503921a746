"""The one PDF renderer: every PDF astnet sends (reports, programmes, minutes, exports, workshop
summaries) goes through `render_pdf`, so all are tagged for screen readers and use the same fonts."""

from django.template.loader import render_to_string

_NO_LIGATURES = "* { font-variant-ligatures: none; }"


def render_pdf(html: str) -> bytes:
    """Render a complete HTML document (styles inline, no external files) to PDF bytes.

    Tagged (`pdf_tags`): headings, tables and reading order stay navigable for screen readers
    (WCAG 2.1, the Danish web accessibility act). `full_fonts`: subsetting took a second of every
    report and saved no space. No ligatures: with full fonts a ligature's text is U+FB01/FB02, so
    "aflyst" could not be searched, copied or read aloud as written. No base URL: a PDF template never fetches anything, so rendering
    cannot reach the network or the file system.
    """
    from weasyprint import CSS, HTML

    return HTML(string=html, base_url=None).write_pdf(
        stylesheets=[CSS(string=_NO_LIGATURES)], pdf_tags=True, full_fonts=True
    )


def load_renderer() -> None:
    """Imports WeasyPrint (about 0.6 s) ahead of the first PDF a process renders."""
    import weasyprint  # noqa: F401


def render_pdf_template(template_name: str, context: dict, request=None) -> bytes:
    """Render a Django template (`template_name`, with `context` and optional `request`) to PDF bytes."""
    return render_pdf(render_to_string(template_name, context, request=request))
