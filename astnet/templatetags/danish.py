"""`danish_date`, `number` and `suppression_note`, built into every template (settings.TEMPLATES) so no page writes a
date or a count its own way (issue 20)."""

from django import template

from astnet import privacy
from astnet.formats import OPTIONS, format_date, format_number

register = template.Library()


@register.filter
def danish_date(value, options: str = "") -> str:
    """`{{ day|danish_date }}` → "1. okt. 2026"; options, comma-separated: weekday, no_year, time,
    month (see astnet.formats.format_date)."""
    chosen = {option.strip() for option in options.split(",") if option.strip()}
    unknown = chosen - OPTIONS
    if unknown:
        raise template.TemplateSyntaxError(f"danish_date: unknown options {sorted(unknown)}")
    return format_date(
        value,
        weekday="weekday" in chosen,
        year="no_year" not in chosen,
        time="time" in chosen,
        month="month" in chosen,
    )


@register.filter
def number(value, decimals=None) -> str:
    """`{{ count|number }}` → "12.345"; `{{ share|number:1 }}` → "3,5"."""
    if value in (None, ""):
        return "–"
    if isinstance(value, str):
        return value
    return format_number(value, None if decimals is None else int(decimals))


@register.simple_tag
def suppression_note() -> str:
    """`{% suppression_note %}`: what "<5" and "x" mean, the one wording of astnet.privacy.method_note."""
    return privacy.method_note()
