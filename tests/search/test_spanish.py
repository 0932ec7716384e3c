"""Search in Spanish: a post is found by the words of the language it was written in."""

from types import SimpleNamespace

import pytest
import sqlalchemy as sa
from whoosh.analysis import LanguageAnalyzer
from whoosh.fields import ID, TEXT, Schema

from forum.extensions import db
from forum.posts import lifecycle
from forum.posts.models import Post, PostStatus
from forum.search import maintenance
from forum.search.engine import engine_for
from forum.search.engine.base import IndexOutdated, load_docs
from forum.search.engine.whoosh.schema import spans_of, word_positions
from forum.writing.languages import default_language_for
from tests.factories import make_board, make_post, make_thread, make_user, opening_post
from tests.search.conftest import found, search_page


def _spanish_post(body: str, **kwargs) -> Post:
    thread = make_thread(title="Mi primera semana", body="Hola a todos.", language="es")
    return make_post(thread=thread, body=body, language="es", **kwargs)


def test_a_spanish_search_for_relapses_finds_a_post_about_one(app):
    """Searching "recaídas" finds a member's post about "una recaída"."""
    post = _spanish_post("Ayer tuve una recaída y me siento fatal.")
    assert found(q="recaídas") == [post.id]
    # "la" is a Spanish word of no weight: the post need not hold it.
    assert found(q="la recaída") == [post.id]


def test_the_singular_finds_the_plural(app):
    """Searching "recaída" finds a post that speaks of "recaídas"."""
    post = _spanish_post("Llevo tres recaídas este año, pero sigo aquí.")
    assert found(q="recaída") == [post.id]


@pytest.mark.parametrize(
    ("searched", "written"),
    [
        ("tranquilo", "Hoy me siento tranquila."),
        ("ayuda", "Los grupos me ayudaron mucho."),
        ("sobrio", "Llevo un mes sobria."),
    ],
)
def test_other_forms_of_a_spanish_word_are_found(app, searched, written):
    """Searching one form of a Spanish word finds a post using another (she, they, past)."""
    post = _spanish_post(written)
    assert found(q=searched) == [post.id]


def test_english_searches_still_stem_in_english(app):
    """Searching "relapses" still finds an English post about a relapse, beside Spanish ones."""
    _spanish_post("Ayer tuve una recaída.")
    thread = make_thread(title="Back at day one", body="I had a relapse on Friday.")
    assert found(q="relapses") == [opening_post(thread).id]


def test_a_forum_in_both_languages_finds_each_post_in_its_own(app):
    """With posts in English and Spanish, a search in either language finds its own posts."""
    english = make_thread(title="Cravings at night", body="The cravings hit hardest at night.")
    spanish = _spanish_post("Los antojos son peores por la noche.")
    assert found(q="cravings") == [opening_post(english).id]
    assert found(q="antojos") == [spanish.id]
    assert found(q="noches") == [spanish.id]
    # Both hold the same name: one search finds them both, whatever their language.
    make_post(thread=english, body="Alcohólicos Anónimos helped me.")
    make_post(thread=spanish.thread, body="Fui a Alcohólicos Anónimos.", language="es")
    assert len(found(q="anónimos")) == 2


def test_a_spanish_phrase_is_found_only_where_its_words_stand_together(app):
    """A quoted Spanish phrase finds the post saying it, not one with its words apart."""
    together = _spanish_post("Hoy fue un día difícil, muy difícil.")
    make_post(thread=together.thread, body="Un día bueno, nada difícil.", language="es")
    assert found(q='"día difícil"') == [together.id]


def test_a_spanish_posts_snippet_marks_the_word_found(app):
    """The snippet of a Spanish post marks the word as it stands in the post."""
    _spanish_post("Después de una recaída, mis amigos me ayudaron.")
    assert "<mark>recaída</mark>" in str(search_page(q="recaídas").results[0].snippet)
    snippet = str(search_page(q="ayuda").results[0].snippet)
    assert "<mark>ayudaron</mark>" in snippet and "<mark>mis</mark>" not in snippet


def test_a_hidden_spanish_post_is_never_found(app):
    """A Spanish post the moderators hid is never found, counted or quoted."""
    post = _spanish_post("Una recaída que nadie debería leer.")
    assert found(q="recaídas") == [post.id]
    lifecycle.set_post_status(post, PostStatus.HIDDEN)
    db.session.commit()
    for viewer in (None, make_user(), post.author):
        page = search_page(viewer, q="recaídas")
        assert page.results == [] and page.total == 0


