"""The bank's transfer API as payments uses it: send a transfer under an idempotency key, ask what
became of it, and check the bank's signed callbacks.

One interface (``Bank``); ``HttpBank`` speaks the transfer API the sandbox bank serves
(``EORDER_PAYMENTS_BANK_URL``); a real bank's adapter implements the same three methods and is chosen
by configuration. A timeout or a broken connection is an *unknown* outcome, never a failure: the
transfer may have reached the bank, so the caller asks before sending anything again.
"""
from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from enum import Enum
from typing import Any, Mapping, Protocol

import requests

SIGNATURE_HEADER = "X-Bank-Signature"


class TransferState(str, Enum):
    PENDING = "pending"
    COMPLETED = "completed"
    REFUSED = "refused"
    UNKNOWN = "unknown"
    """No answer (timeout, connection lost): it may or may not have reached the bank."""


@dataclass(frozen=True)
class TransferOrder:
    key: str
    from_account: str
    to_bank_code: str
    to_account: str
    to_holder: str
    amount: int
    callback_url: str


@dataclass(frozen=True)
class TransferStatus:
    key: str
    state: TransferState
    reference: str | None = None
    reason: str | None = None
    amount: int | None = None
    to_account: str | None = None


class Bank(Protocol):
    def send(self, order: TransferOrder) -> TransferStatus: ...

    def status(self, key: str) -> TransferStatus | None:
        """What the bank knows of the transfer, None when it never received it; UNKNOWN when it
        could not be asked."""
        ...


def signature(secret: str, body: bytes) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify_signature(secret: str, body: bytes, given: str | None) -> bool:
    return given is not None and hmac.compare_digest(signature(secret, body), given)


def status_from(document: Mapping[str, Any]) -> TransferStatus:
    return TransferStatus(
        key=str(document["key"]),
        state=TransferState(document["status"]),
        reference=document.get("reference"),
        reason=document.get("reason"),
        amount=document.get("amount"),
        to_account=document.get("to_account"),
    )


class HttpBank:
    def __init__(self, base_url: str, *, timeout_seconds: float = 5.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout_seconds
        self.session = requests.Session()

    def send(self, order: TransferOrder) -> TransferStatus:
        body = {
            "key": order.key,
            "from_account": order.from_account,
            "to_bank_code": order.to_bank_code,
            "to_account": order.to_account,
            "to_holder": order.to_holder,
            "amount": order.amount,
            "callback_url": order.callback_url,
        }
        try:
            response = self.session.post(f"{self.base_url}/transfers", data=json.dumps(body), headers={"Content-Type": "application/json"}, timeout=self.timeout)
        except requests.RequestException:
            return TransferStatus(order.key, TransferState.UNKNOWN)
        if response.status_code >= 500:
            return TransferStatus(order.key, TransferState.UNKNOWN)
        if response.status_code >= 400:
            return TransferStatus(order.key, TransferState.REFUSED, reason=_reason(response))
        return status_from(response.json())

    def status(self, key: str) -> TransferStatus | None:
        try:
            response = self.session.get(f"{self.base_url}/transfers/{key}", timeout=self.timeout)
        except requests.RequestException:
            return TransferStatus(key, TransferState.UNKNOWN)
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            return TransferStatus(key, TransferState.UNKNOWN)
        return status_from(response.json())


def _reason(response: requests.Response) -> str:
    try:
        return str(response.json().get("detail") or response.reason)
    except ValueError:
        return response.reason or f"HTTP {response.status_code}"
