"""Crisis lines by country: the member's chosen country first, the fallback for everyone else."""

import json
import logging
import os
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from forum.accounts.models import User
from forum.extensions import db
from forum.support import lines
from tests.factories import PASSWORD, make_thread, make_user

FALLBACK = "call your local emergency number"
SHIPPED_COUNTRIES = {"US", "GB", "IE", "CA", "AU", "ES", "MX", "AR"}

OWN_FILE = """
[NZ]
name = "Aotearoa New Zealand"
emergency = "111"
checked = 2026-11-30

[[NZ.lines]]
name = "Harbour Night Line"
phone = "0800 123 456"
text = "4321"
text_word = "KIA"
hours = "Every night, 18:00-06:00"
"""


def _page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


def _member_in(country: str | None, name: str | None = None) -> User:
    return make_user(name, country=country)


def _own_file(app, text: str) -> Path:
    path = Path(app.config["CRISIS_LINES_PATH"])
    path.write_text(text, encoding="utf-8")
    return path


def test_a_member_in_spain_sees_linea_024_first_on_the_help_page(client, auth):
    """Lines for the country they chose lead the page, each number a tap away."""
    auth.login(_member_in("ES"))
    page = _page(client, "/help")
    assert "Crisis lines in Spain" in page
    assert page.index("Línea 024") < page.index("Crisis lines and resources")
    assert '<a class="phone" href="tel:024">024</a>' in page
    assert '<a class="phone" href="tel:717003717">717 003 717</a>' in page
    assert "(24/7)" in page and "Last checked 3 December 2026" in page
    assert '<a class="phone" href="tel:112">112</a>, the emergency number in Spain' in page


def test_a_member_in_spain_sees_linea_024_when_the_care_check_speaks(client, auth):
    """After writing words of risk, the message that their post is saved shows their lines."""
    thread = make_thread()
    auth.login(_member_in("ES"))
    response = client.post(f"/t/{thread.id}/reply", data={"body": "I want to die tonight."})
    assert response.headers["Location"].startswith("/help?after=")
    page = _page(client, response.headers["Location"])
    care = page.split('id="care-heading"', 1)[1].split("</section>", 1)[0]
    assert "Your post is saved" in page
    assert "Línea 024" in care and 'href="tel:024"' in care
    assert "Teléfono de la Esperanza" in care and "Last checked 3 December 2026" in care


def test_the_care_check_shows_a_member_with_no_country_the_fallback(client, auth):
    thread = make_thread()
    auth.login(_member_in(None))
    response = client.post(f"/t/{thread.id}/reply", data={"body": "I want to die tonight."})
    care = _page(client, response.headers["Location"]).split('id="care-heading"', 1)[1]
    care = care.split("</section>", 1)[0]
    assert FALLBACK in care and 'href="/help/lines"' in care


def test_a_member_with_no_country_sees_the_fallback_and_the_list_of_every_line(client, auth):
    auth.login(_member_in(None))
    page = _page(client, "/help")
    assert "Crisis lines where you are" in page
    assert FALLBACK in page and 'href="/help/lines"' in page
    assert "Línea 024" not in page
    listed = _page(client, "/help/lines")
    for name in ("United States", "Spain", "Mexico", "Argentina", "Línea de la Vida"):
        assert name in listed, name
    assert 'href="tel:8009112000"' in listed
    assert 'href="https://findahelpline.com" rel="noopener noreferrer"' in listed


def test_a_signed_out_reader_picks_a_country_and_nothing_is_kept(client):
    """The choice lives in the address: the next visit shows the fallback again."""
    page = _page(client, "/help")
    assert FALLBACK in page and '<option value="MX">Mexico</option>' in page
    mexico = client.get("/help?country=MX")
    assert "Línea de la Vida" in mexico.get_data(as_text=True)
    assert 'href="tel:8009112000">800 911 2000</a>' in mexico.get_data(as_text=True)
    assert "Set-Cookie" not in mexico.headers
    assert "Línea de la Vida" not in _page(client, "/help")


