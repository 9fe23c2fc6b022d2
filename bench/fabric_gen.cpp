// cfgc_fabric_gen: writes a synthetic data-center fabric of N devices, in CUE, to stdout.
//
//   cfgc_fabric_gen [--devices N] [--seed S]
//
// The program is the input of bench/fabric_bench.sh, which times `cfgc export` on it. It has
// a schema (#Device, #Interface, #Neighbor: bounds, regular expressions, defaults, enums,
// pattern constraints, optional fields and a comprehension-derived `rendered` config per
// device), then N devices given as data: about 20 interfaces (descriptions, VLAN lists, some
// MTU overrides, some disabled ports) and about 10 BGP neighbors each. The output depends only
// on the arguments: the same --devices and --seed always give the same bytes.
//
// The program is meant to be valid for cfgc and for the reference `cue` (v0.4): `cue export`
// of it should give the same JSON as `cfgc export`.

#include <fmt/core.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "gen_args.h"
#include "rng.h"

namespace {

using cfgc::bench::GenArgs;
using cfgc::bench::parse_gen_args;
using cfgc::bench::Rng;

// xorshift64: small, fast and identical on every platform (std:: distributions are not).

constexpr std::string_view kSchema = R"cue(package fabric

#Name: =~"^[a-z][a-z0-9-]*$"
#Vlan: int & >=1 & <=4094
#Asn:  int & >=1 & <=4294967294

// A switch port.
#Interface: {
	name:         =~"^(swp|eth)[0-9]+$"
	description:  string | *""
	enabled:      bool | *true
	mtu:          int & >=1280 & <=9216 | *9216
	speed:        "1G" | "10G" | "25G" | *"100G" | "400G"
	mode:         *"routed" | "access" | "trunk"
	vlans:        [...#Vlan]
	address?:     =~"^[0-9.]+/(3[01]|2[0-9])$"
	lldp?:        bool
}

// A BGP session. remote_as is "external" or "internal" (unnumbered BGP) or a number.
#Neighbor: {
	interface?:  =~"^(swp|eth)[0-9]+$"
	remote_as:   *"external" | "internal" | #Asn
	description: string | *""
	bfd:         bool | *true
	password?:   string
	timers?: {
		keepalive: int & >=1 & <=3600 | *3
		hold:      int & >=3 & <=65535 | *9
	}
}

#Device: {
	hostname: #Name
	role:     "leaf" | "spine" | "border"
	asn:      #Asn & >=64512
	loopback: =~"^10\\.[0-9]+\\.[0-9]+\\.[0-9]+$"
	pod:      int & >=1 & <=64
	rack?:    int & >=1 & <=512
	interfaces: [Name=string]: #Interface & {name: Name}
	neighbors: [string]: #Neighbor

	// Derived: what a renderer would turn into the device's configuration.
	rendered: {
		host: hostname
		bgp: {
			local_as:  asn
			router_id: loopback
			peers: [for k, n in neighbors {
				peer:      k
				remote_as: n.remote_as
				bfd:       n.bfd
				if n.description != "" {description: n.description}
			}]
		}
		ports: [for k, i in interfaces if i.enabled {"\(k):\(i.mtu)"}]
		down: [for k, i in interfaces if !i.enabled {k}]
		trunks: [for k, i in interfaces if i.mode == "trunk" {port: k, vlans: i.vlans}]
	}
}

devices: [Name=string]: #Device & {hostname: Name}
)cue";

constexpr const char* kSpeeds[] = {"10G", "25G", "400G", "1G"};
constexpr const char* kRoles[] = {"server", "storage", "firewall", "load balancer", "backup"};

struct Device {
  std::string name;
  const char* role;
  int pod;
};

// Topology: one spine every 16 devices (at least 2), four borders when there are enough
// devices, the rest leaves. Device i is in pod i/64 + 1 (capped at 64).
Device device_at(int i, int n) {
  const int spines = std::max(2, n / 16);
  const int borders = n >= 64 ? 4 : 0;
  const int pod = std::min(64, i / 64 + 1);
  if (i < spines) return {fmt::format("spine-{:05d}", i), "spine", pod};
  if (i < spines + borders) return {fmt::format("border-{:02d}", i - spines), "border", pod};
  return {fmt::format("leaf-{:05d}", i), "leaf", pod};
}

// The device at the other end of port swp1..4 of device i: leaves and borders go up to the
// spines, spines down to leaves (or to the other spines in a fabric of spines only).
std::string uplink_peer(int i, int p, int n) {
  const int spines = std::max(2, n / 16);
  if (i >= spines || n <= spines) return device_at((i + p) % std::min(spines, n), n).name;
  return device_at(spines + (i * 4 + p) % (n - spines), n).name;
}

