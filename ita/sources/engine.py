"""The shared extraction engine: PDF → pages → rows → refusal checks → kind and fiscal year →
fields (each with provenance) → `AssessmentRecord`.

Refusals raise `DocumentRefused(Finding)` with a plain reason in English and Thai:
``unreadable`` (not a PDF, encrypted, truncated), ``scanned`` (no text layer), ``not_ita``
(another assessment, or no ITA result in it), ``unknown_year`` (no fiscal year, or no catalog
for it). The final consistency verdict (overall vs indicators, grade band …) is not made here:
that is `ita.scoring.check_record`'s job; the engine only uses the arithmetic to choose between
candidates a document prints.
"""

from __future__ import annotations

from pathlib import Path

from ita.findings import DocumentRefused, Finding
from ita.frameworks import Framework, known_years, load_framework
from ita.pdf import PageText, PdfReader, UnreadablePdf
from ita.record import AssessmentRecord, DocumentKind, Source
from ita.settings import get_settings
from ita.sources import fields
from ita.sources.names import IndicatorNames
from ita.sources.rows import analyse_row
from ita.sources.spec import KindSpec, Spec, load_spec
from ita.sources.view import DocumentView

# A page with fewer characters than this carries no real text layer (page numbers, stamps).
MIN_TEXT_GLYPHS = 30


def extract_document(path: Path | str) -> AssessmentRecord:
    """Read one ITA document; raise `DocumentRefused` when it cannot yield a record."""
    path = Path(path)
    pages, warnings = read_pages(path)
    spec = load_spec()
    view = DocumentView.of(pages, spec.item_code_prefix)
    kind = detect_kind(view, spec)
    year, year_src = _fiscal_year(view, spec)
    fw = _framework(year)
    record = read_record(view, spec, kind, fw)
    record.provenance["fiscal_year"] = year_src
    record.warnings[:0] = warnings
    if record.score is None and len(record.indicators) < len(fw.indicators) // 2:
        raise _refuse(
            "not_ita",
            "mentions the ITA but holds no ITA result (no overall score and fewer than five "
            "indicator scores found)",
            "กล่าวถึง ITA แต่ไม่พบผลการประเมิน (ไม่พบคะแนนภาพรวมและพบคะแนนตัวชี้วัดไม่ถึง ๕ ตัว)",
        )
    return record


def read_pages(path: Path) -> tuple[list[PageText], list[str]]:
    """All pages (up to the configured maximum) or a refusal: unreadable or scanned."""
    settings = get_settings()
    warnings: list[str] = []
    try:
        reader = PdfReader(path)
    except UnreadablePdf as e:
        raise _refuse(
            "unreadable", f"unreadable PDF: {e.reason}", f"อ่านไฟล์ PDF ไม่ได้: {e.reason}"
        ) from e
    try:
        if reader.page_count > settings.max_pages:
            warnings.append(
                f"only the first {settings.max_pages} of {reader.page_count} pages read"
            )
        pages = list(reader.pages(limit=settings.max_pages))
    except UnreadablePdf as e:
        raise _refuse(
            "unreadable", f"unreadable PDF: {e.reason}", f"อ่านไฟล์ PDF ไม่ได้: {e.reason}"
        ) from e
    finally:
        reader.close()
    if not pages:
        raise _refuse("unreadable", "unreadable PDF: it has no pages", "อ่านไฟล์ PDF ไม่ได้: ไม่มีหน้า")
    if not any(p.glyphs >= MIN_TEXT_GLYPHS for p in pages):
        images = sum(p.images for p in pages)
        raise _refuse(
            "scanned",
            f"scanned: no text layer ({len(pages)} page(s), {images} image(s), no readable text); "
            "OCR is needed",
            f"เป็นภาพสแกน: ไม่มีชั้นข้อความ ({len(pages)} หน้า) ต้องแปลงด้วย OCR ก่อน",
        )
    for p in pages:
        if p.source != "pdfplumber":
            warnings.append(
                f"page {p.number}: characters read with {p.source} ({'; '.join(p.notes)})"
            )
        elif p.lost:
            warnings.append(
                f"page {p.number}: {p.lost} glyph(s) without text (marks lost by the producer)"
            )
    return pages, warnings


def detect_kind(view: DocumentView, spec: Spec | None = None) -> DocumentKind:
    """Which document this is, or `DocumentRefused(not_ita)`."""
    spec = spec or load_spec()
    head = view.text(pages=3)
    for refusal in spec.refuse:
        m = refusal.pattern.search(head)
        if m:
            raise _refuse(
                "not_ita",
                f"not an NACC ITA result: {refusal.en} (found “{m.group(0)}”)",
                f"ไม่ใช่ผลการประเมิน ITA ของสำนักงาน ป.ป.ช.: {refusal.th} (พบ “{m.group(0)}”)",
            )
    if not any(p.search(head) for p in spec.ita_markers):
        first = next((r.text for r in view.rows if r.text.strip()), "")[:80]
        raise _refuse(
            "not_ita",
            f"not an ITA document: no ITA title or marker on its first pages (begins “{first}”)",
            f"ไม่ใช่เอกสาร ITA: ไม่พบชื่อหรือคำว่า ITA ในหน้าแรก ๆ (ขึ้นต้นว่า “{first}”)",
        )
    kind = _kind_of(head, spec)
    if kind is None:
        raise _refuse(
            "not_ita",
            "mentions the ITA but is neither an ITAS result report nor an ITA analysis report",
            "กล่าวถึง ITA แต่ไม่ใช่รายงานผลการประเมินหรือรายงานการวิเคราะห์ผลการประเมิน",
        )
    return kind.kind


