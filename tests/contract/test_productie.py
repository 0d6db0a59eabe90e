"""docs/productie.md, followed as a new user would, on a throwaway PostgreSQL cluster
(tests/pgcluster.py) instead of `pg_createcluster`: settings in the environment, `nlalert db
upgrade`, users, `nlalert run --workers 2`, `/healthz` with the database ok, two worker
processes, JSON log lines with the request id, a backup while the app runs, then a restore with
the app stopped and `nlalert audit verify`. Every step is the real command, in its own process.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
import requests

from tests.contract.keten import inhoud
from tests.contract.test_crash import vrije_poort
from tests.pgcluster import Cluster

pytestmark = pytest.mark.slow
START = 180.0  # seconds: two workers, and the simulator loading its model on a busy machine


class Productie:
    """The environment file of step 2, and the commands run with it."""

    def __init__(self, basis: Path, url: str) -> None:
        self.basis = basis
        self.url = url
        for map_ in ("instance", "checkpoints", "backups"):
            (basis / map_).mkdir()
        self.omgeving = {k: v for k, v in os.environ.items() if not k.startswith("NLALERT_")}
        self.omgeving.update(
            NLALERT_INSTANCE=str(basis / "instance"),
            NLALERT_DATABASE_URL=url,
            NLALERT_SECRET_KEY="s" + secrets.token_hex(32),
            NLALERT_AUDIT_KEY="a" + secrets.token_hex(32),
            NLALERT_AUDIT_CHECKPOINTS=str(
                basis / "checkpoints" / "nlalert-audit-checkpoints.jsonl"
            ),
            NLALERT_LOG_JSON="1",
        )
        self.poort, self.sim_poort = vrije_poort(), vrije_poort()
        self.proces: subprocess.Popen[bytes] | None = None

    def nlalert(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "nlalert", *args],
            env=self.omgeving,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    @property
    def adres(self) -> str:
        return f"http://127.0.0.1:{self.poort}"

    def start(self) -> None:
        """Step 5: `nlalert run --workers 2`, its output in nlalert.log."""
        with open(self.basis / "nlalert.log", "wb") as log:
            self.proces = subprocess.Popen(
                [
                    *(sys.executable, "-m", "nlalert", "run", "--workers", "2"),
                    *("--host", "127.0.0.1", "--port", str(self.poort)),
                    *("--sim-port", str(self.sim_poort)),
                ],
                env=self.omgeving,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def stop(self) -> None:
        if self.proces is not None and self.proces.poll() is None:
            self.proces.terminate()
            try:
                self.proces.wait(60)
            except subprocess.TimeoutExpired:
                self.proces.kill()
                self.proces.wait(10)

    def gezond(self) -> dict[str, object]:
        """Step 6: wait until /healthz answers 200 (the simulator loads last); its answer."""
        eind = time.monotonic() + START
        while time.monotonic() < eind:
            assert self.proces is not None and self.proces.poll() is None, self.log()
            try:
                antwoord = requests.get(self.adres + "/healthz", timeout=10)
            except requests.RequestException:
                antwoord = None
            if antwoord is not None and antwoord.status_code == 200:
                uit: dict[str, object] = antwoord.json()
                return uit
            time.sleep(0.5)
        raise TimeoutError(self.log())

    def werkers(self) -> list[str]:
        """The command lines of the gunicorn workers: the children of `nlalert run` that are
        not the simulator."""
        assert self.proces is not None
        pid = self.proces.pid
        kinderen = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        regels = [
            Path(f"/proc/{k}/cmdline").read_bytes().replace(b"\0", b" ").decode() for k in kinderen
        ]
        return [r for r in regels if " -m sim " not in r]

    def log(self) -> str:
        return (self.basis / "nlalert.log").read_text(errors="replace")


@pytest.fixture
def productie(tmp_path: Path, pg_cluster: Cluster) -> Iterator[Productie]:
    p = Productie(tmp_path, pg_cluster.nieuwe_database(gemigreerd=False))
    try:
        yield p
    finally:
        p.stop()


def test_the_production_walkthrough_on_postgresql_with_two_workers(productie: Productie) -> None:
    p = productie
    # 3. The schema.
    uit = p.nlalert("db", "upgrade")
    assert uit.returncode == 0 and "is bij, revisie" in uit.stdout, uit.stderr

    # 4. Users.
    for naam, rol in (("beheerder", "beheer"), ("anna", "opsteller"), ("gert", "goedkeurder")):
        uit = p.nlalert("gebruiker", "add", naam, "--rol", rol)
        assert uit.returncode == 0 and "Eenmalig wachtwoord: " in uit.stdout, uit.stderr
    uit = p.nlalert("gebruiker", "lijst", "--json")
    assert [g["naam"] for g in json.loads(uit.stdout)] == ["anna", "beheerder", "gert"]
    token = p.nlalert("gebruiker", "token", "anna").stdout.strip()

    # 5. and 6. Two workers, healthy, on PostgreSQL.
    p.start()
    gezondheid = p.gezond()
    assert gezondheid["status"] == "ok"
    assert gezondheid["checks"]["database"] == {"status": "ok"}  # type: ignore[index]
    # gunicorn forks its workers one by one (and replaces one that timed out while booting on a
    # loaded machine): wait until both are there.
    einde = time.monotonic() + 60
    while len(werkers := p.werkers()) != 2 and time.monotonic() < einde:
        time.sleep(0.5)
    assert len(werkers) == 2 and all("run --workers 2" in w for w in werkers), werkers

    api = {"Authorization": f"Bearer {token}"}
    eerste = requests.post(p.adres + "/api/berichten", json=inhoud(), headers=api, timeout=60)
    assert eerste.status_code == 201, eerste.text
    rid = eerste.headers["X-Request-ID"]
    regels = [json.loads(r) for r in p.log().splitlines() if r.startswith("{")]
    assert any(
        r["request_id"] == rid and r["pad"] == "/api/berichten" and r["status"] == 201
        for r in regels
        if r.get("logger") == "nlalert.request"
    ), regels[-5:]

    # 8. A backup while the app runs; then more work that the restore will undo.
    backup = p.basis / "backups" / "nlalert.pgdump"
    uit = p.nlalert("db", "backup", str(backup))
    assert uit.returncode == 0 and uit.stdout.startswith(f"Backup geschreven naar {backup}")
    later = requests.post(
        p.adres + "/api/berichten",
        json=inhoud(velden={"plaats": "Assen", "link": "crisis.nl"}),
        headers=api,
        timeout=60,
    )
    assert later.status_code == 201
    assert p.nlalert("gebruiker", "delete", "gert").returncode == 0

    # The restore, with the app stopped.
    p.stop()
    uit = p.nlalert("db", "restore", str(backup))
    assert uit.returncode == 2 and "gebruik --force" in uit.stderr
    uit = p.nlalert("db", "restore", str(backup), "--force")
    assert uit.returncode == 0, uit.stderr
    assert uit.stdout.splitlines()[1].startswith("Auditlog intact: ")
    uit = p.nlalert("audit", "verify")
    assert uit.returncode == 0 and uit.stdout.startswith("Auditlog intact: "), uit.stdout
    with psycopg.connect(p.url) as conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM berichten ORDER BY id")]
        gert = conn.execute("SELECT actief FROM gebruikers WHERE naam = 'gert'").fetchone()
        verzoek = conn.execute(
            "SELECT count(*) FROM audit WHERE request_id = %s", (rid,)
        ).fetchone()
    assert ids == [eerste.json()["id"]] and gert == (1,)
    assert verzoek == (1,)  # the request id of the log line is in the audit row it wrote
