"""The `nlalert` command line: one module per subcommand, each with `register(subparsers)`.

Every command prints readable Dutch text for people and, with `--json`, JSON for machines.
Bad input exits with status 2 and one Dutch line on stderr; never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
from collections.abc import Sequence

# Subcommand modules, in the order `nlalert --help` lists them.
MODULES = (
    "catalogus",
    "compose",
    "send",
    "leesbaarheid",
    "review",
    "vertalingen",
    "gebruiker",
    "audit",
    "run",
    "sim",
    "publiek",
    "oefening",
    "db",
)

EXIT_FOUT = 2


class Parser(argparse.ArgumentParser):
    """argparse with Dutch one-line errors and exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"nlalert: fout: {nederlands(message)}\n")
        raise SystemExit(EXIT_FOUT)


# argparse's own messages, in the user's language (argparse has no Dutch catalogue).
_ARGPARSE = (
    (
        r"argument (\S+): invalid choice: '?([^' ]*)'? \(choose from (.*)\)",
        r"\1: ongeldige keuze '\2'; kies uit: \3",
    ),
    (r"the following arguments are required: (.*)", r"verplicht: \1"),
    (r"unrecognized arguments: (.*)", r"onbekende argumenten: \1"),
    (r"argument (\S+): expected one argument", r"\1 verwacht een waarde"),
    (r"argument (\S+): invalid (\w+) value: (.*)", r"\1: ongeldige waarde \3"),
)


def nederlands(message: str) -> str:
    """argparse's English error message in Dutch (unknown messages pass through)."""
    for patroon, vervanging in _ARGPARSE:
        if re.fullmatch(patroon, message):
            return re.sub(patroon, vervanging, message).replace("'", "")
    return message


def build_parser() -> argparse.ArgumentParser:
    """The top-level parser with every subcommand registered."""
    parser = Parser(
        prog="nlalert", description="NL-Alert opstellen, vertalen, controleren en simuleren."
    )
    subparsers = parser.add_subparsers(dest="opdracht", required=True, parser_class=Parser)
    for naam in MODULES:
        importlib.import_module(f"nlalert.cli.{naam}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `nlalert` script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except BrokenPipeError:
        # The reader went away (`| head`): not an error of ours. Python would complain again
        # when it flushes stdout at exit, so point stdout at nothing.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:
        from nlalert.cli.fouten import meld

        return meld(exc)
