"""Typed errors of composing and checking a Bericht. Each carries a Dutch `bericht` for the user."""

from __future__ import annotations


class BerichtError(Exception):
    """Base of every error while composing, encoding or exporting a Bericht."""

    def __init__(self, bericht: str) -> None:
        super().__init__(bericht)
        self.bericht = bericht


class BerichtTooLong(BerichtError):
    """The text needs more cell-broadcast pages than allowed."""

    def __init__(self, pages: int, max_pages: int) -> None:
        self.pages = pages
        self.max_pages = max_pages
        super().__init__(
            f"de tekst heeft {pages} cell-broadcastpagina's nodig; het maximum is {max_pages}"
        )


class MissingField(BerichtError):
    """A required incident field was not filled in."""

    def __init__(self, name: str, categorie: str) -> None:
        self.name = name
        self.categorie = categorie
        super().__init__(f"veld '{name}' is verplicht voor categorie '{categorie}'")


class InvalidField(BerichtError):
    """An incident field has a value that cannot be used."""

    def __init__(self, name: str, reden: str) -> None:
        self.name = name
        self.reden = reden
        super().__init__(f"veld '{name}' is ongeldig: {reden}")


class InvalidCombination(BerichtError):
    """Options that cannot go together, such as a test message on the real channel."""
