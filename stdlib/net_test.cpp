// Package net, end to end. CUE's functions follow current CUE (Go's net/netip): ParseIP of an
// IPv4 address gives 4 bytes, leading zeros are invalid, an IPv4-mapped address is IPv6.
#include "stdlib/test_util.h"

using cfgc::stdlib::testing::eval_expr;
using cfgc::stdlib::testing::run;

TEST_CASE("net: parsing and printing addresses") {
  CHECK(eval_expr(R"(net.ParseIP("10.0.0.1"))") == "[10,0,0,1]");
  CHECK(eval_expr(R"(net.ParseIP("2001:db8::1"))") == "[32,1,13,184,0,0,0,0,0,0,0,0,0,0,0,1]");
  CHECK(eval_expr(R"(net.ParseIP("::ffff:10.0.0.1"))") == "[0,0,0,0,0,0,0,0,0,0,255,255,10,0,0,1]");
  CHECK_CONTAINS(eval_expr(R"(net.ParseIP("10.0.0.256"))"),
                 R"(net.ParseIP: invalid IP address "10.0.0.256")");
  CHECK_CONTAINS(eval_expr(R"(net.ParseIP("010.0.0.1"))"), "invalid IP address");
  CHECK(eval_expr("net.IPString([10, 0, 0, 1])") == R"("10.0.0.1")");
  CHECK(eval_expr(R"(net.IPString("2001:DB8:0:0:1:0:0:1"))") == R"("2001:db8::1:0:0:1")");
  CHECK(eval_expr(R"(net.IPString("2001:db8:0:1:1:1:1:1"))") == R"("2001:db8:0:1:1:1:1:1")");
  CHECK(eval_expr(R"(net.IPString("fe80::1%eth0"))") == R"("fe80::1%eth0")");
  CHECK(eval_expr(R"(net.IPString("::"))") == R"("::")");
  CHECK(eval_expr(R"(net.IPString("1::"))") == R"("1::")");
  CHECK(eval_expr("net.IPString([0,0,0,0,0,0,0,0,0,0,255,255,10,0,0,1])") ==
        R"("::ffff:10.0.0.1")");
  CHECK_CONTAINS(eval_expr("net.IPString([10, 0, 0])"), "net.IPString: invalid IP address [10,0,0]");
  CHECK_CONTAINS(eval_expr("net.IPString([10, 0, 0, 300])"), "invalid IP address");
  CHECK(eval_expr(R"(net.ToIP4("::ffff:10.0.0.1"))") == "[10,0,0,1]");
  CHECK_CONTAINS(eval_expr(R"(net.ToIP4("2001:db8::1"))"),
                 "net.ToIP4: cannot convert 2001:db8::1 to IPv4");
  CHECK(eval_expr(R"(net.ToIP16("10.0.0.1"))") == "[0,0,0,0,0,0,0,0,0,0,255,255,10,0,0,1]");
  CHECK(eval_expr("net.IPv4len + net.IPv6len") == "20");
}

