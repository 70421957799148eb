-- 0003_measures: the plan of measures for the next fiscal year and its tracking.
--
-- measures / measure_milestones: as generated (ita/measures). Rows are only ever inserted: a
--   measure id is deterministic (agency, plan year, issue), generating again inserts what is
--   missing and leaves existing measures as they are.
-- measure_edits: append-only human edits of a measure's or milestone's text, owner or dates;
--   the latest edit of a field wins (views below). Generating again never touches them.
-- measure_events: append-only status changes (planned → in_progress → done, postponed,
--   cancelled) with who, when, note, reason, evidence. Nothing is updated in place: the status
--   is the latest event.
-- measure_reminders: one row per measure per day a reminder was produced (idempotent).
--
-- Days are Asia/Bangkok days: an event at 2023-03-31T17:30Z happened on 1 April. Everything
-- that depends on the date is a table macro taking the as-of date (`measures_as_of(d)`,
-- `overdue_measures_as_of(d)`, …) so reports can be reproduced for any day; the v_* views call
-- them with today in Bangkok.

CREATE TABLE measures (
    measure_id              VARCHAR PRIMARY KEY,      -- "M2566-i07-3fa9c2d1"
    agency_id               VARCHAR NOT NULL,
    assessment_id           VARCHAR,                  -- the result it answers
    fiscal_year             INTEGER NOT NULL,         -- the plan's year (B.E.)
    source_fiscal_year      INTEGER NOT NULL,         -- the result's year
    issue_key               VARCHAR NOT NULL,         -- 'indicator.7', 'carried.<measure_id>'
    kind                    VARCHAR NOT NULL CHECK (kind IN ('improve', 'maintain', 'carried_over')),
    indicator               INTEGER,
    tool                    VARCHAR,
    issue_score             DECIMAL(5, 2),
    issue                   VARCHAR NOT NULL,         -- ประเด็นที่ต้องพัฒนา
    item_codes              VARCHAR[] NOT NULL,
    title                   VARCHAR NOT NULL,         -- มาตรการ
    owner                   VARCHAR NOT NULL,         -- ผู้รับผิดชอบ
    start_date              DATE NOT NULL,
    due_date                DATE NOT NULL,
    monitoring              VARCHAR[] NOT NULL,       -- แนวทางกำกับติดตาม
    evidence_expected       VARCHAR[] NOT NULL,
    template_keys           VARCHAR[] NOT NULL,
    is_carried_over         BOOLEAN NOT NULL DEFAULT false,
    carried_from_measure_id VARCHAR,
    generated_at            TIMESTAMPTZ NOT NULL,
    generated_by            VARCHAR NOT NULL,
    UNIQUE (agency_id, fiscal_year, issue_key)
);

CREATE TABLE measure_milestones (
    measure_id   VARCHAR NOT NULL,
    milestone_no INTEGER NOT NULL,                    -- 1, 2, … in step order
    step_no      INTEGER NOT NULL,
    item_code    VARCHAR,                             -- the weak item the step answers
    text         VARCHAR NOT NULL,
    occurrence   VARCHAR,                             -- 'ไตรมาส 2' for recurring steps
    owner        VARCHAR NOT NULL,
    due_spec     VARCHAR,                             -- template offset: 'Q1', 'M7', 'quarterly'
    due_date     DATE NOT NULL,
    PRIMARY KEY (measure_id, milestone_no)
);

CREATE SEQUENCE measure_edit_seq;
CREATE TABLE measure_edits (
    edit_id      BIGINT PRIMARY KEY DEFAULT nextval('measure_edit_seq'),
    measure_id   VARCHAR NOT NULL,
    milestone_no INTEGER,                             -- NULL: the measure itself
    field        VARCHAR NOT NULL CHECK (field IN ('title', 'owner', 'monitoring',
                     'evidence_expected', 'start_date', 'due_date', 'text')),
    value        VARCHAR NOT NULL,                    -- dates as YYYY-MM-DD, lists one per line
    edited_at    TIMESTAMPTZ NOT NULL,
    recorded_at  TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    actor        VARCHAR NOT NULL,
    note         VARCHAR
);

