SELECT grade, min_ej, min_inclusive FROM abk_grades ORDER BY min_ej DESC;
