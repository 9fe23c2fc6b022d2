#include "faults.h"

#include <doctest/doctest.h>

using namespace cfgc::devsim;

TEST_CASE("faults: parsing") {
  std::string err;
  auto t = parse_targeted_fault("eos1:latency=250", &err);
  REQUIRE(t);
  CHECK(t->device == "eos1");
  CHECK(t->fault.kind == FaultKind::Latency);
  CHECK(t->fault.ms == 250);
  t = parse_targeted_fault("*:reject=^ip (route|address) 1:2", &err);
  REQUIRE(t);
  CHECK(t->device == "*");
  CHECK(t->fault.pattern == "^ip (route|address) 1:2");
  CHECK_FALSE(parse_targeted_fault("eos1:bogus", &err));
  CHECK(err.find("unknown fault kind") != std::string::npos);
  CHECK_FALSE(parse_fault("latency", &err));
  CHECK_FALSE(parse_fault("hang=1", &err));
  CHECK_FALSE(parse_fault("random=2", &err));
  CHECK_FALSE(parse_fault("reject=(", &err));
  CHECK(parse_device_fault("http500", "eos1", &err));
  CHECK(parse_device_fault("eos1:http500", "eos1", &err));
  CHECK(parse_device_fault("*:hang", "eos1", &err));
  CHECK_FALSE(parse_device_fault("eos2:http500", "eos1", &err));
}

TEST_CASE("faults: set queries and random") {
  std::string err;
  FaultSet s({*parse_fault("reject=foo", &err), *parse_fault("latency=5", &err), *parse_fault("latency=7", &err)});
  CHECK(s.latency_ms() == 7);
  CHECK(s.rejecting_pattern("a foo b") == "foo");
  CHECK_FALSE(s.rejecting_pattern("bar"));
  CHECK_FALSE(s.has(FaultKind::Hang));
  FaultSet r({*parse_fault("random=1", &err)});
  std::mt19937_64 rng(42);
  FaultSet copy = r;
  CHECK(copy.roll_random(rng).has_value());
  FaultSet none({*parse_fault("random=0", &err)});
  CHECK_FALSE(none.roll_random(rng).has_value());
}
