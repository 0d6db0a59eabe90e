"""PostgreSQL: `pg_dump --format=custom` and `pg_restore --clean --if-exists`.

Before a restore replaces anything, the archive's audit rows are read out of it
(`pg_restore --data-only --table=audit`) and checked like a SQLite backup's (`controle`). The
restore itself runs in one transaction: when it fails, the database is as it was.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from pathlib import Path

from psycopg.conninfo import conninfo_to_dict, make_conninfo

from nlalert.audit import bestand as auditbestand
from nlalert.audit.sleutel import Ondertekening
from nlalert.bewaring import controle
from nlalert.bewaring.controle import Kop
from nlalert.bewaring.fouten import GeenBackup, HulpmiddelMislukt
from nlalert.bewaring.sqlite import nieuw_bestand
from nlalert.db import DatabaseFout, verbind
from nlalert.fouten import N_

MAGIE = b"PGDMP"  # the first bytes of a pg_dump archive in the custom format
SQLITE_MAGIE = b"SQLite format 3\x00"
DEBIAN = Path("/usr/lib/postgresql")


def programma(naam: str) -> str:
    """pg_dump or pg_restore: from the PATH, else Debian's newest PostgreSQL."""
    if gevonden := shutil.which(naam):
        return gevonden
    versies = sorted(
        (p for p in DEBIAN.glob(f"*/bin/{naam}") if p.parent.parent.name.isdigit()),
        key=lambda p: int(p.parent.parent.name),
    )
    if versies:
        return str(versies[-1])
    raise HulpmiddelMislukt(
        N_("%(programma)s is niet gevonden; installeer postgresql-client"), programma=naam
    )


def verbinding(url: str) -> tuple[str, dict[str, str]]:
    """The URL as libpq's connection string, with a password moved into the environment, where
    other users of the machine cannot read it in the process list."""
    delen = conninfo_to_dict(url)
    omgeving = dict(os.environ)
    wachtwoord = delen.pop("password", None)
    if wachtwoord is not None:
        omgeving["PGPASSWORD"] = str(wachtwoord)
    return make_conninfo(**{k: str(v) for k, v in delen.items()}), omgeving


def _reden(stderr: str) -> str:
    """The tool's own last word, without its name and level."""
    regels = [r.strip() for r in stderr.splitlines() if r.strip()]
    if not regels:
        return "geen uitleg"
    fouten = [r for r in regels if ": error:" in r or "FATAL" in r or "ERROR" in r]
    regel = (fouten or regels)[-1]
    return re.sub(r"^(pg_dump|pg_restore): (error|fout|detail): ", "", regel)[:500]


def _draai(argumenten: Sequence[str], omgeving: dict[str, str] | None = None) -> str:
    """Run a tool; its stdout, or HulpmiddelMislukt with its last error line."""
    naam = os.path.basename(argumenten[0])
    uit = subprocess.run(
        argumenten, capture_output=True, env=omgeving, check=False, stdin=subprocess.DEVNULL
    )
    if uit.returncode != 0:
        raise HulpmiddelMislukt(
            N_("%(programma)s mislukte: %(reden)s"),
            programma=naam,
            reden=_reden(uit.stderr.decode("utf-8", "replace")),
        )
    return uit.stdout.decode("utf-8", "replace")


def backup(url: str, doel: Path) -> Kop:
    """Dump the database to `doel`; the head of the dumped audit log."""
    conninfo, omgeving = verbinding(url)
    tijdelijk = nieuw_bestand(doel)
    try:
        _draai(
            [
                *(programma("pg_dump"), "--format=custom", "--no-password"),
                *("--file", str(tijdelijk), "--dbname", conninfo),
            ],
            omgeving,
        )
        with audit_uit_archief(tijdelijk) as db:
            kop = controle.kop(db)
        os.replace(tijdelijk, doel)
    finally:
        tijdelijk.unlink(missing_ok=True)
    return kop


def controleer_archief(bron: Path) -> None:
    """GeenBackup unless `bron` is a pg_dump archive that holds an audit log."""
    if not bron.exists():
        raise GeenBackup(N_("'%(pad)s' bestaat niet"), bron)
    if not bron.is_file():
        raise GeenBackup(N_("'%(pad)s' is geen bestand"), bron)
    with open(bron, "rb") as f:
        begin = f.read(len(SQLITE_MAGIE))
    if begin.startswith(SQLITE_MAGIE):
        raise GeenBackup(N_("'%(pad)s' is een SQLite-backup; deze app gebruikt PostgreSQL"), bron)
    if not begin.startswith(MAGIE):
        raise GeenBackup(
            N_("'%(pad)s' is geen backup van nlalert db backup (pg_dump --format=custom)"), bron
        )
    inhoud = _lees(bron, "--list")
    if not re.search(r"^\d+; \d+ \d+ TABLE DATA \S+ audit ", inhoud, re.M):
        raise GeenBackup(N_("'%(pad)s' is geen nlalert-database: er staat geen auditlog in"), bron)


