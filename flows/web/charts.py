"""The ten-indicator bar chart as plain numbers for an inline SVG template (no JavaScript):
one horizontal bar per indicator on a 0–100 scale, and the pass line (85) across them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

WIDTH = 640
LABEL_WIDTH = 230
VALUE_WIDTH = 56
ROW_HEIGHT = 30
BAR_HEIGHT = 18
TOP = 28
BOTTOM = 26


@dataclass(frozen=True, slots=True)
class Bar:
    indicator: int
    label: str
    score: Decimal | None
    y: float
    width: float
    passed: bool


@dataclass(frozen=True, slots=True)
class IndicatorChart:
    width: int
    height: int
    plot_x: float
    plot_width: float
    bar_height: int
    line_x: float
    line_value: Decimal
    bars: tuple[Bar, ...]
    ticks: tuple[tuple[float, int], ...]


def build_indicator_chart(
    scores: Mapping[int, Decimal | None],
    names: Mapping[int, str],
    pass_line: Decimal,
) -> IndicatorChart:
    """Geometry for indicators 1..10 (a missing score draws no bar and prints "–")."""
    plot_x = float(LABEL_WIDTH)
    plot_width = float(WIDTH - LABEL_WIDTH - VALUE_WIDTH)
    numbers = sorted(set(scores) | set(names)) or list(range(1, 11))
    bars = []
    for row, n in enumerate(numbers):
        score = scores.get(n)
        bars.append(
            Bar(
                indicator=n,
                label=f"{n}. {names.get(n, '')}".strip(),
                score=score,
                y=TOP + row * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2,
                width=_scale(score, plot_width) if score is not None else 0.0,
                passed=score is not None and score >= pass_line,
            )
        )
    return IndicatorChart(
        width=WIDTH,
        height=TOP + len(numbers) * ROW_HEIGHT + BOTTOM,
        plot_x=plot_x,
        plot_width=plot_width,
        bar_height=BAR_HEIGHT,
        line_x=plot_x + _scale(pass_line, plot_width),
        line_value=pass_line,
        bars=tuple(bars),
        ticks=tuple((plot_x + _scale(Decimal(v), plot_width), v) for v in (0, 25, 50, 75, 100)),
    )


def _scale(value: Decimal, plot_width: float) -> float:
    clamped = min(max(float(value), 0.0), 100.0)
    return round(clamped / 100.0 * plot_width, 1)
