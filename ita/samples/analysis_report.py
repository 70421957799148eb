"""An agency's own analysis report in the style of the seed (/work/shared/seed): คำนำ,
หลักการและเหตุผล, the result with the grade-band table, the ranked indicator table, strengths
and weaknesses, the most urgent indicator, the items to improve and the next year's measures.

Unlike the seed, every number and name is consistent with the agency's result, so the
document's golden JSON is the truth a parser can be checked against."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ita.record import AssessmentRecord
from ita.samples import texts
from ita.samples.agencies import SHORT_TYPE, place_line
from ita.samples.doc import Document, Heading, PageBreak, Paragraph, Table
from ita.samples.itas_report import indicator_name
from ita.samples.numbers import format_score, to_digits
from ita.samples.truth import items_of
from ita.settings import get_settings

if TYPE_CHECKING:
    from ita.frameworks import Framework

REPORT_TITLE = "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส"
REPORT_TITLE_2 = "ในการดำเนินงานของหน่วยงานภาครัฐ"


@dataclass(frozen=True, slots=True)
class AnalysisStyle:
    """The few ways these hand-made reports differ."""

    font: str
    zero_for_o: tuple[str, ...] = ()  # O-codes typed with a zero ("0๒๔"), as the seed does
    name_choice: int = 1  # the seed writes การปรับปรุงการทำงาน, การใช้ทรัพย์สินของราชการ
    body_size: float = 14.0


def _th(x: Any) -> str:
    return to_digits(str(x), True)


def _score(x: Decimal) -> str:
    return format_score(x, thai=True, trim=True)


def _code(code: str, style: AnalysisStyle) -> str:
    letter = "0" if code in style.zero_for_o else code[0]
    return letter + _th(code[1:])


def build_analysis_document(
    fw: Framework, rec: AssessmentRecord, style: AnalysisStyle
) -> tuple[Document, AssessmentRecord]:
    """The analysis report of `rec` and the truth of what it prints (kind "analysis_report":
    overall, grade, the ten indicators and the items listed in its improvement tables)."""
    lines = get_settings()
    a = rec.agency
    year, next_year = _th(rec.fiscal_year), _th(rec.fiscal_year + 1)
    assert rec.score is not None
    short = SHORT_TYPE.get(a.agency_type or "", "")
    short_name = short + a.name.removeprefix(a.agency_type or "") if short else a.name
    place = place_line(a)

    def name(n: int) -> str:
        return indicator_name(fw, n, style.name_choice)

    doc = Document(
        title=f"{REPORT_TITLE}{REPORT_TITLE_2} ประจำปีงบประมาณ พ.ศ. {year}",
        running_header=None,
        page_numbers="plain",
        thai_digits=True,
        body_size=style.body_size,
    )
    # cover, foreword, contents
    doc.add(
        Paragraph(" "),
        Heading(REPORT_TITLE, 1, "center"),
        Heading(REPORT_TITLE_2, 1, "center"),
        Heading(f"ประจำปีงบประมาณ พ.ศ.{year}", 1, "center"),
        Paragraph(" "),
        Heading(a.name, 1, "center"),
        Paragraph(place, align="center", bold=True),
        PageBreak(),
        Heading("คำนำ", 1, "center"),
        Paragraph(texts.ANALYSIS_FOREWORD.format(year=year, ten=_th(10)), indent=True),
        Paragraph(
            "หวังเป็นอย่างยิ่งว่า ผลการประเมินครั้งนี้จะช่วยสนับสนุน ส่งเสริม และยกระดับคุณธรรมและความ"
            "โปร่งใสในการดำเนินงานของหน่วยงานได้อย่างมีประสิทธิภาพต่อไป",
            indent=True,
        ),
        Paragraph(" "),
        Paragraph("งานตรวจสอบภายใน", align="right"),
        Paragraph(short_name, align="right"),
        PageBreak(),
        Heading("สารบัญ", 1, "center"),
        Table(
            header=("เรื่อง", "หน้า"),
            rows=(
                ("๑. หลักการและเหตุผล", "๑"),
                (f"๒. ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของ{a.name}", "๑"),
                ("๓. การวิเคราะห์ข้อมูล (จุดแข็ง – จุดอ่อน)", "๒"),
                ("๔. ประเด็นที่เป็นข้อบกพร่องหรือจุดอ่อนที่จะต้องแก้ไขโดยเร่งด่วน", "๔"),
                ("๕. ประเด็นที่ต้องพัฒนาให้ดีขึ้นพิจารณาจากผลการประเมิน", "๕"),
                (f"มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปี {next_year}", "๗"),
            ),
            widths=(6, 1),
            aligns=("left", "center"),
            ruled=False,
        ),
        PageBreak(),
        Heading(f"{REPORT_TITLE}{REPORT_TITLE_2}", 2, "center"),
        Heading(f"{a.name} {place}".strip(), 2, "center"),
        Heading(f"ปีงบประมาณ พ.ศ.{year}", 2, "center"),
        Heading("๑. หลักการและเหตุผล", 2),
        Paragraph(texts.ANALYSIS_RATIONALE, indent=True),
        Heading(f"๒. ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของ{a.name}", 2),
        Paragraph(
            f"ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของ{a.name} {place} ประจำปีงบประมาณ "
            f"พ.ศ. {year} โดยภาพรวมได้คะแนนเท่ากับร้อยละ {_score(rec.score)} คะแนน "
            f"ซึ่งถือว่ามีคุณธรรมและความโปร่งใสในการดำเนินงาน ระดับ {rec.grade} "
            "โดยมีเกณฑ์การประเมินดังนี้",
            indent=True,
        ),
        _band_table(fw),
        Paragraph("เมื่อพิจารณาตามตัวชี้วัดระดับผลการประเมินสามารถสรุปได้ดังนี้", indent=True),
    )
    ranked = sorted(rec.indicators.items(), key=lambda kv: (-kv[1], kv[0]))
    doc.add(
        Table(
            header=("อันดับ", "ตัวชี้วัด", "คะแนน"),
            rows=tuple((_th(i), name(n), _score(s)) for i, (n, s) in enumerate(ranked, 1)),
            widths=(1, 5, 1.3),
            aligns=("center", "left", "center"),
        )
    )
    (top_n, top_s), (low_n, low_s) = ranked[0], ranked[-1]
    doc.add(
        Paragraph(
            f"สรุปได้ว่า จุดแข็งที่หน่วยงานได้คะแนนสูงสุดเท่ากับร้อยละ {_score(top_s)} คือ ตัวชี้วัดที่ "
            f"{_th(top_n)} {name(top_n)} ส่วนที่จะต้องพัฒนาเนื่องจากคะแนนต่ำสุดคือ ตัวชี้วัดที่ "
            f"{_th(low_n)} {name(low_n)} ได้เท่ากับร้อยละ {_score(low_s)}",
            indent=True,
        ),
        Heading("๓. การวิเคราะห์ข้อมูล", 2),
    )
    strengths = [(n, s) for n, s in ranked if s > lines.strength_above]
    weaknesses = [(n, s) for n, s in ranked if s < lines.weakness_below]
    for title, group in (
        (f"๓.๑ จุดแข็ง (ตัวชี้วัดที่ได้คะแนนมากกว่าร้อยละ {_th(lines.strength_above)})", strengths),
        (
            f"๓.๒ ประเด็นที่เป็นข้อบกพร่องหรือจุดอ่อน (ตัวชี้วัดที่ได้คะแนนต่ำกว่า ร้อยละ "
            f"{_th(lines.weakness_below)})",
            list(reversed(weaknesses)),
        ),
    ):
        doc.add(Heading(f"{title} จำนวน {_th(len(group))} ตัวชี้วัด คือ", 3))
        for i, (n, s) in enumerate(group, 1):
            doc.add(
                Paragraph(
                    f"({_th(i)}) ตัวชี้วัดที่ {_th(n)} {name(n)} โดยรวมได้คะแนนเท่ากับร้อยละ "
                    f"{_score(s)} {texts.DESCRIPTION[n]}",
                    indent=True,
                )
            )
    printed_items: dict[str, Decimal] = {}
    doc.add(
        Heading(
            "๔. ประเด็นที่เป็นข้อบกพร่องหรือจุดอ่อนที่จะต้องแก้ไขโดยเร่งด่วน "
            "(พิจารณาจากตัวชี้วัดที่ได้คะแนนน้อยที่สุด) จำนวน ๑ ตัวชี้วัด คือ",
            2,
        ),
        Paragraph(
            f"ตัวชี้วัดที่ {_th(low_n)} {name(low_n)} ซึ่งได้คะแนนเท่ากับร้อยละ {_score(low_s)} "
            f"{texts.DESCRIPTION[low_n]}",
            indent=True,
        ),
        _improve_table(fw, rec, [low_n], style, printed_items),
    )
    improve = [n for n, s in sorted(rec.indicators.items()) if s < lines.improve_below]
    doc.add(
        Heading(
            "๕. ประเด็นที่ต้องพัฒนาให้ดีขึ้นพิจารณาจากผลการประเมิน (โดยพิจารณาจากตัวชี้วัดที่ได้รับ"
            f"คะแนนน้อยกว่าร้อยละ {_th(lines.improve_below)})",
            2,
        ),
        Paragraph(
            "ประเด็นที่ต้องพัฒนาให้ดีขึ้น ที่มีความสอดคล้องกับผลการประเมิน โดยพิจารณาจากตัวชี้วัดที่ได้รับ"
            f"คะแนนน้อยกว่าร้อยละ {_th(lines.improve_below)} จำนวน {_th(len(improve))} ตัวชี้วัด "
            "โดยแยกตามแบบวัด ดังนี้",
            indent=True,
        ),
    )
    if improve:
        doc.add(_improve_table(fw, rec, improve, style, printed_items))
    doc.add(
        PageBreak(),
        Heading(f"มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปี {next_year}", 2, "center"),
        Heading(f"{a.name} {place}".strip(), 2, "center"),
        Paragraph(
            f"จากผลการประเมิน ในปีงบประมาณ พ.ศ. {year} ของ{a.name} เห็นควรพิจารณา เพื่อกำหนด"
            f"มาตรการในการส่งเสริมคุณธรรมและความโปร่งใสของ{a.name} ดังนี้",
            indent=True,
        ),
        _measures_table(fw, rec, improve or [low_n], next_year, name),
    )
    truth = AssessmentRecord(
        kind="analysis_report",
        fiscal_year=rec.fiscal_year,
        agency=rec.agency,
        score=rec.score,
        grade=rec.grade,
        indicators=dict(rec.indicators),
        items=printed_items,
    )
    return doc, truth


def _band_table(fw: Framework) -> Table:
    rows = []
    for band in fw.grading.bands:
        label = f"ระดับ {band.label}" if fw.grading.kind == "letter" else band.label
        rows.append((label, f"{_score(band.min)} - {_score(band.max)}"))
    return Table(
        header=("ระดับผลการประเมิน", "ช่วงคะแนน"),
        rows=tuple(rows),
        widths=(2, 2),
        aligns=("left", "center"),
    )


def _improve_table(
    fw: Framework,
    rec: AssessmentRecord,
    indicators: list[int],
    style: AnalysisStyle,
    printed: dict[str, Decimal],
) -> Table:
    """เครื่องมือการประเมิน | ประเด็นที่ต้องพัฒนา | คะแนน | แนวทางการแก้ไข; one row per
    indicator, then its weak items (IIT/EIT below the improve line; OIT not published)."""
    line = get_settings().improve_below
    rows: list[tuple[str, ...]] = []
    for n in indicators:
        tool = fw.indicators[n].tool
        rows.append(
            (
                tool,
                f"ตัวชี้วัดที่ {_th(n)} {indicator_name(fw, n, style.name_choice)}",
                _score(rec.indicators[n]),
                texts.FIX[n],
            )
        )
        if tool == "OIT":
            for sub in fw.indicators[n].sub_indicators:
                failed = [c for c in sub.items if rec.items.get(c) == 0]
                if not failed:
                    continue
                rows.append(("", f"ตัวชี้วัดย่อยที่ {_th(sub.code)} {sub.name}", "", ""))
                for c in failed:
                    rows.append(("", f"{_code(c, style)} {fw.items[c].text}", "๐", ""))
                    printed[c] = rec.items[c]
            continue
        for c in items_of(fw, tool, n):
            if c in rec.items and rec.items[c] < line:
                rows.append(("", f"{_code(c, style)} {fw.items[c].text}", _score(rec.items[c]), ""))
                printed[c] = rec.items[c]
    return Table(
        header=("เครื่องมือการประเมิน", "ประเด็นที่ต้องพัฒนา", "คะแนน", "แนวทางการแก้ไข"),
        rows=tuple(rows),
        widths=(1.2, 4, 1.5, 3),
        aligns=("center", "left", "center", "left"),
    )


def _measures_table(
    fw: Framework, rec: AssessmentRecord, indicators: list[int], next_year: str, name: Any
) -> Table:
    start = _th(str(rec.fiscal_year)[2:])
    end = _th(str(rec.fiscal_year + 1)[2:])
    rows = []
    for i, n in enumerate(indicators, 1):
        steps = " ".join(f"{_th(k)}. {m}" for k, m in enumerate(texts.MEASURES[n], 1))
        rows.append(
            (
                f"{_th(i)}. แบบวัด {fw.indicators[n].tool} ตัวชี้วัดที่ {_th(n)} {name(n)} "
                f"มีคะแนน {_score(rec.indicators[n])}",
                steps,
                "ทุกกอง",
                f"ต.ค.{start} - ก.ย.{end}",
                "๑. เจ้าหน้าที่ผู้รับผิดชอบรายงานผู้บริหารทราบ ๒. ผู้บริหารติดตามในการประชุมประจำเดือน",
            )
        )
    return Table(
        header=(
            "ประเด็นที่ต้องพัฒนา",
            "มาตรการ/ขั้นตอน/วิธีการดำเนินการ",
            "ผู้รับผิดชอบ",
            "ระยะเวลาดำเนินการ",
            "แนวทางกำกับติดตาม",
        ),
        rows=tuple(rows),
        widths=(2.2, 3.2, 1, 1.3, 2.2),
        aligns=("left", "left", "center", "center", "left"),
    )
