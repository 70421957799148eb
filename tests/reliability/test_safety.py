"""Safety: user-supplied values reach SQL only as bound parameters; `ita sql` cannot write.

The CLI runs in-process here (Typer's runner, the real commands against a real DuckDB file);
the subprocess tests of the same commands are in test_concurrency.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows.cli import app
from ita.rawstore import store_file
from ita.record import AssessmentRecord
from tests.reliability import hostile
from tests.reliability.conftest import BASELINE, REPO, Place
from tests.reliability.sql_scan import scan_source, scan_tree
from tests.reliability.warehouse_state import counts, table_rows
from warehouse import connect, load_prepared, prepare_record

INJECTIONS = (
    "x'; DROP TABLE assessments; --",
    'x"; DROP TABLE documents; --',
    "อบต.ตะคร้ำเอน') OR 1=1; DELETE FROM agencies; --",
    "%' OR '1'='1",
)
PRODUCT_CODE = [REPO / name for name in ("ita", "schemas", "warehouse", "flows")]


def run_cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # an uncaught exception is a failure (a traceback for a user)
    return result.exit_code, result.output


# ------------------------------------------------------------------------- static checks
@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('con.execute(f"SELECT * FROM t WHERE a = {x}")', "an f-string"),
        ('con.execute("SELECT * FROM t WHERE a = %s" % x)', "% formatting"),
        ('con.sql("SELECT * FROM t WHERE a = {}".format(x))', "str.format"),
        ('con.execute("SELECT * FROM t WHERE a = \'" + x + "\'")', "concatenation"),
        ('def f(x):\n    q = f"DELETE FROM t WHERE a = {x}"\n    con.execute(q)', "via q"),
        ('con.execute("SELECT * FROM t WHERE a = $a", {"a": x})', None),
        ('con.execute("SELECT 1")', None),
        ('run_query(con, f"{table}_insert")', None),  # a query *name*, checked against a pattern
    ],
)
def test_sql_scan_tells_formatted_sql_from_bound_parameters(
    source: str, expected: str | None
) -> None:
    found = scan_source(Path("snippet.py"), source)
    if expected is None:
        assert found == []
    else:
        assert len(found) == 1 and expected in found[0].how, found


def test_no_sql_is_built_by_string_formatting_in_the_code() -> None:
    found = scan_tree(PRODUCT_CODE)
    assert found == [], "\n".join(map(str, found))


def test_query_files_hold_no_formatting_placeholders() -> None:
    """SQL files take values as $name parameters only: no {name}, %s or %(name)s holes for
    Python to fill in."""
    holes = re.compile(r"\{[A-Za-z_]\w*\}|%s|%\(\w+\)s")
    bad = [
        f"{path.name}: {m.group(0)}"
        for folder in ("queries", "migrations")
        for path in sorted((REPO / "warehouse" / folder).glob("*.sql"))
        for m in holes.finditer(path.read_text("utf-8"))
    ]
    assert bad == []


# ---------------------------------------------------------------------- injection attempts
@pytest.mark.parametrize("value", [INJECTIONS[0], INJECTIONS[2]])
@pytest.mark.parametrize(
    "command",
    [
        ("measures", "list", "--agency"),
        ("measures", "overdue", "--agency"),
        ("report", "--year", "2565", "--format", "md", "--agency"),
    ],
    ids=["measures list", "measures overdue", "report"],
)
def test_agency_option_is_a_value_not_sql(
    command: tuple[str, ...], value: str, warehouse: Place
) -> None:
    before = table_rows(warehouse.db)

    code, output = run_cli(*command, value, "--db", str(warehouse.db))

    assert code != 0 or "No measure" in output, output  # no such agency: refused, not matched
    assert "Traceback" not in output
    assert table_rows(warehouse.db) == before


@pytest.mark.parametrize("value", INJECTIONS)
def test_sql_params_are_bound(value: str, warehouse: Place) -> None:
    before = table_rows(warehouse.db)

    code, output = run_cli(
        "sql",
        "SELECT count(*) AS n FROM documents WHERE file_name = $name",
        "--param",
        f"name={value}",
        "--csv",
        "--db",
        str(warehouse.db),
    )

    assert code == 0, output
    assert output.splitlines()[-1] == "0"
    assert table_rows(warehouse.db) == before


def test_quarantine_show_prefix_is_not_a_pattern(warehouse: Place) -> None:
    """`ita quarantine show ID-PREFIX` with LIKE wildcards matches nothing (it would match
    every document if the prefix became a LIKE pattern)."""
    for prefix in ("%%%%%%", "______", "' OR 1=1 --"):
        code, output = run_cli("quarantine", "show", prefix, "--db", str(warehouse.db))
        assert code != 0 and "No document id starts with" in output, output


def test_agency_name_printed_in_a_document_is_stored_verbatim(warehouse: Place) -> None:
    """The agency name comes from the PDF (attacker-controlled text): it is stored as printed
    and every table survives."""
    pdf = hostile.corpus_pdf("2566-ban-kao-fpdf2.pdf")
    record = AssessmentRecord.read_truth(pdf.with_suffix(".json"))
    record.agency.name = "องค์การบริหารส่วนตำบล'); DROP TABLE agencies; --"
    con = connect(warehouse.db)
    try:
        outcome = load_prepared(con, prepare_record(store_file(pdf, warehouse.raw), record))
    finally:
        con.close()

    assert outcome.status in ("loaded", "quarantined"), outcome
    names = {row[1] for row in table_rows(warehouse.db)["agencies"]}
    if outcome.status == "loaded":
        assert record.agency.name in names
    assert counts(warehouse.db)["agencies"] >= len(BASELINE)


# ------------------------------------------------------------------------ ita sql read-only
WRITES = (
    "DELETE FROM documents",
    "DROP TABLE assessments",
    "UPDATE assessments SET score = 100",
    "INSERT INTO agencies (agency_id, name, name_key) VALUES ('x', 'x', 'x')",
    "CREATE TABLE evil AS SELECT 1",
    "SELECT 1; DROP TABLE documents",
    "ALTER TABLE documents ADD COLUMN evil INTEGER",
)


@pytest.mark.parametrize("statement", WRITES)
def test_ita_sql_refuses_writes(statement: str, warehouse: Place) -> None:
    before = table_rows(warehouse.db)

    code, output = run_cli("sql", statement, "--db", str(warehouse.db))

    assert code != 0, output
    assert "read-only" in output.lower() or "read only" in output.lower(), output
    assert table_rows(warehouse.db) == before


def test_ita_sql_cannot_attach_a_database_for_writing(warehouse: Place, tmp_path: Path) -> None:
    other = tmp_path / "other.duckdb"

    code, output = run_cli(
        "sql", f"ATTACH '{other}' AS o; CREATE TABLE o.t AS SELECT 1", "--db", str(warehouse.db)
    )

    assert code != 0, output
    assert not other.exists()
