"""After signing in, Hearth only ever sends a member back to a page of its own.

A pursuer who sends a member a sign-in link with a crafted `next` must not be able to land
them on a look-alike site; a `next` that is not a plain path here is ignored (the member
goes to the boards), and no encoding of it can make the answer fail.
"""

import pytest

from tests.factories import PASSWORD, make_user

LEAVING = [
    "//evil.example",
    "/%09/evil.example",
    "/\t/evil.example",
    "/%0A/x",
    "/%0D%0ALocation:%20//evil.example",
    "/\\evil.example",
    "/%5Cevil.example",
    "/%5C%5Cevil.example",
    "\\\\evil.example",
    "/%2F/evil.example",
    "/%2f%2fevil.example",
    "/%252F%252Fevil.example",
    "/%25252F%25252Fevil.example",
    "https://evil.example",
    "https:evil.example",
    "javascript:alert(1)",
    "//%09evil.example",
    "/ /evil.example",
    "/%20/evil.example",
    "/\u2215\u2215evil.example",
    "/%E2%88%95%E2%88%95evil.example",
    "/%EF%BC%8F/evil.example",
    "/\uff0f/evil.example",
    "/%00/evil.example",
    "evil.example",
    "",
]
STAYING = ["/t/1/first-week", "/notices/", "/search?q=sleep&page=2", "/u/%C3%85nna"]


@pytest.fixture
def member(app):
    return make_user("coming-back")


@pytest.mark.parametrize("target", LEAVING)
def test_signing_in_never_sends_a_member_off_the_site(client, member, target):
    response = client.post(
        "/signin",
        query_string={"next": target},
        data={"pseudonym": "coming-back", "password": PASSWORD},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


@pytest.mark.parametrize("target", LEAVING)
def test_a_signed_in_member_opening_a_crafted_sign_in_link_stays_here(client, auth, member, target):
    auth.login(member)
    response = client.get("/signin", query_string={"next": target})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


@pytest.mark.parametrize("target", STAYING)
def test_signing_in_goes_back_to_the_page_the_member_was_on(client, member, target):
    response = client.post(
        "/signin",
        query_string={"next": target},
        data={"pseudonym": "coming-back", "password": PASSWORD},
    )
    assert response.headers["Location"] == target
