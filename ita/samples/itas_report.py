"""The per-agency ITAS result report (ita-framework.md §5.2) as a producer-neutral `Document`."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ita import scoring
from ita.record import AssessmentRecord
from ita.samples import texts
from ita.samples.agencies import AFFILIATION, place_line
from ita.samples.doc import Block, Document, Heading, Paragraph, Table
from ita.samples.numbers import format_score, to_digits
from ita.samples.truth import items_of
from ita.samples.variants import BLOCK_ORDERS, Variant, format_code

if TYPE_CHECKING:
    from ita.frameworks import Framework

WEAK_BELOW = Decimal("85")


def sub_indicator_scores(fw: Framework, rec: AssessmentRecord, n: int) -> dict[str, Decimal]:
    """ "9.1" → % of its O-items passed, when every O-item of indicator `n` is known."""
    try:
        return scoring.compute_sub_indicators(fw, n, rec.items)
    except scoring.ScoringError:
        return {}


def tool_title(fw: Framework, code: str) -> str:
    """ "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)"."""
    return f"{fw.tools[code].name} ({code})"


def indicator_name(fw: Framework, n: int, choice: int) -> str:
    """The catalog name, or one of its aliases (as some documents spell it)."""
    ind = fw.indicators[n]
    names = (ind.name, *ind.aliases)
    return names[choice % len(names)] if choice else ind.name


def build_advice(fw: Framework, rec: AssessmentRecord, v: Variant) -> list[str]:
    """ข้อเสนอแนะ paragraphs exactly as printed (so they are the truth too)."""
    out = []
    for n, score in sorted(rec.indicators.items(), key=lambda kv: (kv[1], kv[0])):
        if score >= WEAK_BELOW and not (fw.indicators[n].tool == "OIT" and score < 100):
            continue
        name = indicator_name(fw, n, v.name_choice)
        failed = [c for c in items_of(fw, "OIT", n) if rec.items.get(c) == 0]
        if fw.indicators[n].tool == "OIT" and not failed:
            continue
        codes = " ".join(format_code(c, v.code_style, v.thai_digits) for c in failed[:6])
        out.append(texts.ADVICE[n].format(n=n, name=name, codes=codes))
        if len(out) == 4:
            break
    return [to_digits(a, v.thai_digits) for a in out] or [texts.ADVICE_ALL_GOOD]


def build_itas_document(
    fw: Framework, rec: AssessmentRecord, v: Variant, printed_score: Decimal | None = None
) -> tuple[Document, dict[str, Any]]:
    """Lay out `rec` as an ITAS result; returns the document and what was printed that the
    truth does not hold (weighted tool scores, code spellings) for the golden JSON's meta."""
    td = v.thai_digits

    def num(x: Decimal) -> str:
        return format_score(x, td, v.trim_decimals)

    year = to_digits(str(rec.fiscal_year), td)
    score = rec.score if printed_score is None else printed_score
    assert score is not None
    doc = Document(
        title=f"{texts.TITLE} ประจำปีงบประมาณ พ.ศ. {year}",
        thai_digits=td,
        body_size=v.body_size,
        browser_furniture=v.furniture == "browser",
    )
    if v.furniture == "running":
        doc.running_header = f"ผลการประเมิน ITA ปี {year} — {rec.agency.name}"
        doc.page_numbers = "of_total" if len(rec.agency.name) % 2 else "plain"
    printed: dict[str, Any] = {}
    sections: dict[str, list[Block]] = {}

    sections["agency"] = _agency_block(rec, v)
    grade_word = "ระดับผลการประเมิน" if rec.fiscal_year <= 2565 else "ผลการประเมิน (Rating Score)"
    sections["overall"] = [
        Heading("ผลการประเมินภาพรวม", 2),
        Table(
            rows=(("คะแนน ITA", f"{num(score)} คะแนน"), (grade_word, str(rec.grade))),
            widths=(2, 3),
            ruled=v.ruled,
        ),
    ]
    # per-tool scores
    tool_rows = []
    weighted: dict[str, str] = {}
    for code in ("IIT", "EIT", "OIT"):
        raw = rec.tool_scores[code]
        weight = fw.tools[code].weight
        if v.tool_style == "weighted":
            w = (raw * weight).quantize(Decimal("0.01"))
            full = to_digits(str(int(weight * 100)), td)
            weighted[code] = format(w, "f")
            tool_rows.append((tool_title(fw, code), f"{num(w)} / {full}"))
        else:
            tool_rows.append((tool_title(fw, code), num(raw)))
    if weighted:
        printed["weighted_tool_scores"] = weighted
    sections["tools"] = [
        Heading("ผลการประเมินรายแบบวัด", 2),
        Table(
            header=("แบบวัด", "คะแนนถ่วงน้ำหนัก" if weighted else "คะแนน"),
            rows=tuple(tool_rows),
            widths=(5, 1.6),
            aligns=("left", "right"),
            ruled=v.ruled,
        ),
    ]
    sections["indicators"] = _indicator_block(fw, rec, v, num)
    for tool in ("IIT", "EIT"):
        sections[tool.lower()] = _item_block(fw, rec, v, tool, num)
    sections["oit"] = _oit_block(fw, rec, v)
    advice: list[Block] = [Heading("ข้อเสนอแนะ", 2)]
    advice += [Paragraph(f"{to_digits(str(i), td)}. {a}") for i, a in enumerate(rec.advice, 1)]
    sections["advice"] = advice

    doc.add(
        Heading(texts.TITLE, 1, "center"),
        Heading(f"ประจำปีงบประมาณ พ.ศ. {year}", 1, "center"),
    )
    if rec.agency.name.startswith(("กรม", "โรง")):
        doc.add(Paragraph(f"({texts.TITLE_EN})", align="center"))
    for key in BLOCK_ORDERS[v.block_order]:
        doc.add(*sections[key])
    doc.add(Paragraph(f"ที่มา: ระบบ ITAS {texts.ISSUER}", size=v.body_size - 2))
    printed["item_code_example"] = format_code("O24", v.code_style, td)
    subs = {
        code: format(x, "f")
        for n in fw.tools["OIT"].indicators
        for code, x in sub_indicator_scores(fw, rec, n).items()
    }
    if subs:
        printed["sub_indicators"] = subs
    return doc, printed


