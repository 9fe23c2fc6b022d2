#include "gnmi_tree.h"

#include <doctest/doctest.h>

using namespace cfgc::devsim;
using nlohmann::json;

namespace {

json sample() {
  return json::parse(R"({
    "ietf-interfaces:interfaces": {"interface": [
      {"name": "eth0", "type": "iana-if-type:ethernetCsmacd", "enabled": true},
      {"name": "eth1", "enabled": false, "ietf-ip:ipv4": {"address": [{"ip": "10.0.0.1", "prefix-length": 24}]}}
    ]},
    "openconfig-interfaces:interfaces": {"interface": [{"name": "Ethernet1", "config": {"mtu": 9000}}]},
    "ietf-system:system": {"hostname": "leaf1"}
  })");
}

GnmiPath P(std::initializer_list<GnmiElem> elems) { return GnmiPath(elems); }

}  // namespace

TEST_CASE("gnmi tree: get") {
  json t = sample(), out;
  CHECK(gnmi_get(t, {}, &out).ok());
  CHECK(out == t);
  CHECK(gnmi_get(t, P({{"ietf-system:system", {}}}), &out).ok());
  CHECK(out == json{{"hostname", "leaf1"}});
  // The module prefix is optional when the name is unique.
  CHECK(gnmi_get(t, P({{"system", {}}, {"hostname", {}}}), &out).ok());
  CHECK(out == "leaf1");
  // Two modules define "interfaces": the prefix is needed.
  auto r = gnmi_get(t, P({{"interfaces", {}}}), &out);
  CHECK(r.code == TreeCode::InvalidArgument);
  CHECK(r.message.find("ambiguous") != std::string::npos);
  CHECK(gnmi_get(t, P({{"ietf-interfaces:interfaces", {}}, {"interface", {{"name", "eth1"}}}}), &out).ok());
  CHECK(out["enabled"] == false);
  // A member of another module inside: qualified or not.
  CHECK(gnmi_get(t, P({{"ietf-interfaces:interfaces", {}}, {"interface", {{"name", "eth1"}}}, {"ipv4", {}},
                       {"address", {{"ip", "10.0.0.1"}}}, {"prefix-length", {}}}),
                 &out)
            .ok());
  CHECK(out == 24);
  // The whole list.
  CHECK(gnmi_get(t, P({{"openconfig-interfaces:interfaces", {}}, {"interface", {}}}), &out).ok());
  CHECK(out.size() == 1);
  // Not there / not valid.
  CHECK(gnmi_get(t, P({{"ietf-interfaces:interfaces", {}}, {"interface", {{"name", "eth9"}}}}), &out).code ==
        TreeCode::NotFound);
  CHECK(gnmi_get(t, P({{"nope:x", {}}}), &out).code == TreeCode::NotFound);
  CHECK(gnmi_get(t, P({{"ietf-interfaces:interfaces", {}}, {"interface", {}}, {"name", {}}}), &out).code ==
        TreeCode::InvalidArgument);
  CHECK(gnmi_get(t, P({{"ietf-system:system", {}}, {"hostname", {}}, {"x", {}}}), &out).code ==
        TreeCode::InvalidArgument);
  CHECK(gnmi_get(t, P({{"ietf-system:system", {{"name", "x"}}}}), &out).code == TreeCode::InvalidArgument);
  CHECK(gnmi_get(t, P({{"*", {}}}), &out).code == TreeCode::InvalidArgument);
  CHECK(gnmi_path_string(P({{"a:b", {}}, {"c", {{"k1", "1"}, {"k2", "x"}}}})) == "/a:b/c[k1=1][k2=x]");
}

