"""The ``ita`` command. Each area registers its commands in its own module here; every command
calls the same functions the Prefect flows call."""

from __future__ import annotations

import typer

from flows.cli import (
    demo_cmds,
    measures_cmds,
    report_cmds,
    warehouse_cmds,
    web_cmds,
)

app = typer.Typer(
    name="ita",
    help=(
        "ITA results (การประเมินคุณธรรมและความโปร่งใส) → DuckDB warehouse, analysis reports "
        "and tracked measures."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


@app.callback()
def _root() -> None:
    """ITA results → warehouse, analysis reports and tracked measures."""


warehouse_cmds.register(app)
measures_cmds.register(app)
report_cmds.register(app)
demo_cmds.register(app)
web_cmds.register(app)


def main() -> None:
    app()


@app.command("version")
def version() -> None:
    """Print the installed version of ita."""
    from importlib.metadata import version as _v

    typer.echo(_v("ita"))
