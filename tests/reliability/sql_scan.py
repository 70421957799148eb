"""Find SQL built by string formatting in Python code (an AST scan, not a regex): a call to
``execute``/``executemany``/``sql``/``query``/``run_sql``/``from_query`` whose statement is an
f-string with placeholders, ``"…" % x``, ``"…".format(…)`` or a concatenation — directly or
through a local variable assigned that way in the same function."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

SQL_CALLS = frozenset({"execute", "executemany", "sql", "query", "run_sql", "from_query"})


@dataclass(frozen=True, slots=True)
class Finding:
    path: Path
    line: int
    call: str
    how: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.call}(…) with SQL built by {self.how}"


def formatted(node: ast.AST | None) -> str | None:
    """How `node` builds a string from values, or None if it does not."""
    if isinstance(node, ast.JoinedStr) and any(
        isinstance(v, ast.FormattedValue) for v in node.values
    ):
        return "an f-string"
    if (
        isinstance(node, ast.BinOp)
        and isinstance(node.op, ast.Mod)
        and isinstance(node.left, ast.Constant)
        and isinstance(node.left.value, str)
    ):
        return "% formatting"
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        parts = (node.left, node.right)
        if any(_is_text(p) for p in parts) and not all(_is_text(p) for p in parts):
            return "concatenation"
        return formatted(node.left) or formatted(node.right)
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
        and isinstance(node.func.value, ast.Constant)
        and isinstance(node.func.value.value, str)
    ):
        return "str.format"
    return None


def _is_text(node: ast.AST) -> bool:
    return (isinstance(node, ast.Constant) and isinstance(node.value, str)) or isinstance(
        node, ast.JoinedStr
    )


def _statement(call: ast.Call) -> ast.AST | None:
    if call.args:
        return call.args[0]
    for kw in call.keywords:
        if kw.arg in ("query", "sql", "statement"):
            return kw.value
    return None


def scan_source(path: Path, source: str) -> list[Finding]:
    tree = ast.parse(source, str(path))
    findings: list[Finding] = []
    scopes: list[ast.AST] = [tree] + [
        n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
    ]
    for scope in scopes:
        built: dict[str, str] = {}
        for node in ast.walk(scope):
            if isinstance(node, ast.Assign | ast.AnnAssign):
                how = formatted(node.value)
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    if how and isinstance(target, ast.Name):
                        built[target.id] = how
        for node in ast.walk(scope):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in SQL_CALLS
            ):
                continue
            statement = _statement(node)
            how = formatted(statement)
            if how is None and isinstance(statement, ast.Name):
                how = built.get(statement.id)
                how = f"{how} (via {statement.id})" if how else None
            if how:
                findings.append(Finding(path, node.lineno, node.func.attr, how))
    return sorted(set(findings), key=lambda f: (str(f.path), f.line))


def scan_tree(roots: list[Path]) -> list[Finding]:
    findings: list[Finding] = []
    for root in roots:
        for path in sorted(root.rglob("*.py")):
            findings.extend(scan_source(path, path.read_text("utf-8")))
    return findings
