"""Crisis lines by country: the shipped file, or the admin's own, read once per change, and
shown in the reader's language.

The country is always one the member chose in Settings or the reader picked on the help
page; nothing here looks at an address or a browser's language to choose it (the language
only decides the words: a country's name, and a line's hours and description).
"""

import logging
import re
import tomllib
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from threading import Lock

from babel import Locale, UnknownLocaleError
from flask import current_app

from forum.i18n import current_locale
from forum.support.phones import dialled

SHIPPED = Path(__file__).with_name("crisis-lines.toml")
# Anyone may look up a line on this directory; Hearth links to it and loads nothing from it.
DIRECTORY_URL = "https://findahelpline.com"

log = logging.getLogger(__name__)

_CODE = re.compile(r"[A-Z]{2}")
_NUMBER = re.compile(r"\+?[0-9][0-9 ()\-]{1,24}")
_WORD = re.compile(r"[A-Za-z0-9]{1,20}")
# The words a file may give again in another language: `hours_es`, `about_fr`, `name_es`.
_IN_LANGUAGE = re.compile(r"(?P<key>[a-z]+)_(?P<language>[a-z]{2})")
LINE_WORDS = ("hours", "about")
# The language the plain fields (`name`, `hours`, `about`) are written in.
FILE_LANGUAGE = "en"


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
    # The hours and the description in other languages: {"es": {"hours": "..."}}.
    words_in: dict[str, dict[str, str]] = field(default_factory=dict, compare=False)

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
    # The name in another language, where the file gives one: {"es": {"name": "..."}}.
    words_in: dict[str, dict[str, str]] = field(default_factory=dict, compare=False)

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


def _words_in(table: dict, keys: tuple[str, ...], where: str) -> dict[str, dict[str, str]]:
    """The fields in `keys` as the file gives them again in other languages (`about_es`)."""
    found: dict[str, dict[str, str]] = {}
    for name in table:
        match = _IN_LANGUAGE.fullmatch(name)
        if match and match["key"] in keys:
            found.setdefault(match["language"], {})[match["key"]] = _text(table, name, where)
    return found


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
        words_in=_words_in(table, LINE_WORDS, where),
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
        words_in=_words_in(table, ("name",), f"[{code}]"),
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


def _country_name(country: Country, language: str) -> str:
    """The file's own name in that language, else the one Babel knows, else the file's."""
    given = country.words_in.get(language, {}).get("name")
    if given or language == FILE_LANGUAGE:
        return given or country.name
    try:
        return Locale.parse(language).territories.get(country.code, country.name)
    except (UnknownLocaleError, ValueError):
        return country.name


def _line_in(line: Line, language: str) -> Line:
    """The line's hours and description in that language, each one left as the file's
    plain field where the file does not give it in that language."""
    words = line.words_in.get(language, {})
    return replace(line, **{key: words[key] for key in LINE_WORDS if key in words})


def in_language(country: Country, language: str) -> Country:
    """The country as a reader of `language` reads it: its name, its lines' hours and words."""
    if language == FILE_LANGUAGE:
        return country
    return replace(
        country,
        name=_country_name(country, language),
        lines=tuple(_line_in(line, language) for line in country.lines),
    )


def lines_for(country: str | None) -> Country | None:
    """The crisis lines of a country by its code, in the reader's language, or None: the page
    then says to call the local emergency number and links to the list of every country."""
    found = all_countries().get(country.upper()) if country else None
    return in_language(found, current_locale()) if found is not None else None


def every_country() -> list[Country]:
    """Every country with its lines, in the reader's language, as the file orders them."""
    language = current_locale()
    return [in_language(country, language) for country in all_countries().values()]


def country_choices() -> list[tuple[str, str]]:
    """(code, name) for every country with lines, named in the reader's language, as the
    file orders them."""
    language = current_locale()
    return [(code, _country_name(country, language)) for code, country in all_countries().items()]
