-- Who is asking. Behind PostgREST or Supabase the caller is the JWT's sub claim, which
-- PostgREST puts in request.jwt.claims for the transaction; a direct connection is its session
-- user. Row-level security on the jackpot tables compares user_id with this.
CREATE FUNCTION jackpot.current_user_id() RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
  SELECT CASE WHEN claims IS NULL THEN session_user::text ELSE claims OPERATOR(pg_catalog.->>) 'sub' END
    FROM (SELECT nullif(current_setting('request.jwt.claims', true), '')::jsonb AS claims) AS request
$$;
COMMENT ON FUNCTION jackpot.current_user_id() IS
  'The caller''s user id: the sub claim of request.jwt.claims (PostgREST/Supabase) when claims are set (NULL if they carry no sub: such a caller owns nothing), else session_user. Claims that are not JSON are an error (22P02).';
