"""The one slug function: every slug and file name the site makes comes from here (issue 18).

Django's own `slugify` drops letters it cannot decompose, so "Hørsholmsgade 20" became
"hrsholmsgade-20". Danish letters are spelt out the way Danes write them without the letters:
æ → ae, ø → oe, å → aa; other accents lose their mark (é → e) as before.
"""

from django.utils.text import slugify as _ascii_slugify  # noqa: TID251  (the one door)

_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def slugify(value: object, *, max_length: int | None = None) -> str:
    """A lower-case ASCII slug (letters, digits, hyphens) of `value`, Danish letters spelt out.

    `max_length` cuts the slug (and any hyphen the cut leaves at the end) to fit a SlugField.
    """
    slug = _ascii_slugify(str(value).translate(_DANISH))
    if max_length is not None:
        slug = slug[:max_length].rstrip("-")
    return slug
