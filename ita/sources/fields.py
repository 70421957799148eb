"""Field readers of the shared engine: each looks at every row (tables and loose lines alike),
collects candidates with their provenance, and picks one — by how explicit the label is, by
votes across the document, and where the document's own arithmetic can settle it, by that."""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from ita import scoring
from ita.frameworks import Framework
from ita.pdf import Line
from ita.pdf.paragraphs import could_continue
from ita.record import Agency, Source
from ita.sources.names import IndicatorNames, skeleton
from ita.sources.rows import Hit, RowInfo
from ita.sources.spec import Spec
from ita.sources.view import DocumentView, TextRow, parse_decimal
from ita.thai import arabic_digits

TOLERANCE = Decimal("0.01")


@dataclass(slots=True)
class Candidate:
    value: Decimal
    source: Source
    weight: int
    index: int  # row index (reading order)


@dataclass(slots=True)
class Picked:
    value: Decimal
    source: Source
    index: int


# ---------------------------------------------------------------------------- fiscal year
def read_fiscal_year(view: DocumentView, spec: Spec) -> tuple[int, Source] | None:
    """The first match of the most specific year pattern, looking at the first pages first."""
    for limit in (2, None):
        rows = [r for r in view.rows if limit is None or r.page <= limit]
        for pattern in spec.year:
            for row in rows:
                for m in pattern.finditer(row.text):
                    year = int(arabic_digits(m.group("y")))
                    if 2500 <= year <= 2600:
                        return year, row.source(m.start("y"), m.end("y"))
        for pattern in spec.year_ce:
            for row in rows:
                if ce := pattern.search(row.text):
                    return int(arabic_digits(ce.group("y"))) + 543, row.source(ce.start(), ce.end())
    return None


# ---------------------------------------------------------------------------- agency
def read_agency(view: DocumentView, spec: Spec) -> tuple[Agency, Source] | None:
    """The agency from its labels (ชื่อหน่วยงาน / ประเภทหน่วยงาน / ที่ตั้ง), or else the name
    printed most often at the start of a line (cover page, headings) and the place after it."""
    labelled: dict[str, tuple[str, TextRow, int]] = {}
    counts: dict[str, list[TextRow]] = defaultdict(list)
    for row in view.rows[:400]:
        hit = _labelled(row, spec)
        if hit is not None:
            key, value, offset = hit
            labelled.setdefault(key, (value, row, offset))
            continue
        name = _name_at_start(row.text.strip(), spec)
        if name:
            counts[name].append(row)
    place = labelled["place"][0] if "place" in labelled else None
    if "name" in labelled:
        value, row, offset = labelled["name"]
        name = _cut_name(value, spec)
        if place is None and name != value.strip():
            place = value.strip()[len(name) :]
        src = row.source(offset, offset + len(value))
    elif counts:
        # the name printed most often at the start of a line (cover, headings, title block)
        name = max(counts, key=lambda n: (len(counts[n]), -counts[n][0].index))
        row = counts[name][0]
        start = max(0, row.text.find(name))
        src = row.source(start, start + len(name))
        if place is None:
            place = _place_near(view, counts[name], name, spec)
    else:
        return None
    type_label = labelled["type"][0].strip() if "type" in labelled else None
    agency_type = type_label or _type_of(name, spec)
    district, province = _split_place(place or "", spec)
    return Agency(name, agency_type, district, province), src


def _labelled(row: TextRow, spec: Spec) -> tuple[str, str, int] | None:
    """(field, value, offset of the value) for a "label: value" or "label | value" row."""
    text = row.text
    first = row.cells[0].text.strip().rstrip(":：").strip() if row.cells else ""
    for key, labels in spec.agency.labels.items():
        for label in labels:
            if not text.startswith(label):
                continue
            rest = text[len(label) :]
            stripped = rest.lstrip()
            own_cell = first == label and len(row.cells) > 1
            colon = stripped[:1] in (":", "：")
            if own_cell or colon or (label in spec.agency.strong_labels and rest[:1].isspace()):
                value = stripped[1:].strip() if colon else stripped.strip()
                if value:
                    return key, value, len(text) - len(value)
            break
    return None


