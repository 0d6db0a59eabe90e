"""Why a backup or a restore was refused or failed, each in one Dutch line."""

from __future__ import annotations

import os

from nlalert.fouten import N_, NlalertError


class BewaringError(NlalertError):
    """Base of the backup and restore errors."""


class GeenBackup(BewaringError):
    """The file named is missing, unreadable, or not a backup this database can take."""

    def __init__(self, sjabloon: str, pad: str | os.PathLike[str], **parameters: object) -> None:
        """`sjabloon` is a Dutch msgid (mark it with N_) with a `pad` placeholder."""
        self.pad = os.fspath(pad)
        super().__init__(sjabloon, pad=self.pad, **parameters)


class BackupAfgekeurd(BewaringError):
    """The backup's audit log does not verify with this app's key and checkpoints."""

    def __init__(self, pad: str | os.PathLike[str], reden: str) -> None:
        self.pad = os.fspath(pad)
        self.reden = reden
        super().__init__(
            N_("'%(pad)s' wordt niet teruggezet: het auditlog erin klopt niet (%(reden)s)"),
            pad=self.pad,
            reden=reden,
        )


class BestaatAl(BewaringError):
    """The backup would overwrite a file that is there already."""

    def __init__(self, pad: str | os.PathLike[str]) -> None:
        self.pad = os.fspath(pad)
        super().__init__(
            N_("'%(pad)s' bestaat al; kies een nieuwe naam of gebruik --force"), pad=self.pad
        )


class DatabaseNietLeeg(BewaringError):
    """A restore would replace a database that holds users or audit rows, without --force."""

    def __init__(self) -> None:
        super().__init__(
            N_("de database bevat al gegevens; stop de app en gebruik --force om haar te vervangen")
        )


class HulpmiddelMislukt(BewaringError):
    """pg_dump or pg_restore is missing, could not reach the server, or failed."""

    def __init__(self, sjabloon: str, **parameters: object) -> None:
        """`sjabloon` is a Dutch msgid (mark it with N_)."""
        super().__init__(sjabloon, **parameters)
