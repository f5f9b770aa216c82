-- 0.1.2: a model's parameters and team strengths (a few kB of jsonb, written once per fit) are
-- compressed with lz4 instead of pglz: several times faster to write and to read back, for a
-- slightly larger stored value. Rows written before keep their pglz values; both are read alike.
ALTER TABLE jackpot.models
  ALTER COLUMN parameters SET COMPRESSION lz4,
  ALTER COLUMN team_strengths SET COMPRESSION lz4;
