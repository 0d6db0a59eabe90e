"""The command line's one table from error to exit status, and the one line it prints."""

from __future__ import annotations

import sys
from collections.abc import Mapping

from berichten import BerichtError
from handelingsperspectieven import CatalogusError
from nlalert.bewaring.fouten import HulpmiddelMislukt
from nlalert.fouten import NlalertError
from nlalert.taal import fouttekst
from vertalingen.errors import VertalingenError

EXIT_FOUT = 2  # the user's input cannot be used: say why, in one line
EXIT_CBC = 1  # the input was fine, the CBC did not take it (nlalert send)
EXIT_HULPMIDDEL = 1  # the input was fine, pg_dump/pg_restore or the server failed (nlalert db)
EXIT_INTERN = 70  # EX_SOFTWARE: a bug of ours, still without a traceback

# Error class -> exit status; the most specific class wins (MRO order).
EXIT: Mapping[type[BaseException], int] = {
    NlalertError: EXIT_FOUT,
    HulpmiddelMislukt: EXIT_HULPMIDDEL,
    BerichtError: EXIT_FOUT,
    CatalogusError: EXIT_FOUT,
    VertalingenError: EXIT_FOUT,
    OSError: EXIT_FOUT,  # a file named on the command line that cannot be read or written
    ValueError: EXIT_FOUT,  # a value a library refused (a date, a number): the user's to fix
}


def exit_status(exc: BaseException) -> int:
    """The exit status of an error (EXIT_INTERN for anything not in the table)."""
    for klasse in type(exc).__mro__:
        if klasse in EXIT:
            return EXIT[klasse]
    return EXIT_INTERN


def meld(exc: BaseException) -> int:
    """Report an exception as one line on stderr and return the exit status."""
    status = exit_status(exc)
    if status == EXIT_INTERN:
        sys.stderr.write(f"nlalert: interne fout ({type(exc).__name__}): {exc}\n")
    else:
        tekst = fouttekst(exc)
        sys.stderr.write(f"nlalert: fout: {tekst}\n")
    return status
