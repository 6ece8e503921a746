"""The decision rule of a council vote (issue 19), free of the database so it can be tested on its
own: quorum first, then a majority of yes over no, then the tie rule. Abstentions count towards the
quorum but not the majority; recused members are neither eligible nor counted."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

QUORUM_MORE_THAN_HALF = "more_than_half"
QUORUM_TWO_THIRDS = "two_thirds"
QUORUM_ALL = "all"
TIE_REJECT = "reject"
TIE_CHAIR_DECIDES = "chair_decides"
YES, NO, ABSTAIN = "yes", "no", "abstain"


@dataclass(frozen=True)
class VoteRules:
    """The rules a vote is decided by, fixed when it opened: `quorum_rule` and `tie_rule` take the
    values of `Council.Quorum` and `Council.TieRule`."""

    quorum_rule: str
    tie_rule: str


@dataclass(frozen=True)
class Tally:
    """The counted votes of the members eligible to vote (recused members left out): `eligible`
    voting seats, and the chair's own choice (`"yes"`/`"no"`/`"abstain"`, None if the chair did
    not vote or is not eligible)."""

    yes: int
    no: int
    abstain: int
    eligible: int
    chair_choice: str | None

    @property
    def cast(self) -> int:
        return self.yes + self.no + self.abstain


def quorum_met(rule: str, *, cast: int, eligible: int) -> bool:
    """Whether `cast` votes out of `eligible` voting members make the council able to decide."""
    if eligible <= 0:
        return False
    if rule == QUORUM_TWO_THIRDS:
        return cast * 3 >= eligible * 2
    if rule == QUORUM_ALL:
        return cast >= eligible
    return cast * 2 > eligible


def decide(rules: VoteRules, result: Tally) -> tuple[bool, str]:
    """Approved or not, and why in plain Danish, for `result` under `rules`."""
    counted = _("%(yes)s stemte ja, %(no)s nej og %(abstain)s blankt.") % {
        "yes": result.yes,
        "no": result.no,
        "abstain": result.abstain,
    }
    if not quorum_met(rules.quorum_rule, cast=result.cast, eligible=result.eligible):
        return False, _(
            "Rådet var ikke beslutningsdygtigt: kun %(cast)s af %(eligible)s stemte."
        ) % {"cast": result.cast, "eligible": result.eligible}
    if result.yes > result.no:
        return True, _("Flertallet stemte ja.") + " " + counted
    if result.no > result.yes:
        return False, _("Flertallet stemte nej.") + " " + counted
    if rules.tie_rule == TIE_CHAIR_DECIDES and result.chair_choice == YES:
        return True, _("Stemmelighed; formandens ja-stemme afgjorde det.") + " " + counted
    return False, _("Stemmelighed betyder afslag.") + " " + counted
