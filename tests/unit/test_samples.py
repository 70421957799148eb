"""The bundled sample corpus and the generator (no Chromium or LibreOffice needed)."""

from __future__ import annotations

import json
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2
import pytest

from ita.frameworks import load_framework
from ita.record import AssessmentRecord
from ita.samples.corpus import (
    CORPUS_DIR,
    generate_corpus,
    plan_bundled,
    read_manifest,
    write_samples,
)
from ita.samples.numbers import format_score
from ita.samples.seed import SEED_INDICATORS, SEED_ITEMS, SEED_OIT_FAILED

MANIFEST = read_manifest()
ROWS = {r["file"]: r for r in MANIFEST}
CENT = Decimal("0.01")
TOL = Decimal("0.02")


def _r2(x: Decimal) -> Decimal:
    return x.quantize(CENT, rounding=ROUND_HALF_UP)


def _truth(pdf_name: str) -> dict[str, Any]:
    return json.loads((CORPUS_DIR / pdf_name).with_suffix(".json").read_text("utf-8"))


def _records(kind: str) -> list[tuple[str, dict[str, Any]]]:
    return [(f, _truth(f)) for f, r in ROWS.items() if r["kind"] == kind]


def _overall(fy: int, indicators: dict[int, Decimal]) -> Decimal:
    """Independent oracle: Σ weight · mean(indicators of the tool), weights from the catalog."""
    fw = load_framework(fy)
    total = Decimal(0)
    for tool in fw.tools.values():
        vals = [indicators[n] for n in tool.indicators]
        total += tool.weight * sum(vals, Decimal(0)) / len(vals)
    return _r2(total)


# ---- the corpus as committed -----------------------------------------------------------------
def test_manifest_lists_every_pdf_and_every_pdf_has_golden_json() -> None:
    pdfs = {p.name for p in CORPUS_DIR.glob("*.pdf")}
    assert pdfs == set(ROWS), "manifest.csv and the PDFs in the corpus disagree"
    for name in pdfs:
        assert (CORPUS_DIR / name).with_suffix(".json").exists(), f"{name} has no golden JSON"
    assert len(pdfs) >= 100


def test_manifest_expected_outcomes_are_well_formed() -> None:
    for row in MANIFEST:
        assert re.fullmatch(r"loaded|quarantined:[a-z_]+", row["expected"]), row
        assert (row["defect"] == "") == (row["expected"] == "loaded"), row
    defects = {r["defect"] for r in MANIFEST}
    assert {"scanned", "truncated", "overall_mismatch", "not_ita"} <= defects


def test_corpus_covers_producers_years_and_agency_types() -> None:
    producers = {r["producer"] for r in MANIFEST}
    assert {"fpdf2", "fpdf2-noshape", "chromium", "libreoffice"} <= producers
    years = {r["fiscal_year"] for r in MANIFEST if r["kind"] == "itas_result"}
    assert {"2564", "2565", "2566", "2567"} <= years
    types = {_truth(f)["agency"]["agency_type"] for f, _ in _records("itas_result")}
    assert {"องค์การบริหารส่วนตำบล", "เทศบาลตำบล", "กรม", "โรงพยาบาล", "โรงเรียน"} <= types
    assert len({_truth(f)["agency"]["name"] for f, _ in _records("itas_result")}) >= 30


def test_corpus_stays_small() -> None:
    size = sum(p.stat().st_size for p in CORPUS_DIR.iterdir() if p.is_file())
    assert size < 15_000_000, f"corpus is {size / 1e6:.1f} MB"


@pytest.mark.parametrize("kind", ["itas_result", "analysis_report"])
def test_overall_recomputes_from_indicators(kind: str) -> None:
    for name, t in _records(kind):
        rec = AssessmentRecord.from_truth(t)
        computed = _overall(rec.fiscal_year, rec.indicators)
        assert rec.score is not None
        off = abs(computed - rec.score)
        if ROWS[name]["defect"] == "overall_mismatch":
            assert off > TOL, f"{name}: the defective total adds up ({rec.score})"
            assert Decimal(t["meta"]["computed_score"]) == computed
        else:
            assert off <= TOL, f"{name}: printed {rec.score}, computed {computed}"


def test_grades_and_tool_scores_follow_the_catalog() -> None:
    for name, t in _records("itas_result"):
        if ROWS[name]["defect"] == "overall_mismatch":
            continue
        rec = AssessmentRecord.from_truth(t)
        fw = load_framework(rec.fiscal_year)
        for code, tool in fw.tools.items():
            vals = [rec.indicators[n] for n in tool.indicators]
            assert rec.tool_scores[code] == _r2(sum(vals, Decimal(0)) / len(vals)), name
        assert rec.score is not None
        assert rec.grade == fw.grade_for(rec.score, rec.tool_scores), name


