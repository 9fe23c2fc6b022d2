#include "eos_config.h"

#include <doctest/doctest.h>

using namespace cfgc::devsim;

namespace {

constexpr const char* kText = R"(! Command: show running-config
!
hostname leaf1
!
interface Ethernet1
   description uplink
   mtu 9214
!
router bgp 65001
   router-id 10.0.0.1
   neighbor 10.1.1.1 remote-as 65000
   !
   address-family ipv4
      network 10.0.0.1/32
!
end
)";

std::string apply_all(EosConfig& cfg, std::initializer_list<const char*> cmds) {
  EosConfigEditor ed(cfg);
  for (const char* c : cmds) {
    std::string err = ed.apply(c);
    if (!err.empty()) return err;
  }
  return "";
}

}  // namespace

TEST_CASE("eos config: parse and render round trip") {
  EosConfig cfg = EosConfig::parse(kText);
  REQUIRE(cfg.lines().size() == 3);
  CHECK(cfg.lines()[1].text == "interface Ethernet1");
  CHECK(cfg.lines()[1].children.size() == 2);
  CHECK(cfg.lines()[2].children[2].text == "address-family ipv4");
  std::string rendered = cfg.render();
  CHECK(rendered ==
        "hostname leaf1\n!\ninterface Ethernet1\n   description uplink\n   mtu 9214\n!\nrouter bgp 65001\n"
        "   router-id 10.0.0.1\n   neighbor 10.1.1.1 remote-as 65000\n   !\n   address-family ipv4\n"
        "      network 10.0.0.1/32\n!\nend\n");
  CHECK(EosConfig::parse(rendered) == cfg);
  auto j = cfg.to_json();
  CHECK(j["cmds"]["hostname leaf1"].is_null());
  CHECK(j["cmds"]["interface Ethernet1"]["cmds"].contains("mtu 9214"));
}

TEST_CASE("eos config: commands build modes, replace keyed lines, no removes") {
  EosConfig cfg;
  CHECK(apply_all(cfg, {"hostname a", "hostname b", "interface Ethernet1", "description one", "mtu 1500",
                        "description two", "interface Ethernet2", "shutdown", "no shutdown", "ip routing",
                        "vlan 10", "name ten", "router bgp 65000", "neighbor 1.1.1.1 remote-as 1", "address-family ipv4",
                        "neighbor 1.1.1.1 activate", "vrf red", "rd 1:1", "address-family ipv4",
                        "network 1.0.0.0/8"}) == "");
  CHECK(cfg.render() ==
        "hostname b\n!\ninterface Ethernet1\n   description two\n   mtu 1500\n!\ninterface Ethernet2\n"
        "   no shutdown\n!\nip routing\n!\nvlan 10\n   name ten\n!\nrouter bgp 65000\n   neighbor 1.1.1.1 remote-as 1\n   !\n"
        "   address-family ipv4\n      neighbor 1.1.1.1 activate\n   !\n   vrf red\n      rd 1:1\n"
        "      !\n      address-family ipv4\n         network 1.0.0.0/8\n!\nend\n");
  CHECK(apply_all(cfg, {"no interface Ethernet2", "interface Ethernet1", "no description", "no vlan 10",
                        "router bgp 65000", "no vrf red"}) == "");
  CHECK(cfg.render() ==
        "hostname b\n!\ninterface Ethernet1\n   mtu 1500\n!\nip routing\n!\nrouter bgp 65000\n"
        "   neighbor 1.1.1.1 remote-as 1\n   !\n   address-family ipv4\n      neighbor 1.1.1.1 activate\n!\nend\n");
}

TEST_CASE("eos config: indentation places commands, exit leaves a mode") {
  EosConfig cfg;
  EosConfigEditor ed(cfg);
  for (const char* c : {"router bgp 1", "   address-family ipv4", "      network 1.0.0.0/8", "   neighbor 2.2.2.2 remote-as 2"})
    CHECK(ed.apply(c) == "");
  CHECK(cfg.lines()[0].children.size() == 2);
  CHECK(cfg.lines()[0].children[1].text == "neighbor 2.2.2.2 remote-as 2");
  CHECK(ed.apply("exit") == "");
  CHECK(ed.at_top());
}

TEST_CASE("eos config: invalid keywords") {
  EosConfig cfg;
  EosConfigEditor ed(cfg);
  CHECK(ed.apply("frobnicate now") == "Invalid input (at token 0: 'frobnicate')");
  CHECK(ed.apply("no frobnicate") == "Invalid input (at token 1: 'frobnicate')");
  CHECK(ed.apply("interface Ethernet1") == "");
  CHECK(ed.apply("blargh") != "");
  CHECK(ed.apply("description ok") == "");
}