def _kind_of(head: str, spec: Spec) -> KindSpec | None:
    first = min(
        ((m.start(), k) for k in spec.kinds for p in k.detect if (m := p.search(head))),
        key=lambda t: t[0],
        default=None,
    )
    if first is None:
        return None
    # a title naming the analysis report wins over the ITA phrase inside it
    for k in spec.kinds:
        if any(p.search(head[: first[0] + 400]) for p in k.detect):
            return k
    return first[1]


def _fiscal_year(view: DocumentView, spec: Spec) -> tuple[int, Source]:
    found = fields.read_fiscal_year(view, spec)
    if found is None:
        raise _refuse(
            "unknown_year",
            "unknown fiscal year: no 'ปีงบประมาณ พ.ศ. 25xx' or similar in the document",
            "ไม่ทราบปีงบประมาณ: ไม่พบ 'ปีงบประมาณ พ.ศ. 25xx' ในเอกสาร",
        )
    year, src = found
    if year < spec.first_year_of_framework:
        raise _refuse(
            "not_ita",
            f"FY{year} predates the IIT/EIT/OIT framework (old five-index ITA)",
            f"ปีงบประมาณ {year} เป็นการประเมิน ITA แบบเดิม (ก่อนกรอบ IIT/EIT/OIT)",
        )
    return year, src


def _framework(year: int) -> Framework:
    if year not in known_years():
        raise _refuse(
            "unknown_year",
            f"unknown fiscal year: FY{year} has no framework catalog (known: "
            f"{', '.join(map(str, known_years()))})",
            f"ไม่รู้จักปีงบประมาณ {year}: ไม่มีข้อมูลกรอบการประเมินของปีนี้",
        )
    return load_framework(year)


def read_record(
    view: DocumentView, spec: Spec, kind: DocumentKind, fw: Framework
) -> AssessmentRecord:
    """All fields the kind carries, each with its provenance."""
    kind_spec = next(k for k in spec.kinds if k.kind == kind)
    wanted = kind_spec.fields
    infos = [analyse_row(r, spec, frozenset(fw.items)) for r in view.rows]
    agency_read = fields.read_agency(view, spec)
    if agency_read is None:
        raise _refuse(
            "no_agency",
            "no agency name found (no 'หน่วยงาน' label and no line starting with an agency type)",
            "ไม่พบชื่อหน่วยงาน (ไม่มีหัวข้อ 'หน่วยงาน' และไม่มีบรรทัดที่ขึ้นต้นด้วยประเภทหน่วยงาน)",
        )
    agency, agency_src = agency_read
    record = AssessmentRecord(kind=kind, fiscal_year=fw.fiscal_year, agency=agency)
    record.provenance["agency"] = agency_src

    names = IndicatorNames(fw)
    cands, notes = fields.indicator_candidates(infos, names)
    record.warnings.extend(notes)
    options = {n: fields.vote(c) for n, c in cands.items()}
    overall = fields.overall_candidates(infos, spec)
    chosen, overall_pick, notes = fields.settle_indicators(fw, options, overall)
    record.warnings.extend(notes)
    if "indicators" in wanted:
        for n in sorted(chosen):
            record.indicators[n] = chosen[n].value
            record.provenance[f"indicator.{n}"] = chosen[n].source
    if "score" in wanted and overall_pick is not None:
        record.score = overall_pick.value
        record.provenance["score"] = overall_pick.source
    if "grade" in wanted:
        grade = fields.read_grade(view, spec, fw, overall_pick.index if overall_pick else None)
        if grade is not None:
            record.grade = grade.label
            record.provenance["grade"] = grade.source
    if "tool_scores" in wanted:
        reads = fields.read_tools(infos, spec)
        tools, notes = fields.settle_tools(fw, reads, record.indicators, record.score)
        record.warnings.extend(notes)
        record.tool_scores = tools
        for code in tools:
            record.provenance[f"tool.{code}"] = reads[code].source
    if "items" in wanted:
        for code, item_cands in fields.item_candidates(infos).items():
            pick = fields.vote(item_cands)[0]
            record.items[code] = pick.value
            record.provenance[f"item.{code}"] = pick.source
    if "advice" in wanted:
        advice, sources = fields.read_advice(view, spec)
        record.advice = advice
        for i, src in enumerate(sources, 1):
            record.provenance[f"advice.{i}"] = src
    _warn_missing(record, fw, wanted)
    return record


def _warn_missing(record: AssessmentRecord, fw: Framework, wanted: frozenset[str]) -> None:
    missing = [n for n in fw.indicators if n not in record.indicators]
    if "indicators" in wanted and missing:
        record.warnings.append(f"indicator score(s) not found: {', '.join(map(str, missing))}")
    if "score" in wanted and record.score is None:
        record.warnings.append("overall score not found")
    if "grade" in wanted and record.grade is None:
        record.warnings.append("grade / Rating Score label not found")


def _refuse(check: str, en: str, th: str) -> DocumentRefused:
    return DocumentRefused(Finding(check=check, detail_en=en, detail_th=th))