CREATE SEQUENCE measure_event_seq;
CREATE TABLE measure_events (
    event_id           BIGINT PRIMARY KEY DEFAULT nextval('measure_event_seq'),
    measure_id         VARCHAR NOT NULL,
    milestone_no       INTEGER,                       -- NULL: the measure itself
    event_at           TIMESTAMPTZ NOT NULL,          -- when it happened (may be back-dated)
    recorded_at        TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    actor              VARCHAR NOT NULL,
    from_status        VARCHAR CHECK (from_status IN ('planned', 'in_progress', 'done', 'postponed', 'cancelled')),
    to_status          VARCHAR NOT NULL CHECK (to_status IN ('planned', 'in_progress', 'done', 'postponed', 'cancelled')),
    note               VARCHAR,
    reason             VARCHAR,                       -- required for postponed / cancelled
    new_due_date       DATE,                          -- postponed: the new due date
    evidence_url       VARCHAR,
    evidence_sha256    VARCHAR,                       -- file kept in the raw store by sha256
    evidence_file_name VARCHAR
);

CREATE TABLE measure_reminders (
    measure_id    VARCHAR NOT NULL,
    reminder_date DATE NOT NULL,                      -- Bangkok day
    kind          VARCHAR NOT NULL CHECK (kind IN ('overdue', 'due_soon')),
    owner         VARCHAR,
    message_th    VARCHAR NOT NULL,
    message_en    VARCHAR NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (measure_id, reminder_date)
);

-- ---- dates in Asia/Bangkok ---------------------------------------------------------------
CREATE MACRO bangkok_day(ts) AS CAST(timezone('Asia/Bangkok', ts) AS DATE);
CREATE MACRO bangkok_today() AS CAST(timezone('Asia/Bangkok', now()) AS DATE);

-- ---- state as of a day ------------------------------------------------------------------
-- Latest event per measure (milestone_no NULL) and per milestone, on or before the day.
CREATE MACRO measure_event_state_as_of(as_of) AS TABLE
SELECT measure_id,
       milestone_no,
       arg_max(to_status, (event_at, event_id)) AS status,
       max(event_at) AS status_at,
       arg_max(actor, (event_at, event_id)) AS status_actor,
       arg_max(note, (event_at, event_id)) AS status_note,
       arg_max(new_due_date, (event_at, event_id))
           FILTER (WHERE to_status = 'postponed' AND new_due_date IS NOT NULL) AS postponed_to,
       count(*) AS event_count,
       count(*) FILTER (WHERE evidence_url IS NOT NULL OR evidence_sha256 IS NOT NULL)
           AS evidence_count
FROM measure_events
WHERE bangkok_day(event_at) <= CAST(as_of AS DATE)
GROUP BY measure_id, milestone_no;

-- Latest edit per field, on or before the day.
CREATE MACRO measure_edit_state_as_of(as_of) AS TABLE
SELECT measure_id,
       milestone_no,
       arg_max(value, (edited_at, edit_id)) FILTER (WHERE field = 'title') AS title,
       arg_max(value, (edited_at, edit_id)) FILTER (WHERE field = 'text') AS text,
       arg_max(value, (edited_at, edit_id)) FILTER (WHERE field = 'owner') AS owner,
       arg_max(value, (edited_at, edit_id)) FILTER (WHERE field = 'monitoring') AS monitoring,
       arg_max(value, (edited_at, edit_id)) FILTER (WHERE field = 'evidence_expected')
           AS evidence_expected,
       arg_max(value, (edited_at, edit_id)) FILTER (WHERE field = 'start_date') AS start_date,
       arg_max(value, (edited_at, edit_id)) FILTER (WHERE field = 'due_date') AS due_date,
       count(*) AS edit_count
FROM measure_edits
WHERE bangkok_day(edited_at) <= CAST(as_of AS DATE)
GROUP BY measure_id, milestone_no;

-- Every measure with its edits applied and its status, as of the day.
CREATE MACRO measures_as_of(as_of) AS TABLE
SELECT m.measure_id,
       m.agency_id,
       g.name AS agency_name,
       g.province,
       m.assessment_id,
       m.fiscal_year,
       m.source_fiscal_year,
       m.issue_key,
       m.kind,
       m.indicator,
       m.tool,
       m.issue_score,
       m.issue,
       m.item_codes,
       coalesce(e.title, m.title) AS title,
       coalesce(e.owner, m.owner) AS owner,
       coalesce(CAST(e.start_date AS DATE), m.start_date) AS start_date,
       coalesce(s.postponed_to, CAST(e.due_date AS DATE), m.due_date) AS due_date,
       coalesce(CAST(e.due_date AS DATE), m.due_date) AS planned_due_date,  -- before postponing
       coalesce(string_split(e.monitoring, chr(10)), m.monitoring) AS monitoring,
       coalesce(string_split(e.evidence_expected, chr(10)), m.evidence_expected)
           AS evidence_expected,
       m.template_keys,
       m.is_carried_over,
       m.carried_from_measure_id,
       c.measure_id AS carried_into_measure_id,
       coalesce(s.status, 'planned') AS status,
       s.status_at,
       s.status_actor,
       s.status_note,
       coalesce(s.event_count, 0) AS event_count,
       coalesce(s.evidence_count, 0) AS evidence_count,
       coalesce(e.edit_count, 0) AS edit_count,
       m.generated_at
