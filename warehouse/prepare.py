"""Extract and validate one stored document — pure (no database) and picklable, so a flow can
run it in a process pool and hand the result to the single writer (`warehouse.load`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ita.findings import DocumentRefused, Finding
from ita.rawstore import StoredFile
from ita.record import AssessmentRecord
from schemas.validate import has_errors, validate_records


@dataclass(frozen=True, slots=True)
class PreparedDocument:
    """A stored document with its record (None if extraction refused it) and every finding."""

    stored: StoredFile
    record: AssessmentRecord | None
    findings: tuple[Finding, ...] = ()
    page_count: int | None = None
    producer: str | None = None
    hints: dict[str, object] = field(default_factory=dict)  # from a manifest row

    @property
    def document_id(self) -> str:
        return self.stored.document_id

    @property
    def refused(self) -> bool:
        """True when the document must go to quarantine."""
        return self.record is None or has_errors(list(self.findings))

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "error")


def describe_pdf(path: Path) -> tuple[int | None, str | None]:
    """(page count, Producer metadata) of a PDF; (None, None) when it is not a readable PDF."""
    try:
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(str(path))
    except Exception:  # not a PDF, encrypted, damaged: extraction reports why
        return None, None
    try:
        producer = (pdf.get_metadata_dict().get("Producer") or "").strip() or None
        return len(pdf), producer
    finally:
        pdf.close()


def extract_record(path: Path) -> AssessmentRecord:
    """`ita.sources.extract_document` (imported here so the warehouse still loads records from
    other origins where the extractor is unavailable)."""
    from ita.sources import extract_document

    return extract_document(path)


Extracted = tuple[StoredFile, AssessmentRecord | None, tuple[Finding, ...], dict[str, object]]


def prepare_records(entries: Sequence[Extracted]) -> list[PreparedDocument]:
    """Validate already extracted records (from the extractor, golden JSON or a form): each
    entry is (stored file, record or None, findings so far, manifest hints). Records are
    validated together (`schemas.validate.validate_records`: same findings, less cost)."""
    with_record = [(rec, st.document_id) for st, rec, _, _ in entries if rec is not None]
    checked = iter(validate_records(with_record))
    out = []
    for stored, record, findings, hints in entries:
        page_count, producer = describe_pdf(stored.path)
        all_findings = list(findings)
        if record is not None:
            all_findings.extend(next(checked))
            all_findings.extend(hint_findings(record, hints))
        out.append(
            PreparedDocument(stored, record, tuple(all_findings), page_count, producer, hints)
        )
    return out


def prepare_record(
    stored: StoredFile,
    record: AssessmentRecord | None,
    findings: tuple[Finding, ...] = (),
    hints: dict[str, object] | None = None,
) -> PreparedDocument:
    """`prepare_records` for one record."""
    return prepare_records([(stored, record, findings, dict(hints or {}))])[0]


def read_document(stored: StoredFile, hints: dict[str, object] | None = None) -> Extracted:
    """Extract the record of a stored document. Never raises for a bad document: refusals and
    crashes of the extractor become error findings."""
    try:
        return stored, extract_record(stored.path), (), dict(hints or {})
    except DocumentRefused as exc:
        return stored, None, (exc.finding,), dict(hints or {})
    except Exception as exc:  # an extractor bug must not stop a batch; the reason is kept
        finding = Finding(
            "extraction_failed",
            f"the document could not be read: {type(exc).__name__}: {exc}",
            f"ไม่สามารถอ่านเอกสารได้: {type(exc).__name__}: {exc}",
        )
        return stored, None, (finding,), dict(hints or {})


def prepare_documents(
    documents: Sequence[tuple[StoredFile, dict[str, object] | None]],
) -> list[PreparedDocument]:
    """Extract and validate stored documents (with their manifest hints). Never raises for a
    bad document."""
    return prepare_records([read_document(stored, hints) for stored, hints in documents])


def prepare_document(
    stored: StoredFile, hints: dict[str, object] | None = None
) -> PreparedDocument:
    """`prepare_documents` for one document."""
    return prepare_documents([(stored, hints)])[0]


def hint_findings(record: AssessmentRecord, hints: dict[str, object]) -> list[Finding]:
    """Warnings where a manifest row's claims disagree with what the document says."""
    out: list[Finding] = []
    year = hints.get("fiscal_year_hint")
    if isinstance(year, int) and year != record.fiscal_year:
        out.append(
            Finding(
                "manifest_year_differs",
                f"the manifest says fiscal year {year}, the document says {record.fiscal_year}",
                f"รายการนำเข้าระบุปีงบประมาณ {year} แต่เอกสารระบุปี {record.fiscal_year}",
                "warning",
                "fiscal_year",
            )
        )
    agency = hints.get("agency_hint")
    if isinstance(agency, str) and agency.strip():
        from ita.agency import agency_key

        if agency_key(agency) != agency_key(record.agency.name):
            out.append(
                Finding(
                    "manifest_agency_differs",
                    f"the manifest names {agency!r}, the document {record.agency.name!r}",
                    f"รายการนำเข้าระบุหน่วยงาน {agency!r} แต่เอกสารระบุ {record.agency.name!r}",
                    "warning",
                    "agency.name",
                )
            )
    return out
