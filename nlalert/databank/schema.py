"""The schema, written once in SQLite's dialect; `postgres.schema()` translates it for PostgreSQL.

Every statement is idempotent. A new column goes into its CREATE TABLE and into
`LATERE_KOLOMMEN`, so existing databases of both kinds get it on their next upgrade.
"""

from __future__ import annotations

BERICHTEN_TABEL = """
CREATE TABLE IF NOT EXISTS berichten (
    id INTEGER PRIMARY KEY,
    versie INTEGER NOT NULL DEFAULT 1,
    status TEXT NOT NULL,
    soort TEXT NOT NULL CHECK (soort IN ('alert', 'update', 'einde', 'cancel')),
    categorie TEXT NOT NULL,
    inhoud TEXT NOT NULL CHECK (json_valid(inhoud)),
    opsteller TEXT NOT NULL,
    auteurs TEXT NOT NULL CHECK (json_valid(auteurs)),
    goedkeurder TEXT,
    teruggestuurd_reden TEXT,
    origineel_id INTEGER REFERENCES berichten (id),
    message_code INTEGER NOT NULL CHECK (message_code BETWEEN 0 AND 1023),
    -- The message codes of the further languages' broadcasts: {"de": 41, "ar": 42}.
    taalcodes TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(taalcodes)),
    update_nummer INTEGER NOT NULL CHECK (update_nummer BETWEEN 0 AND 15),
    verzendpogingen INTEGER NOT NULL DEFAULT 0,
    verzonden_op TEXT,
    eindigt TEXT,  -- when the last of its broadcasts ends on air
    cap_identifier TEXT,  -- the CAP identifier it went out with, for references
    cbc_resultaat TEXT CHECK (cbc_resultaat IS NULL OR json_valid(cbc_resultaat)),
    training INTEGER NOT NULL CHECK (training IN (0, 1)),
    aangemaakt_op TEXT NOT NULL,
    gewijzigd_op TEXT NOT NULL,
    oefening_id INTEGER REFERENCES oefeningen (id),  -- composed inside this exercise (oefenen)
    vastgelegd TEXT,  -- what went out, pinned when sent (nlalert.publiek.vastleggen)
    -- The last line of defence: a training bericht can never be stored as a real one.
    CHECK (training = 0 OR json_extract(inhoud, '$.modus') = 'oefening'),
    -- A bericht of an exercise is a training bericht: it only ever reaches the simulator.
    CHECK (oefening_id IS NULL OR training = 1)
);
"""

