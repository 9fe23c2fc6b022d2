#include "cmd/duration_flag.h"

#include <doctest/doctest.h>

using cfgc::cli::parse_duration_ms;

TEST_CASE("duration flags: units, default seconds, malformed values") {
  CHECK(parse_duration_ms("30") == 30000);
  CHECK(parse_duration_ms("30s") == 30000);
  CHECK(parse_duration_ms("250ms") == 250);
  CHECK(parse_duration_ms("5m") == 300000);
  CHECK(parse_duration_ms("1h") == 3600000);
  CHECK(parse_duration_ms("") == -1);
  CHECK(parse_duration_ms("s") == -1);
  CHECK(parse_duration_ms("5d") == -1);
  CHECK(parse_duration_ms("1234567890") == -1);
}
