-- A region's parent must exist, in the batch or in the database.
SELECT _file, _row, 'code', 'unknown_parent', left(code, length(code) - CASE length(code) WHEN 13 THEN 5 ELSE 3 END)
FROM batch_regions b
WHERE code IS NOT NULL AND length(code) > 2
  AND NOT EXISTS (SELECT 1 FROM regions r WHERE r.code = left(b.code, length(b.code) - CASE length(b.code) WHEN 13 THEN 5 ELSE 3 END))
  AND NOT EXISTS (SELECT 1 FROM batch_regions r WHERE r.code = left(b.code, length(b.code) - CASE length(b.code) WHEN 13 THEN 5 ELSE 3 END))
