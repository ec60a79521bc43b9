CREATE TABLE "leaderboard_version" (
	"challenge_id" integer PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
-- Raises the leaderboard version of each challenge in ids, in id order (two transactions touching the same
-- challenges lock their rows in one order: no deadlock).
CREATE FUNCTION leaderboard_bump(ids integer[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO leaderboard_version AS v (challenge_id, version)
  SELECT DISTINCT id, 1 FROM unnest(ids) AS id WHERE id IS NOT NULL ORDER BY 1
  ON CONFLICT (challenge_id) DO UPDATE SET version = v.version + 1
$$
--> statement-breakpoint
CREATE FUNCTION leaderboard_submission_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM leaderboard_bump(ARRAY(SELECT challenge_id FROM new_rows WHERE status = 'scored'));
  RETURN NULL;
END $$
--> statement-breakpoint
CREATE FUNCTION leaderboard_submission_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A claim (queued to scoring) changes nothing on the board; a score, a failure, a move or a final selection does.
  PERFORM leaderboard_bump(ARRAY(
    SELECT n.challenge_id FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE (n.status IS DISTINCT FROM o.status AND (n.status IN ('scored', 'failed') OR o.status IN ('scored', 'failed')))
       OR n.team_id IS DISTINCT FROM o.team_id OR n.selected_final IS DISTINCT FROM o.selected_final OR n.challenge_id IS DISTINCT FROM o.challenge_id
    UNION SELECT o.challenge_id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.challenge_id IS DISTINCT FROM o.challenge_id));
  RETURN NULL;
END $$
--> statement-breakpoint
CREATE FUNCTION leaderboard_submission_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM leaderboard_bump(ARRAY(SELECT challenge_id FROM old_rows WHERE status <> 'failed'));
  RETURN NULL;
END $$
--> statement-breakpoint
CREATE TRIGGER leaderboard_submission_insert AFTER INSERT ON submission REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION leaderboard_submission_inserted()
--> statement-breakpoint
CREATE TRIGGER leaderboard_submission_update AFTER UPDATE ON submission REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION leaderboard_submission_updated()
--> statement-breakpoint
CREATE TRIGGER leaderboard_submission_delete AFTER DELETE ON submission REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION leaderboard_submission_deleted()
--> statement-breakpoint
CREATE FUNCTION leaderboard_score_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM leaderboard_bump(ARRAY(SELECT s.challenge_id FROM old_rows r JOIN submission s ON s.id = r.submission_id));
  ELSE
    PERFORM leaderboard_bump(ARRAY(SELECT s.challenge_id FROM new_rows r JOIN submission s ON s.id = r.submission_id));
  END IF;
  RETURN NULL;
END $$
--> statement-breakpoint
CREATE TRIGGER leaderboard_public_score_insert AFTER INSERT ON public_score REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION leaderboard_score_changed()
--> statement-breakpoint
CREATE TRIGGER leaderboard_public_score_update AFTER UPDATE ON public_score REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION leaderboard_score_changed()
--> statement-breakpoint
CREATE TRIGGER leaderboard_public_score_delete AFTER DELETE ON public_score REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION leaderboard_score_changed()
--> statement-breakpoint
CREATE TRIGGER leaderboard_private_score_insert AFTER INSERT ON private_score REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION leaderboard_score_changed()
--> statement-breakpoint
CREATE TRIGGER leaderboard_private_score_update AFTER UPDATE ON private_score REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION leaderboard_score_changed()
--> statement-breakpoint
CREATE TRIGGER leaderboard_private_score_delete AFTER DELETE ON private_score REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION leaderboard_score_changed()
--> statement-breakpoint
CREATE TRIGGER leaderboard_benchmark_entry_insert AFTER INSERT ON benchmark_entry REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION leaderboard_score_changed()
--> statement-breakpoint
CREATE TRIGGER leaderboard_benchmark_entry_update AFTER UPDATE ON benchmark_entry REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION leaderboard_score_changed()
--> statement-breakpoint
CREATE TRIGGER leaderboard_benchmark_entry_delete AFTER DELETE ON benchmark_entry REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION leaderboard_score_changed()
--> statement-breakpoint
CREATE FUNCTION leaderboard_team_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM leaderboard_bump(ARRAY(SELECT challenge_id FROM old_rows));
  ELSE
    PERFORM leaderboard_bump(ARRAY(
      SELECT n.challenge_id FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE n.name IS DISTINCT FROM o.name OR n.disqualified IS DISTINCT FROM o.disqualified));
  END IF;
  RETURN NULL;
END $$
--> statement-breakpoint
CREATE TRIGGER leaderboard_team_update AFTER UPDATE ON team REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION leaderboard_team_changed()
--> statement-breakpoint
CREATE TRIGGER leaderboard_team_delete AFTER DELETE ON team REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION leaderboard_team_changed()
--> statement-breakpoint
-- The challenge itself: a reveal, an early end, new dates, a change of visibility or of the number of final
-- selections changes what its board shows (the public/private switch, which subset).
CREATE FUNCTION leaderboard_challenge_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'challenge' THEN
    PERFORM leaderboard_bump(ARRAY(SELECT id FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM leaderboard_bump(ARRAY(SELECT challenge_id FROM old_rows WHERE challenge_id IN (SELECT id FROM challenge)));
  ELSE
    PERFORM leaderboard_bump(ARRAY(SELECT challenge_id FROM new_rows));
  END IF;
  RETURN NULL;
END $$
--> statement-breakpoint
CREATE TRIGGER leaderboard_challenge_update AFTER UPDATE ON challenge REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION leaderboard_challenge_changed()
--> statement-breakpoint
CREATE TRIGGER leaderboard_phase_insert AFTER INSERT ON phase REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION leaderboard_challenge_changed()
--> statement-breakpoint
CREATE TRIGGER leaderboard_phase_update AFTER UPDATE ON phase REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION leaderboard_challenge_changed()
--> statement-breakpoint
CREATE TRIGGER leaderboard_phase_delete AFTER DELETE ON phase REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION leaderboard_challenge_changed()
;
