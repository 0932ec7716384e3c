"""Crisis lines by country: the shipped file, or the admin's own, read once per change.

The country is always one the member chose in Settings or the reader picked on the help
page; nothing here looks at an address or a browser's language.
"""

import logging
import re
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from threading import Lock

from flask import current_app

from forum.support.phones import dialled

SHIPPED = Path(__file__).with_name("crisis-lines.toml")
# Anyone may look up a line on this directory; Hearth links to it and loads nothing from it.
DIRECTORY_URL = "https://findahelpline.com"

log = logging.getLogger(__name__)

_CODE = re.compile(r"[A-Z]{2}")
_NUMBER = re.compile(r"\+?[0-9][0-9 ()\-]{1,24}")
_WORD = re.compile(r"[A-Za-z0-9]{1,20}")


class BadLinesFile(ValueError):
    """The file is not TOML, or a country or a line in it lacks what the page needs."""


@dataclass(frozen=True)
class Line:
    name: str
    hours: str
    checked: date
    phone: str | None = None
    text: str | None = None
    text_word: str | None = None
    about: str | None = None
    url: str | None = None

    @property
    def tel(self) -> str | None:
        return f"tel:{dialled(self.phone)}" if self.phone else None

    @property
    def site(self) -> str | None:
        """The web address as a reader says it: "988lifeline.org"."""
        if not self.url:
            return None
        return self.url.split("://", 1)[1].removeprefix("www.").rstrip("/")

    @property
    def sms(self) -> str | None:
        if not self.text:
            return None
        body = f"?&body={self.text_word}" if self.text_word else ""
        return f"sms:{dialled(self.text)}{body}"


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    emergency: str
    checked: date
    lines: tuple[Line, ...]

    @property
    def emergency_tel(self) -> str:
        return f"tel:{dialled(self.emergency)}"


def _text(table: dict, key: str, where: str, required: bool = True, pattern=None) -> str | None:
    value = table.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise BadLinesFile(f"{where}: {key} must be some words in quotes")
    if pattern is not None and not pattern.fullmatch(value.strip()):
        raise BadLinesFile(f"{where}: {key} {value!r} is not in the expected form")
    return value.strip()


def _date(table: dict, where: str, default: date | None = None) -> date:
    value = table.get("checked", default)
    if not isinstance(value, date):
        raise BadLinesFile(f"{where}: checked must be a date, like 2026-12-03")
    return value


def _line(table, where: str, checked: date) -> Line:
    if not isinstance(table, dict):
        raise BadLinesFile(f"{where} is not a table")
    url = _text(table, "url", where, required=False)
    if url is not None and not url.startswith(("https://", "http://")):
        raise BadLinesFile(f"{where}: url must start with https://")
    line = Line(
        name=_text(table, "name", where),
        hours=_text(table, "hours", where),
        checked=_date(table, where, checked),
        phone=_text(table, "phone", where, required=False, pattern=_NUMBER),
        text=_text(table, "text", where, required=False, pattern=_NUMBER),
        text_word=_text(table, "text_word", where, required=False, pattern=_WORD),
        about=_text(table, "about", where, required=False),
        url=url,
    )
    if line.phone is None and line.text is None:
        raise BadLinesFile(f"{where}: a line needs a phone number, a text number or both")
    return line


def _country(code: str, table) -> Country:
    if not _CODE.fullmatch(code) or not isinstance(table, dict):
        raise BadLinesFile(f"[{code}] must be a two-letter country code, like [ES]")
    checked = _date(table, f"[{code}]")
    lines = table.get("lines")
    if not isinstance(lines, list) or not lines:
        raise BadLinesFile(f"[{code}] has no [[{code}.lines]]")
    return Country(
        code=code,
        name=_text(table, "name", f"[{code}]"),
        emergency=_text(table, "emergency", f"[{code}]", pattern=_NUMBER),
        checked=checked,
        lines=tuple(_line(t, f"[{code}] line {n}", checked) for n, t in enumerate(lines, 1)),
    )


def parse_lines(text: str) -> dict[str, Country]:
    """Every country in a crisis-lines file, in the file's order; BadLinesFile if any is wrong."""
    try:
        tables = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise BadLinesFile(str(error)) from error
    if not tables:
        raise BadLinesFile("the file names no country")
    return {code: _country(code, table) for code, table in tables.items()}


class _Read:
    """What each file held when last read, by path: (modification time, countries or None)."""

    def __init__(self):
        self.files: dict[Path, tuple[int, dict[str, Country] | None]] = {}
        self.lock = Lock()

    def countries(self, path: Path) -> dict[str, Country] | None:
        """The file's countries, parsed again only when it changed; None if it is broken."""
        stamp = path.stat().st_mtime_ns
        with self.lock:
            known = self.files.get(path)
            if known is not None and known[0] == stamp:
                return known[1]
            try:
                found = parse_lines(path.read_text(encoding="utf-8"))
            except (BadLinesFile, OSError, UnicodeDecodeError) as error:
                log.error("Crisis lines in %s are not shown, the shipped ones are: %s", path, error)
                found = None
            self.files[path] = (stamp, found)
            return found


_read = _Read()


def all_countries() -> dict[str, Country]:
    """The admin's file if there is one and it reads well, else the one Hearth ships."""
    own = Path(current_app.config["CRISIS_LINES_PATH"])
    if own.is_file():
        try:
            found = _read.countries(own)
        except OSError:
            found = None  # gone between the two looks: the shipped file it is
        if found is not None:
            return found
    return _read.countries(SHIPPED) or {}


def lines_for(country: str | None) -> Country | None:
    """The crisis lines of a country by its code, or None: the page then says to call the
    local emergency number and links to the list of every country."""
    if not country:
        return None
    return all_countries().get(country.upper())


def country_choices() -> list[tuple[str, str]]:
    """(code, name) for every country with lines, as the file orders them."""
    return [(code, country.name) for code, country in all_countries().items()]
