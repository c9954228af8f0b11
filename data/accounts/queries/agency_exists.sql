-- Whether an agency code has been imported.
SELECT EXISTS (SELECT 1 FROM agencies WHERE code = ?);