FROM measures AS m
LEFT JOIN agencies AS g USING (agency_id)
LEFT JOIN measure_event_state_as_of(as_of) AS s
       ON s.measure_id = m.measure_id AND s.milestone_no IS NULL
LEFT JOIN measure_edit_state_as_of(as_of) AS e
       ON e.measure_id = m.measure_id AND e.milestone_no IS NULL
LEFT JOIN measures AS c ON c.carried_from_measure_id = m.measure_id;

-- Every milestone with its edits applied, its status and its measure's status, as of the day.
CREATE MACRO milestones_as_of(as_of) AS TABLE
SELECT ms.measure_id,
       ms.milestone_no,
       ms.measure_id || '/' || CAST(ms.milestone_no AS VARCHAR) AS milestone_id,
       m.agency_id,
       m.agency_name,
       m.fiscal_year,
       m.indicator,
       m.title AS measure_title,
       m.status AS measure_status,
       m.carried_into_measure_id,
       ms.step_no,
       ms.item_code,
       coalesce(e.text, ms.text) AS text,
       ms.occurrence,
       coalesce(e.owner, ms.owner) AS owner,
       ms.due_spec,
       coalesce(s.postponed_to, CAST(e.due_date AS DATE), ms.due_date) AS due_date,
       coalesce(CAST(e.due_date AS DATE), ms.due_date) AS planned_due_date,
       coalesce(s.status, 'planned') AS status,
       s.status_at,
       s.status_actor,
       s.status_note,
       coalesce(s.event_count, 0) AS event_count,
       coalesce(s.evidence_count, 0) AS evidence_count
FROM measure_milestones AS ms
JOIN measures_as_of(as_of) AS m USING (measure_id)
LEFT JOIN measure_event_state_as_of(as_of) AS s
       ON s.measure_id = ms.measure_id AND s.milestone_no = ms.milestone_no
LEFT JOIN measure_edit_state_as_of(as_of) AS e
       ON e.measure_id = ms.measure_id AND e.milestone_no = ms.milestone_no;

-- Overdue = due date before the day, neither done nor cancelled at the end of the day, and not
-- carried over into the next year's plan. A milestone of a closed measure is not overdue.
CREATE MACRO overdue_measures_as_of(as_of) AS TABLE
SELECT *, CAST(as_of AS DATE) - due_date AS days_overdue
FROM measures_as_of(as_of)
WHERE due_date < CAST(as_of AS DATE)
  AND status NOT IN ('done', 'cancelled')
  AND carried_into_measure_id IS NULL;

CREATE MACRO overdue_milestones_as_of(as_of) AS TABLE
SELECT *, CAST(as_of AS DATE) - due_date AS days_overdue
FROM milestones_as_of(as_of)
WHERE due_date < CAST(as_of AS DATE)
  AND status NOT IN ('done', 'cancelled')
  AND measure_status NOT IN ('done', 'cancelled')
  AND carried_into_measure_id IS NULL;

-- ---- today in Bangkok ---------------------------------------------------------------------
CREATE VIEW v_measure_status AS SELECT * FROM measures_as_of(bangkok_today());
CREATE VIEW v_milestone_status AS SELECT * FROM milestones_as_of(bangkok_today());
CREATE VIEW v_overdue_measures AS SELECT * FROM overdue_measures_as_of(bangkok_today());
CREATE VIEW v_overdue_milestones AS SELECT * FROM overdue_milestones_as_of(bangkok_today());
CREATE VIEW v_measure_events AS
SELECT ev.*, bangkok_day(ev.event_at) AS event_day, m.agency_id, m.fiscal_year
FROM measure_events AS ev
JOIN measures AS m USING (measure_id);
