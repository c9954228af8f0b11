-- Value parsers for staged text columns, as DuckDB macros.
--
-- Each public macro tb_x(v) is tb__x(tb_trim(v)). An import trims every column once and calls the
-- tb__x forms: a macro is pasted in where it is used, so a trimmed value that a CASE names in each
-- branch would otherwise be trimmed again for every branch, which made the parse step several
-- times slower.
--
-- parse.go states the same rules in Go and parse_fuzz_test.go holds the two together: change one
-- side and the fuzz seeds fail until the other side says the same. Each public macro takes a
-- staged VARCHAR (NULL for an empty cell) and returns the parsed value or NULL. An empty value is
-- NULL as well, so callers tell "missing" from "invalid" with tb_blank(v).
--
-- The macros are TEMP: they live on the import connection, and this file is executed there as one
-- multi-statement string. Helpers (tb__*) come before the macros that use them. Regular
-- expressions are RE2, where \d is ASCII only. Every cast of a value is a try_cast after a shape
-- check, because CASE only evaluates a THEN for the rows its WHEN selected but a cast error in a
-- selected row would still fail the whole import.

-- What spreadsheets and copy-paste leave around a value: ASCII whitespace, the no-break space
-- (U+00A0) and the byte-order mark (U+FEFF). Same set as isTrimRune in parse.go.
-- trim() with a character set is slow (it walks the set for every character), and almost no value
-- needs it, so the ends are looked at first: a value whose first code point (unicode(), -1 for '')
-- is above 32 and neither U+00A0 nor U+FEFF, and whose bytes end in none of the trim characters,
-- has nothing to trim. unicode() and suffix() read only the ends; v[-1] or right() would count
-- the code points of the whole value. Comparisons, not a NOT IN list: DuckDB turns a long IN
-- list into a join, which loses the file order that row numbers rely on.
CREATE OR REPLACE TEMP MACRO tb__keeps_ends(v) AS
    unicode(v) > 32 AND unicode(v) <> 160 AND unicode(v) <> 65279
    AND NOT (suffix(v, ' ') OR suffix(v, chr(9)) OR suffix(v, chr(10)) OR suffix(v, chr(11))
             OR suffix(v, chr(12)) OR suffix(v, chr(13)) OR suffix(v, chr(160)) OR suffix(v, chr(65279)));
CREATE OR REPLACE TEMP MACRO tb_trim(v) AS CASE
    WHEN tb__keeps_ends(v) THEN v
    ELSE trim(v, ' ' || chr(9) || chr(10) || chr(11) || chr(12) || chr(13) || chr(160) || chr(65279))
END;

CREATE OR REPLACE TEMP MACRO tb_blank(v) AS coalesce(tb_trim(v) = '', true);

-- Whole numbers: plain digits, Indonesian thousands dots (1.234.567), or plain digits with a zero
-- fraction (480.0, 480,00) as float columns print them. Thousands dots win, so "1.000" is 1000.
CREATE OR REPLACE TEMP MACRO tb__int(t) AS CASE
    WHEN regexp_full_match(t, '[+-]?\d+') THEN try_cast(t AS BIGINT)
    WHEN regexp_full_match(t, '[+-]?\d{1,3}(\.\d{3})+') THEN try_cast(replace(t, '.', '') AS BIGINT)
    WHEN regexp_full_match(t, '[+-]?\d+[.,]0+') THEN try_cast(regexp_extract(t, '^[+-]?\d+') AS BIGINT)
END;
CREATE OR REPLACE TEMP MACRO tb_int(v) AS tb__int(tb_trim(v));

-- Decimals are rewritten to the one form both strconv.ParseFloat and DuckDB's cast read the same
-- way (digits, '.', optional exponent), so Go and SQL round identically. The branch order
-- matters: a single separator is a decimal separator ("1.000" is 1.0), two or more dots are
-- thousands, and with both separators the last one is the decimal separator.
CREATE OR REPLACE TEMP MACRO tb__dec_text(t) AS CASE
    -- The commonest form first: no other branch matches what it matches.
    WHEN regexp_full_match(t, '[+-]?\d+([.,]\d+)?') THEN replace(t, ',', '.')
    WHEN regexp_full_match(t, '[+-]?\d+([.,]\d+)?[eE][+-]?\d+') THEN replace(t, ',', '.')
    WHEN regexp_full_match(t, '[+-]?\d{1,3}(\.\d{3})+') THEN replace(t, '.', '')
    WHEN regexp_full_match(t, '[+-]?\d{1,3}(\.\d{3})+,\d+') THEN replace(replace(t, '.', ''), ',', '.')
    WHEN regexp_full_match(t, '[+-]?\d{1,3}(,\d{3})+\.\d+') THEN replace(t, ',', '')
