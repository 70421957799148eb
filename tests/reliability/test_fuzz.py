"""Fuzzing the extractor with hypothesis on mutated sample PDFs (byte flips — anywhere or inside
a content stream —, truncations, splices of two producers' files, inserted garbage).

Whatever the bytes, extraction returns a record or raises `DocumentRefused` (never another
exception), the prepared document loads as a recorded outcome, the warehouse keeps only whole
documents, and no document takes longer than PER_DOCUMENT_S (a hang or blow-up bound, not a
speed test). `make test` runs a few derandomised examples; `make test-slow` runs many.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ita.findings import DocumentRefused
from ita.rawstore import store_file
from tests.reliability import hostile
from tests.reliability.test_hostile_files import assert_one_line
from tests.reliability.warehouse_state import integrity_problems
from warehouse import connect, load_prepared, prepare_document

PER_DOCUMENT_S = 120.0  # generous: 2 shared cores can be 20x overloaded
BASES = {name: hostile.corpus_pdf(name).read_bytes() for name in hostile.FUZZ_BASES}


class Mutant:
    """Mutated bytes and how they were made (a plain class: hypothesis prints its repr, not
    every byte)."""

    __slots__ = ("data", "how")

    def __init__(self, how: str, data: bytes) -> None:
        self.how = how
        self.data = data

    def __repr__(self) -> str:
        return f"Mutant({self.how!r}, {len(self.data)} bytes)"


def _stream_spans(data: bytes) -> list[tuple[int, int]]:
    spans, start = [], 0
    while (i := data.find(b"stream\n", start)) != -1:
        end = data.find(b"endstream", i)
        if end == -1:
            break
        spans.append((i + 7, end))
        start = end
    return [s for s in spans if s[1] - s[0] > 8]


@st.composite
def mutants(draw: st.DrawFn) -> Mutant:
    name = draw(st.sampled_from(sorted(BASES)))
    data = bytearray(BASES[name])
    kind = draw(st.sampled_from(["flip", "flip_stream", "truncate", "splice", "insert"]))
    if kind in ("flip", "flip_stream"):
        spans = _stream_spans(bytes(data)) if kind == "flip_stream" else []
        lo, hi = draw(st.sampled_from(spans)) if spans else (0, len(data))
        n = draw(st.integers(1, 24))
        for _ in range(n):
            i = draw(st.integers(lo, hi - 1))
            data[i] ^= draw(st.integers(1, 255))
        return Mutant(f"{kind} {n} bytes of {name}", bytes(data))
    if kind == "truncate":
        cut = draw(st.integers(0, len(data) - 1))
        return Mutant(f"truncate {name} at {cut}", bytes(data[:cut]))
    if kind == "splice":
        other_name = draw(st.sampled_from(sorted(BASES)))
        other = BASES[other_name]
        i, j = draw(st.integers(0, len(data))), draw(st.integers(0, len(other)))
        return Mutant(f"splice {name}[:{i}] + {other_name}[{j}:]", bytes(data[:i]) + other[j:])
    junk = draw(st.binary(min_size=1, max_size=512))
    at = draw(st.integers(0, len(data)))
    return Mutant(
        f"insert {len(junk)} bytes into {name} at {at}", bytes(data[:at] + junk + data[at:])
    )


class FuzzTarget:
    """One warehouse and raw store shared by every example of a test."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.db = root / "fuzz.duckdb"
        self.raw = root / "raw"
        self.count = 0
        self.slowest = 0.0

    def check(self, mutant: Mutant) -> None:
        from ita.sources import extract_document

        self.count += 1
        path = self.root / f"mutant-{self.count}.pdf"
        path.write_bytes(mutant.data)
        started = time.monotonic()
        try:
            extract_document(path)
        except DocumentRefused as refused:
            assert_one_line(refused.finding.detail_en)
            assert_one_line(refused.finding.detail_th)
        # any other exception fails the example: an extractor bug, reported with the mutant
        stored = store_file(path, self.raw)
        prepared = prepare_document(stored)
        elapsed = time.monotonic() - started
        self.slowest = max(self.slowest, elapsed)
        assert elapsed < PER_DOCUMENT_S, f"{mutant!r} took {elapsed:.1f}s"
        assert not any(f.check == "extraction_failed" for f in prepared.findings), prepared.findings
        con = connect(self.db)
        try:
            outcome = load_prepared(con, prepared)
        finally:
            con.close()
        assert outcome.status in ("loaded", "superseded_previous", "duplicate", "quarantined")
        if outcome.status != "loaded":
            assert_one_line(outcome.reason)
        path.unlink()


def fuzz(target: FuzzTarget, mutant: Mutant) -> None:
    target.check(mutant)


@pytest.fixture(scope="module")
def fast_target(tmp_path_factory: pytest.TempPathFactory) -> FuzzTarget:
    return FuzzTarget(tmp_path_factory.mktemp("fuzz-fast"))


@pytest.fixture(scope="module")
def long_target(tmp_path_factory: pytest.TempPathFactory) -> FuzzTarget:
    return FuzzTarget(tmp_path_factory.mktemp("fuzz-long"))


@pytest.mark.timeout(300)
@settings(
    max_examples=6,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(mutant=mutants())
def test_mutated_pdfs_end_as_recorded_outcomes(fast_target: FuzzTarget, mutant: Mutant) -> None:
    fuzz(fast_target, mutant)


def test_fuzzed_warehouse_holds_only_whole_documents(fast_target: FuzzTarget) -> None:
    if not fast_target.db.exists():
        pytest.skip("the fuzz test did not run")
    assert integrity_problems(fast_target.db) == {}


@pytest.mark.slow
@pytest.mark.timeout(3600)
@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(mutant=mutants())
def test_many_mutated_pdfs_end_as_recorded_outcomes(
    long_target: FuzzTarget, mutant: Mutant
) -> None:
    fuzz(long_target, mutant)


@pytest.mark.slow
def test_long_fuzzed_warehouse_holds_only_whole_documents(long_target: FuzzTarget) -> None:
    if not long_target.db.exists():
        pytest.skip("the long fuzz test did not run")
    assert integrity_problems(long_target.db) == {}
    print(f"{long_target.count} mutants, slowest {long_target.slowest:.1f}s")
