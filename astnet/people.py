"""A user as pages name them: the only columns a list needs to print who did something."""

from django.contrib.auth import get_user_model


def name_fields(*relations: str) -> list[str]:
    """The `QuerySet.only()` paths that name the users behind each relation: what
    `User.get_full_name()` and `get_username()` read, not the password hash, the e-mail address
    and the dates (issue 22: fewer columns, less work for the ORM on every row). E.g.
    `name_fields("staff")` → ["staff__first_name", "staff__last_name", "staff__username"]."""
    fields = ("first_name", "last_name", get_user_model().USERNAME_FIELD)
    return [f"{relation}__{field}" for relation in relations for field in fields]