END;
-- A cast that overflows gives ±inf rather than NULL; infinity is no workload figure.
CREATE OR REPLACE TEMP MACRO tb__finite(x) AS CASE WHEN isfinite(x) THEN x END;
CREATE OR REPLACE TEMP MACRO tb__dec(t) AS tb__finite(try_cast(tb__dec_text(t) AS DOUBLE));
CREATE OR REPLACE TEMP MACRO tb_dec(v) AS tb__dec(tb_trim(v));

-- A calendar date from its parts, or NULL when it does not exist or lies outside 1900..2100.
-- make_date raises on 31 February; try() turns that into NULL.
CREATE OR REPLACE TEMP MACRO tb__ymd(y, m, d) AS CASE
    WHEN try_cast(y AS INTEGER) BETWEEN 1900 AND 2100
        THEN try(make_date(try_cast(y AS INTEGER), try_cast(m AS INTEGER), try_cast(d AS INTEGER)))
END;

-- Excel's 1900 date system: serial 1 is 1900-01-01 and serial 60 is Lotus 1-2-3's phantom
-- 29 February 1900, so serials from 61 on are days since 1899-12-30 and those below 60 days since
-- 1899-12-31. 73050 is 2099-12-31.
CREATE OR REPLACE TEMP MACRO tb__excel_serial(n) AS CASE
    WHEN n BETWEEN 1 AND 59 THEN DATE '1899-12-31' + try_cast(n AS INTEGER)
    WHEN n BETWEEN 61 AND 73050 THEN DATE '1899-12-30' + try_cast(n AS INTEGER)
END;

-- The forms do not overlap, so the first WHEN whose shape matches decides, valid or not.
CREATE OR REPLACE TEMP MACRO tb__date(t, excel) AS CASE
    -- dd/mm/19yy and dd/mm/20yy, the form nearly every file uses, are the first branch below
    -- written as GLOB patterns, which DuckDB matches in half the time of the regular expression.
    -- GLOB matches whole values, byte by byte, and [0-9] is an ASCII digit, as \d is in RE2.
    WHEN t GLOB '[0-9][0-9]/[0-9][0-9]/19[0-9][0-9]' OR t GLOB '[0-9][0-9]/[0-9][0-9]/20[0-9][0-9]'
        THEN CAST(try_strptime(t, '%d/%m/%Y') AS DATE)
    -- d/m/yyyy, d-m-yyyy, d.m.yyyy: day first, as Indonesians write dates. The year's range is
    -- part of the shape, so a year outside 1900..2100 matches no branch. strptime rejects days a
    -- month does not have; one CASE of a regular expression and strptime per separator is several
    -- times faster than taking the parts out, and this is the form nearly every file uses.
    WHEN regexp_full_match(t, '\d{1,2}/\d{1,2}/(19\d\d|20\d\d|2100)') THEN CAST(try_strptime(t, '%d/%m/%Y') AS DATE)
    WHEN regexp_full_match(t, '\d{1,2}-\d{1,2}-(19\d\d|20\d\d|2100)') THEN CAST(try_strptime(t, '%d-%m-%Y') AS DATE)
    WHEN regexp_full_match(t, '\d{1,2}\.\d{1,2}\.(19\d\d|20\d\d|2100)') THEN CAST(try_strptime(t, '%d.%m.%Y') AS DATE)
    -- yyyy-mm-dd, yyyy/mm/dd.
    WHEN regexp_full_match(t, '\d{4}-\d{2}-\d{2}|\d{4}/\d{2}/\d{2}')
        THEN tb__ymd(substr(t, 1, 4), substr(t, 6, 2), substr(t, 9, 2))
    -- yyyy-mm-dd and a time of day, as timestamps print (Parquet, database exports); the time
    -- and any UTC offset are dropped, the calendar date is kept as written.
    WHEN regexp_full_match(t, '\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)?')
        THEN CASE
            WHEN substr(t, 12, 2) <= '23' AND substr(t, 15, 2) <= '59'
                AND (substr(t, 17, 1) <> ':' OR substr(t, 18, 2) <= '59')
                THEN tb__ymd(substr(t, 1, 4), substr(t, 6, 2), substr(t, 9, 2))
        END
    -- An XLSX cell holding a bare number in a date column is an Excel serial; the fraction is
    -- the time of day.
    WHEN excel AND regexp_full_match(t, '\d+(\.\d+)?')
        THEN tb__excel_serial(try_cast(regexp_extract(t, '^\d+') AS BIGINT))
