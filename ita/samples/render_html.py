"""Render a `Document` as print-ready HTML (for Chromium's --print-to-pdf)."""

from __future__ import annotations

from html import escape

from ita.samples.doc import Document, Heading, PageBreak, Paragraph, Table
from ita.samples.fonts import font_files

_CSS = """
@font-face {{ font-family: "{fam}"; src: url("{reg}"); font-weight: normal; }}
@font-face {{ font-family: "{fam}"; src: url("{bold}"); font-weight: bold; }}
@page {{ size: A4; margin: 16mm 16mm 18mm 20mm; }}
body {{ font-family: "{fam}"; font-size: {size}pt; line-height: 1.45; color: #000; margin: 0; }}
h1 {{ font-size: {h1}pt; text-align: center; margin: 0 0 2pt 0; }}
h2 {{ font-size: {h2}pt; margin: 10pt 0 4pt 0; }}
h3 {{ font-size: {size}pt; margin: 8pt 0 3pt 0; }}
p {{ margin: 0 0 4pt 0; }}
p.indent {{ text-indent: 2.5em; }}
table.t {{ border-collapse: collapse; width: 100%; margin: 2pt 0 8pt 0; font-size: {tsize}pt; }}
table.t td, table.t th {{ padding: 1.5pt 4pt; vertical-align: top; }}
table.ruled td, table.ruled th {{ border: 0.6pt solid #444; }}
table.ruled th {{ background: #e1e8f2; }}
table.plain th {{ text-align: left; border-bottom: 0.8pt solid #000; }}
.c {{ text-align: center; }} .r {{ text-align: right; }} .l {{ text-align: left; }}
table.page {{ width: 100%; border-collapse: collapse; }}
.runhead {{ font-size: {small}pt; color: #555; text-align: right; border-bottom: 0.5pt solid #999;
            padding-bottom: 2pt; }}
.runfoot {{ font-size: {small}pt; color: #555; text-align: center; padding-top: 4pt; }}
.break {{ page-break-after: always; }}
"""

_CLS = {"left": "l", "center": "c", "right": "r"}


def render_html(doc: Document, family: str) -> str:
    files = font_files(family)
    css = _CSS.format(
        fam=family,
        reg=files.regular.as_uri(),
        bold=files.bold.as_uri(),
        size=doc.body_size,
        h1=doc.body_size + 2,
        h2=doc.body_size + 1,
        tsize=doc.body_size - 0.5,
        small=doc.body_size - 3,
    )
    body = "\n".join(_block(b) for b in doc.blocks)
    if doc.running_header:
        # a wrapping table's thead/tfoot repeat on every printed page in Chromium
        body = (
            '<table class="page"><thead><tr><td><div class="runhead">'
            f"{escape(doc.running_header)}</div></td></tr></thead>"
            '<tfoot><tr><td><div class="runfoot">ระบบประเมินคุณธรรมและความโปร่งใส (ITAS)'
            f"</div></td></tr></tfoot><tbody><tr><td>{body}</td></tr></tbody></table>"
        )
    return (
        '<!DOCTYPE html>\n<html lang="th"><head><meta charset="utf-8">'
        f"<title>{escape(doc.title)}</title><style>{css}</style></head>"
        f"<body>\n{body}\n</body></html>\n"
    )


def _block(b: Heading | Paragraph | Table | PageBreak) -> str:
    if isinstance(b, PageBreak):
        return '<div class="break"></div>'
    if isinstance(b, Heading):
        tag = f"h{min(b.level, 3)}"
        return f'<{tag} class="{_CLS[b.align]}">{escape(b.text)}</{tag}>'
    if isinstance(b, Paragraph):
        style = f' style="font-size:{b.size}pt"' if b.size else ""
        cls = _CLS[b.align] + (" indent" if b.indent else "")
        text = escape(b.text)
        if b.bold:
            text = f"<b>{text}</b>"
        return f'<p class="{cls}"{style}>{text}</p>'
    return _table(b)


def _table(t: Table) -> str:
    ncols = len(t.header or t.rows[0])
    aligns = t.aligns or ("left",) * ncols
    widths = t.widths or (1.0,) * ncols
    total = sum(widths)
    cols = "".join(f'<col style="width:{100 * w / total:.1f}%">' for w in widths)
    parts = [f'<table class="t {"ruled" if t.ruled else "plain"}"><colgroup>{cols}</colgroup>']
    if t.caption:
        parts.append(f"<caption>{escape(t.caption)}</caption>")
    if t.header:
        cells = "".join(
            f'<th class="{_CLS[a]}">{escape(h)}</th>' for h, a in zip(t.header, aligns, strict=True)
        )
        parts.append(f"<thead><tr>{cells}</tr></thead>")
    parts.append("<tbody>")
    for row in t.rows:
        cells = "".join(
            f'<td class="{_CLS[a]}">{escape(c)}</td>' for c, a in zip(row, aligns, strict=True)
        )
        parts.append(f"<tr>{cells}</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)