def _expand_abbreviation(text: str, spec: Spec) -> str:
    for short, full in spec.agency.abbreviations.items():
        if text.startswith(short):
            return full + text[len(short) :].lstrip()
    return text


def _name_at_start(text: str, spec: Spec) -> str | None:
    text = spec.list_marker.sub("", text, count=1)
    expanded = _expand_abbreviation(text, spec)
    for t in spec.agency.types:
        if expanded.startswith(t) and len(expanded) > len(t):
            name = _cut_name(expanded, spec)
            return name if len(name) > len(t) and len(name) <= 90 else None
    return None


def _cut_name(value: str, spec: Spec) -> str:
    """The name without the place or year printed after it (an agency type such as
    องค์การบริหารส่วนจังหวัด may itself contain a place word)."""
    value = _expand_abbreviation(value.strip(), spec)
    start = len(_type_of(value, spec) or "") or 1
    m = spec.agency.place_start.search(value, start)
    return (value[: m.start()] if m else value).strip()


def _place_near(view: DocumentView, rows: list[TextRow], name: str, spec: Spec) -> str | None:
    """The place printed after the name on its own line, or on the line below it."""
    for row in rows:
        rest = row.text[row.text.find(name) + len(name) :]
        if spec.agency.district.search(rest) or spec.agency.province.search(rest):
            return rest
    for row in rows:
        nxt = view.rows[row.index + 1] if row.index + 1 < len(view.rows) else None
        if nxt is not None and (
            spec.agency.district.match(nxt.text) or spec.agency.province.match(nxt.text)
        ):
            return nxt.text
    return None


def _type_of(name: str, spec: Spec) -> str | None:
    for t in spec.agency.types:
        if name.startswith(t):
            return t
    return None


def _split_place(place: str, spec: Spec) -> tuple[str | None, str | None]:
    district = province = None
    if m := spec.agency.district.search(place):
        district = m.group("v") or m.group("bkk")
    if m := spec.agency.province.search(place):
        province = m.group("v") or ("กรุงเทพมหานคร" if m.group("bkk") else None)
    return district, province


# ---------------------------------------------------------------------------- indicators
def indicator_candidates(
    infos: list[RowInfo], names: IndicatorNames
) -> tuple[dict[int, list[Candidate]], list[str]]:
    """Every (indicator, score) a row states, labelled "ตัวชี้วัดที่ N …" or by name alone."""
    found: dict[int, list[Candidate]] = defaultdict(list)
    notes: list[str] = []
    for info in infos:
        row = info.row
        weight = 3 if info.tabular else 1
        if info.markers:
            for i, mk in enumerate(info.markers):
                end = info.markers[i + 1].start if i + 1 < len(info.markers) else None
                hit = info.first_number_after(mk.end, end)
                if hit is None or _code_between(info, mk.end, hit.start):
                    continue
                printed = int(mk.value)
                name = names.match_prefix(row.text[mk.end : hit.start])
                number = printed
                if name is not None and name.number != printed:
                    number = name.number
                    notes.append(
                        f"page {row.page}: printed 'ตัวชี้วัดที่ {printed}' but the name is "
                        f"indicator {name.number}'s; read as indicator {name.number}"
                    )
                if 1 <= number <= 10:
                    found[number].append(_cand(hit, row, weight))
            continue
        if info.codes or not info.numbers:
            continue
        for hit in info.numbers:
            label = row.text[: hit.start]
            if not skeleton(label):
                continue
            name = names.match(_strip_label(label))
            if name is not None:
                found[name.number].append(_cand(hit, row, weight + 1))
            break
    return found, notes


def _code_between(info: RowInfo, start: int, end: int) -> bool:
    return any(start <= c.start < end for c in info.codes)


def _strip_label(label: str) -> str:
    """A table label without its rank number, tool column or separators."""
    words = [w for w in label.split() if w not in ("IIT", "EIT", "OIT")]
    while words and arabic_digits(words[0]).rstrip(".)").lstrip("(").isdigit():
        words.pop(0)
    return " ".join(words)


