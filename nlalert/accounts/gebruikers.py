"""Users, their roles and rights, passwords and API tokens."""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from werkzeug.security import check_password_hash, generate_password_hash

from nlalert.audit import log as audit
from nlalert.db import transactie
from nlalert.fouten import N_, NietGevonden, NlalertError, OngeldigeInvoer

# Overridable in tests only: scrypt costs ~75 ms per hash by design.
HASH_METHODE = "scrypt"
MIN_WACHTWOORD = 12
MAX_WACHTWOORD = 256
MAX_NAAM = 64
MAX_AFZENDER = 200
EERSTE_BEHEERDER = "beheer"


class Rol(StrEnum):
    """A user's role; it decides which rights the user has."""

    OPSTELLER = "opsteller"
    GOEDKEURDER = "goedkeurder"
    REVIEWER = "reviewer"
    BEHEER = "beheer"


class Recht(StrEnum):
    """Something a role may do. The workflow checks these on the server for every action."""

    LEZEN = "lezen"
    OPSTELLEN = "opstellen"  # create, edit, submit, make an update or cancel
    GOEDKEUREN = "goedkeuren"  # approve or return with a reason
    VERZENDEN = "verzenden"
    AUDIT = "audit"  # view and export the audit log
    AFTEKENEN = "aftekenen"  # review a category's texts for accessibility and sign them off
    BEHEER = "beheer"  # act on anyone's bericht


