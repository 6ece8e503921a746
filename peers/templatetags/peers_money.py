from django import template

from peers.councils.money import kroner as format_kroner

register = template.Library()


@register.filter
def kroner(ore) -> str:
    return format_kroner(ore)
