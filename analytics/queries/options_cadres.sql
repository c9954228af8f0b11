SELECT code, CASE WHEN $lang = 'en' THEN name_en ELSE name_id END FROM cadres ORDER BY sort;
