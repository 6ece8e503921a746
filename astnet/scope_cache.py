"""Scopes built once per process for the same user with the same memberships (issue 22).

A scope rule turns the user and their memberships into a queryset whose conditions are compared
in SQL when the query runs: which citizens visit which offer, who runs which course, who sits on
which council are read by the database at that moment, never by the rule. So the same user with the
same memberships always gets the same queryset, and building it again on every request only costs
time (about 0.7 ms for the citizens' scope, more for a scope nested in another's rule).

`shared` keeps what a build made under a key that holds everything a rule could read in Python:
the user's id and whether they are active, and every field of their memberships and of the offer,
district and council loaded with each. A role given or taken, an offer moved to another district
or a council's scope changed gives a new key. A build that reads the database (a rule that asks a
question in Python rather than in SQL) is never kept: its answer could change without the key
changing (tests/astnet/test_scope_cache.py walks every rule for every role to show none does).
"""

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from contextlib import ExitStack

from django.db import connections

logger = logging.getLogger(__name__)

# Far more than the users with distinct memberships one worker serves; the oldest go first.
SIZE = 4096

_built: OrderedDict[tuple, object] = OrderedDict()
_lock = threading.Lock()


def _fields(instance) -> tuple:
    if instance is None:
        return ()
    return tuple(getattr(instance, field.attname) for field in instance._meta.concrete_fields)


def user_key(user, memberships) -> tuple:
    """What a scope rule may read of `user` in Python: their id and active flag, and every field
    of each membership and of the offer, district and council loaded with it."""
    return (
        user.pk,
        user.is_active,
        tuple(
            sorted(
                (_fields(m), _fields(m.offer), _fields(m.district), _fields(m.council))
                for m in memberships
            )
        ),
    )


def shared(what: tuple, user: tuple, build: Callable[[], object]) -> object:
    """What `build()` makes for `what` (e.g. ("scope", label, action)) and `user` (`user_key`),
    built once per process and handed out as the same object: the caller copies a queryset
    before using it, as `astnet.access.memoised` does. A build that ran a query is returned but
    not kept."""
    key = (what, user)
    with _lock:
        if key in _built:
            _built.move_to_end(key)
            return _built[key]
    value, queried = _built_without_queries(build)
    if queried:
        # What was built only: never the user or what the rule read.
        logger.warning("%s read the database while it was built: not kept", what)
        return value
    with _lock:
        _built[key] = value
        while len(_built) > SIZE:
            _built.popitem(last=False)
    return value


def _built_without_queries(build: Callable[[], object]) -> tuple[object, bool]:
    queries: list[str] = []

    def note(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with ExitStack() as stack:
        for alias in connections:
            stack.enter_context(connections[alias].execute_wrapper(note))
        value = build()
    return value, bool(queries)


def clear() -> None:
    """Forget every scope kept (tests, and after a change to the rules themselves)."""
    with _lock:
        _built.clear()
