"""Queries compiled to SQL once per process for the same user with the same memberships, and run
again with other ids (issue 22).

Building and compiling a queryset costs Python time on every request: about 1.8 ms of the citizen
page's 2.2 ms lookup, of which PostgreSQL took 0.45 ms (measured 3 December 2026). The pages read
the same few queries over and over, for the same user, with only an id changed. Here such a query
is built by a module-level function `build(user, *ids)` and compiled twice, with two different
sets of stand-in ids; the parameters where the two compilations differ are the ids' places. Every
later request with the same key runs that SQL with its own ids in those places and turns the rows
into objects exactly as the queryset would (its own iterable: model objects, dicts, select_related).

The rules a build must keep (the same as a scope rule's, `astnet.access.rule`):

- it reads the user only through the door (`access.scope`, `follows`, `rows_about`), whose
  answers depend on nothing but the user and their memberships (`scope_cache.user_key`, the key
  here too); `rows_about` asks the rule while a kept query is compiled (`access.COMPILING`), so
  nothing one request found shapes another's query;
- it uses the ids only as values in the query (a filter, a RawSQL parameter), never to decide
  anything in Python, and writes them unchanged.

A build whose two compilations differ in anything but the ids' values is never kept: it runs as
an ordinary queryset every time (and the test of each use proves it is kept).
"""

import copy
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet, MultipleObjectsReturned
from django.db import connections, router
from django.db.models import Model, QuerySet
from django.http import Http404

from astnet import access

# Two sets of stand-in ids, within a 32-bit integer column's range (an id out of range would
# compile to no query at all); no two alike, so each place tells which id it holds.
_FIRST = (1_987_654_321, 1_987_654_323, 1_987_654_325, 1_987_654_327)
_SECOND = (1_876_543_211, 1_876_543_213, 1_876_543_215, 1_876_543_217)

Build = Callable[..., QuerySet]
_INT32 = -(2**31)


@dataclass(frozen=True)
class _Compiled:
    """A queryset as built with the first stand-ins, its compiler (select, converters, related
    objects), its SQL and parameters, and which parameter (index) takes which id (position)."""

    queryset: QuerySet
    compiler: object
    sql: str
    params: tuple
    slots: tuple[tuple[int, int], ...]


# A build whose scope is empty for the user: no SQL, no rows, whatever the ids.
_NOTHING = "nothing"


def rows(user, build: Build, *ids: int) -> list:
    """`list(build(user, *ids))`, compiled once per process for the same user with the same
    memberships (see the module's docstring). `ids` are ints (at most four); raises TypeError
    for anything else and ValueError for a build that is not a module-level function."""
    if any(type(value) is not int for value in ids) or len(ids) > len(_FIRST):
        raise TypeError("ids must be at most four ints")
    if "<" in build.__qualname__:
        raise ValueError(f"{build.__qualname__}: a kept query is built by a module-level function")
    # Beyond a 32-bit column's range the ORM knows no row can match (Django's integer lookups,
    # astnet.lookups); a kept query would send the value and the database would refuse it.
    if not (user.is_authenticated and user.is_active) or not all(
        _INT32 <= v < -_INT32 for v in ids
    ):
        return list(build(user, *ids))
    key = ("compiled", build.__module__, build.__qualname__, len(ids))
    compiled = access.memoised(user, key, lambda: _compile(user, build, len(ids)))
    if compiled is _NOTHING:
        return []
    if compiled is None or router.db_for_read(compiled.queryset.model) != compiled.queryset.db:
        return list(build(user, *ids))
    return _run(compiled, ids)


def get_in_scope(user, build: Build, *ids: int, action: access.ScopeAction = "view") -> Model:
    """`access.get_in_scope(user, build(user, *ids), action, pk=ids[0])`, compiled once per
    process as `rows`: the object whose primary key is the first id, 404 when it is missing or
    outside the user's `action` scope. Remembered as found for `rows_about`, as the door does."""
    found = rows(user, _in_scope(build, action), *ids)
    if not found:
        raise Http404
    if len(found) > 1:
        raise MultipleObjectsReturned(f"{len(found)} rows for one primary key")
    access.note_found(user, found[0], action)
    return found[0]


_IN_SCOPE: dict[tuple, Build] = {}


def _in_scope(build: Build, action: access.ScopeAction) -> Build:
    """A module-level-named build of the rows `get_in_scope` picks from: `build`'s rows in the
    user's `action` scope with the first id as primary key (at most two: one too many is
    enough to refuse)."""
    key = (build, action)
    if key not in _IN_SCOPE:

        def in_scope(user, pk, *more):
            return access.in_scope(user, build(user, pk, *more), action).filter(pk=pk)[:2]

        # Named after the build it wraps, so two builds never share a kept query.
        in_scope.__module__ = build.__module__
        in_scope.__qualname__ = f"{build.__qualname__}.in_scope.{action}"
        _IN_SCOPE[key] = in_scope
    return _IN_SCOPE[key]


def _compile(user, build: Build, count: int):
    """The kept form of `build` for `count` ids, `_NOTHING` for an empty scope, or None when the
    two compilations do not show where each id goes."""
    setattr(user, access.COMPILING, True)
    try:
        first, second = build(user, *_FIRST[:count]), build(user, *_SECOND[:count])
    finally:
        delattr(user, access.COMPILING)
    try:
        compiler = first.query.get_compiler(using=first.db)
        sql, params = compiler.as_sql()
        other_sql, other_params = second.query.get_compiler(using=second.db).as_sql()
    except EmptyResultSet:
        return _NOTHING
    if sql != other_sql or len(params) != len(other_params) or first.db != second.db:
        return None
    slots = []
    for index, (one, other) in enumerate(zip(params, other_params, strict=True)):
        if one == other:
            continue
        if one not in _FIRST[:count] or _FIRST.index(one) != _SECOND.index(other):
            return None
        slots.append((index, _FIRST.index(one)))
    return _Compiled(first, compiler, sql, tuple(params), tuple(slots))


def _run(compiled: _Compiled, ids: tuple[int, ...]) -> list:
    params = list(compiled.params)
    for index, position in compiled.slots:
        params[index] = ids[position]
    # A copy of the kept compiler for this run, on this thread's connection, answering its own
    # SQL with these parameters instead of compiling the query again.
    compiler = copy.copy(compiled.compiler)
    compiler.connection = connections[compiled.queryset.db]
    compiler.as_sql = lambda *args, **kwargs: (compiled.sql, params)
    queryset = compiled.queryset._chain()
    queryset.query.get_compiler = lambda *args, **kwargs: compiler
    return list(queryset)
