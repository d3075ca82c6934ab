"""The payments rules in plain Python: invoices, tax, payments, the ledger and the payment deadline."""
