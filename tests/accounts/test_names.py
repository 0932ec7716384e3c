"""Pseudonym and password rules, as tables."""

import unicodedata

import pytest

from forum.accounts.cli import accounts
from forum.accounts.names import (
    MAX_LENGTH,
    SKELETON_LENGTH,
    pseudonym_key,
    pseudonym_problem,
    pseudonym_skeleton,
)
from forum.accounts.passwords import password_problem
from tests.factories import make_user


@pytest.mark.parametrize("name", ["quiet-river", "Morning_Tea42", "j.doe7", "Zoë", "Ζωή", "ok1"])
def test_good_pseudonyms_are_accepted(name):
    assert pseudonym_problem(name) is None


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("ab", "3 to 30 characters"),
        ("x" * 31, "3 to 30 characters"),
        ("has space", "letters, digits"),
        ("_leading", "letters, digits"),
        ("trailing-", "letters, digits"),
        ("semi;colon", "letters, digits"),
        ("<script>", "letters, digits"),
        ("аnna", "one alphabet"),  # the first letter is Cyrillic
        ("admin", "reserved"),
        ("Moderator", "reserved"),
        ("s.t.a.f.f", "reserved"),
        ("HEARTH", "reserved"),
        ("support", "reserved"),
        ("system", "reserved"),
    ],
)
def test_bad_pseudonyms_are_refused_with_a_reason(name, message):
    assert message in pseudonym_problem(name)


@pytest.mark.parametrize(
    ("one", "other"),
    [("Anna", "anna"), ("Anna", "ANNA"), ("Anna", "Ａnna"), ("Anna", " Anna ")],  # fullwidth
)
def test_one_name_in_other_capitals_or_widths_is_one_key(one, other):
    """Whatever capitals or character widths a member types, their name means them."""
    assert pseudonym_key(one) == pseudonym_key(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("WildOrchard", "WiIdOrchard"),  # capital I for l
        ("WildOrchard", "W1ldOrchard"),  # digit one for l
        ("WildOrchard", "wildorchard"),
        ("WildOrchard", "WILDORCHARD"),
        ("MoonOwl", "M00nOwl"),  # zeros for O
        ("harmony", "harrnony"),  # rn for m
        ("willow", "vvillow"),  # vv for w
        ("Iris", "lris"),
        ("aca", "аса"),  # Cyrillic
        ("Anna", "Ａnna"),  # fullwidth
        ("Ζωή", "ΖΩΉ"),  # Greek, in capitals
    ],
)
def test_look_alike_pseudonyms_share_a_skeleton(one, other):
    """A name that reads as another, within one alphabet too, looks the same to the forum."""
    assert pseudonym_skeleton(one) == pseudonym_skeleton(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("WildOrchard", "WildOrchid"),
        ("Zoë", "Zoe"),
        ("quiet-river", "quiet_river"),
        ("Anna", "Anne"),
        ("Ζωή", "Zwh"),
        ("kettle-on", "kettle-one"),
    ],
)
def test_names_that_read_differently_keep_different_skeletons(one, other):
    """Folding look-alikes does not make different names collide."""
    assert pseudonym_skeleton(one) != pseudonym_skeleton(other)


@pytest.mark.parametrize("name", ["Adm1n", "m0derator", "M0D", "supp0rt", "HEARTH", "st.aff"])
def test_look_alikes_of_reserved_names_are_reserved_too(name):
    """Nobody can pass for the staff with a zero or a one in place of a letter."""
    assert "reserved" in pseudonym_problem(name)


def test_a_skeleton_fits_its_column_for_the_longest_names():
    """Thirty of the characters that expand most still fit the stored skeleton."""
    for char in ("m", "쮔", "ǆ", "ﬃ"):
        name = unicodedata.normalize("NFKC", char * 30)[:MAX_LENGTH]
        assert len(pseudonym_skeleton(name)) <= SKELETON_LENGTH


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short", "at least 10"),
        ("1234567890", "too common"),
        ("qwertyuiop", "too common"),
        ("aaaaaaaaaaaa", "too common"),
        ("onedayatatime", "too common"),
        ("quiet-river-2024", "pseudonym"),
    ],
)
def test_weak_passwords_are_refused(password, message):
    assert message in password_problem(password, "quiet-river")


def test_a_long_uncommon_password_is_fine():
    assert password_problem("lanterns over the harbour", "quiet-river") is None


def test_the_admins_can_list_members_whose_names_look_alike(app, runner):
    """Names that looked alike before sign-up refused them are listed, oldest first."""
    assert "No two members" in runner.invoke(accounts, ["look-alikes"]).output
    make_user("WildOrchard")
    make_user("quiet-river")
    make_user("WiIdOrchard")  # joined before look-alikes were refused
    output = runner.invoke(accounts, ["look-alikes"]).output
    assert output.index("WildOrchard (#1") < output.index("WiIdOrchard (#3")
    assert "quiet-river" not in output and "signs in with their own name" in output
