SELECT code, name, level FROM regions WHERE code = $code;
