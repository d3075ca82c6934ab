"""the MSME final-tax certificate (PP 55/2022) on the vendor profile: number and last valid day,
both empty for a vendor that holds none

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02 01:20:00
"""
from alembic import op
import sqlalchemy as sa


revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("vendors", schema=None) as batch_op:
        batch_op.add_column(sa.Column("final_tax_certificate_number", sa.String(length=60), nullable=True))
        batch_op.add_column(sa.Column("final_tax_certificate_valid_until", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("vendors", schema=None) as batch_op:
        batch_op.drop_column("final_tax_certificate_valid_until")
        batch_op.drop_column("final_tax_certificate_number")
