"""The bundled corpus (`ita/samples/corpus/`) and big synthetic batches.

Every PDF has a golden JSON beside it (`AssessmentRecord.truth()` plus a "meta" key holding
the layout variant, notes and printed-only values) and a row in `manifest.csv`.
"""

from __future__ import annotations

import csv
import json
import random
import shutil
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from ita.frameworks import known_years, load_framework
from ita.record import AssessmentRecord
from ita.samples.agencies import PROFILES, AgencyProfile
from ita.samples.doc import Document
from ita.samples.itas_report import build_advice, build_itas_document
from ita.samples.render import DocxBatch, render_document
from ita.samples.seed import SEED_YEAR, build_seed_record
from ita.samples.truth import derive_record, draw_items, items_of, truth_document
from ita.samples.variants import PRODUCERS, Producer, Variant, draw_variant

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
MANIFEST_FIELDS = (
    "file",
    "kind",
    "producer",
    "font",
    "fiscal_year",
    "agency",
    "variant",
    "defect",
    "expected",
)
# producers in rotation for the ~100 agency-year results (fpdf2 is the cheapest in bytes)
ROTATION: tuple[Producer, ...] = (
    "fpdf2",
    "libreoffice",
    "chromium",
    "fpdf2",
    "fpdf2-noshape",
    "libreoffice",
    "fpdf2",
    "chromium",
)


@dataclass(slots=True)
class Sample:
    name: str  # file stem
    kind: str  # itas_result | analysis_report | other
    producer: Producer
    variant: Variant
    doc: Document
    truth: dict[str, Any]
    defect: str = ""  # "" | scanned | truncated | overall_mismatch | not_ita
    expected: str = "loaded"
    post: str | None = None  # "scan" | "truncate": applied to the rendered PDF
    meta: dict[str, Any] = field(default_factory=dict)

    def manifest_row(self) -> dict[str, str]:
        t = self.truth
        agency = t.get("agency", {}).get("name", "") if t.get("agency") else ""
        producer = str(self.producer)
        if self.post == "scan":
            producer = f"scan({producer})"
        return {
            "file": f"{self.name}.pdf",
            "kind": self.kind,
            "producer": producer,
            "font": self.variant.font,
            "fiscal_year": str(t.get("fiscal_year", "")),
            "agency": agency,
            "variant": self.variant.short(),
            "defect": self.defect,
            "expected": self.expected,
        }


def _rng(seed: int, name: str) -> random.Random:
    return random.Random(f"ita-samples:{seed}:{name}")


def itas_sample(
    name: str,
    rec: AssessmentRecord,
    producer: Producer,
    rng: random.Random,
    notes: list[str] | None = None,
    printed_score: Decimal | None = None,
) -> Sample:
    """Lay out an ITAS result for `producer`, with advice and golden JSON."""
    fw = load_framework(rec.fiscal_year)
    v = draw_variant(rng, producer)
    rec.advice = build_advice(fw, rec, v)
    truth_rec = rec
    if printed_score is not None:  # the defect "totals do not add up": truth = as printed
        truth_rec = AssessmentRecord.from_truth(rec.truth())
        truth_rec.score = printed_score
    doc, printed = build_itas_document(fw, truth_rec, v)
    notes = list(notes or [])
    unknown = [n for n in (9, 10) if not any(c in rec.items for c in items_of(fw, "OIT", n))]
    if unknown:
        notes.append(
            f"FY{rec.fiscal_year}: the catalog does not know the full O-item list, so "
            f"indicator(s) {', '.join(map(str, unknown))} are printed without O-items."
        )
    meta: dict[str, Any] = {"variant": v.flags(), "printed": printed, "notes": notes}
    return Sample(name, "itas_result", producer, v, doc, truth_document(truth_rec, meta))


def random_record(profile: AgencyProfile, year: int, rng: random.Random) -> AssessmentRecord:
    fw = load_framework(year)
    drift = (year - 2565) * rng.uniform(0.5, 3.0)  # most agencies improve year on year
    items, direct = draw_items(fw, rng, min(profile.quality + drift, 98.5), profile.spread)
    return derive_record(fw, profile.agency, items, direct)