def test_the_help_page_stays_cacheable_for_each_country(client):
    """Each country's page is its own address, which a cache may keep and revalidate."""
    spain, mexico = client.get("/help?country=ES"), client.get("/help?country=MX")
    assert spain.headers["Cache-Control"] == "no-cache"
    assert spain.headers["ETag"] != mexico.headers["ETag"]
    again = client.get("/help?country=ES", headers={"If-None-Match": spain.headers["ETag"]})
    assert again.status_code == 304


def test_an_unknown_country_in_the_address_shows_the_fallback(client):
    page = _page(client, "/help?country=ZZ")
    assert FALLBACK in page and "Crisis lines where you are" in page


def test_the_country_is_never_guessed_from_the_browser_or_the_address(client, auth):
    """A Spanish browser on a Spanish address gets Spanish words, but still the choice of a
    country, not Spain's lines."""
    spanish = {
        "Accept-Language": "es-ES,es;q=0.9",
        "X-Forwarded-For": "83.44.0.1",
        "CF-IPCountry": "ES",
    }
    page = client.get("/help", headers=spanish).get_data(as_text=True)
    assert "llama al número de emergencias de tu zona" in page and "Línea 024" not in page
    client.post(
        "/signup",
        data={
            "pseudonym": "new-in-madrid",
            "password": PASSWORD,
            "confirm": PASSWORD,
            "guidelines": "y",
        },
        headers=spanish,
    )
    joined = db.session.scalar(sa.select(User).where(User.pseudonym == "new-in-madrid"))
    assert joined is not None and joined.country is None
    assert "Línea 024" not in client.get("/help", headers=spanish).get_data(as_text=True)


def test_a_member_chooses_their_country_in_settings(client, auth):
    member = _member_in(None)
    auth.login(member)
    page = _page(client, "/settings")
    assert "Crisis lines" in page and '<option value="AR">Argentina</option>' in page
    assert "Somewhere else / rather not say" in page
    response = client.post("/settings/country", data={"country": "ES"})
    assert response.headers["Location"] == "/settings#country"
    assert db.session.get(User, member.id).country == "ES"
    assert '<option selected value="ES">Spain</option>' in _page(client, "/settings")
    client.post("/settings/country", data={"country": ""})
    assert db.session.get(User, member.id).country is None


def test_a_country_not_on_the_list_is_not_saved(client, auth):
    member = _member_in("IE")
    auth.login(member)
    client.post("/settings/country", data={"country": "ZZ"})
    assert "Please choose a country from the list." in _page(client, "/settings")
    assert db.session.get(User, member.id).country == "IE"


def test_a_country_the_lines_file_dropped_shows_as_somewhere_else(app, client, auth):
    """The choice never pretends a member picked the first country on the list."""
    _own_file(app, OWN_FILE)
    auth.login(_member_in("ES"))
    page = _page(client, "/settings")
    assert '<option selected value="">Somewhere else / rather not say</option>' in page
    assert FALLBACK in _page(client, "/help")


def test_the_export_holds_the_country_and_it_goes_with_the_account(client, auth):
    member = _member_in("AR", "sunrise-walker")
    member_id = member.id
    auth.login(member)
    data = json.loads(client.post("/settings/export").data)
    assert data["profile"]["country_for_crisis_lines"] == "AR"
    client.post("/settings/delete", data={"mode": "detach", "password": PASSWORD, "confirm": "y"})
    assert db.session.get(User, member_id) is None


def test_an_admins_own_file_replaces_the_shipped_lines(app, client, auth):
    _own_file(app, OWN_FILE)
    auth.login(_member_in("NZ"))
    page = _page(client, "/help")
    assert "Crisis lines in Aotearoa New Zealand" in page and "Harbour Night Line" in page
    assert 'href="tel:0800123456"' in page and 'href="sms:4321?&amp;body=KIA"' in page
    assert "text KIA to 4321" in page and "Last checked 30 November 2026" in page
    assert "Línea 024" not in _page(client, "/help/lines")
    assert "Línea 024" not in _page(client, "/help?country=ES")


