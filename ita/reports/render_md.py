"""Markdown renderer: the same blocks as plain text (for terminals, diffs and Prefect artifacts)."""

from __future__ import annotations

from pathlib import Path

from ita.reports.blocks import (
    BarChart,
    Cell,
    Cover,
    Document,
    Heading,
    Inline,
    Paragraph,
    Signature,
    Table,
    TableOfContents,
)


def render_md(doc: Document, path: Path) -> Path:
    path.write_text(markdown_text(doc), "utf-8")
    return path


def markdown_text(doc: Document) -> str:
    out: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Cover):
            out.append("# " + " ".join(block.title_lines))
            out.extend(f"**{line}**" for line in block.subtitle_lines)
            out.append(" · ".join(f"{label}: **{value}**" for label, value in block.facts))
        elif isinstance(block, Heading):
            out.append(("## " if block.level == 1 else "### ") + block.text)
        elif isinstance(block, Paragraph):
            text = _inline(block.content)
            out.append(f"{block.label} {text}" if block.label else text)
        elif isinstance(block, Signature):
            out.append("  \n".join(block.lines))
        elif isinstance(block, TableOfContents):
            out.extend(("  " if h.level > 1 else "") + f"- {h.text}" for h in doc.headings())
        elif isinstance(block, Table):
            out.append(_table(block))
        elif isinstance(block, BarChart):
            rows = "\n".join(f"| {bar.label} {bar.name} | {bar.display} |" for bar in block.bars)
            out.append(f"*{block.caption}*\n\n| | |\n|---|---:|\n{rows}")
    return "\n\n".join(x for x in out if x) + "\n"


def _inline(content: Inline) -> str:
    return "".join(f"**{r.text}**" if r.bold and r.text.strip() else r.text for r in content)


def _cell(cell: Cell) -> str:
    return "<br>".join(_inline(line) for line in cell.lines).replace("|", "\\|")


def _table(table: Table) -> str:
    align = {"left": ":---", "center": ":---:", "right": "---:", "justify": ":---"}
    lines = []
    if table.caption:
        lines.append(f"*{table.caption}*\n")
    lines.append("| " + " | ".join(c.header for c in table.columns) + " |")
    lines.append("|" + "|".join(align[c.align] for c in table.columns) + "|")
    for row in table.rows:
        cells = [_cell(c) for c in row.cells]
        if row.kind == "group":
            cells = [f"**{cells[0]}**"] + [""] * (len(table.columns) - 1)
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)
