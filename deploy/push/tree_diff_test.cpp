#include "deploy/push/tree_diff.h"

#include <doctest/doctest.h>

using namespace cfgc::push;
using nlohmann::json;

TEST_CASE("tree diff: leaves added, removed and changed, by path") {
  json before = json::parse(R"({"interface":{"swp1":{"link":{"mtu":1500,"state":{"up":{}}}},"swp2":{}},"system":{"hostname":"a"}})");
  json after = json::parse(R"({"interface":{"swp1":{"link":{"mtu":9216,"state":{"up":{}}}},"swp3":{}},"system":{"hostname":"a"}})");
  std::vector<TreeChange> d = diff_trees(before, after);
  REQUIRE(d.size() == 3);  // swp2 and swp3 are empty: leaves
  CHECK(render_tree_diff(d) ==
        "- interface.swp2: {}\n"
        "~ interface.swp1.link.mtu: 1500 -> 9216\n"
        "+ interface.swp3: {}\n");
  CHECK(diff_trees(after, after).empty());
}

TEST_CASE("tree diff: keys that are not plain are quoted") {
  json before = json::object();
  json after = json::parse(R"({"ip":{"address":{"10.0.0.1/32":{}}}})");
  CHECK(render_tree_diff(diff_trees(before, after)) == "+ ip.address.\"10.0.0.1/32\": {}\n");
  after = json::parse(R"({"a.b":1})");
  CHECK(render_tree_diff(diff_trees(before, after)) == "+ \"a.b\": 1\n");
}

TEST_CASE("tree diff: RFC 7396 merge patch") {
  json target = json::parse(R"({"a":{"b":1,"c":2},"d":[1,2]})");
  json patch = json::parse(R"({"a":{"b":null,"e":3},"d":[3]})");
  CHECK(merge_patch(target, patch) == json::parse(R"({"a":{"c":2,"e":3},"d":[3]})"));
  CHECK(merge_patch(json(1), json::parse(R"({"x":1})")) == json::parse(R"({"x":1})"));
}

TEST_CASE("tree diff: gNMI paths for keyed JSON_IETF trees") {
  json before = json::parse(
      R"({"ietf-interfaces:interfaces":{"interface":{"[name=eth0]":{"name":"eth0","mtu":1500}}}})");
  json after = json::parse(
      R"({"ietf-interfaces:interfaces":{"interface":{"[name=eth0]":{"name":"eth0","mtu":9000},)"
      R"("[name=Ethernet1/1]":{"name":"Ethernet1/1","ipv4":{"address":{"[ip=10.0.0.1]":{"ip":"10.0.0.1"}}}}}}})");
  CHECK(render_tree_diff(diff_trees(before, after, PathStyle::Gnmi)) ==
        "+ /ietf-interfaces:interfaces/interface[name=Ethernet1/1]/ipv4/address[ip=10.0.0.1]/ip: "
        "\"10.0.0.1\"\n"
        "+ /ietf-interfaces:interfaces/interface[name=Ethernet1/1]/name: \"Ethernet1/1\"\n"
        "~ /ietf-interfaces:interfaces/interface[name=eth0]/mtu: 1500 -> 9000\n");
}
