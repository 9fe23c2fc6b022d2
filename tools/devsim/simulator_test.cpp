// Integration tests: a Simulator in-process (and the cfgc-devsim binary as a subprocess),
// talked to over HTTPS with the generated certificate as CA, and over plain HTTP.

#include "simulator.h"

#include <doctest/doctest.h>
#include <httplib.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <re2/re2.h>
#include <thread>

using namespace cfgc::devsim;
using nlohmann::json;

namespace {

std::unique_ptr<httplib::Client> client_for(const std::string& url, const std::string& ca, int read_timeout_s = 3) {
  auto c = std::make_unique<httplib::Client>(url);
  if (!ca.empty()) {
    c->set_ca_cert_path(ca.c_str());
    c->enable_server_certificate_verification(true);
  }
  c->set_connection_timeout(2, 0);
  c->set_read_timeout(read_timeout_s, 0);
  c->set_write_timeout(2, 0);
  c->set_basic_auth("admin", "admin");
  return c;
}

json rpc(std::vector<json> cmds, const std::string& format = "json") {
  return {{"jsonrpc", "2.0"}, {"method", "runCmds"}, {"params", {{"version", 1}, {"cmds", cmds}, {"format", format}}}, {"id", 1}};
}

std::string enc(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '/') out += "%2F";
    else out += c;
  }
  return out;
}

SimulatorOptions options(bool https) {
  SimulatorOptions o;
  o.https = https;
  o.devices = {{"eos1", DeviceKind::Eapi}, {"cl1", DeviceKind::Nvue}, {"eos2", DeviceKind::Eapi},
               {"eos3", DeviceKind::Eapi}, {"cl2", DeviceKind::Nvue}};
  std::string err;
  o.faults.push_back(*parse_targeted_fault("eos2:refuse", &err));
  o.faults.push_back(*parse_targeted_fault("eos3:hang", &err));
  o.faults.push_back(*parse_targeted_fault("cl2:http500", &err));
  return o;
}

}  // namespace

