"""Open e-Order payments: invoices, tax withholding, payments, the ledger and the payment deadline."""