TEST_CASE("net: address validators") {
  CHECK(eval_expr(R"(net.IPv4("10.0.0.1"))") == "true");
  CHECK(eval_expr("net.IPv4([10, 0, 0, 1])") == "true");
  CHECK(eval_expr(R"(net.IPv4("010.0.0.1"))") == "false");
  CHECK(eval_expr(R"(net.IPv4("::ffff:10.0.0.1"))") == "false");
  CHECK(eval_expr(R"(net.IPv6("::ffff:10.0.0.1"))") == "true");
  CHECK(eval_expr(R"(net.IPv6("10.0.0.1"))") == "false");
  CHECK(eval_expr(R"(net.IP("::1"))") == "true");
  CHECK(eval_expr(R"(net.IP("1::2::3"))") == "false");
  CHECK(eval_expr(R"(net.IP("1:2:3:4:5:6:7:8:9"))") == "false");
  CHECK(eval_expr(R"(net.IP("12345::"))") == "false");
  CHECK(eval_expr(R"(net.IP(":1"))") == "false");
  CHECK_CONTAINS(eval_expr("net.IP(42)"),
                 "cannot use 42 (type int) as string|bytes|list in argument 1 to net.IP");
  CHECK(eval_expr(R"(net.LoopbackIP("127.1.2.3"))") == "true");
  CHECK(eval_expr(R"(net.MulticastIP("239.1.1.1"))") == "true");
  CHECK(eval_expr(R"(net.LinkLocalUnicastIP("fe80::1"))") == "true");
  CHECK(eval_expr(R"(net.LinkLocalMulticastIP("224.0.0.5"))") == "true");
  CHECK(eval_expr(R"(net.InterfaceLocalMulticastIP("ff01::1"))") == "true");
  CHECK(eval_expr(R"(net.GlobalUnicastIP("10.1.1.1"))") == "true");
  CHECK(eval_expr(R"(net.GlobalUnicastIP("255.255.255.255"))") == "false");
  CHECK(eval_expr(R"(net.UnspecifiedIP("::"))") == "true");
  CHECK(eval_expr(R"(net.IPCIDR("10.0.0.0/24"))") == "true");
  CHECK(eval_expr(R"(net.IPCIDR("2001:db8::/32"))") == "true");
  CHECK_CONTAINS(eval_expr(R"(net.IPCIDR("10.0.0.0/33"))"), "prefix length out of range");
  CHECK_CONTAINS(eval_expr(R"(net.IPCIDR("10.0.0.0/024"))"), "bad bits after slash");
  CHECK_CONTAINS(eval_expr(R"(net.IPCIDR("10.0.0.0"))"), "no '/'");

  // As constraints.
  CHECK(run("import \"net\"\nrouter_id: net.IPv4 & string\nrouter_id: \"192.0.2.1\"\n") ==
        R"({"router_id":"192.0.2.1"})");
  CHECK_CONTAINS(run("import \"net\"\nrouter_id: net.IPv4\nrouter_id: \"192.0.2.300\"\n"),
                 "invalid value \"192.0.2.300\" (does not satisfy net.IPv4)");
  CHECK_CONTAINS(run("import \"net\"\nprefix: net.IPCIDR\nprefix: \"10.0.0.0/40\"\n"),
                 "does not satisfy net.IPCIDR): net.IPCIDR: invalid CIDR prefix \"10.0.0.0/40\": "
                 "prefix length out of range");
}

