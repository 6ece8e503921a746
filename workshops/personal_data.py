"""Workshops (samskabelse) hold no citizen's data (issue 16; the registry is
`astnet/personal_data.py`): inputs are anonymous, and these texts describe the process."""

from astnet.personal_data import Treatment, declare

KEEP = Treatment.KEEP
ABOUT = "Describes the co-creation process for its participants; no one's input is signed."

declare("workshops.process", fields={"description": KEEP}, reason=ABOUT)
declare("workshops.milestone", fields={"description": KEEP}, reason=ABOUT)
declare("workshops.workshop", fields={"purpose": KEEP}, reason=ABOUT)
declare("workshops.scenario", fields={"description": KEEP, "reason": KEEP}, reason=ABOUT)
