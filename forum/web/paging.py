"""Reading the page number of a list from the address, the same way on every page."""

from flask import request


def page_number(name: str = "page") -> int:
    """The page asked for: a positive whole number, else the first page.

    isdecimal, not isdigit: "²" is a digit that int() refuses; the length bounds int().
    """
    raw = request.args.get(name, "1")
    if raw.isdecimal() and len(raw) < 6 and int(raw) > 0:
        return int(raw)
    return 1
