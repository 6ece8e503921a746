"""The strings a programme line shows, made once per activity in Python for the public pages'
templates (issue 22: a week of the city shows sixty occurrences; filters and translation tags
per occurrence cost more than the rest of the page)."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def for_display(occurrences: list) -> list:
    """Gives each occurrence's activity the strings its line shows (`time_range`, `facts`), made
    once per activity in Python instead of by filters and translation tags per occurrence in the
    template: a week of the city shows sixty (issue 22). Returns the same list."""
    for occurrence in occurrences:
        activity = occurrence.activity
        if hasattr(activity, "facts"):
            continue
        activity.time_range = f"{activity.start_time:%H.%M}–{activity.end_time:%H.%M}"
        facts = [activity.get_kind_display()]
        if activity.place == "out":
            facts.append(
                f"{_('Ud af huset')}: {activity.place_note}"
                if activity.place_note
                else _("Ud af huset")
            )
        if activity.user_run:
            facts.append(_("Brugerstyret"))
        if activity.with_volunteers:
            facts.append(_("Med frivillige"))
        if activity.signup_required:
            signup = _("Kræver tilmelding")
            if activity.capacity:
                places = ngettext("%(counter)s plads", "%(counter)s pladser", activity.capacity)
                signup = f"{signup} ({places % {'counter': activity.capacity}})"
            facts.append(signup)
        facts.append(
            _("Pris %(price)s kr.") % {"price": activity.price_kroner}
            if activity.price_ore
            else _("Gratis")
        )
        activity.facts = " · ".join(str(fact) for fact in facts)
        activity.offer.subscribe_label = _("Abonnér på kalenderen for %(offer)s") % {
            "offer": activity.offer.name
        }
    return occurrences
