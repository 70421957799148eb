"""HTML renderer (Jinja2): one self-contained file — Sarabun embedded as data URIs, the chart as
inline SVG, print CSS for A4 (running header and page numbers in page-margin boxes, the
measures on landscape pages)."""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from ita.reports import chart as chart_shapes
from ita.reports.blocks import (
    BarChart,
    Block,
    Cover,
    Document,
    Heading,
    Inline,
    Paragraph,
    Section,
    Signature,
    Table,
    TableOfContents,
    split_label,
)
from ita.reports.fonts import sarabun

TEMPLATES = Path(__file__).with_name("templates")


@dataclass
class Part:
    classes: str
    running: bool
    items: list[dict[str, Any]] = field(default_factory=list)


def render_html(doc: Document, path: Path) -> Path:
    path.write_text(html_text(doc), "utf-8")
    return path


def html_text(doc: Document) -> str:
    sections: list[Part] = []
    toc: list[dict[str, Any]] = []
    anchors = 0
    for block in doc.blocks:
        if isinstance(block, Section) or not sections:
            first = not sections
            section = block if isinstance(block, Section) else Section()
            classes = " ".join(
                c
                for c in (
                    "" if first else "page-break",
                    "landscape" if section.orientation == "landscape" else "",
                )
                if c
            )
            sections.append(Part(classes, section.running_header))
            if isinstance(block, Section):
                continue
        item = _item(block)
        if isinstance(block, Heading) and block.in_toc:
            anchors += 1
            item["anchor"] = f"sec-{anchors}"
            toc.append({"anchor": item["anchor"], "text": block.text, "level": block.level})
        elif isinstance(block, Heading) and block.page_break_before:
            sections.append(Part("page-break", sections[-1].running))
        sections[-1].items.append(item)
    template = _environment().get_template("report.html.j2")
    css = {
        "left": css_string(doc.running_header[0]),
        "right": css_string(doc.running_header[1]),
        "page_label": css_string(doc.page_label),
    }
    return template.render(doc=doc, css=css, sections=sections, toc=toc, fonts=_fonts())


def _item(block: Block) -> dict[str, Any]:
    if isinstance(block, Cover):
        return {"kind": "cover", "block": block}
    if isinstance(block, Heading):
        return {"kind": "heading", "block": block, "anchor": ""}
    if isinstance(block, Paragraph):
        return {"kind": "paragraph", "block": block}
    if isinstance(block, Signature):
        return {"kind": "signature", "block": block}
    if isinstance(block, TableOfContents):
        return {"kind": "toc", "block": block}
    if isinstance(block, Table):
        total = sum(c.weight for c in block.columns)
        rows = [
            {
                "kind": row.kind,
                "indent": row.indent,
                "cells": [
                    {"align": cell.align, "lines": [_line(x) for x in cell.lines]}
                    for cell in row.cells
                ],
            }
            for row in block.rows
        ]
        widths = [round(100 * c.weight / total, 2) for c in block.columns]
        return {"kind": "table", "block": block, "rows": rows, "widths": widths}
    if isinstance(block, BarChart):
        return {"kind": "chart", "block": block, "layout": _svg_layout(block)}
    raise TypeError(f"no HTML for block {type(block).__name__}")


def _line(inline: Inline) -> dict[str, Any]:
    label, rest = split_label(inline)
    return {"label": label, "content": rest}


def _svg_layout(chart: BarChart) -> dict[str, Any]:
    layout = chart_shapes.layout_bar_chart(chart)
    shapes: list[dict[str, Any]] = []
    for s in layout.shapes:
        if isinstance(s, chart_shapes.Rect):
            shapes.append({"kind": "rect", "x": s.x, "y": s.y, "w": s.w, "h": s.h, "fill": s.fill})
        elif isinstance(s, chart_shapes.Segment):
            shapes.append(
                {
                    "kind": "line",
                    "x1": s.x1,
                    "y1": s.y1,
                    "x2": s.x2,
                    "y2": s.y2,
                    "color": s.color,
                    "width": s.width,
                    "dash": s.dash,
                    "gap": round(s.dash * 0.7, 3),
                }
            )
        else:
            shapes.append(
                {
                    "kind": "text",
                    "x": s.x,
                    "y": s.y,
                    "text": s.text,
                    "size_mm": round(s.size * 25.4 / 72, 3),
                    "anchor": s.anchor,
                    "bold": s.bold,
                    "color": s.color,
                }
            )
    return {
        "width": layout.width,
        "height": layout.height,
        "shapes": shapes,
        "description": layout.description,
    }


@cache
def _fonts() -> tuple[dict[str, str], ...]:
    return tuple(
        {"weight": weight, "data": base64.b64encode(sarabun(face).read_bytes()).decode("ascii")}
        for weight, face in (("400", "Regular"), ("700", "Bold"))
    )


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def css_string(text: str) -> Markup:
    """Text safe inside a double-quoted CSS string in a <style> element."""
    escaped = "".join(f"\\{ord(ch):X} " if ch in '"\\<>&\n' else ch for ch in text)
    return Markup(escaped)
