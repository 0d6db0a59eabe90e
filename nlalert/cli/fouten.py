"""One place that turns any error into a single Dutch line on stderr and an exit status."""

from __future__ import annotations

import sys

from handelingsperspectieven import CatalogusError

EXIT_FOUT = 2
EXIT_CBC = 1  # the input was fine, the CBC did not take it
EXIT_INTERN = 70  # EX_SOFTWARE: a bug of ours, still without a traceback


def meld(exc: BaseException) -> int:
    """Report an exception as one line and return the exit status."""
    bericht = getattr(exc, "bericht", None)
    if isinstance(exc, CatalogusError) or (isinstance(bericht, str) and _is_user_error(exc)):
        sys.stderr.write(f"nlalert: fout: {bericht}\n")
        return EXIT_FOUT
    if isinstance(exc, (OSError, ValueError)):
        sys.stderr.write(f"nlalert: fout: {exc}\n")
        return EXIT_FOUT
    sys.stderr.write(f"nlalert: interne fout ({type(exc).__name__}): {exc}\n")
    return EXIT_INTERN


def _is_user_error(exc: BaseException) -> bool:
    """Our typed errors carry a Dutch `bericht`; they are the user's to fix."""
    return type(exc).__module__.split(".")[0] in {
        "handelingsperspectieven",
        "vertalingen",
        "berichten",
        "nlalert",
    }