def _cand(hit: Hit, row: TextRow, weight: int) -> Candidate:
    assert isinstance(hit.value, Decimal)
    return Candidate(hit.value, row.source(hit.start, hit.end), weight, row.index)


def vote(cands: list[Candidate]) -> list[Picked]:
    """Distinct values by total weight (ties: the earliest printed first)."""
    totals: dict[Decimal, tuple[int, Candidate]] = {}
    for c in cands:
        w, first = totals.get(c.value, (0, c))
        totals[c.value] = (w + c.weight, first if first.index <= c.index else c)
    ranked = sorted(totals.items(), key=lambda kv: (-kv[1][0], kv[1][1].index))
    return [Picked(v, first.source, first.index) for v, (_, first) in ranked]


def settle_indicators(
    fw: Framework, options: dict[int, list[Picked]], overall: list[Picked]
) -> tuple[dict[int, Picked], Picked | None, list[str]]:
    """Pick one score per indicator; where the document prints an overall score and the
    top-voted indicators do not reproduce it, try the runners-up (the document's own
    arithmetic decides between its contradicting copies)."""
    chosen = {n: opts[0] for n, opts in options.items() if opts}
    notes: list[str] = []
    if len(chosen) < len(fw.indicators) or not overall:
        return chosen, overall[0] if overall else None, notes
    for o in overall:
        if _reproduces(fw, chosen, o.value):
            return chosen, o, notes
    alternatives = [(n, opts[:3]) for n, opts in options.items() if len(opts) > 1]
    combos = itertools.product(*[opts for _, opts in alternatives])
    for combo in itertools.islice(combos, 1, 730):
        trial = dict(chosen)
        trial.update({n: p for (n, _), p in zip(alternatives, combo, strict=True)})
        for o in overall:
            if _reproduces(fw, trial, o.value):
                changed = [n for n in trial if trial[n] is not chosen[n]]
                notes.append(
                    "the document prints different scores for indicator(s) "
                    f"{', '.join(map(str, changed))}; kept those that reproduce the overall {o.value}"
                )
                return trial, o, notes
    return chosen, overall[0], notes


def _reproduces(fw: Framework, chosen: dict[int, Picked], overall: Decimal) -> bool:
    computed = scoring.round2(scoring.compute_overall(fw, {n: p.value for n, p in chosen.items()}))
    return abs(computed - overall) <= TOLERANCE


# ---------------------------------------------------------------------------- overall, grade
def overall_candidates(infos: list[RowInfo], spec: Spec) -> list[Picked]:
    """Overall-score candidates, most explicit label first, then in reading order."""
    found: list[tuple[int, int, Picked]] = []
    for info in infos:
        row = info.row
        if spec.overall_exclude.search(row.text):
            continue
        for priority, pattern in enumerate(spec.overall):
            if priority > 0 and (info.markers or info.codes):
                break
            m = pattern.search(row.text)
            if not m:
                continue
            value = parse_decimal(m.group("v"))
            if value is not None and Decimal(0) <= value <= Decimal(100):
                src = row.source(m.start("v"), m.end("v"))
                found.append((priority, row.index, Picked(value, src, row.index)))
                break
    found.sort(key=lambda t: (t[0], t[1]))
    out: list[Picked] = []
    for _, _, p in found:
        if all(p.value != q.value for q in out):
            out.append(p)
    return out


@dataclass(slots=True)
class GradePick:
    label: str
    source: Source
    index: int


def read_grade(view: DocumentView, spec: Spec, fw: Framework, near: int | None) -> GradePick | None:
    """The grade or Rating Score label printed after a grade phrase (or alone in a cell),
    never from the grade-band table; the one closest to the overall score wins."""
    labels = sorted(
        {lab for band in fw.grading.bands for lab in band.labels}, key=len, reverse=True
    )
    found: list[GradePick] = []
    for row in view.rows:
        text = row.text
        if spec.band_row.search(text):
            continue
        ctx = spec.grade_context.search(text)
        cells = [c.text.strip() for c in row.cells]
        for label in labels:
            pos = _find_label(text, label, ctx.end() if ctx else None)
            if pos is None and label in cells:
                pos = text.find(label)
            if pos is not None and pos >= 0:
                found.append(GradePick(label, row.source(pos, pos + len(label)), row.index))
                break
    if not found:
        return None
    ref = near if near is not None else 0
    return min(found, key=lambda f: (abs(f.index - ref), f.index))


