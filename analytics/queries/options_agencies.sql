SELECT code, name, region_code FROM agencies ORDER BY name;
