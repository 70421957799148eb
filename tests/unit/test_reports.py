"""The analysis report's content (document model), wording data and Thai line breaking.

Contexts are built the way the product builds them: the seed agency's golden record from the
bundled corpus, classified by `ita.classify`, with the plan `ita.measures` generates."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import ita.samples
from ita.classify import Lines, classify_assessment
from ita.fiscal import format_thai_date, thai_to_arabic
from ita.frameworks import known_years, load_framework
from ita.measures import generate_plan
from ita.record import AssessmentRecord
from ita.reports import build_analysis_document, report_file_name
from ita.reports.assemble import assemble_context, measure_plan_of
from ita.reports.blocks import (
    Cover,
    Document,
    Heading,
    Paragraph,
    Run,
    Signature,
    Table,
    plain_text,
    runs,
    split_label,
)
from ita.reports.context import ReportContext
from ita.reports.display import number_ranges, score_text
from ita.reports.render_md import markdown_text
from ita.reports.texts import TEXTS_FILE, entry
from ita.reports.thaiwrap import segment_words, split_clusters, wrap

CORPUS = Path(ita.samples.__file__).parent / "corpus"
SEED = CORPUS / "2565-takhram-en-chromium.json"
AGENCY = "องค์การบริหารส่วนตำบลตะคร้ำเอน"


def context_of(record: AssessmentRecord, day: date = date(2022, 8, 15)) -> ReportContext:
    fw = load_framework(record.fiscal_year)
    classification = classify_assessment(fw, record, lines=Lines())
    plan = generate_plan(classification, "agency-under-test")
    measures = [measure_plan_of(m) for m in plan.measures]
    return assemble_context(fw, record, classification, measures, generated_on=day)


@pytest.fixture(scope="module")
def seed_record() -> AssessmentRecord:
    return AssessmentRecord.read_truth(SEED)


@pytest.fixture(scope="module")
def seed_doc(seed_record: AssessmentRecord) -> Document:
    return build_analysis_document(context_of(seed_record))


SETTINGS_FIELDS = {"key", "lang", "align", "numbering", "orientation", "kind", "size"}


def all_text(doc: Document) -> str:
    """Every display string of the document, one per line."""
    out: list[str] = []

    def walk(obj: object) -> None:
        if isinstance(obj, str):
            out.append(obj)
        elif isinstance(obj, tuple | list):
            for x in obj:
                walk(x)
        elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            for f in dataclasses.fields(obj):
                if f.name not in SETTINGS_FIELDS:
                    walk(getattr(obj, f.name))

    walk(doc.blocks)
    walk(doc.running_header)
    return "\n".join(out)


def headings(doc: Document) -> list[str]:
    return [b.text for b in doc.blocks if isinstance(b, Heading)]


def paragraph_texts(doc: Document) -> list[str]:
    return [plain_text(b.content) for b in doc.blocks if isinstance(b, Paragraph)]


# ---- structure ---------------------------------------------------------------------------------
def test_sections_follow_the_seed_report(seed_doc: Document) -> None:
    found = headings(seed_doc)
    expected_starts = [
        "คำนำ",
        "สารบัญ",
        "1. หลักการและเหตุผล",
        "2. ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของ" + AGENCY,
        "3. การวิเคราะห์ข้อมูล",
        "3.1 จุดแข็ง (ตัวชี้วัดที่ได้คะแนนมากกว่าร้อยละ 80)",
        "3.2 จุดอ่อน (ตัวชี้วัดที่ได้คะแนนต่ำกว่าร้อยละ 80)",
        "4. ประเด็นที่เป็นข้อบกพร่องหรือจุดอ่อนที่จะต้องแก้ไขโดยเร่งด่วน",
        "5. ประเด็นที่ต้องพัฒนาให้ดีขึ้นพิจารณาจากผลการประเมิน",
        "มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. 2566",
    ]
    assert len(found) == len(expected_starts)
    for text, start in zip(found, expected_starts, strict=True):
        assert text.startswith(start), (text, start)
    assert isinstance(seed_doc.blocks[1], Cover)
    keys = [b.key for b in seed_doc.blocks if isinstance(b, Table)]
    assert keys == [
        "grade-bands",
        "tool-scores",
        "ranked-indicators",
        "most-urgent",
        "to-improve",
        "measures",
    ]


def test_counts_are_counted_not_typed(seed_record: AssessmentRecord, seed_doc: Document) -> None:
    """The seed says 4 indicators are below 85 where 5 are: every count comes from the scores."""
    scores = seed_record.indicators.values()
    above_80 = sum(s > 80 for s in scores)
    below_80 = sum(s < 80 for s in scores)
    below_85 = sum(s < 85 for s in scores)
    assert (above_80, below_80, below_85) == (8, 2, 5)
    found = headings(seed_doc)
    assert any(h.startswith("3.1") and h.endswith(f"จำนวน {above_80} ตัวชี้วัด") for h in found)
    assert any(h.startswith("3.2") and h.endswith(f"จำนวน {below_80} ตัวชี้วัด") for h in found)
    text = "\n".join(paragraph_texts(seed_doc))
    assert f"มีจำนวน {below_85} ตัวชี้วัด" in text
    improve = seed_doc.tables("to-improve")[0]
    indicator_rows = [r for r in improve.rows if r.kind == "emphasis"]
    assert len(indicator_rows) == below_85


def test_lowest_and_highest_are_stated_once_and_right(
    seed_record: AssessmentRecord, seed_doc: Document
) -> None:
    """The seed prints its lowest score as 77.02 in the table and 75.99 in the summary, and
    calls indicator 10 "ตัวชี้วัดที่ ๑"."""
    low = min(seed_record.indicators, key=lambda n: seed_record.indicators[n])
    high = max(seed_record.indicators, key=lambda n: seed_record.indicators[n])
    summary = next(t for t in paragraph_texts(seed_doc) if t.startswith("สรุปได้ว่า"))
    assert f"ตัวชี้วัดที่ {high} การป้องกันการทุจริต ได้คะแนนร้อยละ 100.00" in summary
    assert f"ตัวชี้วัดที่ {low} ประสิทธิภาพการสื่อสาร ได้คะแนนร้อยละ 77.02" in summary
    assert "75.99" not in all_text(seed_doc)
    urgent = seed_doc.tables("most-urgent")[0]
    assert plain_text(urgent.rows[0].cells[1].lines[0]) == "ตัวชี้วัดที่ 7 ประสิทธิภาพการสื่อสาร"


def test_the_agency_has_one_name(seed_doc: Document) -> None:
    """The seed names its agency four ways (ครีแอน, เตชะคร่ำเอน, ตะคร้อ, ตะคร้ำเอน)."""
    text = all_text(seed_doc)
    names = set(re.findall(r"องค์การบริหารส่วนตำบล(\S*)", text))
    assert names == {"ตะคร้ำเอน"}
    assert "อบต." not in text
    places = set(re.findall(r"อำเภอ(\S+) จังหวัด(\S+)", text))
    assert places == {("ท่ามะกา", "กาญจนบุรี")}


def test_numbers_follow_the_context(seed_record: AssessmentRecord) -> None:
    changed = AssessmentRecord.from_truth(seed_record.truth())
    changed.indicators[7] = Decimal("70.55")
    changed.score = Decimal("84.93")
    doc = build_analysis_document(context_of(changed))
    text = all_text(doc)
    assert "70.55" in text and "84.93" in text
    assert "77.02" not in text
    cover = next(b for b in doc.blocks if isinstance(b, Cover))
    assert cover.facts[0][1] == "84.93"
    assert "ยังไม่ผ่านเกณฑ์" in text  # 84.93 is below the pass line
    ranked = doc.tables("ranked-indicators")[0]
    assert plain_text(ranked.rows[-1].cells[3].lines[0]) == "70.55"


def test_ranked_table_is_the_classification(seed_record: AssessmentRecord) -> None:
    fw = load_framework(2565)
    classification = classify_assessment(fw, seed_record, lines=Lines())
    doc = build_analysis_document(context_of(seed_record))
    rows = doc.tables("ranked-indicators")[0].rows
    printed = [
        (int(plain_text(r.cells[0].lines[0])), plain_text(r.cells[1].lines[0])) for r in rows
    ]
    expected = [(r.rank, f"ตัวชี้วัดที่ {r.number} {r.name}") for r in classification.indicators]
    assert printed == expected


def test_no_placeholder_is_left(seed_doc: Document) -> None:
    text = all_text(seed_doc)
    assert "{" not in text and "}" not in text
    assert "None" not in text


def test_thai_digits_change_only_the_digits(seed_record: AssessmentRecord) -> None:
    ctx = context_of(seed_record)
    arabic = all_text(build_analysis_document(ctx))
    thai = all_text(build_analysis_document(ctx, thai_digits=True))
    assert not re.search("[0-9]", thai)
    assert "๘๗.๑๓" in thai and "พ.ศ. ๒๕๖๕" in thai and "E๑๐" in thai
    assert thai_to_arabic(thai) == arabic


def test_measures_table_holds_the_plan(seed_record: AssessmentRecord, seed_doc: Document) -> None:
    fw = load_framework(2565)
    plan = generate_plan(classify_assessment(fw, seed_record, lines=Lines()), "agency-under-test")
    table = seed_doc.tables("measures")[0]
    assert len(table.rows) == len(plan.measures)
    for row, measure in zip(table.rows, plan.measures, strict=True):
        assert plain_text(row.cells[1].lines[0]) == measure.title
        assert plain_text(row.cells[2].lines[0]) == measure.owner
        start = format_thai_date(measure.start_date, abbreviated=True)
        due = format_thai_date(measure.due_date, abbreviated=True)
        assert plain_text(row.cells[3].lines[0]) == f"{start} – {due}"
        assert start == "1 ต.ค. 2565"
        issue = plain_text(row.cells[0].lines[0])
        assert f"ตัวชี้วัดที่ {measure.indicator} " in issue
        assert issue.endswith(score_text(seed_record.indicators[measure.indicator]))


def test_preface_is_signed_and_dated(seed_record: AssessmentRecord) -> None:
    ctx = dataclasses.replace(context_of(seed_record), author="งานตรวจสอบภายใน")
    doc = build_analysis_document(ctx)
    signature = next(b for b in doc.blocks if isinstance(b, Signature))
    assert signature.lines == ("งานตรวจสอบภายใน", AGENCY, "จัดทำ ณ วันที่ 15 สิงหาคม 2565")


def test_a_tie_for_the_lowest_score_is_explained(seed_record: AssessmentRecord) -> None:
    tied = AssessmentRecord.from_truth(seed_record.truth())
    tied.indicators[8] = tied.indicators[7]
    doc = build_analysis_document(context_of(tied))
    text = "\n".join(paragraph_texts(doc))
    assert "คะแนนต่ำสุดเท่ากัน" in text  # the classification's own note, in Thai
    assert "จำนวน 1 ตัวชี้วัด คือ" in text


def test_rating_score_years_print_their_bands() -> None:
    record = AssessmentRecord.read_truth(CORPUS / "2566-takhram-en-libreoffice.json")
    doc = build_analysis_document(context_of(record))
    bands = doc.tables("grade-bands")[0]
    labels = [plain_text(r.cells[0].lines[0]) for r in bands.rows]
    fw = load_framework(2566)
    assert len(labels) == len(fw.grading.bands)
    assert any("ทุกแบบวัดได้ไม่ต่ำกว่า" in label for label in labels)
    assert record.grade in all_text(doc)


def test_markdown_has_the_ranked_table(seed_doc: Document) -> None:
    md = markdown_text(seed_doc)
    assert "| 1 | ตัวชี้วัดที่ 10 การป้องกันการทุจริต | OIT | 100.00 |" in md
    assert md.count("\n## ") >= 8


def test_report_file_name_keeps_thai_and_drops_separators() -> None:
    assert report_file_name("analysis", 2565, "โรงเรียน ก/ข", "pdf") == (
        "ita-analysis-2565-โรงเรียน-ก-ข.pdf"
    )


# ---- wording data ------------------------------------------------------------------------------
def test_wording_has_no_hand_typed_numbers() -> None:
    data = yaml.safe_load(TEXTS_FILE.read_text("utf-8"))
    strings: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
        elif isinstance(node, str):
            strings.append(node)

    walk(data)
    offenders = [s for s in strings if re.search("[0-9๐-๙]", s)]
    assert offenders == []


@pytest.mark.parametrize("year", known_years())
def test_every_indicator_of_every_year_has_its_wording(year: int) -> None:
    for number in load_framework(year).indicators:
        for part in ("measures", "strength", "guidance"):
            assert str(entry(f"indicators.{number}.{part}")).strip()


# ---- display helpers ---------------------------------------------------------------------------
def test_number_ranges() -> None:
    assert number_ranges((1, 2, 3, 4, 5)) == "1–5"
    assert number_ranges((9, 10)) == "9–10"
    assert number_ranges((1, 3, 4)) == "1, 3–4"
    assert number_ranges((7,)) == "7"


def test_scores_always_have_two_decimals() -> None:
    assert score_text(Decimal("100")) == "100.00"
    assert score_text(Decimal("0")) == "0.00"
    assert score_text(Decimal("87.1")) == "87.10"
    assert score_text(None) == "–"


def test_split_label() -> None:
    label, rest = split_label(runs("12. ทำรายงาน"))
    assert label == "12." and plain_text(rest) == "ทำรายงาน"
    assert split_label(runs("87.13 คะแนน"))[0] is None


# ---- Thai line breaking ------------------------------------------------------------------------
def width_of(text: str, bold: bool) -> float:
    """A crude metric: marks take no width."""
    return sum(0.0 if ch in "ัิีึืฺุู็่้๊๋์ํ๎" else 1.0 for ch in text) * (1.1 if bold else 1.0)


def test_dates_years_and_abbreviations_are_never_split() -> None:
    tokens = segment_words("ภายใน 31 มี.ค. 2566 ตามที่สำนักงาน ป.ป.ช. กำหนด พ.ศ. ๒๕๖๕")
    assert "31 มี.ค. 2566" in tokens
    assert "ป.ป.ช." in tokens
    assert "พ.ศ. ๒๕๖๕" in tokens


def test_kept_phrases_are_one_token() -> None:
    name = "องค์การบริหารส่วนตำบลตะคร้ำเอน"
    tokens = segment_words(f"ของ{name} อำเภอท่ามะกา และ{name}", (name,))
    assert tokens.count(name) == 2


def test_clusters_keep_marks_with_their_letter() -> None:
    assert split_clusters("น้ำ") == ["น้ำ"]
    assert split_clusters("เกณฑ์") == ["เก", "ณ", "ฑ์"]


def test_a_kept_run_stays_on_one_line() -> None:
    text = runs(
        "ผลการประเมินของหน่วยงาน ",
        Run("โดยภาพรวมได้คะแนนเท่ากับร้อยละ 87.13", keep=True),
        " อยู่ในระดับ A",
    )
    for limit in range(38, 70):
        lines = wrap(text, limit, width_of)
        assert any("โดยภาพรวมได้คะแนนเท่ากับร้อยละ 87.13" in ln.text for ln in lines), limit


THAI_WORDS = [
    "การประเมิน",
    "คุณธรรม",
    "และ",
    "ความโปร่งใส",
    "ในการดำเนินงาน",
    "ของหน่วยงาน",
    "ภาครัฐ",
    "ประสิทธิภาพ",
    "การสื่อสาร",
    "ต่าง",
    "ๆ",
    "ร้อยละ",
    "87.13",
    "(IIT)",
    "น้ำ",
]


@settings(max_examples=60, deadline=None)
@given(
    words=st.lists(st.sampled_from(THAI_WORDS), min_size=1, max_size=40),
    spaces=st.lists(st.booleans(), min_size=40, max_size=40),
    limit=st.integers(min_value=8, max_value=60),
)
def test_wrapping_loses_nothing_and_strands_no_mark(
    words: list[str], spaces: list[bool], limit: int
) -> None:
    text = "".join(w + (" " if s else "") for w, s in zip(words, spaces, strict=False)).strip()
    lines = wrap(runs(text), float(limit), width_of)
    joined = "".join(ln.text for ln in lines)
    assert joined.replace(" ", "") == text.replace(" ", "")
    for n, ln in enumerate(lines):
        assert ln.text == ln.text.strip()
        assert ln.width <= limit + 1e-9  # no cluster here is wider than the narrowest line
        if n:
            assert ln.text[:1] not in "ัิีึืุู็่้๊๋์ำๆ)", ln.text