RECHTEN: Mapping[Rol, frozenset[Recht]] = {
    Rol.OPSTELLER: frozenset({Recht.LEZEN, Recht.OPSTELLEN, Recht.VERZENDEN}),
    Rol.GOEDKEURDER: frozenset({Recht.LEZEN, Recht.GOEDKEUREN, Recht.VERZENDEN}),
    Rol.REVIEWER: frozenset({Recht.LEZEN, Recht.AUDIT, Recht.AFTEKENEN}),
    Rol.BEHEER: frozenset(Recht),
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Gebruiker:
    """A logged-in (or token-authenticated) user."""

    id: int
    naam: str
    rol: Rol
    training: bool
    moet_wachtwoord_wijzigen: bool
    wachtwoord_kenmerk: str  # changes with the password, so old sessions can be ended
    afzender: str = ""  # the sender this user's berichten name by default ("" = the region's)
    actief: bool = True  # False: disabled; no login, no session, no token
    sessie_epoch: int = 0  # a session made at another epoch has ended
    heeft_token: bool = False
    token_sinds: datetime | None = None  # None also for a token older than this column
    aangemaakt_op: datetime | None = None

    def mag(self, recht: Recht) -> bool:
        """Whether this user's role grants the right (training adds approving training messages)."""
        # In training a drafter practises the whole flow alone; the workflow keeps trainees to
        # training berichten, which only ever reach the simulator's exercise store.
        if self.training and recht is Recht.GOEDKEUREN and Recht.OPSTELLEN in RECHTEN[self.rol]:
            return True
        return recht in RECHTEN[self.rol]


class GeenRecht(NlalertError):
    """The user's role or relation to the bericht does not allow this action."""


class GebruikerError(NlalertError):
    """Base of the user-management errors."""


class OngeldigeNaam(GebruikerError):
    """A user name that is empty, too long or has characters we do not allow."""

    def __init__(self, naam: str) -> None:
        self.naam = naam
        super().__init__(
            N_(
                "gebruikersnaam '%(naam)s' is ongeldig: gebruik 2 tot 64 letters, cijfers"
                " of . _ - @"
            ),
            naam=naam[:MAX_NAAM],
        )


class GebruikerBestaat(GebruikerError):
    """The name is taken (names are compared case-insensitively)."""

    def __init__(self, naam: str) -> None:
        self.naam = naam
        super().__init__(N_("gebruiker '%(naam)s' bestaat al"), naam=naam)


class OnbekendeRol(GebruikerError):
    """The role is not one of ours."""

    def __init__(self, rol: str) -> None:
        self.rol = rol
        super().__init__(
            N_("onbekende rol '%(rol)s'; kies uit: %(rollen)s"),
            rol=rol[:MAX_NAAM],
            rollen=", ".join(Rol),
        )


class ZwakWachtwoord(GebruikerError):
    """The new password is too short, too long or repeats the old one."""

    def __init__(self) -> None:
        super().__init__(
            N_("het wachtwoord moet %(min)d tot %(max)d tekens lang zijn en nieuw zijn"),
            min=MIN_WACHTWOORD,
            max=MAX_WACHTWOORD,
        )


class NaamVerwijderd(GebruikerBestaat):
    """The name belonged to a deleted user; names are never given to someone else."""

    def __init__(self, naam: str) -> None:
        self.naam = naam
        msg = N_("gebruiker '%(naam)s' is verwijderd; een naam wordt nooit hergebruikt")
        GebruikerError.__init__(self, msg, naam=naam)


class Uitgeschakeld(GebruikerError):
    """The account is disabled: it may not log in or get a token until it is enabled."""

    def __init__(self, naam: str) -> None:
        self.naam = naam
        super().__init__(
            N_("gebruiker '%(naam)s' is uitgeschakeld; vraag beheer om het account aan te zetten"),
            naam=naam,
        )


class OngeldigeInlog(GebruikerError):
    """Name or password is wrong; deliberately does not say which."""

    def __init__(self) -> None:
        super().__init__(N_("onbekende gebruikersnaam of onjuist wachtwoord"))


def rol(waarde: str) -> Rol:
    """Parse a role name."""
    try:
        return Rol(waarde.strip().lower())
    except ValueError:
        raise OnbekendeRol(waarde) from None


def valideer_naam(naam: str) -> str:
    """Return the name if it is acceptable, else raise OngeldigeNaam."""
    naam = unicodedata.normalize("NFC", naam.strip())
    if not 2 <= len(naam) <= MAX_NAAM or not all(c.isalnum() or c in "._-@" for c in naam):
        raise OngeldigeNaam(naam)
    return naam


def _valideer_wachtwoord(wachtwoord: str) -> None:
    if not MIN_WACHTWOORD <= len(wachtwoord) <= MAX_WACHTWOORD:
        raise ZwakWachtwoord()


def genereer_wachtwoord() -> str:
    """A random one-time password of 16 URL-safe characters."""
    return secrets.token_urlsafe(12)


def _kenmerk(wachtwoord_hash: str) -> str:
    return hashlib.sha256(wachtwoord_hash.encode()).hexdigest()[:16]


def uit_rij(rij: sqlite3.Row) -> Gebruiker:
    return Gebruiker(
        id=rij["id"],
        naam=rij["naam"],
        rol=Rol(rij["rol"]),
        training=bool(rij["training"]),
        moet_wachtwoord_wijzigen=bool(rij["must_change_password"]),
        wachtwoord_kenmerk=_kenmerk(rij["wachtwoord_hash"]),
        afzender=rij["afzender"],
        actief=bool(rij["actief"]),
        sessie_epoch=int(rij["sessie_epoch"]),
        heeft_token=rij["api_token_hash"] is not None,
        token_sinds=datetime.fromisoformat(t) if (t := rij["token_aangemaakt_op"]) else None,
        aangemaakt_op=datetime.fromisoformat(rij["aangemaakt_op"]),
    )


# A deleted user keeps its row (so its name stays taken) but is found by nothing.
BESTAAT = "verwijderd_op IS NULL"


def voeg_toe(
    db: sqlite3.Connection,
    naam: str,
    rol: Rol,
    wachtwoord: str,
    *,
    training: bool = False,
    moet_wijzigen: bool = False,
    afzender: str = "",
    door: str,
) -> Gebruiker:
    """Create a user with a hashed password, and audit it."""
    naam = valideer_naam(naam)
    _valideer_wachtwoord(wachtwoord)
    afzender = afzender.strip()
    if len(afzender) > MAX_AFZENDER or any(not t.isprintable() for t in afzender):
        raise OngeldigeInvoer(
            "afzender",
            N_("verwacht één regel tekst van hoogstens %(max)s tekens"),
            max=MAX_AFZENDER,
        )
    with transactie(db):
        bestaand = db.execute(
            "SELECT verwijderd_op FROM gebruikers WHERE naam = ?", (naam,)
        ).fetchone()
        if bestaand is not None:
            raise GebruikerBestaat(naam) if bestaand[0] is None else NaamVerwijderd(naam)
        cur = db.execute(
            "INSERT INTO gebruikers (naam, wachtwoord_hash, rol, training, must_change_password,"
            " afzender, aangemaakt_op) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (
                naam,
                generate_password_hash(wachtwoord, method=HASH_METHODE),
                str(rol),
                int(training),
                int(moet_wijzigen),
                afzender,
                datetime.now(UTC).isoformat(),
            ),
        )
        gebruiker_id = int(cur.fetchone()[0])
        audit.schrijf(
            db,
            gebruiker=door,
            actie=audit.Actie.GEBRUIKER_TOEGEVOEGD,
            inhoud={"naam": naam, "rol": str(rol), "training": training, "afzender": afzender},
        )
    return haal(db, gebruiker_id)


