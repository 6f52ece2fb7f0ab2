"""Fingertips benchmark: a national download of 100,000 rows read and one area's indicators selected.

Generates a download as the Fingertips site writes it (26 columns, CRLF, a line break inside the quoted
indicator name as the site writes some): every English area (England, 9 regions and plausible codes for the
331 areas below them: unitary authorities, metropolitan districts, London boroughs, counties and districts),
ten indicators, ten periods in Fingertips' forms, three sexes, topped up to 100,000 rows with deprivation-decile
rows for England. Prints the best time to read it (``read_rows``) and select Swindon's rows (``select``) beside
the floor measured in the same run: ``csv.reader`` reading the same file into a list. Target: under 3 s.

Run: ``.venv/bin/python bench/fingertips.py``.
"""

from __future__ import annotations

import csv
import io
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from logicmodel.formats.fingertips import read_rows, select

ROWS = 100_000
REPEATS = 3
TARGET_MS = 3_000
HEADER = (
    "Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,Area Name,Area Type,Sex,Age,Category Type,"
    "Category,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,Lower CI 99.8 limit,Upper CI 99.8 limit,"
    "Count,Denominator,Value note,Recent Trend,Compared to England value or percentiles,"
    "Compared to Region value or percentiles,Time period Sortable,New data,Compared to goal"
)
INDICATORS = (93014, 93015, 20601, 20602, 90280, 93088, 22401, 41401, 11601, 90631)
PERIODS = (
    ("2013/14", 20130000),
    ("2014/15", 20140000),
    ("2015/16", 20150000),
    ("2016/17", 20160000),
    ("2017/18", 20170000),
    ("2018/19", 20180000),
    ("2019/20", 20190000),
    ("2020/21", 20200000),
    ("2021/22", 20210000),
    ("2022/23", 20220000),
)
# (code prefix, how many, area type): plausible ONS codes for the tiers of English local government.
TIERS = (
    ("E06", 66, "Unitary authority"),
    ("E08", 37, "Metropolitan district"),
    ("E09", 33, "London borough"),
    ("E10", 21, "County"),
    ("E07", 164, "Non-metropolitan district"),
)


def areas() -> list[tuple[str, str, str]]:
    """(code, name, type) for England, its regions and every area below them: 341 in all."""
    found = [("E92000001", "England", "Country")]
    found += [(f"E1200000{i}", f"Region {i}", "Region") for i in range(1, 10)]
    for prefix, count, kind in TIERS:
        found += [(f"{prefix}{i:06d}", f"{kind} {i}", kind) for i in range(1, count + 1)]
    return found


def download() -> bytes:
    """The generated download, ``ROWS`` rows after its header."""
    out = io.StringIO()
    out.write(HEADER + "\r\n")
    written = 0
    for code, name, kind in areas():
        for indicator in INDICATORS:
            for p, (period, sortable) in enumerate(PERIODS):
                for s, sex in enumerate(("Persons", "Male", "Female")):
                    value = 10 + (indicator % 37) + p * 0.3 + s + (hash(code) % 100) / 10
                    out.write(
                        f'{indicator},"Indicator {indicator} name\n",E92000001,England,{code},{name},{kind},{sex},'
                        f"19+ yrs,,,{period},{value:.6f},{value - 1.1:.6f},{value + 1.1:.6f},,,{int(value * 10)},"
                        f"{int(value * 400)},,,Similar,Similar,{sortable},,\r\n"
                    )
                    written += 1
    decile = 0
    while written < ROWS:
        decile += 1
        indicator, (period, sortable) = INDICATORS[decile % 10], PERIODS[(decile // 10) % 10]
        out.write(
            f'{indicator},"Indicator {indicator} name\n",,,E92000001,England,Country,Persons,19+ yrs,'
            f"County & UA deprivation deciles in England (IMD2019),Decile {decile},{period},21.5,20.1,22.9,,,"
            f"100,400,,,Not compared,Not compared,{sortable},,\r\n"
        )
        written += 1
    return out.getvalue().encode("utf-8")


def best_ms(run: Callable[[], object]) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return min(times)


def main() -> int:
    data = download()
    rows = data.count(b"\r\n") - 1
    floor = best_ms(lambda: list(csv.reader(io.StringIO(data.decode("utf-8"), newline=""))))
    only_read = best_ms(lambda: sum(1 for _ in read_rows(io.BytesIO(data))))
    chosen = select(read_rows(io.BytesIO(data)), INDICATORS, "E06000030")
    ours = best_ms(lambda: select(read_rows(io.BytesIO(data)), INDICATORS, "E06000030"))
    print(f"Python {platform.python_version()} on {platform.machine()}; {rows:,} rows, {len(data) / 1e6:.1f} MB")
    print(f"| {'step':<46} | {'best of ' + str(REPEATS):>10} | {'x csv':>6} |")
    print(f"|{'-' * 48}|{'-' * 12}|{'-' * 8}|")
    for name, ms in (
        ("csv.reader into a list (floor)", floor),
        ("read_rows: typed rows, every row checked", only_read),
        ("read_rows + select one area, ten indicators", ours),
    ):
        print(f"| {name:<46} | {ms:>7.0f} ms | {ms / floor:>6.1f} |")
    taken = sum(len(found.by_period) for found in chosen.indicators.values())
    print(f"Selected for E06000030: {len(chosen.matched)} indicators, {taken} periods; {chosen.rows_read:,} rows read")
    verdict = "within" if ours <= TARGET_MS else "OVER"
    print(f"Target {TARGET_MS} ms: {verdict}")
    return 0 if ours <= TARGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
