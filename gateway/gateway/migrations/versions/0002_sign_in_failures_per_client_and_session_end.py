"""sign-in failures per username and client; refresh families carry the session's absolute end

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02 01:00:00
"""
from alembic import op
import sqlalchemy as sa
import servicekit.storage.types


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Failure counts are short-lived (a lock period at most): the table is recreated with its new key
    # rather than migrated row by row.
    with op.batch_alter_table('sign_in_failures', schema=None) as batch_op:
        batch_op.drop_index('ix_sign_in_failures_last')
    op.drop_table('sign_in_failures')
    op.create_table('sign_in_failures',
    sa.Column('username', sa.String(length=200), nullable=False),
    sa.Column('client', sa.String(length=64), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('locked_until', servicekit.storage.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_failure_at', servicekit.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('username', 'client')
    )
    with op.batch_alter_table('sign_in_failures', schema=None) as batch_op:
        batch_op.create_index('ix_sign_in_failures_last', ['last_failure_at'], unique=False)
    with op.batch_alter_table('refresh_tokens', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('session_expires_at', servicekit.storage.types.UTCDateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table('refresh_tokens', schema=None) as batch_op:
        batch_op.drop_column('session_expires_at')
    with op.batch_alter_table('sign_in_failures', schema=None) as batch_op:
        batch_op.drop_index('ix_sign_in_failures_last')
    op.drop_table('sign_in_failures')
    op.create_table('sign_in_failures',
    sa.Column('username', sa.String(length=200), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('locked_until', servicekit.storage.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_failure_at', servicekit.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('username')
    )
    with op.batch_alter_table('sign_in_failures', schema=None) as batch_op:
        batch_op.create_index('ix_sign_in_failures_last', ['last_failure_at'], unique=False)
