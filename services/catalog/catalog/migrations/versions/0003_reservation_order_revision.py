"""reservations keep the order's revision their lines answer, so that order.amended is applied once
and in order (existing reservations answer the submission: revision 0)

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 02:15:00
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("reservations", sa.Column("order_revision", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("reservations") as table:
        table.drop_column("order_revision")
