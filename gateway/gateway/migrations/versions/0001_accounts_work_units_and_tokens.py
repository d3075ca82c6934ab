"""accounts, work units and tokens (the platform tables are servicekit's own history)

Revision ID: 0001
Revises:
Create Date: 2026-11-23 19:23:34.983093
"""
from alembic import op
import sqlalchemy as sa
import servicekit.storage.types


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('revoked_access_tokens',
    sa.Column('jti', sa.String(length=64), nullable=False),
    sa.Column('expires_at', servicekit.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('jti')
    )
    with op.batch_alter_table('revoked_access_tokens', schema=None) as batch_op:
        batch_op.create_index('ix_revoked_access_tokens_expiry', ['expires_at'], unique=False)

    op.create_table('sign_in_failures',
    sa.Column('username', sa.String(length=200), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('locked_until', servicekit.storage.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_failure_at', servicekit.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('username')
    )
    with op.batch_alter_table('sign_in_failures', schema=None) as batch_op:
        batch_op.create_index('ix_sign_in_failures_last', ['last_failure_at'], unique=False)

    op.create_table('work_units',
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', servicekit.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', servicekit.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('code')
    )
    op.create_table('accounts',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('username', sa.String(length=50), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.Column('roles', sa.JSON(), nullable=False),
    sa.Column('work_unit', sa.String(length=20), nullable=True),
    sa.Column('vendor_id', sa.String(length=36), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('created_at', servicekit.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', servicekit.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['work_unit'], ['work_units.code'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('username')
    )
    op.create_table('refresh_tokens',
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('family_id', sa.String(length=36), nullable=False),
    sa.Column('account_id', sa.String(length=36), nullable=False),
    sa.Column('issued_at', servicekit.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', servicekit.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('used_at', servicekit.storage.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('revoked_at', servicekit.storage.types.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('token_hash')
    )
    with op.batch_alter_table('refresh_tokens', schema=None) as batch_op:
        batch_op.create_index('ix_refresh_tokens_account', ['account_id'], unique=False)
        batch_op.create_index('ix_refresh_tokens_family', ['family_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('refresh_tokens', schema=None) as batch_op:
        batch_op.drop_index('ix_refresh_tokens_family')
        batch_op.drop_index('ix_refresh_tokens_account')

    op.drop_table('refresh_tokens')
    op.drop_table('accounts')
    op.drop_table('work_units')
    with op.batch_alter_table('sign_in_failures', schema=None) as batch_op:
        batch_op.drop_index('ix_sign_in_failures_last')

    op.drop_table('sign_in_failures')
    with op.batch_alter_table('revoked_access_tokens', schema=None) as batch_op:
        batch_op.drop_index('ix_revoked_access_tokens_expiry')

    op.drop_table('revoked_access_tokens')
