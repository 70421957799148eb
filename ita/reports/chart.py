"""Geometry of the indicator bar chart, shared by every output format.

`layout_bar_chart` turns a `BarChart` block into shapes in millimetres (origin top-left, y
down); the PDF renderer draws them with fpdf2, the HTML renderer as inline SVG, and the DOCX
renderer embeds a PNG rasterised from the PDF drawing. Horizontal bars leave room for the full
Thai indicator names.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ita.reports.blocks import BarChart

Anchor = Literal["start", "middle", "end"]

INK = "#1F2937"
MUTED = "#6B7280"
GRID = "#D1D5DB"
PASS_FILL = "#2F5597"
BELOW_FILL = "#E07B39"
THRESHOLD = "#C00000"


@dataclass(frozen=True, slots=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str


@dataclass(frozen=True, slots=True)
class Segment:
    x1: float
    y1: float
    x2: float
    y2: float
    color: str
    width: float  # mm
    dash: float = 0.0  # dash length in mm, 0 = solid


@dataclass(frozen=True, slots=True)
class Label:
    x: float
    y: float  # baseline
    text: str
    size: float  # pt
    anchor: Anchor = "start"
    bold: bool = False
    color: str = INK


Shape = Rect | Segment | Label


@dataclass(frozen=True, slots=True)
class ChartLayout:
    width: float
    height: float
    shapes: tuple[Shape, ...]
    description: str  # text alternative


def layout_bar_chart(chart: BarChart, width: float = 160.0) -> ChartLayout:
    """Horizontal bars, one per indicator, with the threshold as a dashed vertical line."""
    row_h = 7.0
    bar_h = 4.4
    top = 6.0  # room for the threshold label
    bottom = 10.0  # axis ticks and title, legend
    label_w = width * 0.40
    value_w = 14.0
    plot_x = label_w + 2.0
    plot_w = width - plot_x - value_w
    height = top + row_h * len(chart.bars) + bottom
    scale = plot_w / chart.axis_max
    shapes: list[Shape] = []

    # grid and ticks
    axis_y = top + row_h * len(chart.bars)
    for value, text in chart.ticks:
        x = plot_x + value * scale
        shapes.append(Segment(x, top - 1.0, x, axis_y, GRID, 0.2))
        shapes.append(Label(x, axis_y + 4.0, text, 7.5, "middle", color=MUTED))
    shapes.append(Segment(plot_x, top - 1.0, plot_x, axis_y, MUTED, 0.3))
    shapes.append(Segment(plot_x, axis_y, plot_x + plot_w, axis_y, MUTED, 0.3))
    if chart.axis_title:
        shapes.append(Label(plot_x + plot_w / 2, axis_y + 8.2, chart.axis_title, 7.5, "middle"))

    # bars
    for n, bar in enumerate(chart.bars):
        y = top + n * row_h
        mid = y + row_h / 2
        passed = bar.value >= chart.threshold
        shapes.append(Label(label_w, mid + 1.3, f"{bar.label} {bar.name}", 8.5, "end"))
        w = max(bar.value * scale, 0.3)
        shapes.append(Rect(plot_x, mid - bar_h / 2, w, bar_h, PASS_FILL if passed else BELOW_FILL))
        shapes.append(
            Label(plot_x + plot_w + value_w - 0.5, mid + 1.3, bar.display, 8.0, "end", not passed)
        )

    # threshold line and its label, then the legend
    tx = plot_x + chart.threshold * scale
    shapes.append(Segment(tx, top - 2.5, tx, axis_y, THRESHOLD, 0.45, dash=1.2))
    shapes.append(Label(tx, top - 3.5, chart.threshold_label, 7.5, "middle", True, THRESHOLD))
    for n, (fill, text) in enumerate(
        ((PASS_FILL, chart.legend_pass), (BELOW_FILL, chart.legend_below))
    ):
        ly = axis_y + 4.0 + n * 4.0
        shapes.append(Rect(2.0, ly - 2.5, 2.8, 2.8, fill))
        shapes.append(Label(6.0, ly, text, 7.5, color=MUTED))

    description = "; ".join(f"{b.label} {b.name} {b.display}" for b in chart.bars)
    return ChartLayout(width, height, tuple(shapes), f"{chart.caption}: {description}")
