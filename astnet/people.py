"""A user as pages name them: the only columns a list needs to print who did something."""

# What `User.get_full_name()` and `get_username()` read: a page that only names a user loads
# these, not the password hash, the e-mail address and the dates (issue 22: fewer columns, less
# work for the ORM on every row).
NAME_FIELDS = ("first_name", "last_name", "username")


def name_fields(*relations: str) -> list[str]:
    """The `QuerySet.only()` paths that name the users behind each relation, e.g.
    `name_fields("staff")` → ["staff__first_name", "staff__last_name", "staff__username"]."""
    return [f"{relation}__{field}" for relation in relations for field in NAME_FIELDS]
