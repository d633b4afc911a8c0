#!/usr/bin/env python3
"""Writes src/ingest/entities/data/old_ga_sessions.tsv: for each session of
the General Assembly that numbered its resolutions in one running sequence
(1946-1975, `2758 (XXVI)`), the lowest and highest resolution number that a
public data set records for it. ingest gives a bare old number cited with a
General Assembly marker (`General Assembly resolution 2758`) the session
whose range holds it; a number between two ranges gets none.

Source: Erik Voeten, "United Nations General Assembly Voting Data"
(Harvard Dataverse hdl:1902.1/12379, CC0), as packaged by the R package
`unvotes` (github.com/dgrtwo/unvotes, file data/un_roll_calls.rda: one row
per recorded vote, `session` and `unres` such as `R/26/2758A`).

    python3 -m venv .venv && .venv/bin/pip install rdata
    .venv/bin/python scripts/gen_old_ga_sessions.py path/to/un_roll_calls.rda

Only recorded votes are in the data, so a session's range runs from its
first to its last resolution adopted by a recorded vote: resolutions adopted
without a vote before the first or after the last of them fall in the gap
between two sessions and are not recognised (a missing link, never a wrong
one). Special and emergency special sessions, numbered in the same
sequence, are not in the data as such: their numbers fall in those gaps.

The data has errors, and its `unres` for the early sessions is not the
resolution number at all (it is another running code: session 1 has
`R/1/1465`, session 5 `R/5/15`). So the ranges are checked against each
other, the numbering being one increasing sequence:

* where two sessions' ranges overlap, the numbers of the overlap that are a
  small minority of one session's numbers (at most MINORITY of them) are
  dropped from it as errors (session 29 has `R/29/3396` and `R/29/3397`
  among votes of the thirtieth session's numbers);
* a session whose range still overlaps another's is left out, and so is a
  session whose range is not wholly above every earlier session's range and
  below every later one's (the early sessions, whose codes interleave);
* no number is above LAST, the last number of the running sequence
  (resolution 3541 (XXX), 17 December 1975; the thirty-first session began
  the numbering `31/1`).
"""
import collections
import os
import re
import sys

import rdata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "src", "ingest", "entities", "data", "old_ga_sessions.tsv")
LAST_SESSION = 30
LAST = 3541
MINORITY = 0.1


def numbers_by_session(path):
    frame = rdata.read_rda(path)["un_roll_calls"]
    seen = collections.defaultdict(list)
    for session, unres in zip(frame["session"], frame["unres"]):
        session = int(session)
        m = re.fullmatch(r"R/(\d+)/(\d+)[A-Z]?", str(unres).strip())
        if not m or int(m.group(1)) != session or session > LAST_SESSION:
            continue
        n = int(m.group(2))
        if 1 <= n <= LAST:
            seen[session].append(n)
    return seen


def drop_minority_overlaps(seen):
    """Drops, pair by pair, overlapping numbers that are a small minority of
    one session's numbers. Returns the sessions changed, for the report."""
    dropped = []
    sessions = sorted(seen)
    for a in sessions:
        for b in sessions:
            if b <= a or not seen[a] or not seen[b]:
                continue
            lo, hi = min(seen[b]), max(seen[a])
            if lo > hi:
                continue
            in_a = [n for n in seen[a] if n >= lo]
            in_b = [n for n in seen[b] if n <= hi]
            if len(in_a) <= MINORITY * len(seen[a]) and len(in_a) <= len(in_b):
                seen[a] = [n for n in seen[a] if n < lo]
                dropped.append((a, sorted(set(in_a))))
            elif len(in_b) <= MINORITY * len(seen[b]):
                seen[b] = [n for n in seen[b] if n > hi]
                dropped.append((b, sorted(set(in_b))))
    return dropped


def consistent_ranges(seen):
    ranges = {s: (min(v), max(v)) for s, v in seen.items() if v}
    keep = {}
    for s, (lo, hi) in ranges.items():
        earlier_ok = all(h < lo for t, (_, h) in ranges.items() if t < s)
        later_ok = all(l > hi for t, (l, _) in ranges.items() if t > s)
        if earlier_ok and later_ok:
            keep[s] = (lo, hi)
    return keep


def roman(n):
    out = ""
    for v, r in [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]:
        while n >= v:
            out += r
            n -= v
    return out


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: gen_old_ga_sessions.py path/to/un_roll_calls.rda")
    seen = numbers_by_session(sys.argv[1])
    for s, nums in drop_minority_overlaps(seen):
        print(f"session {s}: dropped {nums} (overlap with another session)", file=sys.stderr)
    keep = consistent_ranges(seen)
    left_out = sorted(s for s in seen if s not in keep)
    print(f"sessions left out (ranges interleave): {left_out}", file=sys.stderr)
    lines = [
        "# Resolution number range of each General Assembly session numbered in",
        "# one running sequence (before 1976): `session<TAB>first<TAB>last`.",
        "# GENERATED by scripts/gen_old_ga_sessions.py from Erik Voeten's UN General",
        "# Assembly voting data (Harvard Dataverse hdl:1902.1/12379, CC0) as",
        "# packaged by github.com/dgrtwo/unvotes (data/un_roll_calls.rda): the",
        "# first and last resolution adopted by a recorded vote in each session.",
        "# A number outside every range (resolutions adopted without a vote at a",
        "# session's edges, special sessions, sessions the data cannot place) gets",
        "# no session. Do not edit by hand; see the script for the checks.",
    ]
    for s in sorted(keep):
        lo, hi = keep[s]
        lines.append(f"{s}\t{lo}\t{hi}")
        print(f"{roman(s):>6} {lo:5}-{hi:5} ({len(seen[s])} votes)", file=sys.stderr)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
