"""``ita web`` (the officers' web page) and ``ita users add|passwd|grant|revoke|list``."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from ita.settings import get_settings

T = TypeVar("T")
DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="DuckDB warehouse file (default: ITA_DB or warehouse/ita.duckdb)"),
]
PasswordStdin = Annotated[
    bool,
    typer.Option(
        "--password-stdin", help="Read the password from the first line of stdin (for scripts)"
    ),
]
AgencyOption = Annotated[
    str | None,
    typer.Option("--agency", help="Agency for an editor grant: its full Thai name or agency_id"),
]

users_app = typer.Typer(
    help="Accounts of the web page: add, passwd, grant, revoke, list.", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    """Add ``web`` and ``users`` to the ``ita`` app."""
    app.command("web")(serve_web)
    app.add_typer(users_app, name="users")


def serve_web(
    db: DbOption = None,
    port: Annotated[int | None, typer.Option("--port", help="Port on 127.0.0.1")] = None,
) -> None:
    """Serve the officers' web page on 127.0.0.1 (หน้าเว็บติดตามมาตรการ): agencies, results,
    measures with status and evidence, the overdue board. Stop with Ctrl+C."""
    import uvicorn

    from flows.web.app import WebConfig, create_app
    from warehouse import connect
    from warehouse.users import list_users

    settings = get_settings()
    config = WebConfig.from_settings(settings, db=db)
    app = create_app(config)
    with connect(config.db, read_only=True) as con:
        has_users = bool(list_users(con))
    bind_port = port or settings.web_port
    typer.echo(f"ita web: http://127.0.0.1:{bind_port}/  (warehouse {config.db})")
    if not settings.web_secret:
        typer.echo("  ITA_WEB_SECRET is not set: sessions end when this server stops.")
    if not has_users:
        typer.echo(
            "  No accounts yet / ยังไม่มีบัญชีผู้ใช้: "
            "ita users add NAME --role admin   (or --role editor --agency 'ชื่อหน่วยงาน')"
        )
    uvicorn.run(app, host="127.0.0.1", port=bind_port, log_level="info")


@users_app.command("add")
def add_user_cmd(
    username: Annotated[str, typer.Argument(help="Login name (A-Z a-z 0-9 . _ @ -)")],
    name: Annotated[str | None, typer.Option("--name", help="Display name (Thai welcome)")] = None,
    role: Annotated[
        str | None, typer.Option("--role", help="Grant at once: viewer, editor or admin")
    ] = None,
    agency: AgencyOption = None,
    password_stdin: PasswordStdin = False,
    db: DbOption = None,
) -> None:
    """Create an account (and optionally grant a role). Asks for the password twice."""
    from warehouse.users import add_user, grant_role

    password = _read_password(password_stdin)
    with _writing(db) as con:
        _run(lambda: add_user(con, username, password, name))
        if role:
            agency_id = _run(lambda: _agency_id(con, agency)) if agency else None
            _run(lambda: grant_role(con, username, role, agency_id, granted_by="cli"))
    typer.echo(f"added {username}" + (f" ({role})" if role else " (no role yet: ita users grant)"))


@users_app.command("passwd")
def passwd_cmd(
    username: str,
    password_stdin: PasswordStdin = False,
    db: DbOption = None,
) -> None:
    """Set a new password for an account."""
    from warehouse.users import set_password

    password = _read_password(password_stdin)
    with _writing(db) as con:
        _run(lambda: set_password(con, username, password))
    typer.echo(f"password changed for {username}")


@users_app.command("grant")
def grant_cmd(
    username: str,
    role: Annotated[str, typer.Argument(help="viewer, editor or admin")],
    agency: AgencyOption = None,
    db: DbOption = None,
) -> None:
    """Give a role: viewer (read all), editor --agency NAME (change that agency's measures),
    admin (change all)."""
    from warehouse.users import grant_role

    with _writing(db) as con:
        agency_id = _run(lambda: _agency_id(con, agency)) if agency else None
        _run(lambda: grant_role(con, username, role, agency_id, granted_by="cli"))
    typer.echo(f"granted {role} to {username}" + (f" for {agency}" if agency else ""))


@users_app.command("revoke")
def revoke_cmd(
    username: str,
    role: Annotated[str, typer.Argument(help="viewer, editor or admin")],
    agency: AgencyOption = None,
    db: DbOption = None,
) -> None:
    """Take a role away (an editor grant needs --agency)."""
    from warehouse.users import revoke_role

    with _writing(db) as con:
        agency_id = _run(lambda: _agency_id(con, agency)) if agency else None
        _run(lambda: revoke_role(con, username, role, agency_id))
    typer.echo(f"revoked {role} from {username}")


@users_app.command("list")
def list_cmd(db: DbOption = None) -> None:
    """Accounts and their roles."""
    from warehouse import connect
    from warehouse.users import list_users

    with connect(db or get_settings().db, read_only=True) as con:
        users = list_users(con)
    if not users:
        typer.echo("no accounts / ยังไม่มีบัญชีผู้ใช้")
    for user in users:
        typer.echo(f"{user.username}\t{user.display_name}\t{user.role_summary_th}")


def _writing(db: Path | None):  # type: ignore[no-untyped-def]
    from warehouse import connect

    return connect(db or get_settings().db, read_only=False)


def _agency_id(con: Any, text: str) -> str:
    """The agency an officer means (id, exact name, name key or part of it), as
    `ita measures` finds it."""
    from warehouse.plan import find_agency

    return find_agency(con, text).agency_id


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    password: str = typer.prompt("Password / รหัสผ่าน", hide_input=True, confirmation_prompt=True)
    return password


def _run(action: Callable[[], T]) -> T:
    """Run an account operation; a refusal becomes a message and exit status 1."""
    from warehouse.connection import WarehouseError
    from warehouse.users import UserError

    try:
        return action()
    except (UserError, WarehouseError) as err:
        typer.echo(f"refused: {err}", err=True)
        raise typer.Exit(1) from err
