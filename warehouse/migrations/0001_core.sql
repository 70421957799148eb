-- 0001_core: documents, agencies, assessments and their scores, history, quarantine.
-- Scores are DECIMAL(5,2) exactly as printed. Ids are deterministic (see schemas/ids.py).
-- No foreign keys: DuckDB forbids updating or deleting referenced rows, and a superseding
-- document must replace the rows of its (agency, fiscal year); the loader keeps the links.

CREATE TABLE documents (
    document_id   VARCHAR PRIMARY KEY,          -- sha256 of the bytes (raw store address)
    source_uri    VARCHAR,                      -- file:// or http(s):// it came from
    file_name     VARCHAR NOT NULL,             -- safe display name of the original file
    byte_size     BIGINT NOT NULL,
    page_count    INTEGER,
    producer      VARCHAR,                      -- PDF Producer metadata
    kind          VARCHAR,                      -- itas_result | analysis_report (as read)
    agency_name   VARCHAR,                      -- as read, also for quarantined documents
    fiscal_year   INTEGER,                      -- as read (B.E.)
    ingested_at   TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    status        VARCHAR NOT NULL
                  CHECK (status IN ('loaded', 'duplicate', 'quarantined', 'superseded')),
    reason        VARCHAR,                      -- why quarantined / duplicate / superseded
    duplicate_of  VARCHAR,                      -- document whose results this one repeats
    superseded_by VARCHAR                       -- document that replaced this one's results
);

CREATE TABLE agencies (
    agency_id   VARCHAR PRIMARY KEY,            -- sha256(name key, province key)[:16]
    name        VARCHAR NOT NULL,               -- full Thai name as first printed
    name_key    VARCHAR NOT NULL,               -- ita.agency.agency_key(name)
    agency_type VARCHAR,
    district    VARCHAR,
    province    VARCHAR
);
CREATE INDEX agencies_name_key ON agencies (name_key);

-- The current result of each agency and fiscal year.
CREATE TABLE assessments (
    assessment_id VARCHAR PRIMARY KEY,          -- sha256(agency_id, fiscal_year)[:16]
    agency_id     VARCHAR NOT NULL,
    fiscal_year   INTEGER NOT NULL,             -- B.E., e.g. 2565
    kind          VARCHAR,                      -- document kind it was read from
    score         DECIMAL(5, 2) NOT NULL,
    grade         VARCHAR,                      -- AA–F (≤ 2565) or the Rating Score label
    iit_score     DECIMAL(5, 2),
    eit_score     DECIMAL(5, 2),
    oit_score     DECIMAL(5, 2),
    document_id   VARCHAR NOT NULL,             -- lineage: the document these numbers are from
    loaded_at     TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    UNIQUE (agency_id, fiscal_year)
);

CREATE TABLE indicator_scores (
    assessment_id VARCHAR NOT NULL,
    indicator     INTEGER NOT NULL CHECK (indicator BETWEEN 1 AND 10),
    score         DECIMAL(5, 2) NOT NULL,
    PRIMARY KEY (assessment_id, indicator)
);

CREATE TABLE item_scores (
    assessment_id VARCHAR NOT NULL,
    item_code     VARCHAR NOT NULL,             -- 'I20', 'E10', 'O24'
    score         DECIMAL(5, 2) NOT NULL,
    PRIMARY KEY (assessment_id, item_code)
);

-- Earlier results replaced by a corrected document for the same agency and year.
CREATE TABLE assessment_history (
    assessment_id VARCHAR NOT NULL,
    document_id   VARCHAR NOT NULL,
    agency_id     VARCHAR NOT NULL,
    fiscal_year   INTEGER NOT NULL,
    kind          VARCHAR,
    score         DECIMAL(5, 2) NOT NULL,
    grade         VARCHAR,
    iit_score     DECIMAL(5, 2),
    eit_score     DECIMAL(5, 2),
    oit_score     DECIMAL(5, 2),
    loaded_at     TIMESTAMPTZ NOT NULL,
    superseded_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    superseded_by VARCHAR NOT NULL,             -- the document now current
    PRIMARY KEY (assessment_id, document_id)
);

CREATE TABLE indicator_score_history (
    assessment_id VARCHAR NOT NULL,
    document_id   VARCHAR NOT NULL,
    indicator     INTEGER NOT NULL,
    score         DECIMAL(5, 2) NOT NULL,
    PRIMARY KEY (assessment_id, document_id, indicator)
);

CREATE TABLE item_score_history (
    assessment_id VARCHAR NOT NULL,
    document_id   VARCHAR NOT NULL,
    item_code     VARCHAR NOT NULL,
    score         DECIMAL(5, 2) NOT NULL,
    PRIMARY KEY (assessment_id, document_id, item_code)
);

-- Every reason a document was refused (severity 'error') and every warning about a loaded one.
CREATE TABLE quarantine (
    document_id VARCHAR NOT NULL,
    finding_no  INTEGER NOT NULL,               -- 1, 2, … within the document
    check_code  VARCHAR NOT NULL,               -- stable code, e.g. 'overall_mismatch'
    severity    VARCHAR NOT NULL CHECK (severity IN ('error', 'warning')),
    field       VARCHAR,                        -- 'score', 'indicator.7', 'item.E10', …
    detail_en   VARCHAR NOT NULL,
    detail_th   VARCHAR NOT NULL,
    found_at    TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (document_id, finding_no)
);

-- Every version of every assessment: the current one and those it replaced.
CREATE VIEW v_assessment_versions AS
SELECT assessment_id, document_id, agency_id, fiscal_year, kind, score, grade,
       iit_score, eit_score, oit_score, loaded_at,
       CAST(NULL AS TIMESTAMPTZ) AS superseded_at, CAST(NULL AS VARCHAR) AS superseded_by,
       TRUE AS is_current
FROM assessments
UNION ALL
SELECT assessment_id, document_id, agency_id, fiscal_year, kind, score, grade,
       iit_score, eit_score, oit_score, loaded_at, superseded_at, superseded_by,
       FALSE AS is_current
FROM assessment_history;

-- Current results with the agency's name and place, for everyday queries.
CREATE VIEW v_assessments AS
SELECT a.assessment_id, a.agency_id, g.name AS agency_name, g.agency_type, g.district,
       g.province, a.fiscal_year, a.score, a.grade, a.iit_score, a.eit_score, a.oit_score,
       a.kind, a.document_id, a.loaded_at
FROM assessments AS a
JOIN agencies AS g USING (agency_id);