END;
CREATE OR REPLACE TEMP MACRO tb_date(v, excel) AS tb__date(tb_trim(v), excel);

-- First day of a month, or NULL outside 1900..2100.
CREATE OR REPLACE TEMP MACRO tb__ym(y, m) AS CASE
    WHEN try_cast(y AS INTEGER) BETWEEN 1900 AND 2100 AND try_cast(m AS INTEGER) BETWEEN 1 AND 12
        THEN make_date(try_cast(y AS INTEGER), try_cast(m AS INTEGER), 1)
END;
-- A period: yyyymm, yyyy-mm, yyyy/mm, m/yyyy, m-yyyy (month one or two digits), else any date,
-- which names its month. A value with one of the month shapes is never read as a date.
CREATE OR REPLACE TEMP MACRO tb__month(t, excel) AS CASE
    WHEN regexp_full_match(t, '\d{6}') THEN tb__ym(substr(t, 1, 4), substr(t, 5, 2))
    WHEN regexp_full_match(t, '\d{4}[-/]\d{2}') THEN tb__ym(substr(t, 1, 4), substr(t, 6, 2))
    WHEN regexp_full_match(t, '\d{1,2}[-/]\d{4}') THEN tb__ym(regexp_extract(t, '\d{4}$'), regexp_extract(t, '^\d+'))
    ELSE CAST(date_trunc('month', tb__date(t, excel)) AS DATE)
END;
CREATE OR REPLACE TEMP MACRO tb_month(v, excel) AS tb__month(tb_trim(v), excel);

-- NIP: decrees print it in groups ("19860926 201505 1 001"), so every trim character is removed,
-- not only the outer ones, before asking for exactly 18 digits. tb__is_nip is \d{18} as a GLOB
-- pattern (see tb__date), which DuckDB matches in two thirds of the time.
CREATE OR REPLACE TEMP MACRO tb__is_nip(v) AS
    v GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]';
CREATE OR REPLACE TEMP MACRO tb__nip_strip(v) AS regexp_replace(v, '[\t\n\v\f\r \x{00A0}\x{FEFF}]', '', 'g');
CREATE OR REPLACE TEMP MACRO tb_nip(v) AS CASE
    WHEN tb__is_nip(v) THEN v
    WHEN tb__is_nip(tb__nip_strip(v)) THEN tb__nip_strip(v)
END;

-- The fast path below: a month and a day that exist in every year (29 February is left to the
-- full check), as the text of a regular expression.
CREATE OR REPLACE TEMP MACRO tb__nip_month_day() AS
    '(?:(?:0[1-9]|1[0-2])(?:0[1-9]|1\d|2[0-8])|(?:0[13-9]|1[0-2])(?:29|30)|(?:0[13578]|1[02])31)';