TEST_CASE("net: prefixes") {
  CHECK(
      eval_expr(R"(net.ParseCIDR("10.20.30.40/24"))") ==
      R"({"prefix_mask":"255.255.255.0","prefix_len":24,"prefix_addr":"10.20.30.0","broadcast_addr":"10.20.30.255"})");
  CHECK(eval_expr(R"(net.ParseCIDR("2001:db8::1/64"))") ==
        R"({"prefix_mask":"ffff:ffff:ffff:ffff::","prefix_len":64,"prefix_addr":"2001:db8::"})");
  CHECK(eval_expr(R"(net.ParseCIDR("10.0.0.0/0").prefix_mask)") == R"("0.0.0.0")");
  CHECK(eval_expr(R"(net.InCIDR("10.0.0.5", "10.0.0.0/24"))") == "true");
  CHECK(eval_expr(R"(net.InCIDR("10.0.1.5", "10.0.0.0/24"))") == "false");
  CHECK(eval_expr(R"(net.InCIDR("10.0.0.5", "::/0"))") == "false");
  CHECK(eval_expr(R"(net.InCIDR("2001:db8::5", "2001:db8::/32"))") == "true");
  CHECK_CONTAINS(eval_expr(R"(net.InCIDR("10.0.0.5", "10.0.0.0"))"),
                 "net.InCIDR: invalid CIDR prefix");
  CHECK_CONTAINS(eval_expr(R"(net.InCIDR("x", "10.0.0.0/8"))"),
                 "net.InCIDR: invalid IP address \"x\"");
  CHECK(eval_expr(R"(net.CompareIP("10.0.0.1", "10.0.0.2"))") == "-1");
  CHECK(eval_expr(R"(net.CompareIP("::1", "10.0.0.2"))") == "1");
  CHECK(eval_expr(R"(net.CompareIP([10, 0, 0, 1], "10.0.0.1"))") == "0");
  CHECK(eval_expr(R"(net.AddIP("10.0.0.1", 5))") == R"("10.0.0.6")");
  CHECK(eval_expr(R"(net.AddIP("10.0.0.1", -2))") == R"("9.255.255.255")");
  CHECK(eval_expr(R"(net.AddIP("10.0.0.0/24", 5))") == R"("10.0.0.5/24")");
  CHECK(eval_expr(R"(net.AddIP("2001:db8::ffff", 1))") == R"("2001:db8::1:0")");
  CHECK_CONTAINS(eval_expr(R"(net.AddIP("255.255.255.255", 1))"),
                 "out-of-range address (overflow)");
  CHECK_CONTAINS(eval_expr(R"(net.AddIP("0.0.0.0", -1))"), "out-of-range address (underflow)");
  CHECK(eval_expr(R"(net.AddIPCIDR("10.0.0.0/24", 2))") == R"("10.0.2.0/24")");
  CHECK(eval_expr(R"(net.AddIPCIDR("2001:db8::/64", -1))") == R"("2001:db7:ffff:ffff::/64")");
  CHECK_CONTAINS(eval_expr(R"(net.AddIPCIDR("255.255.255.0/24", 1))"), "overflow");
}

TEST_CASE("net: address planning (cfgc additions)") {
  CHECK(eval_expr(R"(net.HostAddress("10.0.0.0/24", 5))") == R"("10.0.0.5")");
  CHECK(eval_expr(R"(net.HostAddress("10.0.0.77/24", 1))") ==
        R"("10.0.0.1")");  // host bits ignored
  CHECK(eval_expr(R"(net.HostAddress("10.0.0.0/24", -1))") == R"("10.0.0.255")");
  CHECK(eval_expr(R"(net.HostAddress("10.0.0.0/24", -256))") == R"("10.0.0.0")");
  CHECK(eval_expr(R"(net.HostAddress("2001:db8::/64", 1))") == R"("2001:db8::1")");
  CHECK(eval_expr(R"(net.HostAddress("::/0", -1))") ==
        R"("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")");
  CHECK_CONTAINS(eval_expr(R"(net.HostAddress("10.0.0.0/24", 256))"),
                 "net.HostAddress: host 256 is out of range for 10.0.0.0/24 (256 addresses)");
  CHECK_CONTAINS(eval_expr(R"(net.HostAddress("10.0.0.0/31", -3))"),
                 "out of range for 10.0.0.0/31 (2 addresses)");
  CHECK(eval_expr(R"(net.HostCIDR("10.0.0.0/31", 1))") == R"("10.0.0.1/31")");
  CHECK(eval_expr(R"(net.Subnet("10.0.0.0/16", 24, 5))") == R"("10.0.5.0/24")");
  CHECK(eval_expr(R"(net.Subnet("10.0.0.0/16", 24, -1))") == R"("10.0.255.0/24")");
  CHECK(eval_expr(R"(net.Subnet("10.0.0.0/16", 16, 0))") == R"("10.0.0.0/16")");
  CHECK(eval_expr(R"(net.Subnet("2001:db8::/32", 48, 3))") == R"("2001:db8:3::/48")");
  CHECK(eval_expr(R"(net.Subnet("10.0.0.0/24", 32, 7))") == R"("10.0.0.7/32")");
  CHECK_CONTAINS(
      eval_expr(R"(net.Subnet("10.0.0.0/16", 24, 256))"),
      "net.Subnet: subnet 256 is out of range: 10.0.0.0/16 has 256 subnets of length /24");
  CHECK_CONTAINS(eval_expr(R"(net.Subnet("10.0.0.0/16", 8, 0))"),
                 "new prefix length 8 must be between 16 and 32");
  CHECK(eval_expr(R"(net.PrefixNetwork("10.1.2.3/24"))") == R"("10.1.2.0")");
  CHECK(eval_expr(R"(net.PrefixBroadcast("10.1.2.3/24"))") == R"("10.1.2.255")");
  CHECK(eval_expr(R"(net.PrefixBroadcast("2001:db8::/126"))") == R"("2001:db8::3")");
  CHECK(eval_expr(R"(net.PrefixLength("10.1.2.3/24"))") == "24");
  CHECK(eval_expr(R"(net.PrefixSize("10.1.2.0/24"))") == "256");
  CHECK(eval_expr(R"(net.PrefixSize("2001:db8::/64"))") == "18446744073709551616");
  CHECK_CONTAINS(eval_expr(R"(net.PrefixSize("::/0"))"), "too many for an integer");

  // A fabric's loopbacks and point-to-point links, planned from two prefixes.
  CHECK(
      run(R"(import "net"
loopbacks: "10.255.0.0/24"
links: "10.254.0.0/16"
leaf: [for i, name in ["leaf1", "leaf2"] {
	host: name
	lo: net.HostAddress(loopbacks, i + 1)
	uplink: net.HostCIDR(net.Subnet(links, 31, i), 1)
}]
)") ==
      R"({"loopbacks":"10.255.0.0/24","links":"10.254.0.0/16","leaf":[{"host":"leaf1","lo":"10.255.0.1",)"
      R"("uplink":"10.254.0.1/31"},{"host":"leaf2","lo":"10.255.0.2","uplink":"10.254.0.3/31"}]})");
}