@pytest.mark.parametrize(
    "broken",
    [
        "[ES\nname = ",  # not TOML
        '[ES]\nname = "Spain"\nemergency = "112"\nchecked = 2026-12-03\n',  # no lines
        OWN_FILE.replace('phone = "0800 123 456"\ntext = "4321"\n', ""),  # nothing to call
        OWN_FILE.replace("checked = 2026-11-30", 'checked = "last week"'),
        OWN_FILE.replace('hours = "Every night, 18:00-06:00"', ""),
        OWN_FILE.replace("[NZ]", "[nz]"),
    ],
)
def test_a_broken_admin_file_is_logged_and_the_shipped_lines_still_show(
    app, client, caplog, broken
):
    """A mistake in the file never costs a reader the help page."""
    _own_file(app, broken)
    with caplog.at_level(logging.ERROR, logger="forum.support.lines"):
        page = _page(client, "/help?country=ES")
    assert "Línea 024" in page
    assert any("crisis-lines.toml" in r.getMessage() for r in caplog.records)


def test_the_file_is_read_again_only_when_it_changes(app, client, auth, monkeypatch):
    path = _own_file(app, OWN_FILE)
    reads = []
    parse = lines.parse_lines
    monkeypatch.setattr(lines, "parse_lines", lambda text: reads.append(1) or parse(text))
    auth.login(_member_in("NZ"))
    for _ in range(3):
        assert "Harbour Night Line" in _page(client, "/help")
    assert len(reads) == 1
    path.write_text(OWN_FILE.replace("Harbour Night Line", "Harbour Day Line"), "utf-8")
    later = path.stat().st_mtime_ns + 1_000_000_000
    os.utime(path, ns=(later, later))
    assert "Harbour Day Line" in _page(client, "/help")
    assert len(reads) == 2


def test_every_shipped_country_has_a_name_an_emergency_number_and_checked_lines():
    """The lines Hearth ships say who answers, how to reach them, when, and when checked."""
    countries = lines.parse_lines(lines.SHIPPED.read_text(encoding="utf-8"))
    assert set(countries) == SHIPPED_COUNTRIES
    for code, country in countries.items():
        assert country.name and country.emergency and country.lines, code
        assert country.checked == date(2026, 12, 3), code
        for line in country.lines:
            assert line.name and line.hours, (code, line)
            assert line.phone or line.text, (code, line)
            assert isinstance(line.checked, date), (code, line)
            assert line.url is None or line.url.startswith("https://"), (code, line)


@pytest.mark.parametrize(
    ("code", "name", "dialled"),
    [
        ("US", "988 Suicide &amp; Crisis Lifeline", "988"),
        ("US", "SAMHSA National Helpline", "18006624357"),
        ("GB", "Samaritans", "116123"),
        ("IE", "Samaritans", "116123"),
        ("CA", "9-8-8 Suicide Crisis Helpline", "988"),
        ("AU", "Lifeline", "131114"),
        ("ES", "Línea 024", "024"),
        ("MX", "Línea de la Vida", "8009112000"),
        ("AR", "Centro de Asistencia al Suicida", "135"),
        ("AR", "Centro de Asistencia al Suicida", "08003451435"),
    ],
)
def test_each_country_shows_its_own_lines(client, code, name, dialled):
    page = _page(client, f"/help?country={code}")
    assert name in page and f'href="tel:{dialled}"' in page


@pytest.mark.parametrize(
    ("code", "texted"),
    [
        ("US", "sms:741741?&amp;body=HOME"),
        ("GB", "sms:85258?&amp;body=SHOUT"),
        ("IE", "sms:50808?&amp;body=HELLO"),
        ("AU", "sms:0477131114"),
        ("CA", "sms:988"),
    ],
)
def test_a_line_you_can_text_is_one_tap_from_a_message(client, code, texted):
    assert f'href="{texted}"' in _page(client, f"/help?country={code}")