-- Why a NIP's structure is wrong, or NULL when it is fine (or NULL). The first failing part is
-- named: 'birth_date' (YYYYMMDD, a real date in 1940..2010), 'appointment' (YYYY 1960..2100 and
-- at least 15 years after the birth year; MM a month, or 21..29 as NI PPPK numbers carry there),
-- 'sex' (1 or 2). A value that is not 18 digits is 'format'.
CREATE OR REPLACE TEMP MACRO tb_nip_problem(nip) AS CASE
    -- Nearly every NIP is fine, and one regular expression says so, the 15-year gap included: the
    -- birth years fall in five groups, and each allows only appointment years at least 15 years
    -- after the group's last birth year (1965 -> 1980, 1975 -> 1990, 1985 -> 2000, 1995 -> 2010,
    -- 2010 -> 2025). A regular expression costs the same whatever it spells out, and casting the
    -- two years to numbers to subtract them cost more than the expression itself. A NIP outside
    -- the groups (a gap near 15 years, 29 February) or with a fault takes the full check below.
    -- The pattern is built from constants, so DuckDB compiles it once.
    WHEN regexp_full_match(nip,
            '(?:(?:19[45]\d|196[0-5])' || tb__nip_month_day() || '(?:19[89]\d|20\d\d|2100)'
            || '|(?:196[6-9]|197[0-5])' || tb__nip_month_day() || '(?:199\d|20\d\d|2100)'
            || '|(?:197[6-9]|198[0-5])' || tb__nip_month_day() || '(?:20\d\d|2100)'
            || '|(?:198[6-9]|199[0-5])' || tb__nip_month_day() || '(?:20[1-9]\d|2100)'
            || '|(?:199[6-9]|200\d|2010)' || tb__nip_month_day() || '(?:202[5-9]|20[3-9]\d|2100)'
            || ')(?:0[1-9]|1[0-2]|2[1-9])[12]\d{3}')
        THEN NULL
    WHEN nip IS NULL THEN NULL
    WHEN NOT tb__is_nip(nip) THEN 'format'
    -- From here the value is 18 ASCII digits, so its parts compare as text, which is cheaper
    -- than casting each to a number on millions of rows.
    WHEN NOT (substr(nip, 1, 4) BETWEEN '1940' AND '2010')
        OR try_strptime(substr(nip, 1, 8), '%Y%m%d') IS NULL
        THEN 'birth_date'
    WHEN NOT (substr(nip, 13, 2) BETWEEN '01' AND '12' OR substr(nip, 13, 2) BETWEEN '21' AND '29')
        OR NOT (substr(nip, 9, 4) BETWEEN '1960' AND '2100')
        OR CAST(substr(nip, 9, 4) AS INTEGER) - CAST(substr(nip, 1, 4) AS INTEGER) < 15
        THEN 'appointment'
    WHEN substr(nip, 15, 1) NOT IN ('1', '2') THEN 'sex'
END;

-- A NIP cell a spreadsheet turned into a number: anything tb_dec reads that is not plain digits
-- (1.98609E+17, 198609262015051000.0, grouped thousands), or scientific notation with a decimal
-- comma as Indonesian Excel shows it (1,98609E+17). Lets the report say "format the column as
-- Text" instead of only "wrong length".
CREATE OR REPLACE TEMP MACRO tb_nip_float(v) AS coalesce(
    (tb_dec(v) IS NOT NULL AND NOT regexp_full_match(tb_trim(v), '[+-]?\d+'))
        OR regexp_full_match(tb_trim(v), '[+-]?\d+,\d+[eE][+-]?\d+'),
    false);

-- Kemendagri region codes PP, PP.KK, PP.KK.CC, PP.KK.CC.DDDD; the digits-only forms (as a
-- numeric cell or a careless export gives them) get their dots back.
CREATE OR REPLACE TEMP MACRO tb__region(t) AS CASE
    WHEN regexp_full_match(t, '\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?') THEN t
    WHEN regexp_full_match(t, '\d{4}|\d{6}|\d{10}')
        THEN concat_ws('.', substr(t, 1, 2), nullif(substr(t, 3, 2), ''), nullif(substr(t, 5, 2), ''),
                       nullif(substr(t, 7, 4), ''))
END;
CREATE OR REPLACE TEMP MACRO tb_region(v) AS tb__region(tb_trim(v));

-- Free text: trimmed, and NULL when nothing is left (ParseText).
CREATE OR REPLACE TEMP MACRO tb__text(t) AS nullif(t, '');
CREATE OR REPLACE TEMP MACRO tb_text(v) AS tb__text(tb_trim(v));

-- Codes (ParseCode). Whitespace inside a code is a typo that would otherwise make a second,
-- different code; the set is Unicode White_Space plus the zero-width space and the BOM, the same as
-- isCodeSpace in parse.go. Codes that compare lower-cased (unit types, cadres) go through
-- tb_lower_code.
CREATE OR REPLACE TEMP MACRO tb__code(t) AS CASE
    WHEN t = '' THEN NULL
    WHEN regexp_matches(t, '[\t\n\v\f\r \x{0085}\x{00A0}\x{1680}\x{2000}-\x{200B}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}]')
        THEN NULL
    ELSE t
END;
CREATE OR REPLACE TEMP MACRO tb_code(v) AS tb__code(tb_trim(v));
CREATE OR REPLACE TEMP MACRO tb_lower_code(v) AS lower(tb_code(v));