void append_device(std::string& out, int i, int n, Rng& rng) {
  const Device d = device_at(i, n);

  out += fmt::format("devices: \"{}\": {{\n", d.name);
  out += fmt::format("\trole:     \"{}\"\n", d.role);
  out += fmt::format("\tasn:      {}\n", 4200000000u + static_cast<unsigned>(i));
  out += fmt::format("\tloopback: \"10.{}.{}.{}\"\n", 255 - d.pod, (i / 250) % 256, i % 250 + 1);
  out += fmt::format("\tpod:      {}\n", d.pod);
  if (std::string_view(d.role) == "leaf") out += fmt::format("\track:     {}\n", (i % 512) + 1);

  // Interfaces: eth0 (management) then 17 to 21 front-panel ports.
  out += "\tinterfaces: {\n";
  out +=
      fmt::format("\t\teth0: {{description: \"oob mgmt {}\", mtu: 1500, speed: \"1G\"}}\n", d.name);
  const int ports = 17 + rng.below(5);
  for (int p = 1; p <= ports; ++p) {
    out += fmt::format("\t\tswp{}: {{", p);
    std::vector<std::string> f;
    if (p <= 4) {
      f.push_back(fmt::format("description: \"fabric link to {} swp{}\"", uplink_peer(i, p, n),
                              i % 48 + 1));
      f.push_back(
          fmt::format("address: \"172.{}.{}.{}/31\"", 16 + p, (i / 128) % 256, (i % 128) * 2));
      if (rng.chance(30)) f.push_back("lldp: true");
    } else if (rng.chance(60)) {
      f.push_back(fmt::format("description: \"{} {}-{}\"", kRoles[rng.below(5)], d.name, p));
      if (rng.chance(50)) {
        f.push_back("mode: \"trunk\"");
        std::string vl = "vlans: [";
        const int nv = 1 + rng.below(4);
        for (int v = 0; v < nv; ++v) {
          if (v) vl += ", ";
          vl += std::to_string(10 * (v + 1) + rng.below(10));
        }
        f.push_back(vl + "]");
      } else {
        f.push_back("mode: \"access\"");
        f.push_back(fmt::format("vlans: [{}]", 100 + rng.below(3900)));
      }
    }
    if (rng.chance(15)) f.push_back(fmt::format("mtu: {}", rng.chance(50) ? 1500 : 9000));
    if (rng.chance(25)) f.push_back(fmt::format("speed: \"{}\"", kSpeeds[rng.below(4)]));
    if (rng.chance(10)) f.push_back("enabled: false");
    for (size_t k = 0; k < f.size(); ++k) {
      out += k ? ", " : "";
      out += f[k];
    }
    out += "}\n";
  }
  out += "\t}\n";

  // Neighbors: the uplinks (unnumbered eBGP on swp1..4), then 4 to 8 others: a few with a
  // numeric ASN (servers, firewalls), some iBGP, some with passwords or timers.
  out += "\tneighbors: {\n";
  for (int p = 1; p <= 4; ++p) {
    out += fmt::format("\t\t\"{}-swp{}\": {{interface: \"swp{}\"}}\n", uplink_peer(i, p, n), p, p);
  }
  const int others = 4 + rng.below(5);
  for (int k = 1; k <= others; ++k) {
    out += fmt::format("\t\t\"peer-{}-{}\": {{", d.name, k);
    std::vector<std::string> f;
    const int r = rng.below(10);
    if (r < 3) {
      f.push_back(fmt::format("remote_as: {}", 64512 + rng.below(1000)));
    } else if (r < 6) {
      f.push_back("remote_as: \"internal\"");
    }
    if (rng.chance(40))
      f.push_back(fmt::format("description: \"{} session {}\"", kRoles[rng.below(5)], k));
    if (rng.chance(20)) f.push_back("bfd: false");
    if (rng.chance(20))
      f.push_back(fmt::format("password: \"pw-{:08x}\"", rng.next() & 0xffffffffu));
    if (rng.chance(15)) f.push_back(fmt::format("timers: {{keepalive: {}}}", 1 + rng.below(10)));
    if (rng.chance(30)) f.push_back(fmt::format("interface: \"swp{}\"", 5 + rng.below(ports - 4)));
    for (size_t j = 0; j < f.size(); ++j) {
      out += j ? ", " : "";
      out += f[j];
    }
    out += "}\n";
  }
  out += "\t}\n}\n";
}

}  // namespace

int main(int argc, char** argv) {
  GenArgs args{100};
  if (!parse_gen_args(argc, argv, "cfgc_fabric_gen", args)) return 2;
  const uint64_t devices = args.devices, seed = args.seed;

  const int n = static_cast<int>(devices);
  Rng rng(seed);
  std::string out =
      fmt::format("// Generated by cfgc_fabric_gen --devices {} --seed {}.\n", n, seed);
  out += kSchema;
  for (int i = 0; i < n; ++i) {
    out += '\n';
    append_device(out, i, n, rng);
    if (out.size() > (1u << 20)) {
      std::fwrite(out.data(), 1, out.size(), stdout);
      out.clear();
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return std::fflush(stdout) == 0 ? 0 : 1;
}
