"""The names the load gives its pages, and the floor each page is measured against (issue 22).
Free of Django, so the locustfile can import it."""

ANONYMOUS_FLOOR = "floor, anonymous (1 query)"
STAFF_FLOOR = "floor, staff (session, user, memberships, 1 query)"
CHECK_IN = "check-in (htmx POST)"
ROSTER = "roster"
CITIZEN = "citizen page (with courses and goals)"
DASHBOARD = "district dashboard"
CITY = "city overview"
PROGRAMME = "public programme (varied weeks)"

# A staff page pays for the session, the user and the memberships; a public page for none of them.
FLOOR_OF = {
    STAFF_FLOOR: STAFF_FLOOR,
    ANONYMOUS_FLOOR: ANONYMOUS_FLOOR,
    CHECK_IN: STAFF_FLOOR,
    ROSTER: STAFF_FLOOR,
    CITIZEN: STAFF_FLOOR,
    DASHBOARD: STAFF_FLOOR,
    CITY: STAFF_FLOOR,
    PROGRAMME: ANONYMOUS_FLOOR,
}
