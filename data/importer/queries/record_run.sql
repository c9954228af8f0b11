INSERT INTO import_runs (started_at, finished_at, actor, files, outcome, inserted, updated, unchanged, problems, message)
VALUES ($started, $finished, $actor, $files, $outcome, $inserted, $updated, $unchanged, $problems, $message)
RETURNING id;
