"""The orders service: budget packages, orders and their saga, approvals, receipt, deadlines, documents."""
