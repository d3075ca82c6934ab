"""The ledger, the monthly withholdings and punctuality, for treasurers, budget holders and auditors."""
from __future__ import annotations

from typing import Any

from flask import Response, jsonify

from servicekit.http.access import current_principal, require_roles
from servicekit.http.app import Blueprint

from payments.api.access import AUDITOR, BUDGET_HOLDER, TREASURER, ensure_acts, work_unit_scope
from payments.api.blueprint import payments_blueprint
from payments.api.schemas.payments import BankStatementIn, MonthQuery, StatementQuery, TaxDepositIn, WorkUnitQuery
from payments.application import reports
from payments.application.reading import Payments
from payments.application.tax_deposits import record_tax_deposit
from payments.settings import PaymentPolicy

REPORT_READERS = (TREASURER, BUDGET_HOLDER, AUDITOR)


def reports_blueprint(uows: Payments, policy: PaymentPolicy) -> Blueprint:
    blp = payments_blueprint("reports", "The double-entry ledger, tax withheld per month, and how punctually vendors are paid.")

    @blp.route("/ledger/trial-balance", methods=["GET"])
    @require_roles(*REPORT_READERS)
    @blp.arguments(WorkUnitQuery, location="query")
    def trial_balance(query: dict[str, Any]) -> Response:
        """Every account's balance (debit positive); they sum to zero."""
        balances = reports.trial_balance(uows, work_unit=work_unit_scope(current_principal(), query["work_unit"]))
        return jsonify({"accounts": [{"account": a, "balance": b} for a, b in balances.items()], "total": sum(balances.values())})

    @blp.route("/ledger/statement", methods=["GET"])
    @require_roles(*REPORT_READERS)
    @blp.arguments(StatementQuery, location="query")
    def statement(query: dict[str, Any]) -> Response:
        rows = reports.account_statement(uows, query["account"], work_unit=work_unit_scope(current_principal(), query["work_unit"]))
        return jsonify({"account": query["account"], "lines": [{**row, "occurred_at": row["occurred_at"].isoformat()} for row in rows]})  # type: ignore[union-attr]

    @blp.route("/ledger/journal.beancount", methods=["GET"])
    @require_roles(*REPORT_READERS)
    @blp.arguments(WorkUnitQuery, location="query")
    def beancount_journal(query: dict[str, Any]) -> Response:
        """The journal in beancount's format (``bean-check`` accepts it)."""
        text = reports.journal_as_beancount(uows, work_unit=work_unit_scope(current_principal(), query["work_unit"]))
        return Response(text, mimetype="text/plain")

    @blp.route("/withholdings", methods=["GET"])
    @require_roles(*REPORT_READERS)
    @blp.arguments(MonthQuery, location="query")
    def withholdings(query: dict[str, Any]) -> Response:
        """CSV of every tax withheld in the month (Jakarta time), one row per payment and tax."""
        work_unit = work_unit_scope(current_principal(), query["work_unit"])
        text = reports.withholdings_csv(uows, query["month"], work_unit=work_unit, policy=policy)
        return Response(text, mimetype="text/csv", headers={"Content-Disposition": f'attachment; filename="withholdings-{work_unit or "all"}-{query["month"]}.csv"'})

    @blp.route("/punctuality", methods=["GET"])
    @require_roles(*REPORT_READERS)
    @blp.arguments(WorkUnitQuery, location="query")
    def punctuality(query: dict[str, Any]) -> Response:
        """Per work unit: the share of invoices paid within the deadline and the median working days to pay."""
        rows = reports.punctuality(uows, work_unit=work_unit_scope(current_principal(), query["work_unit"]), policy=policy)
        return jsonify({"work_units": [
            {"work_unit": r.work_unit, "paid": r.paid, "on_time": r.on_time, "on_time_share": r.on_time_share, "median_working_days": r.median_working_days}
            for r in rows
        ]})  # fmt: skip

    @blp.route("/ledger/tax-deposits", methods=["POST"])
    @require_roles(TREASURER)
    @blp.arguments(TaxDepositIn)
    def deposit_tax(body: dict[str, Any]) -> Response:
        """The treasurer deposited withheld tax: the tax payable is cleared against the bank account."""
        principal = current_principal()
        ensure_acts(principal, TREASURER, work_unit=principal.work_unit or "", what="work unit")
        entry = record_tax_deposit(uows, work_unit=principal.work_unit or "", actor=principal.actor, **body)
        response = jsonify({"entry_id": entry.id, "lines": [{"account": l.account, "amount": l.amount} for l in entry.lines]})
        response.status_code = 201
        return response

    @blp.route("/reconciliations", methods=["POST"])
    @require_roles(TREASURER)
    @blp.arguments(BankStatementIn)
    def reconcile(body: dict[str, Any]) -> Response:
        """The treasurer's bank statement (CSV: ``date,reference,amount,description``, amount negative
        for money out) matched with the work unit's settled payments by reference and net amount."""
        principal = current_principal()
        ensure_acts(principal, TREASURER, work_unit=principal.work_unit or "", what="work unit")
        result = reports.reconcile_statement(uows, body["statement"], work_unit=principal.work_unit or "", policy=policy)
        return jsonify({
            "matched": [{"line": line.number, "reference": line.reference, "payment_id": payment.id} for line, payment in result.matched],
            "unmatched_lines": [{"line": l.number, "date": l.day.isoformat(), "reference": l.reference, "amount": l.amount, "description": l.description} for l in result.unmatched_lines],
            "unmatched_payments": [{"payment_id": p.id, "reference": p.reference, "net": p.net, "settled_at": p.settled_at.isoformat() if p.settled_at else None} for p in result.unmatched_payments],
        })  # fmt: skip

    return blp
