#include "deploy/push/eapi.h"

#include <doctest/doctest.h>

using namespace cfgc::push;

TEST_CASE("eapi: a runCmds request is JSON-RPC 2.0, version 1") {
  nlohmann::json j = nlohmann::json::parse(eapi_request({"enable", "show version"}, "json", "cfgc-1"));
  CHECK(j["jsonrpc"] == "2.0");
  CHECK(j["method"] == "runCmds");
  CHECK(j["id"] == "cfgc-1");
  CHECK(j["params"]["version"] == 1);
  CHECK(j["params"]["format"] == "json");
  CHECK(j["params"]["cmds"] == nlohmann::json::array({"enable", "show version"}));
}

TEST_CASE("eapi: a reply's results, one per command") {
  EapiReply r = parse_eapi_reply(R"({"jsonrpc":"2.0","id":"1","result":[{},{"output":"diff\n"}]})", {"enable", "x"});
  REQUIRE(r.ok);
  REQUIRE(r.results.size() == 2);
  CHECK(r.results[1]["output"] == "diff\n");
}

TEST_CASE("eapi: error 1002 names the failing command and the device's message") {
  std::vector<std::string> cmds = {"enable", "configure session s", "interfac Ethernet1", "show session-config diffs"};
  EapiReply r = parse_eapi_reply(
      R"J({"jsonrpc":"2.0","id":"1","error":{"code":1002,
          "message":"CLI command 3 of 4 'interfac Ethernet1' failed: invalid command",
          "data":[{},{},{"errors":["Invalid input (at token 0: 'interfac')"]}]}})J",
      cmds);
  CHECK_FALSE(r.ok);
  CHECK(r.code == 1002);
  CHECK(r.failed_index == 2);
  CHECK(r.failed_command == "interfac Ethernet1");
  REQUIRE(r.command_errors.size() == 1);
  CHECK(r.describe() ==
        "command 3 'interfac Ethernet1' failed: Invalid input (at token 0: 'interfac') (eAPI error 1002: CLI "
        "command 3 of 4 'interfac Ethernet1' failed: invalid command)");
}

TEST_CASE("eapi: replies that are not JSON-RPC are described, not trusted") {
  EapiReply r = parse_eapi_reply("<html>Bad gateway</html>", {"enable"});
  CHECK_FALSE(r.ok);
  CHECK(r.message.find("not JSON-RPC") != std::string::npos);
  r = parse_eapi_reply(R"({"jsonrpc":"2.0","id":"1"})", {"enable"});
  CHECK_FALSE(r.ok);
  r = parse_eapi_reply(R"({"jsonrpc":"2.0","id":"1","error":{"code":-32601,"message":"Method not found"}})", {});
  CHECK(r.describe() == "eAPI error -32601: Method not found");
}

TEST_CASE("eapi: CLI text becomes commands, each entered in its mode") {
  std::string text =
      "! device: border1\n"
      "hostname border1\n"
      "!\n"
      "interface Ethernet1\n"
      "   description to spine\n"
      "   mtu 9214\n"
      "!\n"
      "router bgp 65001\n"
      "   neighbor 10.0.0.1 remote-as 65000\n"
      "   address-family ipv4\n"
      "      neighbor 10.0.0.1 activate\n"
      "   neighbor 10.0.0.2 remote-as 65000\n"
      "ip routing\n"
      "end\n";
  std::vector<std::string> want = {"hostname border1",
                                   "interface Ethernet1",
                                   "description to spine",
                                   "mtu 9214",
                                   "exit",
                                   "router bgp 65001",
                                   "neighbor 10.0.0.1 remote-as 65000",
                                   "address-family ipv4",
                                   "neighbor 10.0.0.1 activate",
                                   "exit",
                                   "neighbor 10.0.0.2 remote-as 65000",
                                   "exit",
                                   "ip routing"};
  CHECK(eos_config_commands(text) == want);
  CHECK(eos_config_commands("").empty());
  CHECK(eos_config_commands("hostname a\r\nip routing  \r\n") == std::vector<std::string>{"hostname a", "ip routing"});
}

TEST_CASE("eapi: the commit timer's hh:mm:ss") {
  CHECK(eos_timer(300) == "00:05:00");
  CHECK(eos_timer(3725) == "01:02:05");
  CHECK(eos_timer(0) == "00:00:01");
  CHECK(eos_timer(100000) == "23:59:59");
}
