"""The goal progress chart for templates that show goals outside the goal page (the citizen page)."""

from django import template

from citizens.courses import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def goal_progress_chart(context, goal) -> str:
    """An SVG line chart of the goal's ratings; empty when there are none to draw."""
    if not goal.ratings.all():
        return ""
    return selectors.progress_chart(goal, context["request"].csp_nonce)