TEST_CASE("simulator: HTTPS devices, faults and the control endpoint") {
  Simulator sim(options(true));
  std::string err;
  REQUIRE_MESSAGE(sim.start(&err), err);
  auto lines = sim.ready_lines();
  REQUIRE(lines.size() == 6);
  CHECK(RE2::FullMatch(lines[0], R"(\{"name":"eos1","kind":"eapi","url":"https://127\.0\.0\.1:\d+"\})"));
  CHECK(RE2::FullMatch(lines[5], R"(\{"ready":true,"control":"http://127\.0\.0\.1:\d+","ca":"/.*/cert\.pem"\})"));
  std::string ca = sim.ca_path();
  std::string eos1 = sim.find("eos1")->url(), cl1 = sim.find("cl1")->url();

  // eAPI over HTTPS, verified against the generated certificate.
  auto c = client_for(eos1, ca);
  auto res = c->Post("/command-api", rpc({"show version", "enable", "configure", "hostname leaf9"}).dump(), "application/json");
  REQUIRE(res);
  CHECK(res->status == 200);
  json body = json::parse(res->body);
  CHECK(body["result"][0]["version"].is_string());
  // Wrong credentials.
  auto bad = client_for(eos1, ca);
  bad->set_basic_auth("admin", "wrong");
  res = bad->Post("/command-api", rpc({"show version"}).dump(), "application/json");
  REQUIRE(res);
  CHECK(res->status == 401);

  // NVUE: revision id URL-encoded in the path and in ?rev=.
  auto n = client_for(cl1, ca);
  res = n->Post("/nvue_v1/revision", "", "application/json");
  REQUIRE(res);
  REQUIRE(res->status == 200);
  std::string id = json::parse(res->body).begin().key();
  res = n->Patch("/nvue_v1/?rev=" + enc(id), R"({"interface":{"swp1":{"link":{"mtu":9000}}}})", "application/json");
  REQUIRE(res);
  CHECK(res->status == 200);
  res = n->Patch("/nvue_v1/revision/" + enc(id), R"({"state":"apply","auto-prompt":{"ays":"ays_yes"}})", "application/json");
  REQUIRE(res);
  CHECK(res->status == 200);
  std::string state;
  for (int i = 0; i < 100 && state != "applied"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    res = n->Get("/nvue_v1/revision/" + enc(id));
    REQUIRE(res);
    state = json::parse(res->body)["state"];
  }
  CHECK(state == "applied");
  res = n->Get("/nvue_v1/interface/swp1/link/mtu?rev=applied");
  REQUIRE(res);
  CHECK(res->body == "9000");

  // Faults given at startup.
  auto refused = client_for(sim.find("eos2")->url(), ca);
  res = refused->Post("/command-api", rpc({"show version"}).dump(), "application/json");
  CHECK(!res);
  auto hung = client_for(sim.find("eos3")->url(), ca, 1);
  auto t0 = std::chrono::steady_clock::now();
  res = hung->Post("/command-api", rpc({"show version"}).dump(), "application/json");
  CHECK(!res);
  CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(5));
  auto failing = client_for(sim.find("cl2")->url(), ca);
  res = failing->Get("/nvue_v1/?rev=applied");
  REQUIRE(res);
  CHECK(res->status == 500);

  // The control endpoint.
  httplib::Client ctl(sim.control_url());
  ctl.set_connection_timeout(2, 0);
  ctl.set_read_timeout(3, 0);
  res = ctl.Get("/devices");
  REQUIRE(res);
  CHECK(json::parse(res->body).size() == 5);
  res = ctl.Get("/devices/eos1");
  REQUIRE(res);
  json d = json::parse(res->body);
  CHECK(d["running_config"].get<std::string>().find("hostname leaf9") != std::string::npos);
  CHECK(d["requests"] == 2);
  CHECK(d["pending_commit"].is_null());
  res = ctl.Get("/devices/cl1");
  REQUIRE(res);
  d = json::parse(res->body);
  CHECK(d["applied"]["interface"]["swp1"]["link"]["mtu"] == 9000);
  CHECK(d["revisions"][0]["state"] == "applied");
  CHECK(ctl.Get("/devices/nope")->status == 404);

  res = ctl.Put("/devices/eos1/config", "hostname seeded\n!\ninterface Ethernet1\n   mtu 9000\n!\nend\n", "text/plain");
  REQUIRE(res);
  CHECK(res->status == 200);
  res = c->Post("/command-api", rpc({"show running-config"}, "text").dump(), "application/json");
  REQUIRE(res);
  CHECK(json::parse(res->body)["result"][0]["output"].get<std::string>().find("interface Ethernet1\n   mtu 9000\n") !=
        std::string::npos);

  res = ctl.Post("/devices/eos1/faults", R"(["http500"])", "application/json");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(c->Post("/command-api", rpc({"show version"}).dump(), "application/json")->status == 500);
  res = ctl.Post("/devices/eos1/faults", R"(["refuse"])", "application/json");
  REQUIRE(res);
  auto fresh = client_for(eos1, ca);
  CHECK(!fresh->Post("/command-api", rpc({"show version"}).dump(), "application/json"));
  res = ctl.Post("/devices/eos1/faults", "[]", "application/json");
  REQUIRE(res);
  auto again = client_for(eos1, ca);
  res = again->Post("/command-api", rpc({"show version"}).dump(), "application/json");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(ctl.Post("/devices/eos1/faults", R"(["nonsense"])", "application/json")->status == 400);
  res = ctl.Post("/devices/eos1/faults", R"(["auth", "latency=50"])", "application/json");
  t0 = std::chrono::steady_clock::now();
  res = again->Post("/command-api", rpc({"show version"}).dump(), "application/json");
  REQUIRE(res);
  CHECK(res->status == 401);
  CHECK(std::chrono::steady_clock::now() - t0 >= std::chrono::milliseconds(50));

  // Hung requests end when the hang fault is cleared; the device answers again.
  for (int i = 0; i < 2; ++i) CHECK(!hung->Post("/command-api", rpc({"show version"}).dump(), "application/json"));
  REQUIRE(ctl.Post("/devices/eos3/faults", "[]", "application/json"));
  auto unhung = client_for(sim.find("eos3")->url(), ca);
  res = unhung->Post("/command-api", rpc({"show version"}).dump(), "application/json");
  REQUIRE(res);
  CHECK(res->status == 200);

  res = ctl.Post("/shutdown", "", "application/json");
  REQUIRE(res);
  sim.wait_for_shutdown();
  sim.stop();
}

TEST_CASE("simulator: plain HTTP and die-after-commit") {
  SimulatorOptions o;
  o.https = false;
  o.devices = {{"eos1", DeviceKind::Eapi}};
  std::string err;
  o.faults.push_back(*parse_targeted_fault("*:die-after-commit", &err));
  Simulator sim(o);
  REQUIRE_MESSAGE(sim.start(&err), err);
  CHECK(sim.ca_path().empty());
  CHECK(sim.ready_lines().back().find("\"ca\":null") != std::string::npos);
  auto c = client_for(sim.find("eos1")->url(), "", 1);
  auto res = c->Post("/command-api",
                     rpc({"enable", "configure session s", "hostname new", "commit timer 00:00:02"}).dump(),
                     "application/json");
  REQUIRE(res);
  CHECK(json::parse(res->body).contains("result"));
  // The device hangs until the timer expires and rolls back.
  res = c->Post("/command-api", rpc({"enable", "configure session s commit"}).dump(), "application/json");
  CHECK(!res);
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  auto c2 = client_for(sim.find("eos1")->url(), "", 3);
  res = c2->Post("/command-api", rpc({"show running-config"}, "text").dump(), "application/json");
  REQUIRE(res);
  CHECK(json::parse(res->body)["result"][0]["output"].get<std::string>().find("hostname eos1\n") != std::string::npos);
  sim.stop();
}

TEST_CASE("simulator: the binary's ready protocol and stdin EOF exit") {
  int in[2], out[2];
  REQUIRE(pipe(in) == 0);
  REQUIRE(pipe(out) == 0);
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    dup2(in[0], 0);
    dup2(out[1], 1);
    close(in[1]);
    close(out[0]);
    execl(CFGC_DEVSIM_BINARY, CFGC_DEVSIM_BINARY, "--eapi", "1", "--nvue", "1", "--device", "leaf1=nvue",
          "--stdin-eof-exit", static_cast<char*>(nullptr));
    _exit(127);
  }
  close(in[0]);
  close(out[1]);
  std::string text;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (text.find("\"ready\"") == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    pollfd p{out[0], POLLIN, 0};
    if (poll(&p, 1, 200) <= 0) continue;
    char buf[4096];
    ssize_t k = read(out[0], buf, sizeof buf);
    if (k <= 0) break;
    text.append(buf, static_cast<size_t>(k));
  }
  std::vector<json> lines;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) break;
    lines.push_back(json::parse(text.substr(pos, nl - pos)));
    pos = nl + 1;
  }
  REQUIRE(lines.size() == 4);
  CHECK(lines[0]["name"] == "eos1");
  CHECK(lines[1]["name"] == "cl1");
  CHECK(lines[2]["name"] == "leaf1");
  CHECK(lines[2]["kind"] == "nvue");
  CHECK(lines[3]["ready"] == true);
  std::string ca = lines[3]["ca"];
  CHECK(access(ca.c_str(), R_OK) == 0);
  auto c = client_for(lines[2]["url"], ca);
  auto res = c->Get("/nvue_v1/system?rev=applied");
  REQUIRE(res);
  CHECK(json::parse(res->body)["hostname"] == "leaf1");

  close(in[1]);  // EOF: the simulator exits and removes its certificate directory
  int status = -1;
  for (int i = 0; i < 100; ++i) {
    if (waitpid(pid, &status, WNOHANG) == pid) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  if (!WIFEXITED(status)) {
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    FAIL("cfgc-devsim did not exit on stdin EOF");
  }
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(access(ca.c_str(), F_OK) != 0);
  close(out[0]);
}
