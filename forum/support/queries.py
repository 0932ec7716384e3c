"""What other features may ask of support: the countries that have crisis lines."""

from forum.support.lines import country_choices, lines_for


def countries_with_lines() -> list[tuple[str, str]]:
    """(code, name) of every country the crisis-lines file lists, in its order."""
    return country_choices()


def has_lines(country: str | None) -> bool:
    """Whether the help page has lines for this country code."""
    return lines_for(country) is not None
