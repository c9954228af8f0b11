-- Writes unit_stats for the periods in refresh_targets (all of them in a full refresh, see
-- refresh.go), whose old rows are already deleted: for every such period, unit and cadre, the
-- staff in post, the staff the workload requires under the norm's method, and the resulting
-- ratio and status. Kept in step with formulas.go and status.go; analytics tests compare the two.
--
-- A row of period P depends on the staff, units, norms and settings, on the workload of P and,
-- of the other periods, only on which is the first (opening counts below): never on the
-- workload or the existence of any other period. That is what lets refresh.go rewrite the
-- periods whose workload changed and leave the rest.

-- The settings and the ABK grades (from the highest, as one list) as constants: the rows are
-- classified after the sort below, where a join, even with one row, would not keep the order.
SET VARIABLE refresh_bands = (
    SELECT {
        'severe_below':      max(value) FILTER (WHERE key = 'band_severe_below'),
        'shortage_below':    max(value) FILTER (WHERE key = 'band_shortage_below'),
        'surplus_above':     max(value) FILTER (WHERE key = 'band_surplus_above'),
        'abk_hours_default': max(value) FILTER (WHERE key = 'abk_effective_hours_default')
    }
    FROM settings
);
SET VARIABLE refresh_grades = (
    SELECT list({'grade': grade::rollup_grade, 'min_ej': min_ej, 'inclusive': min_inclusive} ORDER BY min_ej DESC)
    FROM abk_grades
);
-- Whether EJ reaches the i-th grade of that list; false past its end.
CREATE OR REPLACE TEMP MACRO refresh_reaches(ej, i) AS
    ej > getvariable('refresh_grades')[i].min_ej
    OR (getvariable('refresh_grades')[i].inclusive AND ej = getvariable('refresh_grades')[i].min_ej);
