"""The command line of every service: ``python -m <service> migrate|worker|relay|dlq|unroutable|demo-data``."""
from __future__ import annotations

import json
import signal
import threading
from typing import Any

import click

from servicekit.logging import configure_logging
from servicekit.service import ServiceDefinition, ServiceRuntime
from servicekit.settings import Settings


def service_cli(definition: ServiceDefinition) -> click.Group:
    @click.group(help=f"{definition.title}: operations commands")
    @click.pass_context
    def cli(ctx: click.Context) -> None:
        settings = Settings.from_env(definition.name)
        configure_logging(definition.name, settings.log_level)
        ctx.obj = ServiceRuntime(definition, settings)
        ctx.call_on_close(ctx.obj.close)

    @cli.command(help="Apply database migrations and declare the broker exchange and queues.")
    @click.pass_obj
    def migrate(runtime: ServiceRuntime) -> None:
        runtime.migrate()
        declared = "; broker topology declared" if runtime.definition.uses_broker else ""
        click.echo(f"{runtime.name}: database at newest revision{declared}")

    @cli.command(help="Consume events, relay the outbox and run deadline sweeps until stopped.")
    @click.option("--metrics-port", type=int, envvar="EORDER_WORKER_METRICS_PORT", default=9100, show_default=True)
    @click.pass_obj
    def worker(runtime: ServiceRuntime, metrics_port: int) -> None:
        _serve_worker_metrics(runtime, metrics_port)
        stop = threading.Event()
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stop.set())
        threads = runtime.start_worker(stop)
        click.echo(f"{runtime.name} worker: {', '.join(t.name for t in threads)}")
        stop.wait()
        for thread in threads:
            thread.join(timeout=10)
        if runtime.failed_loops:
            raise click.ClickException(f"worker loops died: {', '.join(runtime.failed_loops)}")

    @cli.command(help="Publish every pending outbox event once, then exit.")
    @click.pass_obj
    def relay(runtime: ServiceRuntime) -> None:
        click.echo(f"published {runtime.relay().drain()} events")

    @cli.group(help="Dead letters: events that kept failing.")
    def dlq() -> None:
        pass

    @dlq.command("list", help="List dead letters (they stay in the queue).")
    @click.option("--limit", type=int, default=100, show_default=True)
    @click.pass_obj
    def dlq_list(runtime: ServiceRuntime, limit: int) -> None:
        _list_held(runtime, runtime.settings.dead_letter_queue_name, limit)

    @dlq.command("replay", help="Put dead letters back on the work queue (all, or those named with --id).")
    @click.option("--id", "ids", multiple=True, help="event id to replay; repeat for several")
    @click.pass_obj
    def dlq_replay(runtime: ServiceRuntime, ids: tuple[str, ...]) -> None:
        moved = runtime.broker.replay(
            runtime.settings.dead_letter_queue_name, runtime.settings.queue_name, list(ids) if ids else None
        )
        click.echo(f"replayed {moved} dead letters onto {runtime.settings.queue_name}")

    @cli.group(help="Unroutable events: published when no queue was bound for them, kept for replay.")
    def unroutable() -> None:
        pass

    @unroutable.command("list", help="List unroutable events (they stay in the queue).")
    @click.option("--limit", type=int, default=100, show_default=True)
    @click.pass_obj
    def unroutable_list(runtime: ServiceRuntime, limit: int) -> None:
        _list_held(runtime, runtime.settings.unroutable_queue_name, limit)

    @unroutable.command(
        "replay",
        help="Publish unroutable events to the exchange again (all, or those named with --id), once the "
        "queue of a service that wants them exists. Those still unroutable return to the queue.",
    )
    @click.option("--id", "ids", multiple=True, help="event id to replay; repeat for several")
    @click.pass_obj
    def unroutable_replay(runtime: ServiceRuntime, ids: tuple[str, ...]) -> None:
        queue = runtime.settings.unroutable_queue_name
        moved = runtime.broker.republish(queue, runtime.settings.exchange_name, list(ids) if ids else None)
        waiting = runtime.broker.message_count(queue)
        click.echo(f"replayed {moved} unroutable events onto {runtime.settings.exchange_name}; {waiting} waiting in {queue}")

    @cli.command("demo-data", help="Load the demonstration data set (embedded and local use only).")
    @click.pass_obj
    def demo_data(runtime: ServiceRuntime) -> None:
        if runtime.settings.is_production:
            raise click.ClickException("demo data is never loaded in production")
        if runtime.definition.load_demo_data is None:
            raise click.ClickException(f"{runtime.name} has no demo data")
        runtime.definition.load_demo_data(runtime)
        click.echo(f"{runtime.name}: demo data loaded")

    return cli


def _list_held(runtime: ServiceRuntime, queue: str, limit: int) -> None:
    """One JSON line per message a holding queue keeps (dead letters, unroutable events)."""
    for letter in runtime.broker.dead_letters(queue, limit=limit):
        click.echo(json.dumps(_describe(letter), ensure_ascii=False))


def _describe(letter: Any) -> dict[str, Any]:
    try:
        body = json.loads(letter.body)
    except ValueError:
        body = letter.body.decode(errors="replace")
    reason = letter.headers.get("x-death-reason") or _death_reason(letter.headers)
    return {"id": letter.message_id, "routing_key": letter.routing_key, "reason": reason, "event": body}


def _death_reason(headers: dict[str, Any]) -> str | None:
    deaths = headers.get("x-death") or []
    return str(deaths[0].get("reason")) if deaths else None


def _serve_worker_metrics(runtime: ServiceRuntime, port: int) -> None:
    if port <= 0:
        return
    from prometheus_client import REGISTRY, start_http_server

    for collector in runtime.metrics_collectors():
        REGISTRY.register(collector)
    start_http_server(port)
