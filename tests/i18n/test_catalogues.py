"""Every language's catalogue is whole: nothing left in English, nothing fuzzy, nothing stale."""

import re
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from forum.i18n import SUPPORTED_LOCALES

TRANSLATIONS = Path(__file__).resolve().parents[2] / "forum" / "translations"
TRANSLATED = [locale for locale in SUPPORTED_LOCALES if locale != "en"]
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def catalogue(locale: str):
    with (TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=locale)


def template():
    with (TRANSLATIONS / "messages.pot").open("rb") as handle:
        return read_po(handle)


def _forms(text) -> tuple:
    return tuple(text) if isinstance(text, tuple | list) else (text,)


def _key(msgid) -> str:
    return _forms(msgid)[0]


@pytest.mark.parametrize("locale", TRANSLATED)
def test_every_string_a_person_sees_is_translated(locale):
    """A reader never meets an English sentence the translators have not seen."""
    untranslated = [m.id for m in catalogue(locale) if m.id and not all(_forms(m.string))]
    assert untranslated == []


@pytest.mark.parametrize("locale", TRANSLATED)
def test_no_translation_is_a_guess(locale):
    """A fuzzy entry (an old translation kept for a changed sentence) is never shipped."""
    fuzzy = [m.id for m in catalogue(locale) if m.id and m.fuzzy]
    assert fuzzy == []


@pytest.mark.parametrize("locale", TRANSLATED)
def test_the_catalogue_holds_every_marked_string(locale):
    """`make messages` was run after the last string was marked: the catalogue knows them all."""
    known = {m.id for m in catalogue(locale)}
    missing = [m.id for m in template() if m.id and m.id not in known]
    assert missing == [], "run `make messages` and translate what it adds"


@pytest.mark.parametrize("locale", TRANSLATED)
def test_translations_keep_every_placeholder(locale):
    """A name, a link or a count in the English sentence is in the translated one too."""
    broken = []
    for message in catalogue(locale):
        if not message.id:
            continue
        wanted = set(PLACEHOLDER.findall(" ".join(_forms(message.id))))
        for form in _forms(message.string):
            # The singular may say "one" in words rather than the number.
            if set(PLACEHOLDER.findall(form)) - wanted:
                broken.append((message.id, form))
        if not set(PLACEHOLDER.findall(_forms(message.string)[-1])) >= wanted:
            broken.append((message.id, message.string))
    assert broken == []


@pytest.mark.parametrize("locale", TRANSLATED)
def test_the_compiled_catalogue_matches_its_source(locale):
    """What the forum reads (.mo, built by `make install`) says what the .po says."""
    compiled = TRANSLATIONS / locale / "LC_MESSAGES" / "messages.mo"
    assert compiled.exists(), "run `make install` (or `make messages`) to compile the catalogues"
    with compiled.open("rb") as handle:
        built = {_key(m.id): _forms(m.string) for m in read_mo(handle) if m.id}
    source = {_key(m.id): _forms(m.string) for m in catalogue(locale) if m.id}
    assert built == source, "the .mo is older than the .po: run `make install`"


def test_the_template_is_up_to_date_with_the_code():
    """Every string marked in the code and templates today is in messages.pot: a sentence
    marked without `make messages` would reach Spanish readers in English."""
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir

    root = TRANSLATIONS.parents[1]
    keywords = dict(DEFAULT_KEYWORDS, _l=None, lazy_gettext=None, counted=(1, 2))
    method_map = [("forum/**.py", "python"), ("forum/templates/**.html", "jinja2")]
    options = {"forum/templates/**.html": {"extensions": "jinja2.ext.do", "trimmed": "true"}}
    marked = {
        _key(message)
        for _file, _line, message, _comments, _context in extract_from_dir(
            root, method_map, options, keywords
        )
    }
    known = {_key(m.id) for m in template() if m.id}
    assert sorted(marked - known) == []
