"""The gateway as a servicekit service: its own API, the proxy routes, docs, limits and readiness."""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Mapping

from flask import Flask
from flask_smorest import Api
from werkzeug.middleware.proxy_fix import ProxyFix

from servicekit.events.contracts import ContractRegistry
from servicekit.http.access import current_principal
from servicekit.http.problems import Unauthorized
from servicekit.service import ServiceDefinition, ServiceRuntime
from servicekit.settings import Settings

from gateway.api import register_api
from gateway.api.access import presented_claims
from gateway.api.refusals import install_refusals
from gateway.components import gateway_of
from gateway.credentials.signing import check_signing_key
from gateway.demo_data import load_demo_data
from gateway.docs.collector import MergedDocs
from gateway.docs.routes import install_docs
from gateway.metrics_access import restrict_metrics
from gateway.proxy.public_answers import PublicAnswers
from gateway.proxy.routes import install_proxy
from gateway.ratelimit.limiter import check_storage, install_limiter
from gateway.settings import MEMORY_STORAGE, GatewaySettings
from gateway.storage.tables import metadata, platform_tables
from gateway.storage.unit_of_work import GatewayUnitOfWork

HERE = Path(__file__).resolve().parent


def check_settings(settings: Settings) -> None:
    gateway_settings = GatewaySettings.from_settings(settings)
    if not gateway_settings.sso_mode:
        check_signing_key(settings, gateway_settings.private_key_pem)


def extend_app(app: Flask, runtime: ServiceRuntime) -> None:
    gateway = gateway_of(runtime)
    install_refusals(app)
    if gateway.settings.trusted_proxies:
        hops = gateway.settings.trusted_proxies
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]

    restrict_metrics(app, gateway.settings.metrics_allowed_networks)
    # Registered after servicekit's request hook, which has verified any token by now: the limit
    # key is the token's subject, and a logged-out token is refused before it is forwarded.
    install_limiter(app, gateway.limiter)

    @app.before_request
    def _refuse_ended_sessions() -> None:
        if not current_principal().is_authenticated or gateway.settings.sso_mode:
            return
        if gateway.sessions.is_refused(presented_claims()):
            raise Unauthorized("token revoked")

    install_proxy(app, gateway.upstreams, PublicAnswers(gateway.settings.public_answers_ms / 1000))
    own_api: Api = app.extensions["flask-smorest"]["apis"][""]["ext_obj"]
    docs = MergedDocs(
        gateway.documents,
        own_api.spec.to_dict,
        info={"title": "Open e-Order API", "version": "1", "description": "Every deployed service, through the gateway."},
    )
    install_docs(app, docs)


def upstream_checks(runtime: ServiceRuntime) -> Mapping[str, Callable[[], None]]:
    """Reported, not required: with one upstream down the gateway still serves the others."""
    return {f"upstream:{name}": probe for name, probe in gateway_of(runtime).upstream_probes.items()}


def readiness_checks(runtime: ServiceRuntime) -> Mapping[str, Callable[[], None]]:
    """The shared counter store, when there is one: the limiter's own connection to it is asked."""
    gateway = gateway_of(runtime)
    if gateway.settings.rate_limit_storage == MEMORY_STORAGE:
        return {}
    return {"rate_limit_storage": lambda: check_storage(gateway.limiter)}


DEFINITION = ServiceDefinition(
    name="gateway",
    port=8080,
    title="Open e-Order gateway",
    description="Accounts and tokens, routing to the services, rate limits, merged API docs, aggregated views.",
    metadata=metadata,
    tables=platform_tables,
    migrations_dir=HERE / "migrations",
    register_api=register_api,
    unit_of_work=GatewayUnitOfWork,
    contracts=ContractRegistry(()),  # the edge publishes and consumes no events
    extend_app=extend_app,
    readiness_checks=readiness_checks,
    reported_checks=upstream_checks,
    check_settings=check_settings,
    load_demo_data=load_demo_data,
    uses_broker=False,
    is_edge=True,
    docs_path="/api/docs",
    problem_statuses=(429,),
)
