#include "deploy/push/gnmi_tree.h"

#include <doctest/doctest.h>

#include "deploy/push/tree_diff.h"

using namespace cfgc::push;
using nlohmann::json;

TEST_CASE("gnmi tree: lists matched by key, prefixes normalised") {
  json device = json::parse(R"({"ietf-interfaces:interfaces": {"interface": [
      {"name": "eth1", "ietf-ip:ipv4": {"mtu": 1500}, "enabled": true},
      {"name": "eth0", "enabled": true}]}})");
  json desired = json::parse(R"({"ietf-interfaces:interfaces": {"interface": [
      {"name": "eth0", "enabled": true},
      {"name": "eth1", "ipv4": {"mtu": 9000}, "enabled": true}]}})");
  std::vector<TreeChange> d = diff_trees(normalize_json_ietf(device), normalize_json_ietf(desired));
  INFO(render_tree_diff(d));
  REQUIRE(d.size() == 1);
  CHECK(render_tree_diff(d) == "~ \"ietf-interfaces:interfaces\".interface.[name=eth1].ipv4.mtu: 1500 -> 9000\n");
}

TEST_CASE("gnmi tree: the first shared member keys a list without names; scalars stay arrays") {
  json t = json::parse(R"({"m:routes": {"route": [{"prefix": "10.0.0.0/8", "nh": "a"}], "tags": [1, 2]}})");
  json n = normalize_json_ietf(t);
  CHECK(n["m:routes"]["route"].contains("[prefix=10.0.0.0/8]"));
  CHECK(n["m:routes"]["tags"] == json::array({1, 2}));
}
