"""The gateway as a servicekit service: its own API, the proxy routes, docs, limits and readiness."""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Mapping

from flask import Flask
from flask_smorest import Api
from werkzeug.middleware.proxy_fix import ProxyFix

from servicekit.http.access import current_principal
from servicekit.http.problems import Unauthorized
from servicekit.http.app import current_uow
from servicekit.events.contracts import ContractRegistry
from servicekit.service import ServiceDefinition, ServiceRuntime
from servicekit.settings import Settings

from gateway.components import gateway_of
from gateway.demo_data import load_demo_data
from gateway.docs.collector import MergedDocs
from gateway.docs.routes import install_docs
from gateway.identity.api.accounts import accounts_blueprint
from gateway.identity.api.auth import auth_blueprint
from gateway.identity.api.work_units import work_units_blueprint
from gateway.identity.signing import check_signing_key
from gateway.identity.tables import metadata, platform_tables
from gateway.proxy.client import UpstreamClient
from gateway.proxy.routes import install_proxy
from gateway.ratelimit.limiter import check_storage, install_limiter
from gateway.settings import MEMORY_STORAGE, GatewaySettings
from gateway.storefront.api import storefront_blueprint

HERE = Path(__file__).resolve().parent


def check_settings(settings: Settings) -> None:
    gateway_settings = GatewaySettings.from_settings(settings)
    if not gateway_settings.sso_mode:
        check_signing_key(settings, gateway_settings.private_key_pem)


def register_api(api: Api, runtime: ServiceRuntime) -> None:
    gateway = gateway_of(runtime)
    settings = gateway.settings
    api.register_blueprint(auth_blueprint(settings, gateway.sign_in, gateway.sessions, gateway.signup, gateway.limiter))
    api.register_blueprint(accounts_blueprint(settings, gateway.directory, gateway.sessions))
    api.register_blueprint(work_units_blueprint(gateway.work_units))
    api.register_blueprint(storefront_blueprint(gateway.storefront))


def extend_app(app: Flask, runtime: ServiceRuntime) -> None:
    gateway = gateway_of(runtime)
    if gateway.settings.trusted_proxies:
        hops = gateway.settings.trusted_proxies
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]

    # Registered after servicekit's request hook, which has verified any token by now: the limit
    # key is the token's subject, and a logged-out token is refused before it is forwarded.
    install_limiter(app, gateway.limiter)

    @app.before_request
    def _refuse_logged_out_tokens() -> None:
        token_id = current_principal().token_id
        if token_id and gateway.deny_list.is_denied(current_uow(), token_id):
            raise Unauthorized("token revoked")

    install_proxy(app, gateway.upstreams)
    own_api: Api = app.extensions["flask-smorest"]["apis"][""]["ext_obj"]
    docs = MergedDocs(
        gateway.upstreams,
        own_api.spec.to_dict,
        cache_seconds=gateway.settings.docs_cache_seconds,
        info={"title": "Open e-Order API", "version": "1", "description": "Every deployed service, through the gateway."},
    )
    install_docs(app, docs)


def upstream_ready(client: UpstreamClient) -> Callable[[], None]:
    def check() -> None:
        answer = client.request("GET", "/readyz", headers={"Accept": "application/json"})
        if answer.status != 200:
            raise ConnectionError(f"{client.name} answered {answer.status} on /readyz")

    return check


def upstream_checks(runtime: ServiceRuntime) -> Mapping[str, Callable[[], None]]:
    """Reported, not required: with one upstream down the gateway still serves the others."""
    gateway = gateway_of(runtime)
    return {f"upstream:{name}": upstream_ready(client) for name, client in gateway.upstreams.items()}


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
