"""A goal's progress for templates: its chart outside the goal page (the citizen page), and the
rows of its ratings table."""

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from astnet import charts
from astnet.formats import format_date

register = template.Library()


@register.simple_tag(takes_context=True)
def goal_progress_chart(context, goal) -> str:
    """`{% goal_progress_chart goal as chart %}`: the goal's chart as `courses_for_citizen` drew
    it (`goal.chart_svg`), its <style> let through the page's content security policy; empty
    when there are no ratings to draw."""
    if not goal.chart_svg:
        return ""
    return charts.with_nonce(goal.chart_svg, context["request"].csp_nonce)


@register.filter
def rating_rows(ratings) -> SafeString:
    """`{{ ratings|rating_rows }}`: the ratings table's rows (date, score, note or "–"), every
    value escaped. Made in Python, not by a template loop: the loop took about 290 Python calls
    a rating, and the citizen page shows every goal's ratings (issue 22)."""
    return format_html_join(
        "",
        "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
        ((format_date(rating.rated_on), rating.score, rating.note or "–") for rating in ratings),
    )
