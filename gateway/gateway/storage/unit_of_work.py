"""The gateway's unit of work: the repositories its use cases work through."""
from __future__ import annotations

from sqlalchemy.orm import Session

from servicekit.storage import UnitOfWork

from gateway.storage.accounts import AccountRepository
from gateway.storage.refresh_tokens import RefreshTokenRepository
from gateway.storage.revoked_tokens import RevokedTokenRepository
from gateway.storage.sign_in_failures import SignInFailureRepository
from gateway.storage.work_units import WorkUnitRepository


class GatewayUnitOfWork(UnitOfWork):
    accounts: AccountRepository
    work_units: WorkUnitRepository
    sign_in_failures: SignInFailureRepository
    refresh_tokens: RefreshTokenRepository
    revoked_tokens: RevokedTokenRepository

    def open_repositories(self, session: Session) -> None:
        self.accounts = AccountRepository(session)
        self.work_units = WorkUnitRepository(session)
        self.sign_in_failures = SignInFailureRepository(session)
        self.refresh_tokens = RefreshTokenRepository(session)
        self.revoked_tokens = RevokedTokenRepository(session)
