"""``python -m gateway migrate | demo-data | create-user``: the gateway's operations commands."""
from __future__ import annotations

import click

from servicekit.cli import service_cli
from servicekit.errors import DomainError
from servicekit.actors import Actor
from servicekit.service import ServiceRuntime

from gateway.components import gateway_of
from gateway.application.accounts import NewAccount
from gateway.service import DEFINITION

cli = service_cli(DEFINITION)


@cli.command("create-user", help="Create a local account, e.g. the first admin of a production deployment.")
@click.option("--username", required=True)
@click.option("--role", "roles", multiple=True, required=True, help="repeat for several roles")
@click.option("--work-unit", default=None, help="the work unit code of an official")
@click.option("--vendor-id", default=None, help="the vendor id of a vendor account")
@click.password_option(help="asked for (twice) when not given; EORDER_CREATE_USER_PASSWORD also works",
                       envvar="EORDER_CREATE_USER_PASSWORD")
@click.pass_obj
def create_user(
    runtime: ServiceRuntime, username: str, roles: tuple[str, ...], work_unit: str | None, vendor_id: str | None, password: str
) -> None:
    gateway = gateway_of(runtime)
    new = NewAccount(username=username, password=password, roles=frozenset(roles), work_unit=work_unit, vendor_id=vendor_id)
    try:
        account = gateway.accounts.create(Actor.system("create-user"), new)
    except DomainError as exc:  # the same refusals the API answers with
        details = "; ".join(f"{field}: {', '.join(messages)}" for field, messages in exc.errors.items())
        raise click.ClickException(f"{exc.detail} {details}".strip()) from exc
    click.echo(f"created {account.username} ({', '.join(sorted(account.roles))})")


if __name__ == "__main__":
    cli()
