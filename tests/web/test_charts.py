"""The ten-indicator chart: bars to scale against the 0–100 axis, the pass line where 85 is."""

from __future__ import annotations

from decimal import Decimal

from flows.web.charts import build_indicator_chart

SEED = {  # the seed report's FY2565 indicators
    1: "92.69", 2: "87.13", 3: "92.98", 4: "84.11", 5: "89.48",
    6: "81.13", 7: "77.02", 8: "78.62", 9: "83.33", 10: "100.00",
}  # fmt: skip


def test_bars_scale_and_pass_line() -> None:
    scores = {n: Decimal(v) for n, v in SEED.items()}
    chart = build_indicator_chart(scores, {n: f"ตัวชี้วัด {n}" for n in SEED}, Decimal("85"))
    full = next(b for b in chart.bars if b.indicator == 10)
    assert full.width == chart.plot_width
    assert abs((chart.line_x - chart.plot_x) / chart.plot_width - 0.85) < 0.001
    assert [b.indicator for b in chart.bars] == list(range(1, 11))
    assert {b.indicator for b in chart.bars if not b.passed} == {4, 6, 7, 8, 9}
    ys = [b.y for b in chart.bars]
    assert ys == sorted(ys) and len(set(ys)) == 10
    assert chart.height > max(ys) + chart.bar_height


def test_missing_score_draws_no_bar_and_out_of_range_is_clamped() -> None:
    chart = build_indicator_chart({1: None, 2: Decimal("120")}, {1: "a", 2: "b"}, Decimal("85"))
    by_n = {b.indicator: b for b in chart.bars}
    assert by_n[1].width == 0 and not by_n[1].passed
    assert by_n[2].width == chart.plot_width
