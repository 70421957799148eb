-- $agencies synthetic agencies spread over the provinces: type + two place stems, unique per
-- province. $types repeats a type as often as it is common (อบต. most of all).
INSERT INTO agencies (agency_id, name, name_key, agency_type, district, province)
WITH numbered AS (
    SELECT i, i % len($provinces) AS p, i // len($provinces) AS j
    FROM range(CAST($agencies AS BIGINT)) AS t(i)
),
named AS (
    SELECT i, p,
           j % len($stems) AS a,
           (j // len($stems) + j % len($stems) + 1) % len($stems) AS b,
           $types[CAST(1 + hash(i, 'type') % len($types) AS BIGINT)] AS agency_type
    FROM numbered
)
SELECT substr(sha256('agency:' || i), 1, 16),
       agency_type || $stems[1 + a] || $stems[1 + b],
       agency_type || $stems[1 + a] || $stems[1 + b],
       agency_type,
       $stems[1 + b],
       $provinces[1 + p]
FROM named
