SELECT value FROM workload WHERE unit_code = ? AND indicator = ? AND period = ?;
