-- 0002_classification: the analysis of each assessment (ita/classify.py), so SQL can ask e.g.
-- "which agencies have ประสิทธิภาพการสื่อสาร as their most urgent indicator":
--   SELECT agency_name FROM v_classifications WHERE most_urgent_name = 'ประสิทธิภาพการสื่อสาร'
-- Derived data keyed by assessment_id (stable across a corrected document): classifying again
-- replaces an assessment's rows in one transaction (warehouse/plan.py). The lines used are kept
-- with each row, so a result explains itself even after the settings change.

CREATE TABLE classifications (
    assessment_id         VARCHAR PRIMARY KEY,
    agency_id             VARCHAR NOT NULL,
    fiscal_year           INTEGER NOT NULL,           -- B.E., the result's year
    document_id           VARCHAR,                    -- lineage: numbers classified
    score                 DECIMAL(5, 2),
    grade                 VARCHAR,                    -- by the year's rules
    printed_grade         VARCHAR,                    -- as the document printed it
    grade_agrees          BOOLEAN,
    passed                BOOLEAN,                    -- score >= pass_line
    most_urgent_indicator INTEGER,                    -- the lowest indicator (ties: see note)
    most_urgent_name      VARCHAR,
    most_urgent_score     DECIMAL(5, 2),
    most_urgent_tied      INTEGER[],                  -- every indicator sharing the lowest score
    most_urgent_note_th   VARCHAR,
    most_urgent_note_en   VARCHAR,
    strengths             INTEGER[],                  -- indicators > strength_above, ranked
    weaknesses            INTEGER[],                  -- indicators < weakness_below, ranked
    to_improve            INTEGER[],                  -- indicators < improve_below, most urgent first
    previous_fiscal_year  INTEGER,
    previous_score        DECIMAL(5, 2),
    score_change          DECIMAL(6, 2),
    peer_province         VARCHAR,
    peer_agency_type      VARCHAR,
    peer_count            INTEGER,                    -- other agencies, same province and type
    peer_score            DECIMAL(5, 2),              -- their average overall score (rounded)
    strength_above        DECIMAL(5, 2) NOT NULL,
    weakness_below        DECIMAL(5, 2) NOT NULL,
    improve_below         DECIMAL(5, 2) NOT NULL,
    pass_line             DECIMAL(5, 2) NOT NULL,
    notes                 VARCHAR[],
    classified_at         TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
);

CREATE TABLE classification_indicators (
    assessment_id  VARCHAR NOT NULL,
    indicator      INTEGER NOT NULL CHECK (indicator BETWEEN 1 AND 10),
    name           VARCHAR NOT NULL,                  -- the year's catalog name
    tool           VARCHAR NOT NULL,
    score          DECIMAL(5, 2) NOT NULL,
    score_rank     INTEGER NOT NULL,                  -- 1 = highest; equal scores share a rank
    weight         DECIMAL(7, 5) NOT NULL,            -- share of the overall score
    category       VARCHAR NOT NULL CHECK (category IN ('strength', 'weakness', 'neither')),
    to_improve     BOOLEAN NOT NULL,
    is_most_urgent BOOLEAN NOT NULL,
    items_known    BOOLEAN NOT NULL,                  -- any item score of it was available
    previous_score DECIMAL(5, 2),
    score_change   DECIMAL(6, 2),
    peer_average   DECIMAL(5, 2),
    vs_peers       DECIMAL(6, 2),
    PRIMARY KEY (assessment_id, indicator)
);

CREATE TABLE classification_weak_items (
    assessment_id VARCHAR NOT NULL,
    indicator     INTEGER NOT NULL,
    item_code     VARCHAR NOT NULL,
    tool          VARCHAR NOT NULL,
    sub_indicator VARCHAR,
    text          VARCHAR NOT NULL,
    score         DECIMAL(5, 2) NOT NULL,
    reason        VARCHAR NOT NULL CHECK (reason IN ('below_line', 'not_published')),
    PRIMARY KEY (assessment_id, item_code)
);

CREATE VIEW v_classifications AS
SELECT c.*, g.name AS agency_name, g.agency_type, g.district, g.province
FROM classifications AS c
JOIN agencies AS g USING (agency_id);
