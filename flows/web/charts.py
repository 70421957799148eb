"""The ten-indicator bar chart as plain numbers for an inline SVG template (no JavaScript):
one horizontal bar per indicator on a 0–100 scale, and the pass line (85) across them.

Two layouts: ``WIDE`` puts each label left of its bar (desktop), ``NARROW`` puts it above its
bar so the text stays readable on a phone; the page shows one or the other by CSS."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

TOP = 28
BOTTOM = 26


@dataclass(frozen=True, slots=True)
class Layout:
    name: str
    width: int
    label_width: int  # 0: the label goes above the bar
    value_width: int
    row_height: int
    bar_height: int

    @property
    def label_above(self) -> bool:
        return self.label_width == 0


WIDE = Layout("wide", width=640, label_width=230, value_width=60, row_height=30, bar_height=18)
NARROW = Layout("narrow", width=360, label_width=0, value_width=50, row_height=44, bar_height=16)


@dataclass(frozen=True, slots=True)
class Bar:
    indicator: int
    label: str
    score: Decimal | None
    y: float  # top of the bar
    label_y: float  # baseline of the label
    value_y: float  # baseline of the score text
    width: float
    passed: bool


@dataclass(frozen=True, slots=True)
class IndicatorChart:
    layout: Layout
    width: int
    height: int
    plot_x: float
    plot_width: float
    value_x: float  # right edge of the score column
    bar_height: int
    line_x: float
    line_value: Decimal
    bars: tuple[Bar, ...]
    ticks: tuple[tuple[float, int], ...]


def build_indicator_chart(
    scores: Mapping[int, Decimal | None],
    names: Mapping[int, str],
    pass_line: Decimal,
    layout: Layout = WIDE,
) -> IndicatorChart:
    """Geometry for indicators 1..10 (a missing score draws no bar and prints "–")."""
    plot_x = float(layout.label_width + (0 if layout.label_above else 8))
    plot_width = float(layout.width - plot_x - layout.value_width)
    numbers = sorted(set(scores) | set(names)) or list(range(1, 11))
    label_room = 18 if layout.label_above else 0
    bars = []
    for row, n in enumerate(numbers):
        score = scores.get(n)
        top = TOP + row * layout.row_height
        bar_y = top + label_room + (layout.row_height - label_room - layout.bar_height) / 2
        text_y = bar_y + layout.bar_height * 0.8
        bars.append(
            Bar(
                indicator=n,
                label=f"{n}. {names.get(n, '')}".strip(),
                score=score,
                y=bar_y,
                label_y=top + 15 if layout.label_above else text_y,
                value_y=text_y,
                width=_scale(score, plot_width) if score is not None else 0.0,
                passed=score is not None and score >= pass_line,
            )
        )
    return IndicatorChart(
        layout=layout,
        width=layout.width,
        height=TOP + len(numbers) * layout.row_height + BOTTOM,
        plot_x=plot_x,
        plot_width=plot_width,
        value_x=float(layout.width - 2),
        bar_height=layout.bar_height,
        line_x=plot_x + _scale(pass_line, plot_width),
        line_value=pass_line,
        bars=tuple(bars),
        ticks=tuple((plot_x + _scale(Decimal(v), plot_width), v) for v in (0, 25, 50, 75, 100)),
    )


def _scale(value: Decimal, plot_width: float) -> float:
    clamped = min(max(float(value), 0.0), 100.0)
    return round(clamped / 100.0 * plot_width, 1)