def test_perception_indicators_are_the_mean_of_their_items() -> None:
    for name, t in _records("itas_result"):
        rec = AssessmentRecord.from_truth(t)
        fw = load_framework(rec.fiscal_year)
        for n, ind in fw.indicators.items():
            if ind.tool == "OIT":
                continue
            vals = [rec.items[i.code] for i in fw.items_of(n)]
            assert rec.indicators[n] == _r2(sum(vals, Decimal(0)) / len(vals)), (name, n)
            assert all(Decimal(0) <= v <= Decimal(100) for v in vals), name


def test_oit_items_are_pass_or_fail() -> None:
    for name, t in _records("itas_result"):
        for code, v in t["items"].items():
            if code.startswith("O"):
                assert v in ("0", "100"), (name, code, v)


def test_seed_agency_carries_the_published_numbers() -> None:
    seed_files = [f for f in ROWS if f.startswith("2565-takhram-en")]
    assert len(seed_files) == 5  # four producers + the analysis report
    for name in seed_files:
        t = _truth(name)
        rec = AssessmentRecord.from_truth(t)
        assert (rec.score, rec.grade) == (Decimal("87.13"), "A")
        assert rec.indicators == SEED_INDICATORS
        for code, v in SEED_ITEMS.items():
            if code in rec.items or t["kind"] == "itas_result":
                assert rec.items[code] == v, (name, code)
        for code in SEED_OIT_FAILED:
            assert rec.items[code] == 0, (name, code)
        assert any("83.33" in n and "84.29" in n for n in t["meta"]["notes"]), name
    producers = {ROWS[f]["producer"] for f in seed_files}
    assert producers == {"fpdf2", "fpdf2-noshape", "chromium", "libreoffice"}


def test_truth_files_match_a_fresh_plan() -> None:
    """`python -m ita.samples` regenerates the same truth files (the plan is deterministic)."""
    for sample in plan_bundled(seed=0):
        committed = _truth(f"{sample.name}.pdf")
        fresh = json.loads(json.dumps(sample.truth, ensure_ascii=False))
        assert fresh == committed, f"{sample.name}: truth differs from a fresh plan"


def test_unshaped_fpdf2_text_carries_the_truth() -> None:
    """fpdf2 without shaping writes Thai in logical order: the printed text must contain the
    agency name, the overall score and every indicator score of the golden JSON."""
    for name, row in ROWS.items():
        if row["producer"] != "fpdf2-noshape":
            continue
        t = _truth(name)
        v = t["meta"]["variant"]
        pdf = pypdfium2.PdfDocument(CORPUS_DIR / name)
        text = "".join(p.get_textpage().get_text_range() for p in pdf)
        pdf.close()
        flat = re.sub(r"\s+", "", text)
        assert t["agency"]["name"] in flat, name

        def fmt(s: str, v: dict[str, Any] = v) -> str:
            return format_score(Decimal(s), v["thai_digits"], v["trim_decimals"])

        assert fmt(t["score"]) in flat, name
        for score in t["indicators"].values():
            assert fmt(score) in flat, (name, score)


def test_scanned_sample_has_no_text_layer() -> None:
    (name,) = [f for f, r in ROWS.items() if r["defect"] == "scanned"]
    with pdfplumber.open(CORPUS_DIR / name) as pdf:
        assert len(pdf.pages) > 0
        assert all(not page.chars for page in pdf.pages)
        assert any(page.images for page in pdf.pages)


def test_truncated_sample_is_cut() -> None:
    (name,) = [f for f, r in ROWS.items() if r["defect"] == "truncated"]
    data = (CORPUS_DIR / name).read_bytes()
    assert data.startswith(b"%PDF-")
    assert b"%%EOF" not in data[-64:]


# ---- the generator --------------------------------------------------------------------------
def test_fpdf2_generation_is_deterministic(tmp_path: Path) -> None:
    def make(out: Path) -> dict[str, str]:
        plan = [s for s in plan_bundled(seed=7) if s.producer in ("fpdf2", "fpdf2-noshape")]
        write_samples(plan[:2], out)
        return {p.name: p.read_text("utf-8") for p in sorted(out.glob("*.json"))}

    first, second = make(tmp_path / "a"), make(tmp_path / "b")
    assert first == second and len(first) == 2
    for name in first:  # fpdf2 output is byte-identical too (fixed creation date)
        pdf = name.replace(".json", ".pdf")
        assert (tmp_path / "a" / pdf).read_bytes() == (tmp_path / "b" / pdf).read_bytes()
    assert first != {n: _truth(n.replace(".json", ".pdf")) for n in first}  # seed matters


def test_generate_corpus_makes_valid_pdfs(tmp_path: Path) -> None:
    paths = generate_corpus(tmp_path, 3, producers=("fpdf2", "fpdf2-noshape"), seed=1)
    assert len(paths) == 3
    for path in paths:
        with pdfplumber.open(path) as pdf:
            assert len(pdf.pages) > 0
            assert pdf.pages[0].chars
        rec = AssessmentRecord.read_truth(path.with_suffix(".json"))
        assert rec.kind == "itas_result" and len(rec.indicators) == 10
        assert abs(_overall(rec.fiscal_year, rec.indicators) - (rec.score or 0)) <= TOL
    assert len(read_manifest(tmp_path / "manifest.csv")) == 3
