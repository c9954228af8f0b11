SELECT code, CASE WHEN $lang = 'en' THEN name_en ELSE name_id END FROM unit_types ORDER BY sort;
