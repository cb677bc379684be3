"""Run by test_concurrency in another process: query in a loop until ``stop`` exists and
print ``iterations errors violations`` (a violation is a partial sync seen)."""

import sys
from pathlib import Path

from warehouse import connect

CHECK = ("SELECT (SELECT count(*) FROM filings WHERE is_current),"
         " (SELECT count(*) FROM tranches), (SELECT count(*) FROM delinquencies),"
         " (SELECT count(*) FROM tranches_history), (SELECT count(*) FROM filings)")


def main(root: Path, stop: Path) -> None:
    iterations = errors = violations = 0
    while not stop.exists():
        try:
            con = connect(root)
            try:
                current, tranches, dq, history, filings = con.execute(CHECK).fetchone()
            finally:
                con.close()
            if not (tranches == 3 * current and dq == 2 * current and history == 3 * filings):
                violations += 1
        except Exception as exc:
            errors += 1
            print(repr(exc), file=sys.stderr)
        iterations += 1
    print(iterations, errors, violations)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
