# Loads every league of ../shared/football-data when present (every season: a real user loads all
# they have, and coupons name clubs of any of them), else the ten leagues the two real SportPesa
# coupons span, seasons 2020-21 to 2022-23, fetched from football-data.co.uk when the machine is
# online; and the coupons themselves.
# (Sourced by scripts/demo with root and the PG* connection set.)
leagues=(B1 D1 E0 E1 F1 I1 N1 P1 SP1 T1)
seasons=(2021 2122 2223)
data=${JACKPOT_FOOTBALL_DATA:-$root/../shared/football-data}
coupons=${JACKPOT_COUPONS:-$data/extras/jackpot/Ochoka_hist_jackport17_SAMPLE_first2jackpots.csv}
if [ ! -d "$data" ]; then
  if curl -sSf -o /dev/null --max-time 10 https://www.football-data.co.uk/ 2>/dev/null; then
    data=${XDG_CACHE_HOME:-$HOME/.cache}/jackpot/football-data
    echo "../shared/football-data is absent: fetching ${#leagues[@]} leagues x ${#seasons[@]} seasons into $data"
    "$root/scripts/fetch-football-data" --seasons "$(IFS=,; echo "${seasons[*]}")" --leagues "$(IFS=,; echo "${leagues[*]}")" "$data"
  else
    echo "demo: no match data. Put football-data.co.uk's files in $root/../shared/football-data"
    echo "      (<season>/<league>.csv, e.g. 2223/E0.csv), or set JACKPOT_FOOTBALL_DATA to such a folder;"
    echo "      this machine cannot reach football-data.co.uk to fetch them."
    exit 1
  fi
fi
if [ ! -f "$coupons" ]; then
  echo "demo: the two real SportPesa coupons are not at $coupons."
  echo "      Put Ochoka_hist_jackport17_SAMPLE_first2jackpots.csv there (../shared/football-data/extras/jackpot/),"
  echo "      or set JACKPOT_COUPONS to its path."
  exit 1
fi
files=()
if [ -f "$data/manifest.json" ]; then  # the shared collection: every league, every season
  while IFS= read -r f; do files+=("$f"); done < <(find "$data" -name '*.csv' -not -path '*/extras/*' | sort)
else
  for season in "${seasons[@]}"; do for league in "${leagues[@]}"; do files+=("$data/$season/$league.csv"); done; done
fi
started=$(date +%s%N)
"$root/scripts/load-football-data" --snapshot-date 2023-02-01 "${files[@]}" > /dev/null
echo "Loaded ${#files[@]} files in $(( ($(date +%s%N) - started) / 1000000 )) ms:"
psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
\pset footer off
SELECT count(DISTINCT l.id) AS leagues, count(DISTINCT l.country) AS countries, count(DISTINCT t.id) AS teams,
       (SELECT count(*) FROM jackpot.matches) AS matches, (SELECT min(match_date) FROM jackpot.matches) AS first,
       (SELECT max(match_date) FROM jackpot.matches) AS last
  FROM jackpot.leagues l JOIN jackpot.teams t ON t.league_id = l.id;
SQL
# The coupons: one row per fixture, with the real result as SportPesa settled it.
psql -X -q -v ON_ERROR_STOP=1 -c "CREATE SCHEMA demo" \
  -c "CREATE TABLE demo.coupon_file (jackpot text, n int, kickoff timestamptz, home text, away text, pick text, score text)" \
  -c "\\copy demo.coupon_file FROM '$coupons' WITH (FORMAT csv, HEADER true)" \
  -c "CREATE TABLE demo.coupon AS
        SELECT dense_rank() OVER (ORDER BY first_kickoff) AS coupon, n, kickoff::date AS day, home, away, score
          FROM (SELECT *, min(kickoff) OVER (PARTITION BY jackpot) AS first_kickoff FROM demo.coupon_file) AS f"
