#include "eapi_device.h"

#include <doctest/doctest.h>

using namespace cfgc::devsim;
using nlohmann::json;

namespace {

// A device on a clock the test moves.
struct Fixture {
  SteadyClock::time_point now = SteadyClock::time_point() + std::chrono::hours(1);
  EapiDevice dev{"eos1", [this] { return now; }};

  json run(std::vector<json> cmds, const std::string& format = "json", const FaultSet& faults = {}) {
    json req = {{"jsonrpc", "2.0"}, {"method", "runCmds"}, {"params", {{"version", 1}, {"cmds", cmds}, {"format", format}}}, {"id", "t1"}};
    return dev.handle_request(req.dump(), faults);
  }
};

FaultSet faults_of(std::initializer_list<const char*> specs) {
  std::vector<Fault> out;
  std::string err;
  for (const char* s : specs) out.push_back(*parse_fault(s, &err));
  return FaultSet(out);
}

}  // namespace

TEST_CASE("eapi: JSON-RPC envelope errors") {
  Fixture f;
  CHECK(f.dev.handle_request("{nope", {})["error"]["code"] == -32700);
  CHECK(f.dev.handle_request(R"({"jsonrpc":"2.0","method":"runShell","params":{},"id":1})", {})["error"]["code"] == -32601);
  CHECK(f.dev.handle_request(R"({"jsonrpc":"2.0","method":"runCmds","params":{"version":1},"id":1})", {})["error"]["code"] == -32602);
  CHECK(f.dev.handle_request(R"({"jsonrpc":"2.0","method":"runCmds","params":{"version":1,"cmds":[3]},"id":1})", {})["error"]["code"] == -32602);
  // Positional parameters, as jsonrpclib sends them.
  json r = f.dev.handle_request(R"({"jsonrpc":"2.0","method":"runCmds","params":[1,["show version"]],"id":9})", {});
  CHECK(r["id"] == 9);
  CHECK(r["result"][0]["modelName"].is_string());
}

TEST_CASE("eapi: results, failures and privileged mode") {
  Fixture f;
  json r = f.run({"show version", "enable", {{"cmd", "configure"}, {"input", ""}}, "hostname x"});
  REQUIRE(r.contains("result"));
  CHECK(r["result"].size() == 4);
  CHECK(r["result"][0]["version"].is_string());
  CHECK(r["result"][1] == json::object());

  r = f.run({"configure", "hostname y"});
  CHECK(r["error"]["code"] == 1002);
  CHECK(r["error"]["message"] == "CLI command 1 of 2 'configure' failed: invalid command");
  CHECK(r["error"]["data"][0]["errors"][0] == "Invalid input (privileged mode required)");

  r = f.run({"enable", "configure", "hostname z", "bogus thing", "hostname never"});
  CHECK(r["error"]["message"] == "CLI command 4 of 5 'bogus thing' failed: invalid command");
  CHECK(r["error"]["data"].size() == 4);
  CHECK(r["error"]["data"][3]["errors"][0] == "Invalid input (at token 0: 'bogus')");
  CHECK(f.dev.running_config().find("hostname z") != std::string::npos);
  CHECK(f.dev.running_config().find("never") == std::string::npos);

  r = f.run({"enable", "show running-config"}, "text");
  CHECK(r["result"][1]["output"].get<std::string>().find("hostname z\n") != std::string::npos);
  r = f.run({"enable", "configure", "bogus"}, "text");
  CHECK(r["error"]["data"][2]["output"] == "% Invalid input (at token 0: 'bogus')\n");

  r = f.run({"enable", "configure", "interface Ethernet1", "description uplink"}, "json", faults_of({"reject=^description"}));
  CHECK(r["error"]["code"] == 1002);
  CHECK(r["error"]["data"][3]["errors"][0].get<std::string>().starts_with("Invalid input"));
}

TEST_CASE("eapi: sessions, diffs and commit") {
  Fixture f;
  json r = f.run({"enable", "configure session s1", "rollback clean-config", "hostname eos1",
                  "interface Ethernet1", "   description new", "show session-config diffs"}, "text");
  REQUIRE(r.contains("result"));
  std::string diff = r["result"][6]["output"];
  CHECK(diff.starts_with("--- system:/running-config\n+++ session:/s1-session-config\n@@"));
  CHECK(diff.find("+interface Ethernet1\n+   description new\n") != std::string::npos);
  CHECK(diff.find("-management api http-commands\n") != std::string::npos);
  // The session persists between requests until committed.
  CHECK(f.dev.describe()["sessions"] == json::array({"s1"}));
  r = f.run({"enable", "configure session s1", "show session-config diffs"}, "json");
  CHECK(r["error"]["code"] == 1003);
  r = f.run({"enable", "configure session s1", "commit"});
  REQUIRE(r.contains("result"));
  CHECK(f.dev.running_config() == "hostname eos1\n!\ninterface Ethernet1\n   description new\n!\nend\n");
  CHECK(f.dev.describe()["sessions"].empty());
  // No difference: empty diff output.
  r = f.run({"enable", "configure session s2", "show session-config diffs", "abort"}, "text");
  CHECK(r["result"][2]["output"] == "");
  r = f.run({"enable", "write memory"});
  CHECK(f.dev.describe()["startup_config"] == f.dev.describe()["running_config"]);
  r = f.run({"enable", "configure session s3", "hostname q", "commit"}, "json", faults_of({"apply-fail"}));
  CHECK(r["error"]["data"][3]["errors"][0] == "Commit failed");
}

TEST_CASE("eapi: commit timer rolls back unless confirmed") {
  Fixture f;
  std::string before = f.dev.running_config();
  json r = f.run({"enable", "configure session t1", "hostname timed", "commit timer 00:02:00"});
  REQUIRE(r.contains("result"));
  CHECK(f.dev.running_config().find("hostname timed") != std::string::npos);
  json d = f.dev.describe();
  CHECK(d["pending_commit"]["session"] == "t1");
  CHECK(d["pending_commit"]["expires_in_s"] == doctest::Approx(120));
  f.now += std::chrono::seconds(121);
  CHECK(f.dev.running_config() == before);
  CHECK(f.dev.describe()["pending_commit"].is_null());
  // A late confirmation fails.
  CHECK(f.run({"enable", "configure session t1 commit"})["error"]["code"] == 1000);

  r = f.run({"enable", "configure session t2", "hostname kept", "commit timer 00:01:00"});
  REQUIRE(r.contains("result"));
  CHECK(f.run({"enable", "configure session t2 commit"}).contains("result"));
  f.now += std::chrono::seconds(120);
  CHECK(f.dev.running_config().find("hostname kept") != std::string::npos);

  r = f.run({"enable", "configure session t3", "hostname aborted", "commit timer 00:01:00"});
  CHECK(f.run({"enable", "configure session t3 abort"}).contains("result"));
  CHECK(f.dev.running_config().find("hostname kept") != std::string::npos);

  r = f.run({"enable", "configure session t4", "hostname dying", "commit timer 00:00:30"}, "json", faults_of({"die-after-commit"}));
  REQUIRE(f.dev.hang_until().has_value());
  f.now += std::chrono::seconds(31);
  CHECK_FALSE(f.dev.hang_until().has_value());
  CHECK(f.dev.running_config().find("hostname kept") != std::string::npos);
}