def zoek_id(db: sqlite3.Connection, gebruiker_id: int) -> Gebruiker | None:
    """The user with this id, or None."""
    rij = db.execute(
        f"SELECT * FROM gebruikers WHERE id = ? AND {BESTAAT}", (gebruiker_id,)
    ).fetchone()
    return None if rij is None else uit_rij(rij)


def haal(db: sqlite3.Connection, gebruiker_id: int) -> Gebruiker:
    """The user with this id, or NietGevonden."""
    gebruiker = zoek_id(db, gebruiker_id)
    if gebruiker is None:
        raise NietGevonden(N_("gebruiker"), gebruiker_id)
    return gebruiker


def zoek(db: sqlite3.Connection, naam: str) -> Gebruiker | None:
    """The user with this name (case-insensitive), or None."""
    rij = db.execute(
        f"SELECT * FROM gebruikers WHERE naam = ? AND {BESTAAT}", (naam.strip(),)
    ).fetchone()
    return None if rij is None else uit_rij(rij)


def alle(db: sqlite3.Connection) -> list[Gebruiker]:
    """Every user that is not deleted, by name."""
    return [
        uit_rij(r) for r in db.execute(f"SELECT * FROM gebruikers WHERE {BESTAAT} ORDER BY naam")
    ]


_DUMMY_HASH: dict[str, str] = {}


def controleer_wachtwoord(db: sqlite3.Connection, naam: str, wachtwoord: str) -> Gebruiker | None:
    """The user if name and password match, else None. A disabled user is returned too (with
    `actief` False): the caller says so only to someone who knows the password."""
    rij = db.execute(
        f"SELECT * FROM gebruikers WHERE naam = ? AND {BESTAAT}", (naam.strip(),)
    ).fetchone()
    if rij is None:
        # Spend the same time as for a real user, so response times do not reveal valid names.
        dummy = _DUMMY_HASH.setdefault(
            HASH_METHODE, generate_password_hash(secrets.token_hex(8), method=HASH_METHODE)
        )
        check_password_hash(dummy, wachtwoord)
        return None
    if not check_password_hash(rij["wachtwoord_hash"], wachtwoord):
        return None
    return uit_rij(rij)


def wijzig_wachtwoord(
    db: sqlite3.Connection, gebruiker: Gebruiker, huidig: str, nieuw: str
) -> Gebruiker:
    """Set a new password after checking the current one; clears the must-change flag, ends
    the user's sessions (a new epoch) and revokes the API token: whoever learnt the old password
    may have taken a token with it, so a token must not outlive its password."""
    if controleer_wachtwoord(db, gebruiker.naam, huidig) is None:
        raise OngeldigeInlog()
    if nieuw == huidig:
        raise ZwakWachtwoord()
    _valideer_wachtwoord(nieuw)
    with transactie(db):
        had_token = db.execute(
            "SELECT api_token_hash IS NOT NULL FROM gebruikers WHERE id = ?", (gebruiker.id,)
        ).fetchone()[0]
        db.execute(
            "UPDATE gebruikers SET wachtwoord_hash = ?, must_change_password = 0,"
            " api_token_hash = NULL, token_aangemaakt_op = NULL,"
            " sessie_epoch = sessie_epoch + 1 WHERE id = ?",
            (generate_password_hash(nieuw, method=HASH_METHODE), gebruiker.id),
        )
        audit.schrijf(
            db,
            gebruiker=gebruiker.naam,
            actie=audit.Actie.WACHTWOORD_GEWIJZIGD,
            details={"token_ingetrokken": bool(had_token)},
        )
    return haal(db, gebruiker.id)


def zet_training(db: sqlite3.Connection, gebruiker: Gebruiker, aan: bool) -> Gebruiker:
    """Switch the user's training mode on or off, and audit it."""
    with transactie(db):
        db.execute("UPDATE gebruikers SET training = ? WHERE id = ?", (int(aan), gebruiker.id))
        audit.schrijf(
            db,
            gebruiker=gebruiker.naam,
            actie=audit.Actie.TRAINING_AAN if aan else audit.Actie.TRAINING_UIT,
        )
    return haal(db, gebruiker.id)


def eerste_beheerder(db: sqlite3.Connection) -> str | None:
    """On an empty database create user `beheer`; return its one-time password, else None."""
    if db.execute("SELECT 1 FROM gebruikers LIMIT 1").fetchone():
        return None
    wachtwoord = genereer_wachtwoord()
    voeg_toe(db, EERSTE_BEHEERDER, Rol.BEHEER, wachtwoord, moet_wijzigen=True, door="systeem")
    return wachtwoord
