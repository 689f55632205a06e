"""Print the mutation score of the last `make mutate` run, per module and in total.

Reads mutmut's result files (mutants/janus/*.meta: one exit code per mutant) with
mutmut's own table of what each exit code means. A mutant counts as killed when the
tests failed on it (or timed out); the score is killed / checked, where mutants
that no test reaches count as checked and not killed.
"""

import json
import sys
from collections import Counter
from pathlib import Path

from mutmut.stats import status_by_exit_code

KILLED = {"killed", "timeout", "caught by type check", "segfault"}


def main() -> int:
    metas = sorted(Path("mutants/janus").glob("*.py.meta"))
    if not metas:
        print("no results: run `make mutate` first", file=sys.stderr)
        return 1
    total = Counter()
    print(f"{'module':<16} {'killed':>7} {'checked':>8} {'mutants':>8} {'score':>7}")
    for meta in metas:
        codes = json.loads(meta.read_text())["exit_code_by_key"].values()
        status = Counter(status_by_exit_code[c] for c in codes)
        killed = sum(status[s] for s in KILLED)
        checked = sum(n for s, n in status.items() if s != "not checked")
        total.update(killed=killed, checked=checked, mutants=len(codes))
        score = f"{killed / checked:.1%}" if checked else "-"
        print(f"{meta.name[:-8]:<16} {killed:>7} {checked:>8} {len(codes):>8} {score:>7}")
    print(f"{'total':<16} {total['killed']:>7} {total['checked']:>8} {total['mutants']:>8} "
          f"{total['killed'] / max(total['checked'], 1):>7.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
