"""Extract, update and compile the catalogues through Babel's own command-line API.

These are maintenance tasks on a source checkout. Two domains: `broadcast` (what citizens read,
configured in pyproject.toml's [tool.babel], catalogues in vertalingen/locales/ for every language)
and `ui` (the web application's own words, configured in nlalert/locales/babel-ui.toml, catalogues
in nlalert/locales/, English only). The product compiles .po files in memory when it loads them.
"""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

from babel.messages.frontend import CommandLineInterface

from handelingsperspectieven.meldingen import N_
from vertalingen.catalogi import BROADCAST, UI
from vertalingen.errors import VertalingenError
from vertalingen.talen import BRONTAAL, TALEN

DOMEINEN = (BROADCAST, UI)
UI_TALEN = ("en",)  # Dutch is the source of the UI; nlalert.taal.TALEN is ("nl", "en")


class BeheerFout(VertalingenError):
    """A catalogue maintenance task failed."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Project:
    """Where the sources and catalogues of a checkout are."""

    root: Path

    @classmethod
    def zoek(cls, start: Path | None = None) -> Project:
        """Find the checkout root (the folder with pyproject.toml and vertalingen/)."""
        pad = (start or Path(__file__)).resolve()
        for kandidaat in (pad, *pad.parents):
            if (kandidaat / "pyproject.toml").is_file() and (kandidaat / "vertalingen").is_dir():
                return cls(root=kandidaat)
        raise BeheerFout(
            N_(
                "geen broncode gevonden (pyproject.toml met vertalingen/);"
                " draai dit in een checkout"
            )
        )

    @property
    def locales(self) -> Path:
        """The catalogue directory of the broadcast domain."""
        return self.root / "vertalingen" / "locales"

    @property
    def ui_locales(self) -> Path:
        """The catalogue directory of the UI domain (with its Babel mapping file)."""
        return self.root / "nlalert" / "locales"

    def map_van(self, domein: str) -> Path:
        """The catalogue directory of a domain."""
        if domein == BROADCAST:
            return self.locales
        if domein == UI:
            return self.ui_locales
        raise BeheerFout(N_("onbekend domein '%(domein)s'"), domein=domein)

    def pot(self, domein: str) -> Path:
        """The template (.pot) of a domain."""
        return self.map_van(domein) / f"{domein}.pot"

    def talen(self, domein: str) -> tuple[str, ...]:
        """The locales that get a .po for a domain (never the Dutch source)."""
        self.map_van(domein)
        return UI_TALEN if domein == UI else tuple(c for c in TALEN if c != BRONTAAL)

    def mapping(self, domein: str) -> Path:
        """The Babel extraction mapping of a domain."""
        if domein == UI:
            return self.ui_locales / "babel-ui.toml"
        self.map_van(domein)
        return self.root / "pyproject.toml"


def _pybabel(*args: str) -> str:
    uit = io.StringIO()
    try:
        with redirect_stdout(uit), redirect_stderr(uit):
            CommandLineInterface().run(["pybabel", "-q", *args])
    except SystemExit as exc:
        if exc.code:
            raise BeheerFout(
                N_("pybabel %(opdracht)s mislukte: %(uitvoer)s"),
                opdracht=args[0],
                uitvoer=uit.getvalue().strip(),
            ) from exc
    return uit.getvalue()


def extract(project: Project, domein: str = BROADCAST, uitvoer: Path | None = None) -> Path:
    """Extract the msgids of a domain into its .pot (or into `uitvoer`)."""
    doel = uitvoer or project.pot(domein)
    # The UI's keywords are set per mapping in babel-ui.toml (N_ for errors defined at import
    # time); Babel insists on one global keyword once the defaults are off.
    sleutelwoorden = ["--no-default-keywords", "--keyword=_"] if domein == UI else []
    # The mapping patterns are relative to the root; Babel skips dot-folders such as .venv.
    _pybabel(
        "extract",
        "-F",
        str(project.mapping(domein)),
        *sleutelwoorden,
        "--sort-by-file",
        "--no-location",  # line numbers would make the .pot stale on every unrelated edit
        "--no-wrap",
        "--add-comments=TRANSLATORS:",
        "--project=nlalert",
        "--copyright-holder=nlalert",
        "--msgid-bugs-address=nlalert@localhost",
        "-o",
        str(doel),
        str(project.root),
    )
    return doel


def update(project: Project, domein: str = BROADCAST) -> list[Path]:
    """Merge the .pot into every locale's .po (creating missing ones)."""
    paden = []
    locales = project.map_van(domein)
    for code in project.talen(domein):
        po = locales / code / "LC_MESSAGES" / f"{domein}.po"
        if po.is_file():
            _pybabel(
                "update",
                "--no-wrap",
                "--ignore-obsolete",
                "-D",
                domein,
                "-i",
                str(project.pot(domein)),
                "-d",
                str(locales),
                "-l",
                code,
            )
        else:
            _pybabel(
                "init",
                "--no-wrap",
                "-D",
                domein,
                "-i",
                str(project.pot(domein)),
                "-d",
                str(locales),
                "-l",
                code,
            )
        paden.append(po)
    return paden


def compile_(project: Project, domein: str = BROADCAST) -> str:
    """Compile every .po of a domain to .mo (statistics as text)."""
    return _pybabel("compile", "--statistics", "-D", domein, "-d", str(project.map_van(domein)))