# Every statement is idempotent, so running the schema again (`init-db`, every start) is harmless.
SCHEMA = (
    """
CREATE TABLE IF NOT EXISTS gebruikers (
    id INTEGER PRIMARY KEY,
    naam TEXT NOT NULL UNIQUE COLLATE NOCASE,
    wachtwoord_hash TEXT NOT NULL,
    rol TEXT NOT NULL CHECK (rol IN ('opsteller', 'goedkeurder', 'reviewer', 'beheer')),
    training INTEGER NOT NULL DEFAULT 0 CHECK (training IN (0, 1)),
    api_token_hash TEXT UNIQUE,
    afzender TEXT NOT NULL DEFAULT '',  -- the sender this user's berichten name by default
    must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
    aangemaakt_op TEXT NOT NULL,
    actief INTEGER NOT NULL DEFAULT 1 CHECK (actief IN (0, 1)),  -- 0: disabled (or deleted)
    -- Raised when the user's sessions must end (disable, delete, password change); a session
    -- carries the value it was made with (nlalert.accounts.toegang).
    sessie_epoch INTEGER NOT NULL DEFAULT 0,
    token_aangemaakt_op TEXT,
    -- A deleted user keeps its row, without credentials, so its name is never given to another.
    verwijderd_op TEXT
);

-- Failed logins within the window, shared by every worker: per name and address, and per
-- address across names (nlalert.http.beveiliging.Begrenzer).
CREATE TABLE IF NOT EXISTS inlogpogingen (
    id INTEGER PRIMARY KEY,
    sleutel TEXT NOT NULL,
    tijd REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS inlogpogingen_sleutel ON inlogpogingen (sleutel, tijd);
CREATE INDEX IF NOT EXISTS inlogpogingen_tijd ON inlogpogingen (tijd);

"""
    + BERICHTEN_TABEL
    + """
CREATE INDEX IF NOT EXISTS berichten_status ON berichten (status);
CREATE INDEX IF NOT EXISTS berichten_cap ON berichten (cap_identifier);
CREATE INDEX IF NOT EXISTS berichten_oefening ON berichten (oefening_id);

-- Exercises run from a scenario (nlalert.oefenen). The clock is stored, not held in memory, so a
-- running exercise survives a restart: exercise time = (opgebouwd + now - loopt_sinds) x tempo.
CREATE TABLE IF NOT EXISTS oefeningen (
    id INTEGER PRIMARY KEY,
    scenario TEXT NOT NULL,  -- a shipped scenario's name, or an uploaded file's name
    scenario_toml TEXT,  -- an uploaded scenario's text; NULL for a shipped one
    scenario_zip BLOB,  -- an uploaded zip (TOML and attachments), as sent; NULL otherwise
    titel TEXT NOT NULL,
    toestand TEXT NOT NULL CHECK (toestand IN ('klaar', 'loopt', 'gepauzeerd', 'beeindigd')),
    tempo REAL NOT NULL CHECK (tempo > 0),
    begonnen_op TEXT,  -- the real start
    loopt_sinds TEXT,  -- the start of the current running stretch; NULL unless running
    opgebouwd REAL NOT NULL DEFAULT 0,  -- real seconds run before loopt_sinds
    beeindigd_op TEXT,
    trainer TEXT NOT NULL,
    aangemaakt_op TEXT NOT NULL,
    opmerkingen TEXT NOT NULL DEFAULT '',  -- the trainer's remarks in the report (audited)
    vorige_id INTEGER REFERENCES oefeningen (id),  -- the run this one repeats (a rerun)
    CHECK ((toestand = 'loopt') = (loopt_sinds IS NOT NULL))
);
CREATE TABLE IF NOT EXISTS oefenteams (
    id INTEGER PRIMARY KEY,
    oefening_id INTEGER NOT NULL REFERENCES oefeningen (id),
    naam TEXT NOT NULL,
    UNIQUE (oefening_id, naam)
);
CREATE TABLE IF NOT EXISTS oefenleden (
    team_id INTEGER NOT NULL REFERENCES oefenteams (id),
    gebruiker TEXT NOT NULL COLLATE NOCASE,
    rol TEXT NOT NULL CHECK (rol IN ('opsteller', 'goedkeurder', 'alleen')),
    PRIMARY KEY (team_id, gebruiker)
);
-- When each inject was released, in real time: for the panel after a restart and the report.
CREATE TABLE IF NOT EXISTS oefeninjects (
    oefening_id INTEGER NOT NULL REFERENCES oefeningen (id),
    nummer INTEGER NOT NULL,
    vrijgegeven_op TEXT NOT NULL,
    PRIMARY KEY (oefening_id, nummer)
);

-- Every broadcast of a bericht at a CBC: what it was, and what we know of it there now.
CREATE TABLE IF NOT EXISTS uitzendingen (
    id INTEGER PRIMARY KEY,
    bericht_id INTEGER NOT NULL REFERENCES berichten (id),
    cbc TEXT NOT NULL,
    talen TEXT NOT NULL,
    message_id INTEGER NOT NULL CHECK (message_id BETWEEN 0 AND 65535),
    serial INTEGER NOT NULL CHECK (serial BETWEEN 0 AND 65535),
    dcs INTEGER NOT NULL,
    paginas TEXT NOT NULL CHECK (json_valid(paginas)),
    tekst TEXT NOT NULL,
    verzoek TEXT NOT NULL CHECK (json_valid(verzoek)),
    eindigt TEXT,
    toestand TEXT NOT NULL CHECK (
        toestand IN ('gepland', 'actief', 'gestopt', 'onbekend', 'geweigerd', 'niet_mee')
    ),
    reden TEXT CHECK (reden IS NULL OR json_valid(reden)),
    locatie TEXT,
    gewijzigd_op TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS uitzendingen_bericht ON uitzendingen (bericht_id);
CREATE INDEX IF NOT EXISTS uitzendingen_toestand ON uitzendingen (cbc, toestand);

-- Every CBC operation, written down before it is attempted, so a crash leaves a trace to settle.
CREATE TABLE IF NOT EXISTS outbox (
    id INTEGER PRIMARY KEY,
    bericht_id INTEGER NOT NULL REFERENCES berichten (id),
    uitzending_id INTEGER NOT NULL REFERENCES uitzendingen (id),
    volgorde INTEGER NOT NULL,
    operatie TEXT NOT NULL CHECK (operatie IN ('verzend', 'trek_in')),
    cbc TEXT NOT NULL,
    sleutel TEXT NOT NULL,  -- message id, serial number and operation: the idempotency key
    toestand TEXT NOT NULL CHECK (
        toestand IN ('open', 'bezig', 'gedaan', 'mislukt', 'onbekend', 'vervallen')
    ),
    pogingen INTEGER NOT NULL DEFAULT 0,
    bezig_tot TEXT,  -- a worker's claim expires then; a crashed worker's row is settled after
    uitkomst TEXT CHECK (uitkomst IS NULL OR json_valid(uitkomst)),
    aangemaakt_op TEXT NOT NULL,
    afgerond_op TEXT
);
CREATE INDEX IF NOT EXISTS outbox_bericht ON outbox (bericht_id, volgorde);
CREATE INDEX IF NOT EXISTS outbox_open ON outbox (toestand);

CREATE TABLE IF NOT EXISTS audit (
    seq INTEGER PRIMARY KEY,
    tijd TEXT NOT NULL,
    gebruiker TEXT NOT NULL,
    actie TEXT NOT NULL,
    bericht_id INTEGER,
    inhoud_hash TEXT NOT NULL,
    details TEXT NOT NULL,
    vorige_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    -- HMAC of the hash with a key the database does not hold (nlalert.audit.sleutel); NULL only
    -- on rows written before the log was signed.
    hmac TEXT,
    request_id TEXT  -- the HTTP request that wrote the row (nlalert.logboek)
);

-- Accessibility sign-offs of a category's texts, bound to the version of those texts
-- (berichten.versie.teksten_versie): a change to any text or translation makes it lapse.
CREATE TABLE IF NOT EXISTS aftekeningen (
    id INTEGER PRIMARY KEY,
    categorie TEXT NOT NULL,
    versie TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    tijd TEXT NOT NULL,
    opmerking TEXT NOT NULL DEFAULT '',
    oordeel TEXT NOT NULL CHECK (oordeel IN ('akkoord', 'afgekeurd'))
);
CREATE INDEX IF NOT EXISTS aftekeningen_categorie ON aftekeningen (categorie, id);

-- Reviewed translations of free values of fields with a vocabulary (nlalert.workflow.woordenschat).
CREATE TABLE IF NOT EXISTS woordenschat (
    veld TEXT NOT NULL,
    taal TEXT NOT NULL,
    waarde TEXT NOT NULL,  -- the Dutch value, casefolded
    vertaling TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    tijd TEXT NOT NULL,
    PRIMARY KEY (veld, taal, waarde)
);

CREATE TRIGGER IF NOT EXISTS audit_geen_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'audit is append-only');
END;

CREATE TRIGGER IF NOT EXISTS audit_geen_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'audit is append-only');
END;
"""
)


# Columns added since version 2, as (table, column, definition). A fresh database gets them from
# SCHEMA; an older one gets them here, before SCHEMA runs (its indexes may name them). Adding a
# column is the whole migration, so the order does not matter and running it again is harmless.
LATERE_KOLOMMEN: tuple[tuple[str, str, str], ...] = (
    ("gebruikers", "actief", "INTEGER NOT NULL DEFAULT 1 CHECK (actief IN (0, 1))"),
    ("gebruikers", "sessie_epoch", "INTEGER NOT NULL DEFAULT 0"),
    ("gebruikers", "token_aangemaakt_op", "TEXT"),
    ("gebruikers", "verwijderd_op", "TEXT"),
    ("audit", "hmac", "TEXT"),
    ("audit", "request_id", "TEXT"),
    ("berichten", "oefening_id", "INTEGER REFERENCES oefeningen (id)"),
    ("oefeningen", "opmerkingen", "TEXT NOT NULL DEFAULT ''"),
    ("oefeningen", "vorige_id", "INTEGER REFERENCES oefeningen (id)"),
    ("berichten", "vastgelegd", "TEXT"),
    ("oefeningen", "scenario_zip", "BLOB"),
)
