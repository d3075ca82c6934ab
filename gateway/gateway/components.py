"""The gateway's parts, built once per process from its settings and shared by its routes."""
from __future__ import annotations

from dataclasses import dataclass

from flask_limiter import Limiter

from servicekit.readiness import CachedCheck, cache_seconds
from servicekit.service import ServiceRuntime

from gateway.adapters.upstreams.client import UpstreamClient, Upstreams
from gateway.adapters.upstreams.readiness import upstream_ready
from gateway.application.accounts import Accounts
from gateway.application.sessions import Sessions
from gateway.application.sign_in import SignIn
from gateway.application.storefront import StorefrontReader
from gateway.application.vendor_signup import VendorSignup
from gateway.application.work_units import WorkUnits
from gateway.credentials.hashing import PasswordHashing
from gateway.credentials.signing import TokenSigner
from gateway.docs.collector import ServiceDocuments
from gateway.ratelimit.limiter import make_limiter
from gateway.settings import GatewaySettings

STATE_KEY = "gateway"


@dataclass
class Gateway:
    settings: GatewaySettings
    upstreams: Upstreams
    documents: ServiceDocuments
    # One /readyz probe per upstream and interval, however many callers ask (readiness is public).
    upstream_probes: dict[str, CachedCheck]
    accounts: Accounts
    work_units: WorkUnits
    sign_in: SignIn
    sessions: Sessions
    signup: VendorSignup
    storefront: StorefrontReader
    limiter: Limiter

    @classmethod
    def build(cls, runtime: ServiceRuntime) -> "Gateway":
        settings = GatewaySettings.from_settings(runtime.settings)
        upstreams = Upstreams(
            {
                name: UpstreamClient(
                    name,
                    url,
                    connect_timeout=settings.connect_timeout,
                    read_timeout=settings.read_timeout,
                    retries=settings.upstream_retries,
                    pool_size=settings.upstream_pool_size,
                    max_response_bytes=settings.max_response_bytes,
                )
                for name, url in settings.upstreams.items()
            }
        )
        documents = ServiceDocuments(upstreams, cache_seconds=settings.docs_cache_seconds)
        hashing = PasswordHashing(settings.hashing_profile)
        signer = TokenSigner(
            settings.private_key_pem,
            issuer=runtime.settings.jwt_issuer,
            audience=runtime.settings.jwt_audience,
            lifetime_seconds=settings.access_token_seconds,
        )
        uows = runtime.uow
        return cls(
            settings=settings,
            upstreams=upstreams,
            documents=documents,
            upstream_probes={
                name: CachedCheck(upstream_ready(client), seconds=cache_seconds(runtime.settings))
                for name, client in upstreams.items()
            },
            accounts=Accounts(uows, hashing),
            work_units=WorkUnits(uows),
            sign_in=SignIn(uows, hashing, settings.lockout),
            sessions=Sessions(
                uows,
                signer,
                refresh_seconds=settings.refresh_token_seconds,
                session_seconds=settings.session_seconds,
            ),
            signup=VendorSignup(
                uows,
                hashing,
                upstreams,
                documents,
                # A reservation younger than one vendors call may still have its call in flight.
                resume_after_seconds=settings.connect_timeout + settings.read_timeout,
            ),
            storefront=StorefrontReader(upstreams, products_limit=settings.storefront_products),
            limiter=make_limiter(settings),
        )


def gateway_of(runtime: ServiceRuntime) -> Gateway:
    if STATE_KEY not in runtime.state:
        runtime.state[STATE_KEY] = Gateway.build(runtime)
    gateway: Gateway = runtime.state[STATE_KEY]
    return gateway
