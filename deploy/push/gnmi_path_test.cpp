#include "deploy/push/gnmi_path.h"

#include <doctest/doctest.h>

using namespace cfgc;
using namespace cfgc::push;

TEST_CASE("gnmi path: elements, keys, origin and escapes, round trip") {
  Result<GnmiPath> p = parse_gnmi_path("/interfaces/interface[name=Ethernet1]/config/mtu");
  REQUIRE(p.ok());
  REQUIRE(p->elems.size() == 4);
  CHECK(p->elems[1].name == "interface");
  CHECK(p->elems[1].keys.at("name") == "Ethernet1");
  CHECK(print_gnmi_path(*p) == "/interfaces/interface[name=Ethernet1]/config/mtu");

  p = parse_gnmi_path("openconfig:/network-instances/network-instance[name=default]/protocols/protocol[identifier=BGP][name=bgp]");
  REQUIRE(p.ok());
  CHECK(p->origin == "openconfig");
  CHECK(p->elems[3].keys.size() == 2);
  CHECK(print_gnmi_path(*p) ==
        "openconfig:/network-instances/network-instance[name=default]/protocols/protocol[identifier=BGP][name=bgp]");

  p = parse_gnmi_path(R"(/a/b[k=x\]y\/z])");
  REQUIRE(p.ok());
  CHECK(p->elems[1].keys.at("k") == "x]y/z");
  CHECK(print_gnmi_path(*p) == R"(/a/b[k=x\]y\/z])");

  p = parse_gnmi_path("/ietf-interfaces:interfaces");
  REQUIRE(p.ok());
  CHECK(p->origin.empty());
  CHECK(p->elems[0].name == "ietf-interfaces:interfaces");
  CHECK(print_gnmi_path(*parse_gnmi_path("/")) == "/");
}

TEST_CASE("gnmi path: malformed paths are errors") {
  CHECK_FALSE(parse_gnmi_path("interfaces").ok());
  CHECK_FALSE(parse_gnmi_path("/a//b").ok());
  CHECK_FALSE(parse_gnmi_path("/a[name").ok());
  CHECK_FALSE(parse_gnmi_path("/a[=x]").ok());
}