def _find_label(text: str, label: str, after: int | None) -> int | None:
    if after is None:
        return None
    pos = text.find(label, after)
    while pos >= 0:
        before = text[pos - 1] if pos > 0 else " "
        following = text[pos + len(label)] if pos + len(label) < len(text) else " "
        if not _word_char(before) and not _word_char(following):
            return pos
        pos = text.find(label, pos + 1)
    return None


def _word_char(ch: str) -> bool:
    return ch.isalnum() or "\u0e01" <= ch <= "\u0e4e"


# ---------------------------------------------------------------------------- tool scores
@dataclass(slots=True)
class ToolRead:
    value: Decimal
    source: Source
    denominator: Decimal | None
    weighted_header: bool


def read_tools(infos: list[RowInfo], spec: Spec) -> dict[str, ToolRead]:
    out: dict[str, ToolRead] = {}
    weighted_seen = -10
    for info in infos:
        row = info.row
        if spec.tool_weighted.search(row.text):
            weighted_seen = row.index
        if info.markers or info.codes or not info.numbers:
            continue
        for code, pattern in spec.tools.items():
            if code in out:
                continue
            m = pattern.search(row.text)
            if not m:
                continue
            hit = info.first_number_after(m.end())
            if hit is None:
                continue
            assert isinstance(hit.value, Decimal)
            d = spec.tool_denominator.match(row.text[hit.end :])
            out[code] = ToolRead(
                hit.value,
                row.source(hit.start, hit.end),
                parse_decimal(d.group("d")) if d else None,
                row.index - weighted_seen <= 6,
            )
            break
    return out


def settle_tools(
    fw: Framework,
    reads: dict[str, ToolRead],
    indicators: dict[int, Decimal],
    overall: Decimal | None,
) -> tuple[dict[str, Decimal], list[str]]:
    """Tool scores on 0–100. A weighted score (out of 30/30/40) is divided back by the
    catalog weight; where the indicators are known, the exact 0–100 value is the one whose
    weighted rounding gives the printed number (the document's arithmetic)."""
    notes: list[str] = []
    weights = {code: fw.tools[code].weight for code in reads if code in fw.tools}
    weighted = any(
        r.weighted_header or (r.denominator is not None and r.denominator < 100)
        for r in reads.values()
    )
    if not weighted and overall is not None and len(reads) == len(fw.tools):
        total = sum(r.value for r in reads.values())
        fits = all(r.value <= weights[c] * 100 for c, r in reads.items())
        weighted = fits and abs(total - overall) <= Decimal("0.03")
    out: dict[str, Decimal] = {}
    for code, r in reads.items():
        if code not in weights:
            continue
        if not weighted:
            out[code] = r.value
            continue
        w = weights[code]
        computed = _tool_from_indicators(fw, code, indicators)
        if computed is not None and abs(scoring.round2(computed * w) - r.value) <= TOLERANCE:
            out[code] = computed
        else:
            out[code] = scoring.round2(r.value / w)
            notes.append(f"{code} printed weighted ({r.value} of {w * 100:.0f}); divided back")
    return out, notes


def _tool_from_indicators(
    fw: Framework, code: str, indicators: dict[int, Decimal]
) -> Decimal | None:
    numbers = fw.tools[code].indicators
    if not all(n in indicators for n in numbers):
        return None
    return scoring.round2(sum((indicators[n] for n in numbers), Decimal(0)) / len(numbers))


