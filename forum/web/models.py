"""The one row the page cache reads to know whether a stored page is still current."""

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from forum.extensions import db


class PageVersion(db.Model):
    """One row that moves with every change a signed-out reader's page could show.

    forum.web.pagecache bumps it in the transaction of the change, and serves a stored
    page only while the number it was rendered under is still the current one.
    """

    __tablename__ = "page_versions"
    shown_to_readers = False

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(sa.BigInteger, default=0)


@sa.event.listens_for(PageVersion.__table__, "after_create")
def _first_page_version(target, connection, **_kw) -> None:
    connection.execute(target.insert().values(id=1, version=0))
