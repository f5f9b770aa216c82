-- TAP over the adversarial evaluation of fixture resolution (resolution.sql), and the
-- soccerplatform sample of real SportPesa Mega Jackpot fixtures (psql variable soccerplatform:
-- the file in base64).
\set QUIET on
\pset format unaligned
\pset tuples_only on
\pset pager off
\ir resolution.sql
\ir soccerplatform.sql
SELECT plan(6);
SELECT is((SELECT count(*)::int FROM resolution_verdicts WHERE verdict = 'wrong'), 0,
          format('fixture resolution: 0 wrong identities over %s names of %s clubs (%s right, %s unresolved)',
                 (SELECT count(*) FROM resolution_verdicts),
                 (SELECT count(DISTINCT (canonical, country)) FROM resolution_cases WHERE canonical IS NOT NULL),
                 (SELECT count(*) FROM resolution_verdicts WHERE verdict = 'right'),
                 (SELECT count(*) FROM resolution_verdicts WHERE verdict = 'unresolved')));
SELECT diag(format('%s: %s names, %s right, %s unresolved, %s wrong', setting, count(*), count(*) FILTER (WHERE verdict = 'right'),
                   count(*) FILTER (WHERE verdict = 'unresolved'), count(*) FILTER (WHERE verdict = 'wrong')))
  FROM resolution_verdicts GROUP BY setting ORDER BY setting;
SELECT diag('wrong: ' || name || ' -> ' || resolved) FROM resolution_verdicts WHERE verdict = 'wrong' LIMIT 20;
SELECT diag(format('home names resolved right in the match''s own league row: %s of %s (the rest: the right club, another league of its country)',
                   count(*) FILTER (WHERE same_row), count(*)))
  FROM resolution_verdicts WHERE verdict = 'right' AND same_row IS NOT NULL;
-- recall that a regression would lose (precision is the test above)
SELECT cmp_ok((SELECT avg((verdict = 'right')::int)::float8 FROM resolution_verdicts WHERE setting = 'league'), '>=', 0.995::float8,
              'a league fixture: at least 99.5% of bookmaker spellings resolve, against the real opponent');
SELECT cmp_ok((SELECT avg((verdict = 'right')::int)::float8 FROM resolution_verdicts WHERE setting = 'both'), '>=', 0.99::float8,
              '... and at least 99% with the opponent spelled too');
SELECT cmp_ok((SELECT avg((verdict = 'right')::int)::float8 FROM resolution_verdicts WHERE setting = 'cup'), '>=', 0.35::float8,
              'a cup tie against an unknown club: at least 35% resolve on the name alone (every word explained)');
SELECT is((SELECT count(*)::int FROM resolution_verdicts WHERE setting = 'absent club' AND verdict <> 'unresolved'), 0,
          'a club the data does not have ("<club> Jets" against an unknown opponent) is never resolved');
SELECT is((SELECT count(*)::int FROM soccerplatform_verdicts WHERE verdict = 'wrong'), 0,
          format('soccerplatform''s real Mega Jackpot fixtures of September 2016 (%s names, as the coupon wrote them): %s right, %s unresolved, none wrong',
                 (SELECT count(*) FROM soccerplatform_verdicts), (SELECT count(*) FROM soccerplatform_verdicts WHERE verdict = 'right'),
                 (SELECT count(*) FROM soccerplatform_verdicts WHERE verdict = 'unresolved')));
SELECT diag(format('soccerplatform: %s "%s" %s', verdict, name, coalesce('-> ' || resolved, ''))) FROM soccerplatform_verdicts WHERE verdict <> 'right';
SELECT * FROM finish();
