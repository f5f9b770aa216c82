# TAP helpers for the suites' runners (sourced).

# assert_tap_plan NAME COMMAND...: runs a command that prints TAP and passes its output on, then
# asserts that it reported every test its plans (1..N lines) announced. A suite cut short, as
# when a psql error ends a statement that would have printed "ok", fails here (a "not ok" line and
# status 1) instead of passing with fewer tests. Otherwise returns the command's exit status.
assert_tap_plan() {
  local name=$1 out status planned reported
  shift
  out=$(mktemp)
  "$@" > "$out" 2>&1 && status=0 || status=$?
  cat "$out"
  planned=$(awk '/^1\.\.[0-9]+/ { split($1, plan, "\\.\\."); total += plan[2] } END { print total + 0 }' "$out")
  reported=$(grep -cE '^(not )?ok [0-9]+' "$out" || true)
  if [ "$planned" != "$reported" ]; then
    echo "not ok $((reported + 1)) - $name: $planned tests planned, $reported reported (the suite stopped early)"
    status=1
  fi
  rm -f "$out"
  return "$status"
}