def _lees(archief: Path, *opties: str) -> str:
    """pg_restore's output on an archive; GeenBackup when it cannot read the archive."""
    programma_ = programma("pg_restore")
    try:
        return _draai([programma_, *opties, str(archief)])
    except HulpmiddelMislukt as exc:
        raise GeenBackup(
            N_("'%(pad)s' is beschadigd: %(reden)s"), archief, reden=exc.melding
        ) from exc


# COPY's text format: a backslash escapes the next character, or gives an octal or hex byte.
_ESCAPE = re.compile(r"\\(?:([0-7]{1,3})|x([0-9A-Fa-f]{1,2})|(.))", re.S)
_TEKENS = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
_COPY = re.compile(r"^COPY (?:\S+\.)?\"?audit\"? \((.*)\) FROM stdin;$")
_KOLOMMEN = auditbestand.KOLOMMEN | {"hmac", "request_id"}


def _waarde(veld: str) -> str | None:
    if veld == "\\N":
        return None

    def een(m: re.Match[str]) -> str:
        if m[1]:
            return chr(int(m[1], 8))
        if m[2]:
            return chr(int(m[2], 16))
        return _TEKENS.get(m[3], m[3])

    return _ESCAPE.sub(een, veld)


@contextmanager
def audit_uit_archief(archief: Path) -> Iterator[sqlite3.Connection]:
    """The archive's audit rows in a temporary SQLite database, read-only, to check them with
    the same code as a SQLite backup."""
    uit = _lees(archief, "--data-only", "--table=audit", "--file=-")
    with tempfile.TemporaryDirectory(prefix="nlalert-herstel-") as map_:
        pad = Path(map_) / "audit.sqlite"
        with closing(sqlite3.connect(pad, isolation_level=None)) as db:
            _vul(db, uit.splitlines())
        with closing(auditbestand.open_alleen_lezen(pad)) as db:
            yield db


def _vul(db: sqlite3.Connection, regels: list[str]) -> None:
    kolommen: list[str] = []
    rijen: list[list[str | None]] = []
    binnen = False
    for regel in regels:
        if not binnen:
            if gevonden := _COPY.match(regel):
                kolommen = [k.strip().strip('"') for k in gevonden.group(1).split(",")]
                binnen = True
            continue
        if regel == "\\.":
            break
        rijen.append([_waarde(v) for v in regel.split("\t")])
    bekend = [i for i, k in enumerate(kolommen) if k in _KOLOMMEN]
    namen = [kolommen[i] for i in bekend]
    # Typed as the SQLite schema types them, so each value hashes as it was written.
    typen = {"seq": "INTEGER PRIMARY KEY", "bericht_id": "INTEGER"}
    definities = ", ".join(f"{k} {typen.get(k, 'TEXT')}" for k in namen)
    db.execute(f"CREATE TABLE audit ({definities})")
    db.executemany(
        f"INSERT INTO audit ({', '.join(namen)}) VALUES ({', '.join('?' * len(namen))})",
        ([_getypeerd(namen[j], rij[i]) for j, i in enumerate(bekend)] for rij in rijen),
    )


def _getypeerd(kolom: str, waarde: str | None) -> int | str | None:
    if waarde is not None and kolom in ("seq", "bericht_id"):
        return int(waarde)
    return waarde


def huidige_kop(url: str) -> Kop | None:
    """The live database's audit head; None when it holds nothing yet (no users, no rows)."""
    try:
        with closing(verbind(url)) as conn:
            tabellen = conn.execute(
                "SELECT to_regclass('gebruikers') IS NOT NULL, to_regclass('audit') IS NOT NULL"
            ).fetchone()
            gebruikers = (
                conn.execute("SELECT count(*) FROM gebruikers").fetchone()
                if tabellen and tabellen[0]
                else None
            )
            kop = (
                conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
                if tabellen and tabellen[1]
                else None
            )
    except DatabaseFout as exc:
        raise HulpmiddelMislukt(
            N_("de database is niet bereikbaar: %(reden)s"), reden=_reden(str(exc))
        ) from exc
    if kop is not None:
        return Kop(seq=int(kop[0]), hash=str(kop[1]))
    return controle.LEEG if gebruikers and gebruikers[0] else None


def restore(
    url: str, bron: Path, ondertekening: Ondertekening, *, force: bool
) -> tuple[Kop, Kop | None]:
    """Check the archive, then restore it over the database; the new head and the old one."""
    controleer_archief(bron)
    with audit_uit_archief(bron) as db:
        nieuw = controle.controleer(db, ondertekening, bron)
    vorige = huidige_kop(url)
    controle.weiger_zonder_force(vorige, force=force)
    conninfo, omgeving = verbinding(url)
    try:
        _draai(
            [
                *(programma("pg_restore"), "--clean", "--if-exists", "--single-transaction"),
                *("--no-owner", "--no-acl", "--no-password", "--dbname", conninfo, str(bron)),
            ],
            omgeving,
        )
    except HulpmiddelMislukt as exc:
        raise HulpmiddelMislukt(
            N_("pg_restore mislukte; de database is niet gewijzigd: %(reden)s"),
            reden=exc.parameters.get("reden", exc.bericht),
        ) from exc
    return nieuw, vorige
