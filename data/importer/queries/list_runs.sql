SELECT id, started_at, finished_at, actor, files, outcome, inserted, updated, unchanged, problems, coalesce(message, '')
FROM import_runs
WHERE $actor = '' OR actor = $actor
ORDER BY id DESC
LIMIT $limit;
