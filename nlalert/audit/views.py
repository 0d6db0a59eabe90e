"""The audit log's pages: the newest rows with the chain's check, and the whole log as CSV."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from flask import Blueprint, Response, render_template

from nlalert.accounts.gebruikers import Rol
from nlalert.accounts.toegang import role_required
from nlalert.audit import export
from nlalert.audit import log as audit
from nlalert.db import get_db

bp = Blueprint("audit", __name__)


@bp.get("/audit")
@role_required(Rol.REVIEWER, Rol.BEHEER)
def auditlog() -> str:
    """The newest audit rows and whether the chain is intact."""
    db = get_db()
    return render_template("audit.html", regels=audit.regels(db), controle=audit.verify(db))


@bp.get("/audit.csv")
@role_required(Rol.REVIEWER, Rol.BEHEER)
def audit_csv() -> Response:
    """The whole audit log as CSV."""
    buffer = io.StringIO()
    export.exporteer_csv(get_db(), buffer)
    naam = f"nlalert-audit-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.csv"
    return Response(
        buffer.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{naam}"'},
    )
