"""Reading numbers from the address (a list's page, a record's id) the same way on every page."""

from flask import request


def page_from(raw) -> int:
    """A positive whole number of at most five digits, else the first page.

    isdecimal, not isdigit: "²" is a digit that int() refuses; the length bounds int().
    """
    raw = str(raw or "")
    if raw.isdecimal() and len(raw) < 6 and int(raw) > 0:
        return int(raw)
    return 1


def page_number(name: str = "page") -> int:
    """The page of a list asked for in the query string."""
    return page_from(request.args.get(name, "1"))


def id_from(raw) -> int | None:
    """A record's id as typed in an address or a hidden field, or None if it can't be one."""
    raw = str(raw or "")
    return int(raw) if raw.isdecimal() and len(raw) <= 18 else None
