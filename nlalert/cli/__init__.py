"""The `nlalert` command line: one module per subcommand, each with `register(subparsers)`.

Every command prints readable Dutch text for people and, with `--json`, JSON for machines.
Bad input exits with status 2 and one Dutch line on stderr; never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
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
)

EXIT_FOUT = 2


class Parser(argparse.ArgumentParser):
    """argparse with Dutch one-line errors and exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"nlalert: fout: {message}\n")
        raise SystemExit(EXIT_FOUT)


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
    except Exception as exc:
        from nlalert.cli.fouten import meld

        return meld(exc)