def _agency_block(rec: AssessmentRecord, v: Variant) -> list[Block]:
    a = rec.agency
    rows = [("ชื่อหน่วยงาน", a.name), ("ประเภทหน่วยงาน", a.agency_type or "")]
    if a.agency_type in AFFILIATION:
        rows.append(("สังกัด", AFFILIATION[a.agency_type]))
    if place_line(a):
        rows.append(("ที่ตั้ง", place_line(a)))
    if v.agency_as_table:
        return [Table(rows=tuple(rows), widths=(1.3, 4), ruled=False)]
    return [Paragraph(f"{k}: {val}", bold=(k == "ชื่อหน่วยงาน")) for k, val in rows]


def _indicator_block(fw: Framework, rec: AssessmentRecord, v: Variant, num: Any) -> list[Block]:
    td = v.thai_digits
    head: list[Block] = [Heading("ผลการประเมินรายตัวชี้วัด", 2)]
    if v.indicator_style == "ranked":
        ranked = sorted(rec.indicators.items(), key=lambda kv: (-kv[1], kv[0]))
        rows = tuple(
            (to_digits(str(i), td), indicator_name(fw, n, v.name_choice), num(s))
            for i, (n, s) in enumerate(ranked, 1)
        )
        return [
            *head,
            Table(
                header=("อันดับ", "ตัวชี้วัด", "คะแนน"),
                rows=rows,
                widths=(0.8, 4, 1.2),
                aligns=("center", "left", "right"),
                ruled=v.ruled,
            ),
        ]
    numbered: tuple[tuple[str, ...], ...] = tuple(
        (
            f"ตัวชี้วัดที่ {to_digits(str(n), td)}",
            indicator_name(fw, n, v.name_choice),
            fw.indicators[n].tool,
            num(s),
        )
        for n, s in sorted(rec.indicators.items())
    )
    return [
        *head,
        Table(
            header=("ตัวชี้วัด", "ชื่อตัวชี้วัด", "แบบวัด", "คะแนน"),
            rows=numbered,
            widths=(1.4, 3.6, 0.9, 1.1),
            aligns=("left", "left", "center", "right"),
            ruled=v.ruled,
        ),
    ]


def _item_block(
    fw: Framework, rec: AssessmentRecord, v: Variant, tool: str, num: Any
) -> list[Block]:
    td = v.thai_digits
    rows: list[tuple[str, ...]] = []
    for n in fw.tools[tool].indicators:
        rows.append(
            (
                "",
                f"ตัวชี้วัดที่ {to_digits(str(n), td)} {indicator_name(fw, n, v.name_choice)}",
                num(rec.indicators[n]),
            )
        )
        for code in items_of(fw, tool, n):
            if code in rec.items:
                rows.append(
                    (format_code(code, v.code_style, td), fw.items[code].text, num(rec.items[code]))
                )
    return [
        Heading(f"ผลการประเมินรายข้อ {tool_title(fw, tool)}", 2),
        Table(
            header=("ข้อ", "ประเด็นการประเมิน", "คะแนน"),
            rows=tuple(rows),
            widths=(0.8, 6, 1.1),
            aligns=("center", "left", "right"),
            ruled=v.ruled,
        ),
    ]


def _oit_block(fw: Framework, rec: AssessmentRecord, v: Variant) -> list[Block]:
    td = v.thai_digits
    yes, no = ("มี", "ไม่มี") if v.oit_style == "มี/ไม่มี" else ("100", "0")
    yes, no = to_digits(yes, td), to_digits(no, td)
    rows: list[tuple[str, ...]] = []
    for n in fw.tools["OIT"].indicators:
        ind = fw.indicators[n]
        subs = sub_indicator_scores(fw, rec, n)
        for sub in ind.sub_indicators:
            printed = [c for c in sub.items if c in rec.items]
            if not printed:
                continue
            sub_score = format_score(subs[sub.code], td, v.trim_decimals) if subs else ""
            rows.append(("", f"ตัวชี้วัดย่อยที่ {to_digits(sub.code, td)} {sub.name}", sub_score))
            for code in printed:
                ok = rec.items[code] == 100
                rows.append(
                    (format_code(code, v.code_style, td), fw.items[code].text, yes if ok else no)
                )
    if not rows:  # the year's O-item list is not known: the report shows indicators only
        return []
    return [
        Heading(f"ผลการประเมินรายข้อ {tool_title(fw, 'OIT')}", 2),
        Table(
            header=("ข้อ", "ข้อมูล", "ผล"),
            rows=tuple(rows),
            widths=(0.8, 6, 1.3),
            aligns=("center", "left", "center"),
            ruled=v.ruled,
        ),
    ]
