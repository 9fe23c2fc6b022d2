#include "nvue_tree.h"

#include <doctest/doctest.h>

using namespace cfgc::devsim;
using nlohmann::json;

TEST_CASE("nvue tree: merge patch, delete, get") {
  json t = json::object();
  nvue_patch(t, {}, json::parse(R"({"interface":{"swp1":{"link":{"mtu":9000}}},"system":{"hostname":"a"}})"));
  nvue_patch(t, {"interface", "swp2"}, json::object());
  nvue_patch(t, {"interface", "swp1", "link"}, json::parse(R"({"state":{"up":{}}, "mtu": null})"));
  CHECK(t == json::parse(R"({"interface":{"swp1":{"link":{"state":{"up":{}}}},"swp2":{}},"system":{"hostname":"a"}})"));
  CHECK(nvue_get(t, {"system", "hostname"}) == json("a"));
  CHECK_FALSE(nvue_get(t, {"nope"}).has_value());
  nvue_delete(t, {"interface", "swp1"});
  CHECK(t["interface"] == json::parse(R"({"swp2":{}})"));
  nvue_patch(t, {"system"}, nullptr);
  CHECK_FALSE(t.contains("system"));
  nvue_delete(t, {});
  CHECK(t == json::object());
}

TEST_CASE("nvue tree: validation") {
  auto issues = nvue_validate(json::parse(
      R"({"interface":{"swp1":{"link":{"mtu":100}},"bad0":{},"swp2s1":{},"bond1":{},"eth0":{},"vlan10":{}},
          "router":{"bgp":{"autonomous-system":0}}})"));
  REQUIRE(issues.size() == 3);
  std::string all;
  for (const auto& i : issues) all += i.message + "\n";
  CHECK(all.find("interface.bad0") != std::string::npos);
  CHECK(all.find("less than the minimum value of 552") != std::string::npos);
  CHECK(all.find("router.bgp.autonomous-system") != std::string::npos);
  CHECK(nvue_validate(json::parse(R"({"interface":{"swp1":{"link":{"mtu":9216}}},"router":{"bgp":{"autonomous-system":4294967295}}})")).empty());

  std::string err;
  auto f = parse_fault("reject=evil", &err);
  REQUIRE(f);
  FaultSet faults({*f});
  CHECK(nvue_rejected(json::parse(R"({"x":{"evil-key":1}})"), {"system"}, faults).size() == 1);
  CHECK(nvue_rejected(json::parse(R"({"x":"so evil"})"), {}, faults)[0].path == "x");
  CHECK(nvue_rejected(json::parse(R"({"x":"fine"})"), {}, faults).empty());
}