TEST_CASE("gnmi tree: update merges, replace replaces") {
  json t = sample();
  GnmiPath ifs = P({{"ietf-interfaces:interfaces", {}}});
  // Update: objects merge, lists merge by name; eth0 keeps its type.
  auto r = gnmi_update(t, ifs, json::parse(R"({"interface": [{"name": "eth0", "enabled": false},
                                                             {"name": "eth2", "enabled": true}]})"));
  REQUIRE_MESSAGE(r.ok(), r.message);
  json out;
  gnmi_get(t, ifs, &out);
  REQUIRE(out["interface"].size() == 3);
  CHECK(out["interface"][0] == json::parse(R"({"name":"eth0","type":"iana-if-type:ethernetCsmacd","enabled":false})"));
  CHECK(out["interface"][2]["name"] == "eth2");
  // Nested lists merge by their usual key ("ip").
  r = gnmi_update(t, P({{"ietf-interfaces:interfaces", {}}, {"interface", {{"name", "eth1"}}}}),
                  json::parse(R"({"ipv4": {"address": [{"ip": "10.0.0.1", "prefix-length": 31}, {"ip": "10.0.1.1"}]}})"));
  REQUIRE_MESSAGE(r.ok(), r.message);
  gnmi_get(t, P({{"ietf-interfaces:interfaces", {}}, {"interface", {{"name", "eth1"}}}}), &out);
  CHECK(out["ietf-ip:ipv4"]["address"] == json::parse(R"([{"ip":"10.0.0.1","prefix-length":31},{"ip":"10.0.1.1"}])"));
  // Replace of a list entry: exactly the value (keys filled in from the path).
  r = gnmi_replace(t, P({{"ietf-interfaces:interfaces", {}}, {"interface", {{"name", "eth0"}}}}),
                   json::parse(R"({"description": "uplink"})"));
  REQUIRE_MESSAGE(r.ok(), r.message);
  gnmi_get(t, P({{"ietf-interfaces:interfaces", {}}, {"interface", {{"name", "eth0"}}}}), &out);
  CHECK(out == json::parse(R"({"description":"uplink","name":"eth0"})"));
  // Replace of a container drops what the value does not hold.
  r = gnmi_replace(t, ifs, json::parse(R"({"interface": [{"name": "lo"}]})"));
  REQUIRE(r.ok());
  gnmi_get(t, ifs, &out);
  CHECK(out == json::parse(R"({"interface":[{"name":"lo"}]})"));
  // Creating: entries and containers on the way; a new top-level member needs its module.
  r = gnmi_update(t, P({{"ietf-interfaces:interfaces", {}}, {"interface", {{"name", "eth5"}}}, {"enabled", {}}}), true);
  REQUIRE_MESSAGE(r.ok(), r.message);
  gnmi_get(t, P({{"ietf-interfaces:interfaces", {}}, {"interface", {{"name", "eth5"}}}}), &out);
  CHECK(out == json::parse(R"({"name":"eth5","enabled":true})"));
  CHECK(gnmi_update(t, P({{"routing", {}}}), json::object()).code == TreeCode::InvalidArgument);
  CHECK(gnmi_update(t, P({{"ietf-routing:routing", {}}}), json::object()).ok());
  // Invalid values.
  CHECK(gnmi_replace(t, P({{"ietf-interfaces:interfaces", {}}, {"interface", {{"name", "eth0"}}}}), json::object())
            .code == TreeCode::InvalidArgument);
  CHECK(gnmi_replace(t, P({{"ietf-interfaces:interfaces", {}}, {"interface", {{"name", "eth0"}}}}),
                     json::parse(R"({"name":"eth1"})"))
            .code == TreeCode::InvalidArgument);
  CHECK(gnmi_update(t, ifs, json(nullptr)).code == TreeCode::InvalidArgument);
  CHECK(gnmi_update(t, ifs, json::parse(R"({"interface": 5})")).code == TreeCode::InvalidArgument);
  CHECK(gnmi_replace(t, ifs, json(5)).code == TreeCode::InvalidArgument);
  CHECK(gnmi_replace(t, {}, json::parse(R"({"interfaces": {}})")).code == TreeCode::InvalidArgument);
  CHECK(gnmi_check_value(json::parse(R"({"a:b": {"empty": [null], "ll": [1, 2]}})"), true).ok());
  CHECK(!gnmi_check_value(json::parse(R"({"a:b": {"mixed": [1, {}]}})"), true).ok());
  // Replace at the root: the whole tree.
  r = gnmi_replace(t, {}, json::parse(R"({"ietf-system:system": {"hostname": "x"}})"));
  REQUIRE(r.ok());
  CHECK(t == json::parse(R"({"ietf-system:system": {"hostname": "x"}})"));
}

TEST_CASE("gnmi tree: delete and reject") {
  json t = sample();
  CHECK(gnmi_delete(t, P({{"ietf-interfaces:interfaces", {}}, {"interface", {{"name", "eth0"}}}})).ok());
  json out;
  gnmi_get(t, P({{"ietf-interfaces:interfaces", {}}, {"interface", {}}}), &out);
  CHECK(out.size() == 1);
  // Nothing there: no error.
  CHECK(gnmi_delete(t, P({{"ietf-interfaces:interfaces", {}}, {"interface", {{"name", "eth0"}}}})).ok());
  CHECK(gnmi_delete(t, P({{"nope:x", {}}, {"y", {}}})).ok());
  // The last entry: the list goes.
  CHECK(gnmi_delete(t, P({{"ietf-interfaces:interfaces", {}}, {"interface", {{"name", "eth1"}}}})).ok());
  gnmi_get(t, P({{"ietf-interfaces:interfaces", {}}}), &out);
  CHECK(out == json::object());
  CHECK(gnmi_delete(t, P({{"ietf-system:system", {}}, {"hostname", {}}})).ok());
  CHECK(gnmi_get(t, P({{"ietf-system:system", {}}, {"hostname", {}}}), &out).code == TreeCode::NotFound);
  CHECK(gnmi_delete(t, {}).ok());
  CHECK(t == json::object());

  std::string err;
  FaultSet faults({*parse_fault("reject=^bad", &err)});
  CHECK(!gnmi_rejected(P({{"a:b", {}}}), nullptr, faults));
  auto m = gnmi_rejected(P({{"a:b", {}}, {"interface", {{"name", "bad0"}}}}), nullptr, faults);
  REQUIRE(m);
  CHECK(m->find("'bad0'") != std::string::npos);
  json v = json::parse(R"({"interface": [{"name": "eth0", "description": "bad idea"}]})");
  m = gnmi_rejected(P({{"a:b", {}}}), &v, faults);
  REQUIRE(m);
  CHECK(*m == "'bad idea' at /a:b/interface/description is rejected by the device (matches '^bad')");
}
