"""Documents the extractor has never seen: drawn here with fpdf2 in layouts and spellings the
sample generator does not use (the seed's contradicting prose, weighted tools written "จาก 30",
codes as "0๒๔" / "OIT 24" / "E.5", Rating Score labels, look-alike assessments)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import fontpkg_sarabun
import pytest
from fpdf import FPDF

from ita.findings import DocumentRefused
from ita.sources import extract_document

SARABUN = Path(fontpkg_sarabun.__file__).parent / "files" / "Sarabun-Regular.ttf"
Block = str | tuple[str, list[tuple[str, ...]]]  # a paragraph, or ("ruled"/"plain", rows)


def make_pdf(path: Path, blocks: list[Block], shaping: bool = False) -> Path:
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("Sarabun", fname=str(SARABUN))
    pdf.set_font("Sarabun", size=13)
    if shaping:
        pdf.set_text_shaping(True)
    for block in blocks:
        if isinstance(block, str):
            pdf.multi_cell(0, 8, block, new_x="LMARGIN", new_y="NEXT")
            continue
        style, rows = block
        width = max(len(r) for r in rows)
        widths = (20, 110, 30, 30)[:width] if width <= 4 else None
        with pdf.table(
            col_widths=widths,
            borders_layout="ALL" if style == "ruled" else "NONE",
            first_row_as_headings=False,
        ) as table:
            for r in rows:
                row = table.row()
                for text in r:
                    row.cell(text)
        pdf.ln(4)
    pdf.output(str(path))
    return path


SEED_INDICATORS = {
    1: "92.69", 2: "87.13", 3: "92.98", 4: "84.11", 5: "89.48",
    6: "81.13", 7: "77.02", 8: "78.62", 9: "83.33", 10: "100.00",
}  # fmt: skip


def test_seed_like_analysis_report_with_contradicting_prose(tmp_path: Path) -> None:
    """The seed's own defects: a typo in a name, a rank printed as "ตัวชี้วัดที่ ๑", a second
    value for indicator 7 in prose, O typed as zero — the table and the arithmetic win."""
    ranked = [
        ("๑", "การป้องกันการทุจริต", "๑๐๐"),
        ("๒", "การใช้อำนาจ", "๙๒.๙๘"),
        ("๓", "การปฏิบัติหน้าที่", "๙๒.๖๙"),
        ("๔", "การแก้ไขปัญหาคาการทุจริต", "๘๙.๔๘"),
        ("๕", "การใช้งบประมาณ", "๘๗.๑๓"),
        ("๖", "การใช้ทรัพย์สินของราชการ", "๘๔.๑๑"),
        ("๗", "การเปิดเผยข้อมูล", "๘๓.๓๓"),
        ("๘", "คุณภาพการดำเนินงาน", "๘๑.๑๓"),
        ("๙", "การปรับปรุงการทำงาน", "๗๘.๖๒"),
        ("๑๐", "ประสิทธิภาพการสื่อสาร", "๗๗.๐๒"),
    ]
    path = make_pdf(
        tmp_path / "seed-like.pdf",
        [
            "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส",
            "ในการดำเนินงานของหน่วยงานภาครัฐ ประจำปีงบประมาณ พ.ศ.๒๕๖๕",
            "องค์การบริหารส่วนตำบลตะคร้ำเอน",
            "อำเภอท่ามะกา จังหวัดกาญจนบุรี",
            "ผลการประเมินขององค์การบริหารส่วนตำบลตะคร้ำเอน ประจำปีงบประมาณ พ.ศ. ๒๕๖๕ "
            "โดยภาพรวมได้คะแนนเท่ากับร้อยละ ๘๗.๑๓ คะแนน ซึ่งถือว่ามีคุณธรรมและความโปร่งใส "
            "ในการดำเนินงาน ระดับ A โดยมีเกณฑ์การประเมินดังนี้",
            (
                "ruled",
                [("ระดับ AA", "๙๕ - ๑๐๐"), ("ระดับ A", "๘๕ - ๙๔.๙๙"), ("ระดับ B", "๗๕ - ๘๔.๙๙")],
            ),
            ("ruled", [("อันดับ", "ตัวชี้วัด", "คะแนน"), *ranked]),
            "สรุปได้ว่า จุดแข็งที่หน่วยงานได้คะแนนสูงสุดเท่ากับร้อยละ ๑๐๐ คือ ตัวชี้วัดที่ ๑ "
            "การป้องกันการทุจริต ส่วนที่จะต้องพัฒนาเนื่องจากคะแนนต่ำสุดคือ ตัวชี้วัดที่ ๑๐ "
            "ประสิทธิภาพการสื่อสาร ได้เท่ากับร้อยละ ๗๕.๙๙",
            (
                "ruled",
                [
                    ("เครื่องมือ", "ประเด็นที่ต้องพัฒนา", "คะแนน"),
                    ("OIT", "ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล", "๘๓.๓๓"),
                    ("", "0๒๔ รายงานผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุประจำปี", "๐"),
                    ("EIT", "E๗ หน่วยงานที่ท่านติดต่อ มี การเผยแพร่ผลงานหรือข้อมูล", "๗๘.๓๐"),
                ],
            ),
        ],
    )
    record = extract_document(path)
    assert record.kind == "analysis_report"
    assert record.fiscal_year == 2565
    assert record.score == Decimal("87.13")
    assert record.grade == "A"
    assert record.indicators == {n: Decimal(v) for n, v in SEED_INDICATORS.items()}
    assert record.items == {"O24": Decimal(0), "E7": Decimal("78.30")}
    assert record.agency.name == "องค์การบริหารส่วนตำบลตะคร้ำเอน"
    assert (record.agency.district, record.agency.province) == ("ท่ามะกา", "กาญจนบุรี")
    assert record.provenance["indicator.7"].page == 1


def test_itas_2566_rating_label_weighted_tools_and_code_spellings(tmp_path: Path) -> None:
    indicators = [
        ("ตัวชี้วัดที่ ๑", "การปฏิบัติหน้าที่", "๙๖.๑๐"),
        ("ตัวชี้วัดที่ ๒", "การใช้งบประมาณ", "๙๐.๒๐"),
        ("ตัวชี้วัดที่ ๓", "การใช้อำนาจ", "๙๔.๐๐"),
        ("ตัวชี้วัดที่ ๔", "การใช้ทรัพย์สินของทางราชการ", "๘๘.๕๐"),
        ("ตัวชี้วัดที่ ๕", "การแก้ไขปัญหาการทุจริต", "๙๑.๐๐"),
        ("ตัวชี้วัดที่ ๖", "คุณภาพการดำเนินงาน", "๙๓.๔๐"),
        ("ตัวชี้วัดที่ ๗", "ประสิทธิภาพด้านการสื่อสาร", "๘๙.๙๐"),
        ("ตัวชี้วัดที่ ๘", "การปรับปรุงการทำงาน", "๙๐.๕๐"),
        ("ตัวชี้วัดที่ ๙", "การเปิดเผยข้อมูล", "๑๐๐"),
        ("ตัวชี้วัดที่ ๑๐", "การป้องกันการทุจริต", "๘๗.๕"),
    ]
    # IIT = 91.96, EIT = 91.27 (91.266…), OIT = 93.75; overall 0.3·… = 92.40
    path = make_pdf(
        tmp_path / "itas-2566.pdf",
        [
            "รายงานผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ",
            "ปีงบประมาณ 2566",
            ("plain", [("ชื่อหน่วยงาน:", "เทศบาลเมืองบ้านโป่ง"), ("ที่ตั้ง:", "อ.บ้านโป่ง จ.ราชบุรี")]),
            "คะแนนรวม 92.40 ผลการประเมิน (Rating Score) ผ่านดี",
            ("ruled", [("IIT", "27.59 จาก 30"), ("EIT", "27.38 จาก 30"), ("OIT", "37.50 จาก 40")]),
            ("ruled", indicators),
            (
                "ruled",
                [
                    ("OIT 24", "รายงานผลการจัดซื้อจัดจ้าง", "ไม่มี"),
                    ("O.25", "นโยบายการบริหารทรัพยากรบุคคล", "มี"),
                    ("E.5", "ใน 1 ปีที่ผ่านมา ท่านเคยถูกเรียกรับเงิน", "๙๘.๒๐"),
                ],
            ),
        ],
    )
    record = extract_document(path)
    assert record.kind == "itas_result"
    assert record.fiscal_year == 2566
    assert record.agency.name == "เทศบาลเมืองบ้านโป่ง"
    assert record.agency.agency_type == "เทศบาลเมือง"
    assert (record.agency.district, record.agency.province) == ("บ้านโป่ง", "ราชบุรี")
    assert record.score == Decimal("92.40")
    assert record.grade == "ผ่านดี"
    assert record.indicators[7] == Decimal("89.90") and record.indicators[10] == Decimal("87.5")
    # weighted scores divided back; the indicators give the exact 0–100 values
    assert record.tool_scores == {
        "IIT": Decimal("91.96"),
        "EIT": Decimal("91.27"),
        "OIT": Decimal("93.75"),
    }
    assert record.items == {"O24": Decimal(0), "O25": Decimal(100), "E5": Decimal("98.20")}


def test_shaped_fpdf2_document_reads_the_same(tmp_path: Path) -> None:
    blocks: list[Block] = [
        "ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ",
        "ประจำปีงบประมาณ พ.ศ. ๒๕๖๕",
        "หน่วยงาน: องค์การบริหารส่วนจังหวัดแพร่",
        "คะแนน ITA 90.60 ระดับผลการประเมิน A",
        ("plain", [(f"ตัวชี้วัดที่ {n}", name, "90.60") for n, name in enumerate(
            ["การปฏิบัติหน้าที่", "การใช้งบประมาณ", "การใช้อำนาจ", "การใช้ทรัพย์สินของราชการ",
             "การแก้ไขปัญหาการทุจริต", "คุณภาพการดำเนินงาน", "ประสิทธิภาพการสื่อสาร",
             "การปรับปรุงระบบการทำงาน", "การเปิดเผยข้อมูล", "การป้องกันการทุจริต"], 1)]),
    ]  # fmt: skip
    plain = extract_document(make_pdf(tmp_path / "plain.pdf", blocks))
    shaped = extract_document(make_pdf(tmp_path / "shaped.pdf", blocks, shaping=True))
    assert plain.truth() == shaped.truth()
    assert shaped.agency.name == "องค์การบริหารส่วนจังหวัดแพร่"
    assert shaped.agency.agency_type == "องค์การบริหารส่วนจังหวัด"
    assert shaped.agency.province is None
    assert shaped.score == Decimal("90.60") and len(shaped.indicators) == 10


@pytest.mark.parametrize(
    ("lines", "check", "says"),
    [
        (
            ["การประเมินคุณธรรมและความโปร่งใส (ITA) โรงพยาบาลท่ามะกา ปีงบประมาณ 2566",
             "MOIT 1 การเปิดเผยข้อมูลข่าวสาร ผ่าน", "MOIT 2 การจัดซื้อจัดจ้าง ผ่าน"],
            "not_ita", "MOIT",
        ),
        (
            ["ITA Online โรงเรียนวิสุทธรังษี ปีงบประมาณ 2566", "O1 โครงสร้าง มี"],
            "not_ita", "ITA Online",
        ),
        (
            ["ผลการประเมินคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. 2561",
             "ดัชนีความโปร่งใส 86.50", "ดัชนีความพร้อมรับผิด 80.12"],
            "not_ita", "five-index",
        ),
        (
            ["ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ",
             "หน่วยงาน: กรมประมง", "คะแนน ITA 90.00"],
            "unknown_year", "no 'ปีงบประมาณ",
        ),
        (
            ["ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ",
             "ประจำปีงบประมาณ พ.ศ. 2590", "หน่วยงาน: กรมประมง", "คะแนน ITA 90.00"],
            "unknown_year", "FY2590",
        ),
        (
            ["ประกาศ เรื่อง เจตจำนงสุจริตของผู้บริหาร ประจำปีงบประมาณ พ.ศ. 2566",
             "เพื่อยกระดับคุณธรรมและความโปร่งใสในการดำเนินงาน (ITA)"],
            "not_ita", "neither",
        ),
        (["ใบเสร็จรับเงิน เลขที่ 12", "จำนวนเงิน 500 บาท"], "not_ita", "no ITA title"),
    ],
)  # fmt: skip
def test_refused_with_a_clear_reason(
    tmp_path: Path, lines: list[str], check: str, says: str
) -> None:
    path = make_pdf(tmp_path / "doc.pdf", list(lines))
    with pytest.raises(DocumentRefused) as refused:
        extract_document(path)
    assert refused.value.finding.check == check
    assert says in refused.value.finding.detail_en
    assert refused.value.finding.detail_th


def test_image_only_pdf_is_scanned(tmp_path: Path) -> None:
    from PIL import Image

    image = tmp_path / "scan.png"
    Image.new("L", (400, 300), 255).save(image)
    pdf = FPDF()
    pdf.add_page()
    pdf.image(str(image), x=10, y=10, w=180)
    pdf.output(str(tmp_path / "scan.pdf"))
    with pytest.raises(DocumentRefused) as refused:
        extract_document(tmp_path / "scan.pdf")
    assert refused.value.finding.check == "scanned"
    assert "no text layer" in refused.value.finding.detail_en
