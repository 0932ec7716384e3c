"""Pseudonym and password rules, as tables."""

import pytest

from forum.accounts.names import pseudonym_key, pseudonym_problem
from forum.accounts.passwords import password_problem


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
    [("Anna", "anna"), ("Anna", "ANNA"), ("Anna", "Ａnna"), ("aca", "аса")],  # fullwidth, Cyrillic
)
def test_look_alike_pseudonyms_share_a_key(one, other):
    assert pseudonym_key(one) == pseudonym_key(other)


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
