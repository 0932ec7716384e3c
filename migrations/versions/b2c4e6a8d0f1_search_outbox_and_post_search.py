"""search: the outbox of changes for the index, and the PostgreSQL backend's post_search

Revision ID: b2c4e6a8d0f1
Revises: 758a0957d337
Create Date: 2026-11-21 06:10:00.000000

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


# revision identifiers, used by Alembic.
revision = 'b2c4e6a8d0f1'
down_revision = '758a0957d337'
branch_labels = None
depends_on = None

# The weighted vector (title above body) on PostgreSQL; elsewhere the column stays NULL,
# since only the PostgreSQL backend reads it. Kept equal to forum/search/models.py.
VECTOR_SQL = (
    "setweight(to_tsvector('english'::regconfig, title), 'A'::\"char\")"
    " || setweight(to_tsvector('english'::regconfig, body), 'B'::\"char\")"
)


def upgrade():
    postgres = op.get_bind().dialect.name == 'postgresql'
    op.create_table('search_outbox',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_outbox'))
    )
    op.create_table('post_search',
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('signature', sa.String(length=32), nullable=False),
    sa.Column('search_vector', postgresql.TSVECTOR() if postgres else sa.Text(),
              sa.Computed(VECTOR_SQL if postgres else 'NULL', persisted=True), nullable=True),
    sa.ForeignKeyConstraint(['post_id'], ['posts.id'], name=op.f('fk_post_search_post_id_posts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('post_id', name=op.f('pk_post_search'))
    )
    with op.batch_alter_table('post_search', schema=None) as batch_op:
        batch_op.create_index('ix_post_search_vector', ['search_vector'], unique=False, postgresql_using='gin')


def downgrade():
    with op.batch_alter_table('post_search', schema=None) as batch_op:
        batch_op.drop_index('ix_post_search_vector', postgresql_using='gin')

    op.drop_table('post_search')
    op.drop_table('search_outbox')