def test_the_language_chosen_on_the_form_is_stored(app, client, auth):
    """A member who picks Español for their thread and reply is found by Spanish words."""
    board = make_board("Historias", "historias")
    auth.login(make_user("rio-tranquilo"))
    form = client.get("/b/historias/new").get_data(as_text=True)
    assert "Language of this post" in form and "Español" in form
    data = {"title": "Otra vez", "body": "Tuve una recaída.", "language": "es"}
    assert client.post(f"/b/{board.slug}/new", data=data).status_code == 302
    thread_post = db.session.scalar(sa.select(Post))
    reply = {"body": "Dos recaídas en un mes.", "language": "es"}
    assert client.post(f"/t/{thread_post.thread_id}/reply", data=reply).status_code == 302
    assert set(db.session.scalars(sa.select(Post.language))) == {"es"}
    assert len(found(q="recaídas")) == 2


def test_a_post_without_a_language_chosen_takes_the_forum_default(app, client, auth):
    """A form sent without a language stores the post in the forum's language, English."""
    make_board("Stories", "stories")
    auth.login(make_user())
    assert client.post("/b/stories/new", data={"title": "Day one", "body": "x"}).status_code == 302
    assert db.session.scalar(sa.select(Post.language)) == "en"
    odd = {"title": "Day two", "body": "y", "language": "xx"}
    assert client.post("/b/stories/new", data=odd).status_code == 400


def test_an_edit_keeps_the_language_unless_the_member_changes_it(app, client, auth):
    """Editing a Spanish post keeps it Spanish; choosing English on the form changes it."""
    author = make_user()
    post = _spanish_post("Una recaída.", author=author)
    auth.login(author)
    assert client.post(f"/p/{post.id}/edit", data={"body": "Dos recaídas."}).status_code == 302
    db.session.refresh(post)
    assert post.language == "es" and found(q="recaída") == [post.id]
    page = client.get(f"/p/{post.id}/edit").get_data(as_text=True)
    assert '<option selected value="es">' in page
    edit = {"body": "Two relapses.", "language": "en"}
    assert client.post(f"/p/{post.id}/edit", data=edit).status_code == 302
    db.session.refresh(post)
    assert post.language == "en" and found(q="relapse") == [post.id]


def test_a_members_language_setting_or_the_forums_is_the_default(app):
    """A member whose setting is Spanish writes in Spanish by default; others in the forum's."""
    assert default_language_for(SimpleNamespace(locale="es_MX")) == "es"
    assert default_language_for(SimpleNamespace(locale="fr")) == "en"
    assert default_language_for(make_user()) == "en"
    app.config["DEFAULT_LOCALE"] = "es"
    assert default_language_for(make_user()) == "es"


@pytest.mark.parametrize(
    "text",
    [
        "Las recaídas no son el final: un día a la vez.",
        "¿Qué hago cuando el antojo llega? Ñandú, pingüino, ÁRBOL.",
        "el la de que y",
    ],
)
def test_spanish_words_are_indexed_as_they_are_searched(text):
    """The Spanish words and positions indexed, and those marked, are the ones searched."""
    analyzer = LanguageAnalyzer("es")
    expected: dict[str, list[int]] = {}
    for token in analyzer(text, positions=True):
        expected.setdefault(token.text, []).append(token.pos)
    assert word_positions(text, "es") == expected
    marked = [(t.startchar, t.endchar) for t in analyzer(text, chars=True) if t.text in expected]
    assert spans_of(text, set(expected), "es") == marked


def test_an_index_from_before_languages_waits_for_a_rebuild(app, tmp_path):
    """An index made before posts had languages takes no new posts until it is rebuilt."""
    if app.config["SEARCH_BACKEND"] != "whoosh":
        pytest.skip("only the Whoosh index keeps a schema of its own")
    from whoosh import index

    post = _spanish_post("Una recaída.")
    engine = engine_for(app)
    engine._ix = None
    old = Schema(id=ID(stored=True, unique=True), title=TEXT, body=TEXT)
    index.create_in(app.config["SEARCH_INDEX_DIR"], old)
    with pytest.raises(IndexOutdated):
        engine.write(list(load_docs(db.session, [post.id]).values()), forget=[])
    maintenance.rebuild(app)
    assert found(q="recaídas") == [post.id]
