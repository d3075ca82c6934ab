"""What the sandbox bank does: open accounts, take transfers by key, complete them later."""
from __future__ import annotations

import hashlib
import json
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Mapping

import requests
import structlog
from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from servicekit.errors import Conflict, InvalidInput, NotFound
from servicekit.storage import utcnow

from payments.adapters.bank import SIGNATURE_HEADER, signature
from payments.adapters.sandbox_bank.tables import accounts, transfers

log = structlog.get_logger(__name__)
MISBEHAVIOURS = ("fail", "timeout", "late", "callback_twice")


@dataclass
class Behaviour:
    """What the bank does to the next transfers it is sent, as a test or a demo told it."""

    pending: list[str] = field(default_factory=list)
    settle_seconds: float = 2.0
    late_seconds: float = 3600.0
    timeout_seconds: float = 10.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def take(self) -> str | None:
        with self.lock:
            return self.pending.pop(0) if self.pending else None


def open_account(session: Session, number: str, holder: str, balance: int, closed: bool) -> None:
    existing = session.execute(select(accounts.c.number).where(accounts.c.number == number)).first()
    values = {"holder": holder, "balance": balance, "closed": closed}
    if existing is None:
        session.execute(insert(accounts).values(number=number, **values))
    else:
        session.execute(update(accounts).where(accounts.c.number == number).values(**values))


def account(session: Session, number: str) -> dict[str, Any] | None:
    row = session.execute(select(accounts).where(accounts.c.number == number)).first()
    return None if row is None else dict(row._mapping)


def take_transfer(session: Session, order: Mapping[str, Any], behaviour: Behaviour) -> tuple[dict[str, Any], bool]:
    """The transfer under ``order['key']`` and whether it is new. The same key with another order
    is a Conflict; a new one is refused at once when the source account is unknown or closed."""
    fingerprint = hashlib.sha256(json.dumps({k: order[k] for k in sorted(order)}, sort_keys=True).encode()).hexdigest()
    existing = transfer(session, order["key"])
    if existing is not None:
        if existing["fingerprint"] != fingerprint:
            raise Conflict("this idempotency key was used for another transfer")
        return existing, False
    misbehaviour = behaviour.take()
    if misbehaviour == "fail":
        raise Unavailable()
    now = utcnow()
    delay = behaviour.late_seconds if misbehaviour == "late" else behaviour.settle_seconds
    source = account(session, order["from_account"])
    status, reason = "pending", None
    if source is None or source["closed"]:
        status, reason = "refused", "the source account is closed" if source else "no such source account"
    row = {
        "key": order["key"], "fingerprint": fingerprint, "from_account": order["from_account"], "to_bank_code": order["to_bank_code"],
        "to_account": order["to_account"], "amount": order["amount"], "callback_url": order["callback_url"], "status": status,
        "reason": reason, "reference": "SBX" + hashlib.sha256(order["key"].encode()).hexdigest()[:12].upper(),
        "complete_after": now + timedelta(seconds=delay), "callbacks": 2 if misbehaviour == "callback_twice" else 1, "created_at": now,
    }  # fmt: skip
    session.execute(insert(transfers).values(**row))
    if misbehaviour == "timeout":
        row["_answer_after"] = behaviour.timeout_seconds
    return row, True


class Unavailable(Exception):
    """The bank answers 503 and records nothing."""


def transfer(session: Session, key: str) -> dict[str, Any] | None:
    row = session.execute(select(transfers).where(transfers.c.key == key)).first()
    return None if row is None else dict(row._mapping)


def require_transfer(session: Session, key: str) -> dict[str, Any]:
    found = transfer(session, key)
    if found is None:
        raise NotFound("no transfer under this key")
    return found


def complete_due(session: Session, now: datetime) -> list[dict[str, Any]]:
    """Complete (or refuse) pending transfers whose time has come; answer them for the callbacks."""
    due = session.execute(
        select(transfers).where(transfers.c.status == "pending", transfers.c.complete_after <= now).with_for_update(skip_locked=True)
    ).all()
    done = []
    for row in due:
        item = dict(row._mapping)
        source = account(session, item["from_account"])
        destination = account(session, item["to_account"])
        if source is None or source["closed"] or (destination is not None and destination["closed"]):
            item.update(status="refused", reason="the account is closed")
        elif source["balance"] < item["amount"]:
            item.update(status="refused", reason="insufficient funds")
        else:
            session.execute(update(accounts).where(accounts.c.number == item["from_account"]).values(balance=source["balance"] - item["amount"]))
            if destination is not None:
                session.execute(update(accounts).where(accounts.c.number == item["to_account"]).values(balance=destination["balance"] + item["amount"]))
            item.update(status="completed")
        session.execute(update(transfers).where(transfers.c.key == item["key"]).values(status=item["status"], reason=item["reason"]))
        done.append(item)
    return done


def public(item: Mapping[str, Any]) -> dict[str, Any]:
    return {k: item[k] for k in ("key", "status", "reason", "reference", "amount", "from_account", "to_bank_code", "to_account")}


def call_back(item: Mapping[str, Any], secret: str) -> None:
    """POST the signed outcome to the payer's callback URL, as many times as told; failures are the
    payer's to resolve by asking (the status query)."""
    body = json.dumps(public(item)).encode()
    for _ in range(item["callbacks"]):
        try:
            requests.post(item["callback_url"], data=body, headers={"Content-Type": "application/json", SIGNATURE_HEADER: signature(secret, body)}, timeout=5)
        except requests.RequestException:
            log.warning("sandbox bank callback failed", key=item["key"])


def wait(seconds: float) -> None:
    time.sleep(seconds)
