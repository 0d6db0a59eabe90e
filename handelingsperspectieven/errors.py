"""Typed errors of the catalogue; each message is a translatable Dutch msgid (see `meldingen`)."""

from __future__ import annotations

from handelingsperspectieven.meldingen import N_, Melding, MeldingError


class CatalogusError(MeldingError):
    """Base of every catalogue error."""


class OnbekendeCategorie(CatalogusError):
    """The requested risk category does not exist."""

    def __init__(self, categorie_id: str, bekend: tuple[str, ...]) -> None:
        self.categorie_id = categorie_id
        self.bekend = bekend
        super().__init__(
            N_("onbekende categorie '%(categorie)s'; kies uit: %(bekend)s"),
            categorie=categorie_id,
            bekend=", ".join(bekend),
        )


class OngeldigBestand(CatalogusError):
    """A catalogue data file is malformed; `reden` says how."""

    def __init__(self, bestand: str, reden: Melding) -> None:
        self.bestand = bestand
        self.reden = reden
        super().__init__(
            N_("catalogusbestand %(bestand)s is ongeldig: %(reden)s"), bestand=bestand, reden=reden
        )
