-- The library of disclosures (SQLite). Amounts are kept twice: `*_text`/`value` holds the exact
-- printed decimal as text; `*_e4` holds the same amount × 10⁴ as an exact integer, so SUM works
-- (NULL only if the figure has more than four decimals).

CREATE TABLE departments (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE,
    code    TEXT
);

CREATE TABLE documents (
    id                INTEGER PRIMARY KEY,
    sha256            TEXT NOT NULL UNIQUE,
    path              TEXT NOT NULL,
    format            TEXT NOT NULL,
    encoding          TEXT,
    pages             INTEGER,
    department_id     INTEGER REFERENCES departments(id),
    year              INTEGER,
    kind              TEXT NOT NULL,
    extractor_version TEXT NOT NULL,
    schema_version    INTEGER NOT NULL,
    ingested_at       TEXT NOT NULL,
    model_json        TEXT NOT NULL
);
CREATE INDEX documents_department_year ON documents(department_id, year, kind);

CREATE TABLE sources (
    document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    bytes       BLOB NOT NULL,
    line_count  INTEGER NOT NULL
);

CREATE TABLE source_lines (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    number      INTEGER NOT NULL,
    page        INTEGER,
    text        TEXT NOT NULL,
    PRIMARY KEY (document_id, number)
);

CREATE TABLE units (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal     INTEGER NOT NULL,
    name        TEXT NOT NULL,
    nature      TEXT,
    rank        TEXT,
    funding     TEXT,
    note        TEXT,
    page        INTEGER,
    line        INTEGER NOT NULL
);
CREATE INDEX units_document ON units(document_id);

CREATE TABLE tables (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal     INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    title       TEXT NOT NULL,
    unit        TEXT,
    empty       INTEGER NOT NULL,
    empty_note  TEXT,
    unreadable  TEXT,
    columns     TEXT NOT NULL,
    page        INTEGER,
    line        INTEGER NOT NULL,
    end_line    INTEGER NOT NULL
);
CREATE INDEX tables_document ON tables(document_id);

CREATE TABLE rows (
    id          INTEGER PRIMARY KEY,
    table_id    INTEGER NOT NULL REFERENCES tables(id) ON DELETE CASCADE,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal     INTEGER NOT NULL,
    seq         INTEGER,
    code        TEXT,
    name        TEXT NOT NULL,
    item        TEXT,
    side        TEXT,
    is_total    INTEGER NOT NULL,
    page        INTEGER,
    line        INTEGER NOT NULL
);
CREATE INDEX rows_table ON rows(table_id);
CREATE INDEX rows_document ON rows(document_id);

CREATE TABLE cells (
    id          INTEGER PRIMARY KEY,
    row_id      INTEGER NOT NULL REFERENCES rows(id) ON DELETE CASCADE,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    column_key  TEXT NOT NULL,
    column_label TEXT,
    value       TEXT NOT NULL,
    value_e4    INTEGER,
    uncertain   INTEGER NOT NULL,
    page        INTEGER,
    line        INTEGER NOT NULL,
    col         INTEGER,
    length      INTEGER,
    bbox        TEXT
);
CREATE INDEX cells_row ON cells(row_id);
CREATE INDEX cells_document ON cells(document_id);

CREATE TABLE narrative_facts (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal     INTEGER NOT NULL,
    key         TEXT NOT NULL,
    value       TEXT NOT NULL,
    value_e4    INTEGER,
    unit        TEXT NOT NULL,
    subject     TEXT,
    worded      INTEGER NOT NULL,
    text        TEXT NOT NULL,
    page        INTEGER,
    line        INTEGER NOT NULL,
    col         INTEGER,
    length      INTEGER,
    bbox        TEXT
);
CREATE INDEX narrative_facts_document ON narrative_facts(document_id);

CREATE TABLE projects (
    id            INTEGER PRIMARY KEY,
    document_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal       INTEGER NOT NULL,
    number        TEXT,
    name          TEXT NOT NULL,
    code          TEXT,
    unit_name     TEXT,
    unit          TEXT,
    budget        TEXT,
    budget_e4     INTEGER,
    fiscal_funds  TEXT,
    other_funds   TEXT,
    goal          TEXT,
    page          INTEGER,
    line          INTEGER NOT NULL
);
CREATE INDEX projects_document ON projects(document_id);

CREATE TABLE indicators (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    project_id   INTEGER REFERENCES projects(id) ON DELETE CASCADE,
    owner        TEXT NOT NULL,
    ordinal      INTEGER NOT NULL,
    level1       TEXT,
    level2       TEXT,
    name         TEXT NOT NULL,
    raw          TEXT NOT NULL,
    comparator   TEXT,
    number       TEXT,
    measure_unit TEXT,
    parsed       INTEGER NOT NULL,
    page         INTEGER,
    line         INTEGER NOT NULL
);
CREATE INDEX indicators_document ON indicators(document_id);

CREATE TABLE procurement (
    id             INTEGER PRIMARY KEY,
    document_id    INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    table_ordinal  INTEGER NOT NULL,
    table_title    TEXT NOT NULL,
    unit           TEXT,
    ordinal        INTEGER NOT NULL,
    budget_unit    TEXT,
    project        TEXT,
    item           TEXT,
    catalog_code   TEXT,
    measure_unit   TEXT,
    quantity       TEXT,
    unit_price     TEXT,
    total          TEXT,
    total_e4       INTEGER,
    reserved_sme   TEXT,
    is_total       INTEGER NOT NULL,
    page           INTEGER,
    line           INTEGER NOT NULL
);
CREATE INDEX procurement_document ON procurement(document_id);

CREATE TABLE assets (
    id             INTEGER PRIMARY KEY,
    document_id    INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    table_ordinal  INTEGER NOT NULL,
    table_title    TEXT NOT NULL,
    unit           TEXT,
    as_of          TEXT,
    ordinal        INTEGER NOT NULL,
    name           TEXT NOT NULL,
    item           TEXT,
    quantity       TEXT,
    amount         TEXT,
    amount_e4      INTEGER,
    page           INTEGER,
    line           INTEGER NOT NULL
);
CREATE INDEX assets_document ON assets(document_id);

CREATE TABLE findings (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal     INTEGER NOT NULL,
    rule        TEXT NOT NULL,
    severity    TEXT NOT NULL,
    message     TEXT NOT NULL,
    expected    TEXT,
    actual      TEXT,
    unit        TEXT,
    related     TEXT,
    fingerprint TEXT NOT NULL,
    page        INTEGER,
    line        INTEGER,
    col         INTEGER,
    length      INTEGER,
    finding_json TEXT NOT NULL
);
CREATE INDEX findings_document ON findings(document_id);
CREATE INDEX findings_rule ON findings(rule);

CREATE TABLE finding_locations (
    finding_id  INTEGER NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal     INTEGER NOT NULL,
    path        TEXT NOT NULL,
    label       TEXT NOT NULL,
    value       TEXT,
    page        INTEGER,
    line        INTEGER NOT NULL,
    col         INTEGER,
    length      INTEGER,
    bbox        TEXT,
    PRIMARY KEY (finding_id, ordinal)
);
CREATE INDEX finding_locations_document ON finding_locations(document_id);

-- Reviews are keyed by the document's sha256 and the finding's fingerprint (rule, first location,
-- message), so they survive a re-ingest that replaces the document's findings.
CREATE TABLE reviews (
    document_sha256 TEXT NOT NULL,
    fingerprint     TEXT NOT NULL,
    status          TEXT NOT NULL,
    comment         TEXT NOT NULL,
    at              TEXT NOT NULL,
    PRIMARY KEY (document_sha256, fingerprint)
);