# ---------------------------------------------------------------------------- items
def item_candidates(infos: list[RowInfo]) -> dict[str, list[Candidate]]:
    """Item scores: each code paired with the score (or มี/ไม่มี) printed in its row's
    value cells — by order when a cell lists several items and as many scores, else by
    vertical position."""
    found: dict[str, list[Candidate]] = defaultdict(list)
    for info in infos:
        if not info.codes:
            continue
        row = info.row
        entities = sorted(info.markers + info.codes, key=lambda h: h.start)
        values = info.values_in_cells()
        if not values:
            last = _trailing_value(info)
            if last is not None and len(info.codes) == 1:
                values, entities = [last], list(info.codes)
        if not values:
            continue
        if len(values) == len(entities):
            pairs = list(zip(entities, values, strict=True))
        else:
            pairs = _pair_by_position(row, info.codes, values)
        for entity, value in pairs:
            if isinstance(entity.value, str):
                assert isinstance(value.value, Decimal)
                found[entity.value].append(
                    Candidate(value.value, row.source(value.start, value.end), 2, row.index)
                )
    return found


def _trailing_value(info: RowInfo) -> Hit | None:
    """A score or มี/ไม่มี ending a row that has no separate value cell."""
    last = info.row.spans[-1] if info.row.spans else None
    if last is None:
        return None
    for h in info.answers + info.numbers:
        if h.start == last[0] and h.end == last[1] and h.start > info.codes[0].end:
            return h
    return None


def _pair_by_position(row: TextRow, codes: list[Hit], values: list[Hit]) -> list[tuple[Hit, Hit]]:
    def top(h: Hit) -> float:
        return row.source(h.start, h.end).bbox[1]

    free = list(values)
    pairs = []
    for code in codes:
        if not free:
            break
        best = min(free, key=lambda v: abs(top(v) - top(code)))
        pairs.append((code, best))
        free.remove(best)
    return pairs


# ---------------------------------------------------------------------------- advice
def _continues(paragraphs: list[list[Line]], lines: list[Line], view: DocumentView) -> bool:
    if not paragraphs or not paragraphs[-1] or not lines:
        return False
    prev = paragraphs[-1][-1]
    right = max(line.words[-1].x1 for p in paragraphs for line in p if line.words)
    return could_continue(prev, lines[0], max(right, view.right_edges.get(prev.page, 0.0)))


def _clipped_fragment(row: TextRow, rows: list[TextRow]) -> bool:
    """A lone cluster at the foot of a page that the next page's first line repeats: Chromium
    draws part of a line split by a page break on both pages (outside the clip, unseen)."""
    text = row.text.strip()
    nxt = rows[row.index + 1] if row.index + 1 < len(rows) else None
    return (
        len(row.spans) == 1
        and len(text) < 4
        and nxt is not None
        and nxt.page > row.page
        and text in nxt.text
        and nxt.text.strip() != text
    )


def read_advice(view: DocumentView, spec: Spec) -> tuple[list[str], list[Source]]:
    """Paragraphs under a ข้อเสนอแนะ heading, list markers removed, wrapped lines joined,
    up to the next section."""
    rows = view.rows
    start = next((r.index for r in rows if spec.advice_heading.match(r.text.strip())), None)
    if start is None:
        return [], []
    first = next((r for r in rows[start + 1 :] if not _clipped_fragment(r, rows)), None)
    body_size = max((w.size for _, _, w in first.spans), default=0.0) if first else 0.0
    paragraphs: list[list[Line]] = []
    sources: list[Source] = []
    for row in rows[start + 1 :]:
        text = row.text.strip()
        if not text:
            continue
        size = max(w.size for _, _, w in row.spans)
        lines = row.row.physical_lines()
        if (
            spec.section_heading.match(text)
            or spec.advice_heading.match(text)
            or row.row.ruled
            or size > body_size + 1.0
            or (spec.section_heading_weak.match(text) and not _continues(paragraphs, lines, view))
        ):
            break
        if _clipped_fragment(row, rows):
            continue
        if spec.list_marker.match(text) or not paragraphs:
            paragraphs.append(lines)
            sources.append(row.source(0, len(row.text)))
        else:
            paragraphs[-1].extend(lines)
    texts = [spec.list_marker.sub("", t, count=1).strip() for t in view.join(paragraphs)]
    return texts, sources
