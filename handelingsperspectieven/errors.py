"""Typed errors of the catalogue."""

from __future__ import annotations


class CatalogusError(Exception):
    """Base of every catalogue error; carries a Dutch message for the user."""

    def __init__(self, bericht: str) -> None:
        super().__init__(bericht)
        self.bericht = bericht


class OnbekendeCategorie(CatalogusError):
    """The requested risk category does not exist."""

    def __init__(self, categorie_id: str, bekend: tuple[str, ...]) -> None:
        self.categorie_id = categorie_id
        self.bekend = bekend
        super().__init__(f"onbekende categorie '{categorie_id}'; kies uit: {', '.join(bekend)}")


class OngeldigBestand(CatalogusError):
    """A catalogue data file is malformed."""

    def __init__(self, bestand: str, reden: str) -> None:
        self.bestand = bestand
        self.reden = reden
        super().__init__(f"catalogusbestand {bestand} is ongeldig: {reden}")