def plan_bundled(seed: int = 0) -> list[Sample]:
    """Every sample of the bundled corpus, laid out but not rendered (pure, deterministic)."""
    years = set(known_years())
    samples: list[Sample] = []
    # 1. the seed agency's real FY2565 result from every producer
    fw = load_framework(SEED_YEAR)
    for producer in PRODUCERS:
        name = f"{SEED_YEAR}-takhram-en-{producer}"
        rec, notes = build_seed_record(fw, _rng(seed, "seed-items"))
        samples.append(itas_sample(name, rec, producer, _rng(seed, name), notes))
    # 2. agency × year results, producers rotated
    k = 0
    for profile in PROFILES:
        for year in profile.years:
            if year not in years:
                continue
            producer = ROTATION[k % len(ROTATION)]
            k += 1
            name = f"{year}-{profile.slug}-{producer}"
            rng = _rng(seed, name)
            samples.append(itas_sample(name, random_record(profile, year, rng), producer, rng))
    return samples


def plan_first_handful(seed: int = 0) -> list[Sample]:
    """The seed agency from each producer plus three other agencies (a quick subset)."""
    plan = plan_bundled(seed)
    seed_ones = [s for s in plan if "takhram-en" in s.name and s.name.startswith("2565")]
    picks: list[Sample] = []
    for s in plan:
        agency = s.truth["agency"]["name"]
        if "takhram-en" in s.name or any(
            p.producer == s.producer or p.truth["agency"]["name"] == agency for p in picks
        ):
            continue
        picks.append(s)
        if len(picks) == 3:
            break
    return seed_ones + picks


def write_samples(samples: list[Sample], out_dir: Path, manifest: bool = True) -> list[Path]:
    """Render every sample into `out_dir` with its golden JSON (and manifest.csv)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="ita-samples-") as tmp:
        work = Path(tmp)
        batch = DocxBatch(work / "docx")
        targets: dict[str, Path] = {}
        for s in samples:
            target = (work / "raw" / f"{s.name}.pdf") if s.post else out_dir / f"{s.name}.pdf"
            targets[s.name] = target
            render_document(s.doc, s.producer, s.variant.font, target, batch)
        batch.flush()
        for s in samples:
            final = out_dir / f"{s.name}.pdf"
            if s.post:
                from ita.samples.defects import scan_pdf, truncate_pdf

                (scan_pdf if s.post == "scan" else truncate_pdf)(targets[s.name], final)
            write_json(out_dir / f"{s.name}.json", s.truth)
            written.append(final)
    if manifest:
        write_manifest(out_dir / "manifest.csv", samples)
    return written


def write_json(path: Path, data: dict[str, Any]) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", "utf-8")


def write_manifest(path: Path, samples: list[Sample]) -> None:
    rows = sorted((s.manifest_row() for s in samples), key=lambda r: r["file"])
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=MANIFEST_FIELDS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def read_manifest(path: Path = CORPUS_DIR / "manifest.csv") -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def generate_corpus(
    out_dir: Path,
    n: int,
    producers: tuple[Producer, ...] = ("fpdf2",),
    seed: int = 0,
) -> list[Path]:
    """`n` synthetic ITAS results (PDF + golden JSON) for benchmarks and big-batch tests.
    With the default fpdf2 producer it needs neither Chromium nor LibreOffice."""
    years = sorted(set(known_years()) & {2564, 2565, 2566, 2567})
    samples = []
    for i in range(n):
        profile = PROFILES[i % len(PROFILES)]
        year = years[(i // len(PROFILES)) % len(years)]
        producer = producers[i % len(producers)]
        name = f"gen-{i:05d}-{producer}"
        rng = _rng(seed, name)
        samples.append(itas_sample(name, random_record(profile, year, rng), producer, rng))
    return write_samples(samples, out_dir, manifest=True)


def clear_corpus(out_dir: Path = CORPUS_DIR) -> None:
    """Remove generated files (PDF, JSON, manifest) before a full regeneration."""
    for p in out_dir.glob("*"):
        if p.suffix in (".pdf", ".json", ".csv"):
            p.unlink()
        elif p.is_dir():
            shutil.rmtree(p)