TEST_CASE("net: host names and ports") {
  CHECK(eval_expr(R"(net.FQDN("a.example.com"))") == "true");
  CHECK(eval_expr(R"(net.FQDN("a.example.com."))") == "true");
  CHECK(eval_expr(R"(net.FQDN("123"))") == "true");
  CHECK(eval_expr(R"(net.FQDN("xn--bcher-kva.example"))") == "true");
  CHECK(eval_expr(R"(net.FQDN("-a.com"))") == "false");
  CHECK(eval_expr(R"(net.FQDN("a-.com"))") == "false");
  CHECK(eval_expr(R"(net.FQDN("a..com"))") == "false");
  CHECK(eval_expr(R"(net.FQDN("a_b.com"))") == "false");
  CHECK(eval_expr(R"(net.FQDN("ab--c.com"))") == "false");
  CHECK(eval_expr(R"(net.FQDN("bücher.example"))") == "false");
  CHECK(eval_expr(R"(net.FQDN(""))") == "false");
  CHECK(eval_expr(R"(net.SplitHostPort("[::1]:80"))") == R"(["::1","80"])");
  CHECK(eval_expr(R"(net.SplitHostPort("leaf1:22"))") == R"(["leaf1","22"])");
  CHECK(eval_expr(R"(net.SplitHostPort(":22"))") == R"(["","22"])");
  CHECK_CONTAINS(eval_expr(R"(net.SplitHostPort("leaf1"))"),
                 "net.SplitHostPort: address leaf1: missing port in address");
  CHECK_CONTAINS(eval_expr(R"(net.SplitHostPort("::1:80"))"), "too many colons in address");
  CHECK_CONTAINS(eval_expr(R"(net.SplitHostPort("[::1]80"))"), "missing port in address");
  CHECK(eval_expr(R"(net.JoinHostPort("::1", 80))") == R"("[::1]:80")");
  CHECK(eval_expr(R"(net.JoinHostPort("leaf1", "ssh"))") == R"("leaf1:ssh")");
  CHECK(eval_expr(R"(net.JoinHostPort([10, 0, 0, 1], "22"))") == R"("10.0.0.1:22")");
  CHECK_CONTAINS(eval_expr(R"(net.JoinHostPort("a", true))"), "cannot use true (type bool)");
}
