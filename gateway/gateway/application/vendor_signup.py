"""Vendor self-signup: register the vendor with the vendors service and bind a new account to it.

Two systems change, so the steps are ordered to leave nothing half-made:

0. the whole body is checked, the vendor part against the registration schema the vendors service
   publishes, before anything tells whether the username is taken;
1. the username is reserved (an account in state ``provisioning``, which cannot sign in);
2. the vendors service registers the vendor, with an ``Idempotency-Key`` derived from the reserved
   account, so asking again can never register a second vendor;
3. the account is activated and bound to the new vendor id (retried a few times).

Compensation: when the vendors service refuses (4xx/5xx) or cannot be reached (nothing was sent),
the reservation is deleted and the vendors answer is passed on. When the outcome is unknown (a
timeout, a broken answer) or activation keeps failing, the reservation stays: repeating the same
signup resumes it, the vendors service replays its first answer for the same key, and the account
is bound to that vendor.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Callable, Mapping

import structlog
from sqlalchemy.exc import SQLAlchemyError

from servicekit.actors import Actor
from servicekit.storage import utcnow

from gateway.adapters.upstreams.client import UpstreamResponse, Upstreams
from gateway.adapters.upstreams.errors import ServiceNotDeployed, UpstreamError, UpstreamUnavailable
from gateway.application.accounts import ENTITY, NewAccount, audit_record, credential_problems, new_account
from gateway.application.units import Gateways
from gateway.credentials.hashing import PasswordHashing
from gateway.docs.collector import ServiceDocuments
from gateway.docs.request_bodies import body_problems, request_schema
from gateway.domain.accounts import VENDOR_ROLE, Account, AccountStatus
from gateway.domain.errors import AccountNotFound, InvalidSignup, SignupIncomplete, UsernameTaken

log = structlog.get_logger(__name__)
REGISTRATION_PATH = "/api/v1/vendors/registrations"


@dataclass(frozen=True)
class SignupOutcome:
    """Either the activated account with its vendor, or the vendors service's refusal to pass on."""

    vendors_answer: UpstreamResponse
    account: Account | None = None


def idempotency_key(account_id: str) -> str:
    return f"gateway-vendor-signup-{account_id}"


class VendorSignup:
    def __init__(
        self,
        uows: Gateways,
        hashing: PasswordHashing,
        upstreams: Upstreams,
        documents: ServiceDocuments,
        *,
        resume_after_seconds: float,
        activation_attempts: int = 3,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.uows = uows
        self.hashing = hashing
        self.upstreams = upstreams
        self.documents = documents
        self.resume_after = timedelta(seconds=resume_after_seconds)
        self.activation_attempts = activation_attempts
        self.sleep = sleep

    def sign_up(self, username: str, password: str, vendor: Mapping[str, Any], *, request_id: str) -> SignupOutcome:
        vendors = self.upstreams.get("vendors")
        if vendors is None:
            raise ServiceNotDeployed("vendors")
        self._validate(username, password, vendor)
        account_id = self._reserve(username, password)
        headers = {
            "Content-Type": "application/json",
            "Accept": "application/json",
            "X-Request-ID": request_id,
            "Idempotency-Key": idempotency_key(account_id),
        }
        try:
            answer = vendors.request("POST", REGISTRATION_PATH, headers=headers, body=json.dumps(vendor).encode())
        except UpstreamError as exc:
            if exc.definite:
                self._forget(account_id)
            else:
                exc.facts["signup"] = "not finished: repeat the same request to complete it"
            raise
        if answer.status != 201:
            self._forget(account_id)
            return SignupOutcome(vendors_answer=answer)
        account = self._activate(account_id, str(answer.json()["id"]))
        return SignupOutcome(vendors_answer=answer, account=account)

    def _validate(self, username: str, password: str, vendor: Mapping[str, Any]) -> None:
        """The whole body, before anything tells whether the username is taken.

        Otherwise a body with any vendor would be a free test of which usernames exist; now only a
        complete, valid signup (rate limited, and registering a vendor) can find out.
        """
        document = self.documents.get("vendors")
        if document is None:
            raise UpstreamUnavailable("vendors")
        errors = credential_problems(username, password)
        schema = request_schema(document, "POST", REGISTRATION_PATH)
        if schema is not None:
            errors.update(body_problems(schema, vendor, prefix="vendor"))
        if errors:
            raise InvalidSignup(errors)

    def _reserve(self, username: str, password: str) -> str:
        """A new reservation, or the caller's own stalled one (same password, older than a call takes).

        Not audited: the reservation either becomes an account (audited on activation) or vanishes.
        """
        with self.uows() as uow:
            existing = uow.accounts.find(username)
            if existing is None:
                new = NewAccount(username, password, frozenset({VENDOR_ROLE}))
                reservation = new_account(new, self.hashing.hash(password), AccountStatus.PROVISIONING, utcnow())
                uow.accounts.add(reservation)
                uow.commit()
                return reservation.id
        stalled = existing.status is AccountStatus.PROVISIONING and existing.updated_at < utcnow() - self.resume_after
        if stalled and self.hashing.matches(existing.password_hash, password):
            log.info("resuming vendor signup", account_id=existing.id)
            return existing.id
        raise UsernameTaken()

    def _forget(self, account_id: str) -> None:
        """Remove a reservation whose vendor was never registered (no token was ever issued for it)."""
        with self.uows() as uow:
            uow.accounts.delete_provisioned(account_id)
            uow.commit()

    def _activate(self, account_id: str, vendor_id: str) -> Account:
        for attempt in range(1, self.activation_attempts + 1):
            try:
                with self.uows() as uow:
                    account = uow.accounts.activate_provisioned(account_id, vendor_id, utcnow())
                    if account is None:
                        raise AccountNotFound()
                    actor = Actor.system("vendor-signup")
                    uow.audit(actor, "account.activated", ENTITY, account_id, after=audit_record(account))
                    uow.commit()
                return account
            except SQLAlchemyError as exc:
                log.warning("vendor signup activation failed", attempt=attempt, account_id=account_id, error=str(exc))
                self.sleep(0.1 * attempt)
        log.error("vendor registered but account not activated", account_id=account_id, vendor_id=vendor_id)
        raise SignupIncomplete(
            "the vendor was registered but the account could not be activated; repeat the same request to finish",
            vendor_id=vendor_id,
        )