SPANISH = {"Accept-Language": "es-ES,es;q=0.9"}


def test_a_spanish_reader_sees_the_country_and_its_lines_in_spanish(client):
    """The country's name, each line's hours and what it is for come in Spanish."""
    page = client.get("/help?country=US", headers=SPANISH).get_data(as_text=True)
    assert "Líneas de crisis en Estados Unidos" in page
    assert "(las 24 horas, todos los días)" in page and "(24/7)" not in page
    assert "Te responde por mensaje de texto una persona voluntaria con formación." in page
    assert "A trained volunteer answers by text." not in page
    assert "988 Suicide &amp; Crisis Lifeline" in page  # a line's own name stays its own


def test_every_country_on_the_list_is_named_in_the_readers_language(client):
    spanish = client.get("/help/lines", headers=SPANISH).get_data(as_text=True)
    for name in ("Estados Unidos", "Reino Unido", "España", "México"):
        assert name in spanish, name
    assert '<option value="GB">Reino Unido</option>' in client.get(
        "/help", headers=SPANISH
    ).get_data(as_text=True)
    english = _page(client, "/help/lines")
    assert "United Kingdom" in english and "Reino Unido" not in english


def test_a_spanish_member_chooses_their_country_by_its_spanish_name(client, auth):
    auth.login(_member_in("MX"))
    page = client.get("/settings", headers=SPANISH).get_data(as_text=True)
    assert '<option selected value="MX">México</option>' in page


def test_a_line_in_spain_reads_in_english_for_an_english_reader(client):
    """Each line says who it is for in the reader's language, whatever the country."""
    assert "Support for people thinking of suicide" in _page(client, "/help?country=ES")
    spanish = client.get("/help?country=ES", headers=SPANISH).get_data(as_text=True)
    assert "Atención a la conducta suicida: gratuita y confidencial." in spanish


def test_a_missing_spanish_field_falls_back_to_the_english_one(app, client, auth):
    """An admin's own file without Spanish words still shows its lines to a Spanish reader,
    in the file's words, with the country named by Hearth in Spanish."""
    _own_file(app, OWN_FILE.replace('hours = "Every', 'about = "Open to anyone."\nhours = "Every'))
    auth.login(_member_in("NZ"))
    page = client.get("/help", headers=SPANISH).get_data(as_text=True)
    assert "Líneas de crisis en Nueva Zelanda" in page
    assert "(Every night, 18:00-06:00)" in page and "Open to anyone." in page


def test_an_admins_file_may_say_each_field_in_another_language():
    """`hours_es`, `about_es` and `name_es` give the Spanish words; any language works alike."""
    own = OWN_FILE.replace(
        'hours = "Every night, 18:00-06:00"',
        'hours = "Every night, 18:00-06:00"\nhours_es = "Cada noche"\nabout_fr = "Pour tous."',
    ).replace('emergency = "111"', 'emergency = "111"\nname_es = "Aotearoa Nueva Zelanda"')
    nz = lines.parse_lines(own)["NZ"]
    spanish, french = lines.in_language(nz, "es"), lines.in_language(nz, "fr")
    assert spanish.name == "Aotearoa Nueva Zelanda" and spanish.lines[0].hours == "Cada noche"
    assert spanish.lines[0].about is None
    assert french.name == "Nouvelle-Zélande" and french.lines[0].about == "Pour tous."
    assert french.lines[0].hours == "Every night, 18:00-06:00"
    assert lines.in_language(nz, "en") == nz


def test_every_shipped_line_says_its_hours_and_purpose_in_spanish():
    """The lines Hearth ships carry Spanish words for every reader of Spanish."""
    countries = lines.parse_lines(lines.SHIPPED.read_text(encoding="utf-8"))
    for code, country in countries.items():
        for line in country.lines:
            assert set(line.words_in.get("es", {})) == {"hours", "about"}, (code, line.name)
