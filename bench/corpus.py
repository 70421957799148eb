"""Benchmark corpora, generated once and cached in the git-ignored `bench/out/`.

`ita.samples.generate_corpus` cycles the 32 bundled agencies over four years, so beyond ~128
documents its results repeat an (agency, year) and loading them would measure the supersede
path, not a national year of distinct agencies. Here every document is a different agency
(local-government type × two place stems × a province from the bundled profiles) with its own
quality, drawn through the same generator pieces (`random_record`, `itas_sample`,
`write_samples`), so the bytes, names and numbers all differ.

A corpus directory is complete when its `manifest.csv` exists and lists `n` files; an
incomplete one (an interrupted run) is generated again.
"""

from __future__ import annotations

import csv
import itertools
import random
from pathlib import Path

from ita.frameworks import known_years
from ita.record import Agency
from ita.samples.agencies import PROFILES, AgencyProfile
from ita.samples.corpus import itas_sample, random_record, write_samples
from ita.samples.variants import Producer

OUT_DIR = Path(__file__).resolve().parent / "out"
LOCAL_TYPES = ("องค์การบริหารส่วนตำบล", "เทศบาลตำบล", "เทศบาลเมือง")
YEARS = (2564, 2565, 2566, 2567)


def place_stems() -> list[str]:
    """Place names of the bundled agencies (ตะคร้ำเอน, หนองหญ้า, …), without repeats."""
    stems: list[str] = []
    for profile in PROFILES:
        agency = profile.agency
        if agency.agency_type and agency.name.startswith(agency.agency_type):
            stems.append(agency.name[len(agency.agency_type) :])
        if agency.district and not agency.district.startswith("เมือง"):
            stems.append(agency.district)
    return [s for s in dict.fromkeys(stems) if s and " " not in s]


def distinct_profiles(n: int, seed: int = 0) -> list[AgencyProfile]:
    """`n` agencies with different names, each with a quality and spread of its own."""
    rng = random.Random(f"bench-agencies:{seed}")
    stems = place_stems()
    names = [
        (kind, a, b)
        for kind, a, b in itertools.product(LOCAL_TYPES, stems, stems)
        if a != b and not a.endswith(b) and not b.startswith(a)
    ]
    if n > len(names):
        raise ValueError(f"at most {len(names)} distinct benchmark agencies, asked for {n}")
    rng.shuffle(names)
    places = [p.agency for p in PROFILES if p.agency.district]
    out = []
    for kind, a, b in names[:n]:
        place = rng.choice(places)
        agency = Agency(f"{kind}{a}{b}", kind, place.district, place.province)
        out.append(AgencyProfile(agency, rng.uniform(70.0, 96.0), rng.uniform(2.0, 10.0)))
    return out


def generate_bench_corpus(
    out_dir: Path,
    n: int,
    producers: tuple[Producer, ...] = ("fpdf2",),
    seed: int = 0,
    workers: int = 1,
) -> list[Path]:
    """`n` ITAS results of `n` different agencies (years and producers in rotation), with
    golden JSON and manifest.csv."""
    years = [y for y in YEARS if y in set(known_years())]
    samples = []
    for i, profile in enumerate(distinct_profiles(n, seed)):
        producer = producers[i % len(producers)]
        name = f"bench-{i:05d}-{producer}"
        rng = random.Random(f"bench:{seed}:{name}")
        record = random_record(profile, years[i % len(years)], rng)
        samples.append(itas_sample(name, record, producer, rng))
    return write_samples(samples, out_dir, manifest=True, workers=workers)


def corpus_files(out_dir: Path) -> list[Path]:
    """The PDFs a finished corpus lists in its manifest (empty when unfinished)."""
    manifest = out_dir / "manifest.csv"
    if not manifest.is_file():
        return []
    with manifest.open(encoding="utf-8", newline="") as fh:
        files = [out_dir / row["file"] for row in csv.DictReader(fh)]
    return files if all(f.is_file() for f in files) else []


def ensure_corpus(
    name: str,
    n: int,
    producers: tuple[Producer, ...] = ("fpdf2",),
    workers: int = 2,
    root: Path = OUT_DIR,
) -> list[Path]:
    """The cached corpus `root/name` of `n` documents, generated first if missing or short."""
    out_dir = root / name
    files = corpus_files(out_dir)
    if len(files) >= n:
        return files[:n]
    (out_dir / "manifest.csv").unlink(missing_ok=True)
    return generate_bench_corpus(out_dir, n, producers, workers=workers)


def main() -> None:
    """`python -m bench.corpus NAME N [PRODUCER ...]`: generate a corpus ahead of a run."""
    import sys

    name, n, *producers = sys.argv[1:]
    files = ensure_corpus(name, int(n), tuple(producers) or ("fpdf2",))  # type: ignore[arg-type]
    print(f"{len(files)} documents in {OUT_DIR / name}")


if __name__ == "__main__":
    main()
