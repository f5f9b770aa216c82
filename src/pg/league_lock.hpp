// Work that writes a league's data (ingesting its matches, fitting its model) holds a
// transaction-level advisory lock on the league's code: two sessions working on one league take
// turns, so they never interleave writes (two active models, a fit on half an ingestion).
// Sessions on different leagues never wait for each other.
#pragma once

#include <string>

namespace jackpot::pg {

// The lock's first key: 'JACK' (0x4A41434B); the second is hashtext(league code). Released when
// the transaction ends. docs/security.md lists it for administrators reading pg_locks.
constexpr int kLeagueLockClass = 0x4A41434B;

void lock_league(const std::string& league_code);

}  // namespace jackpot::pg
