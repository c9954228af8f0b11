UPDATE data_version SET version = version + 1, refreshed_at = current_timestamp;
