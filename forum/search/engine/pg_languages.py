"""The PostgreSQL text search configuration of each post language, and queries asked in all."""

import sqlalchemy as sa

from forum.search.models import PG_CONFIGS

CONFIGS = {code: sa.literal_column(f"'{name}'::regconfig") for code, name in PG_CONFIGS.items()}


def config_of(language) -> sa.ColumnElement:
    """The text search configuration of a post's language (a column or a value)."""
    whens = [(language == code, c) for code, c in CONFIGS.items() if code != "en"]
    return sa.case(*whens, else_=CONFIGS["en"])


def in_every_language(make) -> sa.ColumnElement:
    """A tsquery made in every language's configuration, OR'ed: a post matches in its own
    (its vector was made with one of them), and a forum of several languages finds each."""
    made = [make(config) for config in CONFIGS.values()]
    found = made[0]
    for other in made[1:]:
        found = found.op("||")(other)
    return found


def readings_of(session, words: str) -> set[frozenset[str]]:
    """The lexemes each language's configuration reads in these words (one query; a reading
    the languages share counts once)."""
    arrays = [sa.func.tsvector_to_array(sa.func.to_tsvector(c, words)) for c in CONFIGS.values()]
    row = session.execute(sa.select(*arrays)).one()
    return {frozenset(lexemes or ()) for lexemes in row}
