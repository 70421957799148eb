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
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from ita.frameworks import known_years, load_framework
from ita.record import AssessmentRecord
from ita.samples import texts
from ita.samples.agencies import PROFILES, AgencyProfile
from ita.samples.analysis_report import AnalysisStyle, build_analysis_document
from ita.samples.doc import Document, Heading, Paragraph, Table
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


# agencies that also publish an analysis report of one year's result (from the same truth)
ANALYSIS_AGENCIES = {"ban-kao": 2565, "tha-rua": 2566, "hosp-phanom-thuan": 2566}


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
        agency = t["agency"]["name"] if t.get("agency") else ""
        producer = str(self.producer)
        if self.post == "scan":
            producer = f"scan({producer})"
        return {
            "file": f"{self.name}.pdf",
            "kind": self.kind,
            "producer": producer,
            "font": self.variant.font,
            "fiscal_year": str(t.get("fiscal_year") or ""),
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


def analysis_sample(
    name: str, rec: AssessmentRecord, style: AnalysisStyle, notes: list[str] | None = None
) -> Sample:
    """The agency's own analysis report of `rec` (docx → LibreOffice, Thai digits)."""
    fw = load_framework(rec.fiscal_year)
    doc, truth_rec = build_analysis_document(fw, rec, style)
    v = Variant(
        producer="libreoffice",
        font=style.font,
        thai_digits=True,
        ruled=True,
        indicator_style="ranked",
        tool_style="raw",
        block_order="analysis",
        code_style="thai",
        oit_style="100/0",
        trim_decimals=True,
        furniture="running",
        agency_as_table=False,
        name_choice=style.name_choice,
        body_size=style.body_size,
    )
    notes = list(notes or [])
    notes.append(
        "Analysis report: prints overall, grade, the ten indicators and only the items of its "
        "improvement tables (IIT/EIT below the improve line, OIT items at 0); no tool scores, "
        "no advice."
    )
    if style.zero_for_o:
        notes.append(
            f"Item codes {', '.join(style.zero_for_o)} are typed with a zero instead of the letter "
            "O (e.g. 0๒๔), as the seed report does."
        )
    meta = {"variant": v.flags(), "printed": {}, "notes": notes}
    return Sample(name, "analysis_report", "libreoffice", v, doc, truth_document(truth_rec, meta))


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
    # 2. the seed agency's analysis report, with consistent numbers
    rec, notes = build_seed_record(fw, _rng(seed, "seed-items"))
    style = AnalysisStyle(font="Laksaman", zero_for_o=("O24", "O28"), body_size=15.0)
    samples.append(
        analysis_sample(f"{SEED_YEAR}-takhram-en-analysis-libreoffice", rec, style, notes)
    )
    # 3. agency × year results, producers rotated
    k = 0
    for profile in PROFILES:
        for year in profile.years:
            if year not in years:
                continue
            producer = ROTATION[k % len(ROTATION)]
            k += 1
            name = f"{year}-{profile.slug}-{producer}"
            rng = _rng(seed, name)
            rec = random_record(profile, year, rng)
            samples.append(itas_sample(name, rec, producer, rng))
            if profile.slug in ANALYSIS_AGENCIES and year == ANALYSIS_AGENCIES[profile.slug]:
                font = rng.choice(("Sarabun", "Norasi", "Laksaman"))
                style = AnalysisStyle(font=font, body_size=12.0 if font == "Sarabun" else 15.0)
                name = f"{year}-{profile.slug}-analysis-libreoffice"
                samples.append(analysis_sample(name, rec, style))
    samples.extend(plan_defects(seed))
    return samples


def plan_defects(seed: int = 0) -> list[Sample]:
    """Files an ingest must refuse, each with the reason it should give."""
    by_slug = {p.slug: p for p in PROFILES}
    out: list[Sample] = []

    def base(slug: str, year: int, producer: Producer, name: str) -> Sample:
        rng = _rng(seed, name)
        return itas_sample(name, random_record(by_slug[slug], year, rng), producer, rng)

    s = base("yasothon-city", 2566, "fpdf2", "defect-scanned-2566-yasothon-city")
    s.post, s.defect, s.expected = "scan", "scanned", "quarantined:scanned"
    s.truth["meta"]["notes"].append(
        "Image-only PDF (pdftoppm page images wrapped by fpdf2): no text layer; the values "
        "above are what the picture shows."
    )
    out.append(s)

    s = base("chumphon-city", 2565, "libreoffice", "defect-truncated-2565-chumphon-city")
    s.post, s.defect, s.expected = "truncate", "truncated", "quarantined:unreadable"
    s.truth["meta"]["notes"].append(
        "The file keeps only the first 55 % of the bytes of a LibreOffice PDF (no xref table, "
        "no %%EOF), like an interrupted download; a lenient parser may still see some pages."
    )
    out.append(s)

    name = "defect-overall-2566-wang-nam-khiao"
    rng = _rng(seed, name)
    rec = random_record(by_slug["wang-nam-khiao"], 2566, rng)
    assert rec.score is not None
    printed = rec.score + Decimal("3.20") if rec.score < 96 else rec.score - Decimal("3.20")
    s = itas_sample(name, rec, "fpdf2", rng, printed_score=printed)
    s.defect, s.expected = "overall_mismatch", "quarantined:overall_mismatch"
    s.truth["meta"]["notes"].append(
        f"The printed overall score {printed} does not add up: the ten printed indicators give "
        f"{rec.score} (0.3·IIT + 0.3·EIT + 0.4·OIT)."
    )
    s.truth["meta"]["computed_score"] = format(rec.score, "f")
    out.append(s)

    out.append(not_ita_sample("defect-not-ita-2566-announcement", seed))
    return out


def not_ita_sample(name: str, seed: int) -> Sample:
    """A Thai government announcement (job recruitment) that is not an ITA result."""
    rng = _rng(seed, name)
    v = draw_variant(rng, "libreoffice")
    place = "หนองหญ้า"
    year = "๒๕๖๖"
    doc = Document(title=texts.NOT_ITA_TITLE.format(place=place), body_size=v.body_size)
    doc.add(
        Heading(texts.NOT_ITA_TITLE.format(place=place), 1, "center"),
        Heading(texts.NOT_ITA_SUBJECT.format(year=year), 2, "center"),
        Paragraph("-----------------------------------", align="center"),
        Paragraph(texts.NOT_ITA_BODY.format(place=place), indent=True),
        Table(
            header=("ตำแหน่ง", "จำนวน (อัตรา)", "ค่าตอบแทน (บาท/เดือน)", "คุณสมบัติ"),
            rows=texts.NOT_ITA_ROWS,
            widths=(2, 1.2, 1.5, 3),
            aligns=("left", "center", "center", "left"),
        ),
        Paragraph(f"ประกาศ ณ วันที่ ๑๕ ธันวาคม พ.ศ. {year}", align="center"),
        Paragraph(f"นายกองค์การบริหารส่วนตำบล{place}", align="center"),
    )
    truth = {
        "kind": None,
        "expected": "quarantined:not_ita",
        "meta": {"variant": v.flags(), "notes": ["Not an ITA document: a recruitment notice."]},
    }
    return Sample(name, "other", "libreoffice", v, doc, truth, "not_ita", "quarantined:not_ita")


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


def _render_one(job: tuple[Document, Producer, str, Path]) -> None:
    doc, producer, font, target = job
    render_document(doc, producer, font, target, None)


def write_samples(
    samples: list[Sample], out_dir: Path, manifest: bool = True, workers: int = 1
) -> list[Path]:
    """Render every sample into `out_dir` with its golden JSON (and manifest.csv); fpdf2
    documents are rendered in `workers` processes when more than one."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="ita-samples-") as tmp:
        work = Path(tmp)
        batch = DocxBatch(work / "docx")
        targets: dict[str, Path] = {}
        in_process: list[tuple[Sample, Path]] = []
        for s in samples:
            target = (work / "raw" / f"{s.name}.pdf") if s.post else out_dir / f"{s.name}.pdf"
            targets[s.name] = target
            in_process.append((s, target))
        fpdf_jobs = [(s, t) for s, t in in_process if s.producer.startswith("fpdf2")]
        if workers > 1 and len(fpdf_jobs) > 1:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                list(
                    pool.map(
                        _render_one,
                        [(s.doc, s.producer, s.variant.font, t) for s, t in fpdf_jobs],
                        chunksize=4,
                    )
                )
            in_process = [(s, t) for s, t in in_process if not s.producer.startswith("fpdf2")]
        for s, target in in_process:
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
    workers: int = 1,
) -> list[Path]:
    """`n` synthetic ITAS results (PDF + golden JSON + manifest.csv) for benchmarks and
    big-batch tests: agencies and fiscal years cycle, item scores and layouts are random from
    `seed`. With fpdf2 producers it needs neither Chromium nor LibreOffice (~0.7 s per
    document per worker)."""
    years = sorted(set(known_years()) & {2564, 2565, 2566, 2567})
    samples = []
    for i in range(n):
        profile = PROFILES[i % len(PROFILES)]
        year = years[(i // len(PROFILES)) % len(years)]
        producer = producers[i % len(producers)]
        name = f"gen-{i:05d}-{producer}"
        rng = _rng(seed, name)
        samples.append(itas_sample(name, random_record(profile, year, rng), producer, rng))
    return write_samples(samples, out_dir, manifest=True, workers=workers)


def clear_corpus(out_dir: Path = CORPUS_DIR) -> None:
    """Remove generated files (PDF, JSON, manifest) before a full regeneration."""
    for p in out_dir.glob("*"):
        if p.suffix in (".pdf", ".json", ".csv"):
            p.unlink()
        elif p.is_dir():
            shutil.rmtree(p)