-- A unit and cadre as one number, the key the big joins below compare: one integer is cheaper to
-- hash and compare than a unit number and a cadre.
-- (cadre_no is the cadre's enum_code: a macro cannot call enum_code on a parameter of unknown type.)
CREATE OR REPLACE TEMP MACRO refresh_pair_key(unit_no, cadre_no) AS (unit_no::BIGINT << 32) + cadre_no;

-- The first period of all, targets or not: every period's counts start from it. A constant:
-- compared with a subquery instead, DuckDB joined 2.9 million changes with it in a nested loop.
SET VARIABLE refresh_opening_period = (SELECT min(period) FROM workload);

INSERT INTO unit_stats
WITH
periods AS (
    SELECT period FROM refresh_targets
),
-- Every unit with its numbers (rollup_units, refresh_tables.sql). unit_no follows region and
-- code, the order the rows are written in: the joins and the final sort of some 12 million rows
-- compare integers, not codes.
numbered_units AS (
    SELECT r.unit_no, r.name_no, u.code, u.unit_type, u.agency_code, region_number(u.region_code) AS region_no
    FROM units u
    JOIN rollup_units r ON r.code = u.code
),
-- Staff count in post at the end of each period. People on study leave, suspended or retired
-- do not carry workload. A person counts in a unit from the month they entered it to the month
-- before they left it: their transfers (completed moves, oldest first) cut their time into
-- stints. Before a move they were in its from_unit, since the move before it; before their first
-- move since post_start when that is earlier (a post date after the first move is the date into
-- a later post, so the first stint began before the records do: counted from the start). After
-- their last move, or without moves since post_start, they are in their current unit (staff).
-- to_unit is not read: in consistent data it is the next move's from_unit or the current unit,
-- and where it is not, what the person left and the staff register win. The cadre is taken as
-- it is today. Moves of NIPs not in staff (or not counted) are ignored: without the register we
-- know neither their cadre nor whether they still work.
people AS (
    SELECT nip, unit_code, cadre_code, post_start FROM staff WHERE status IN ('aktif', 'cuti')
),
moves AS (
    SELECT t.nip, t.moved_on, t.from_unit, date_trunc('month', t.moved_on) AS month,
           lag(date_trunc('month', t.moved_on)) OVER (PARTITION BY t.nip ORDER BY t.moved_on) AS prev_month
    FROM transfers t
    WHERE t.nip IN (SELECT nip FROM people)
),
stints AS (
    SELECT p.unit_code, p.cadre_code,
           coalesce(l.month, date_trunc('month', p.post_start)) AS start_month, NULL::DATE AS end_month
    FROM people p
    LEFT JOIN (SELECT nip, max(month) AS month FROM moves GROUP BY nip) l ON l.nip = p.nip
    UNION ALL
    SELECT m.from_unit, p.cadre_code,
           CASE WHEN m.prev_month IS NOT NULL THEN m.prev_month
                WHEN p.post_start < m.moved_on THEN date_trunc('month', p.post_start)
                ELSE '-infinity'::DATE END,
           m.month
    FROM moves m JOIN people p ON p.nip = m.nip
),
-- +1 in the month a stint starts, -1 in the month it ends; empty stints (two moves in a month)
-- drop out. Months before the first period count as the first period, so most people add to
-- one opening count per unit and cadre and only the few who came or went later to a change.
-- The cadre becomes the unit rows' ENUM (refresh_tables.sql) once the people are summed up.
entries AS (
    SELECT unit_no, cadre_code::rollup_cadre AS cadre, month, n
    FROM (
        SELECT u.unit_no, e.cadre_code, greatest(e.month, getvariable('refresh_opening_period')) AS month, sum(e.n) AS n
        FROM (
            SELECT unit_code, cadre_code, start_month AS month, 1 AS n FROM stints
            WHERE end_month IS NULL OR start_month < end_month
            UNION ALL
            SELECT unit_code, cadre_code, end_month, -1 FROM stints
            WHERE end_month IS NOT NULL AND start_month < end_month
        ) e
        JOIN numbered_units u ON u.code = e.unit_code
        GROUP BY ALL
        HAVING sum(e.n) <> 0
    )
),
-- The norms with their cadre as that ENUM.
norms AS (
    SELECT *, cadre_code::rollup_cadre AS cadre FROM staffing_norms
),
-- Every cadre the unit type has a norm for and every cadre the unit has or had staff in, with
-- the count in post at the end of the first period, the unit's attributes (as the ENUMs of
-- refresh_tables.sql: cast here, once per pair, not in each of the 24 periods' rows) and the
-- norm.
pairs AS (
    SELECT pr.unit_no, pr.cadre, refresh_pair_key(pr.unit_no, enum_code(pr.cadre)) AS pair_key,
           row_number() OVER (ORDER BY pr.unit_no, pr.cadre)::INTEGER AS pair_no,
           u.name_no, pr.opening,
           u.unit_type::rollup_unit_type AS unit_type, u.agency_code::rollup_agency AS agency_code, u.region_no,
           n.method::rollup_method AS method
    FROM (
        SELECT unit_no, cadre, sum(opening)::INTEGER AS opening
        FROM (
            SELECT u.unit_no, n.cadre, 0 AS opening
            FROM numbered_units u JOIN norms n ON n.unit_type = u.unit_type
            UNION ALL
            SELECT unit_no, cadre, CASE WHEN month <= getvariable('refresh_opening_period') THEN n ELSE 0 END
            FROM entries
        )
        GROUP BY ALL
    ) pr
    JOIN numbered_units u ON u.unit_no = pr.unit_no
    LEFT JOIN norms n ON n.unit_type = u.unit_type AND n.cadre = pr.cadre
),
-- Arrivals and departures after the first period, summed up to each later period.
changes AS (
    SELECT p.period, refresh_pair_key(e.unit_no, enum_code(e.cadre)) AS pair_key, sum(e.n)::INTEGER AS n
    FROM entries e JOIN periods p ON e.month <= p.period
    WHERE e.month > getvariable('refresh_opening_period')
    GROUP BY ALL
),
-- WISN and ABK: annual minutes of work, only where every activity of the norm was reported.
activity_count AS (
    SELECT unit_type, cadre_code, count(*) AS n FROM activity_standards GROUP BY ALL
),
activity_minutes AS (
    SELECT w.period, u.unit_no, u.unit_type, u.agency_code, a.cadre_code,
           sum(w.value * CASE i.kind WHEN 'flow' THEN 12 ELSE 1 END * a.minutes) AS minutes
    FROM numbered_units u
    JOIN activity_standards a ON a.unit_type = u.unit_type
    JOIN workload w ON w.unit_code = u.code AND w.indicator = a.indicator AND w.period IN (SELECT period FROM periods)
    JOIN indicators i ON i.code = a.indicator
    JOIN activity_count c ON c.unit_type = u.unit_type AND c.cadre_code = a.cadre_code
    GROUP BY w.period, u.unit_no, u.unit_type, u.agency_code, a.cadre_code
    HAVING count(*) = any_value(c.n)
),
wisn_params AS (
    SELECT n.unit_type, n.cadre_code,
           (t.working_days - t.public_holidays - t.leave_days - t.sick_days - t.training_days)
               * t.hours_per_day AS awt_hours,
           1 / (1 - coalesce(sum(al.value) FILTER (WHERE al.kind = 'category'), 0)) AS caf,
           coalesce(sum(al.value) FILTER (WHERE al.kind = 'individual'), 0) AS individual_hours
    FROM staffing_norms n
    JOIN wisn_working_time t ON t.cadre_code = n.cadre_code
    LEFT JOIN allowances al ON al.unit_type = n.unit_type AND al.cadre_code = n.cadre_code
    WHERE n.method = 'wisn'
    GROUP BY ALL
),
-- The workload and the staff it requires, per period, unit and cadre that reported it: ratio
-- norms divide the indicator's value, WISN and ABK turn the minutes into staff.
requirements AS (
    SELECT w.period, refresh_pair_key(u.unit_no, enum_code(n.cadre)) AS pair_key, w.value AS workload, w.value / n.per_staff AS required
    FROM numbered_units u
    JOIN norms n ON n.unit_type = u.unit_type AND n.method = 'ratio'
    JOIN workload w ON w.unit_code = u.code AND w.indicator = n.indicator AND w.period IN (SELECT period FROM periods)
    UNION ALL
    SELECT am.period, refresh_pair_key(am.unit_no, enum_code(n.cadre)), am.minutes / 60,
           CASE n.method
               WHEN 'wisn' THEN am.minutes / (wp.awt_hours * 60) * wp.caf + wp.individual_hours / wp.awt_hours
               WHEN 'abk' THEN am.minutes / (1 - n.support_pct)
                               / (coalesce(ag.effective_hours, getvariable('refresh_bands').abk_hours_default) * 60)
           END
    FROM activity_minutes am
    JOIN norms n ON n.unit_type = am.unit_type AND n.cadre_code = am.cadre_code AND n.method IN ('wisn', 'abk')
    LEFT JOIN wisn_params wp ON wp.unit_type = am.unit_type AND wp.cadre_code = am.cadre_code
    LEFT JOIN agency_settings ag ON ag.agency_code = am.agency_code
),
-- Every period of every pair, with its requirement where there is one. Most pair-periods have
-- one, so their rows come from the requirements joined to the pairs, which DuckDB hashes (half a
-- million rows); the pair-periods without are added: every period of a pair without any
-- requirement, and the missing periods of a pair with some. Written as the pairs and periods
-- joined to the requirements, it hashed the 12 million requirements instead, 1 s more
-- nationally (docs/BENCHMARKS.md, issue 8).
covered AS (
    SELECT pair_key, count(*) AS n FROM requirements GROUP BY pair_key
),
pair_periods AS (
    SELECT rq.period, pr.*, rq.workload, rq.required
    FROM requirements rq
    JOIN pairs pr ON pr.pair_key = rq.pair_key
    UNION ALL
    SELECT p.period, pr.*, NULL::DOUBLE, NULL::DOUBLE
    FROM pairs pr
    LEFT JOIN covered c ON c.pair_key = pr.pair_key
    CROSS JOIN periods p
    WHERE c.n IS NULL
    UNION ALL
    SELECT p.period, pr.*, NULL::DOUBLE, NULL::DOUBLE
    FROM pairs pr
    JOIN covered c ON c.pair_key = pr.pair_key AND c.n < (SELECT count(*) FROM periods)
    CROSS JOIN periods p
    WHERE NOT EXISTS (SELECT 1 FROM requirements rq WHERE rq.pair_key = pr.pair_key AND rq.period = p.period)
),
base AS (
    SELECT x.period, x.pair_no, x.unit_no, x.name_no, x.cadre, x.unit_type, x.agency_code, x.region_no, x.method,
           x.opening + coalesce(ch.n, 0) AS actual, x.workload, x.required
    FROM pair_periods x
    LEFT JOIN changes ch ON ch.period = x.period AND ch.pair_key = x.pair_key
),
-- Rows in period order: every page reads one period, and DuckDB then skips the row groups of
-- the others by their zone maps instead of scanning all 24 periods. Rows of periods refreshed
-- alone go after the others, each period still one run of rows. Within a period, by region,
-- unit and cadre (pair_no follows region, unit code and cadre). Sorted on one integer, and
-- before the derived columns exist.
sorted AS (
    SELECT * FROM base ORDER BY ((period - DATE '1970-01-01')::BIGINT << 32) + pair_no
),
classified AS (
    SELECT s.*,
           CASE WHEN required > 0 THEN greatest(1, round(required))::INTEGER
                WHEN required = 0 THEN 0 END AS required_rounded,
           CASE WHEN actual > 0 THEN required / actual END AS ej,
           CASE
               WHEN required IS NULL THEN 'no_data'::rollup_status
               WHEN required = 0 AND actual = 0 THEN 'balanced'::rollup_status
               WHEN required = 0 THEN 'surplus'::rollup_status
               WHEN actual / required < getvariable('refresh_bands').severe_below THEN 'severe_shortage'::rollup_status
               WHEN actual / required < getvariable('refresh_bands').shortage_below THEN 'shortage'::rollup_status
               WHEN actual / required <= getvariable('refresh_bands').surplus_above THEN 'balanced'::rollup_status
               ELSE 'surplus'::rollup_status
           END AS status
    FROM sorted s
)
-- Ratio, difference, workload per staff and EJ are not stored (view unit_figures computes them).
SELECT c.period, c.unit_no, c.name_no, c.cadre AS cadre_code, c.unit_type, c.agency_code, c.region_no, c.method,
       c.workload, c.actual, c.required, c.required_rounded,
       CASE
           WHEN c.required IS NULL THEN NULL
           WHEN c.actual = 0 AND c.required > 0 THEN getvariable('refresh_grades')[1].grade
           WHEN c.actual = 0 THEN NULL
           -- the first grade EJ reaches: written out for the first six (there are five by
           -- default), as a lambda over the list costs more than the rest of the row
           WHEN refresh_reaches(c.ej, 1) THEN getvariable('refresh_grades')[1].grade
           WHEN refresh_reaches(c.ej, 2) THEN getvariable('refresh_grades')[2].grade
           WHEN refresh_reaches(c.ej, 3) THEN getvariable('refresh_grades')[3].grade
           WHEN refresh_reaches(c.ej, 4) THEN getvariable('refresh_grades')[4].grade
           WHEN refresh_reaches(c.ej, 5) THEN getvariable('refresh_grades')[5].grade
           WHEN refresh_reaches(c.ej, 6) THEN getvariable('refresh_grades')[6].grade
           ELSE list_filter(getvariable('refresh_grades'), x -> c.ej > x.min_ej OR (x.inclusive AND c.ej = x.min_ej))[1].grade
       END AS grade,
       c.status,
       CASE WHEN c.status IN ('severe_shortage'::rollup_status, 'shortage'::rollup_status)
            THEN greatest(0, c.required_rounded - c.actual) ELSE 0 END AS shortage_people,
       CASE WHEN c.status = 'surplus'::rollup_status
            THEN greatest(0, c.actual - c.required_rounded) ELSE 0 END AS surplus_people
FROM classified c;

DROP MACRO refresh_reaches;
DROP MACRO refresh_pair_key;
RESET VARIABLE refresh_bands;
RESET VARIABLE refresh_grades;
RESET VARIABLE refresh_opening_period;
