-- Whether a region code is in the Kemendagri reference list.
SELECT EXISTS (SELECT 1 FROM regions WHERE code = ?);
