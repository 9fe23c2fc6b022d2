// gNMI targets over gRPC: a Simulator in-process, talked to on 127.0.0.1 with TLS (the
// generated certificate as CA) and in plaintext; every RPC has a deadline.

#include <doctest/doctest.h>
#include <grpcpp/grpcpp.h>
#include <httplib.h>
#include <poll.h>
#include <re2/re2.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <condition_variable>
#include <fstream>
#include <sstream>
#include <thread>

#include "gnmi.grpc.pb.h"
#include "gnmi_ext.pb.h"
#include "simulator.h"

using namespace cfgc::devsim;
using nlohmann::json;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Target {
  std::unique_ptr<gnmi::gNMI::Stub> stub;
  std::string user = "admin", password = "admin";
  int timeout_ms = 3000;

  Target(const std::string& address, const std::string& ca_path) {
    std::shared_ptr<grpc::ChannelCredentials> creds;
    if (ca_path.empty()) {
      creds = grpc::InsecureChannelCredentials();
    } else {
      grpc::SslCredentialsOptions o;
      o.pem_root_certs = read_file(ca_path);
      creds = grpc::SslCredentials(o);
    }
    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 100);
    args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 200);
    stub = gnmi::gNMI::NewStub(grpc::CreateCustomChannel(address, creds, args));
  }
  void prepare(grpc::ClientContext& ctx) const {
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(timeout_ms));
    if (!user.empty()) ctx.AddMetadata("username", user);
    if (!password.empty()) ctx.AddMetadata("password", password);
  }
  grpc::Status caps(gnmi::CapabilityResponse* resp) {
    grpc::ClientContext ctx;
    prepare(ctx);
    return stub->Capabilities(&ctx, gnmi::CapabilityRequest(), resp);
  }
  grpc::Status get(const gnmi::GetRequest& req, gnmi::GetResponse* resp) {
    grpc::ClientContext ctx;
    prepare(ctx);
    return stub->Get(&ctx, req, resp);
  }
  grpc::Status set(const gnmi::SetRequest& req, gnmi::SetResponse* resp = nullptr) {
    grpc::ClientContext ctx;
    prepare(ctx);
    gnmi::SetResponse r;
    return stub->Set(&ctx, req, resp ? resp : &r);
  }
  // The subtree at `p` (JSON_IETF), or null with *st.
  json get_json(const gnmi::Path& p, grpc::Status* st = nullptr) {
    gnmi::GetRequest req;
    *req.add_path() = p;
    req.set_encoding(gnmi::JSON_IETF);
    req.set_type(gnmi::GetRequest::CONFIG);
    gnmi::GetResponse resp;
    auto s = get(req, &resp);
    if (st) *st = s;
    if (!s.ok()) return nullptr;
    return json::parse(resp.notification(0).update(0).val().json_ietf_val());
  }
};

gnmi::Path path(std::initializer_list<std::pair<std::string, std::map<std::string, std::string>>> elems) {
  gnmi::Path p;
  for (const auto& [name, keys] : elems) {
    auto* pe = p.add_elem();
    pe->set_name(name);
    for (const auto& [k, v] : keys) (*pe->mutable_key())[k] = v;
  }
  return p;
}

gnmi::SetRequest update(const gnmi::Path& p, const std::string& value) {
  gnmi::SetRequest req;
  auto* u = req.add_update();
  *u->mutable_path() = p;
  u->mutable_val()->set_json_ietf_val(value);
  return req;
}

void with_commit(gnmi::SetRequest& req, const std::string& id, int action, int rollback_ms = 0) {
  auto* c = req.add_extension()->mutable_commit();
  c->set_id(id);
  if (action == 0) {
    c->mutable_commit()->mutable_rollback_duration()->set_nanos(rollback_ms * 1000000);
  } else if (action == 1) {
    c->mutable_confirm();
  } else {
    c->mutable_cancel();
  }
}

std::unique_ptr<httplib::Client> control(Simulator& sim) {
  auto c = std::make_unique<httplib::Client>(sim.control_url());
  c->set_connection_timeout(2, 0);
  c->set_read_timeout(3, 0);
  return c;
}

const gnmi::Path kEth0 = path({{"interfaces", {}}, {"interface", {{"name", "eth0"}}}});

}  // namespace

TEST_CASE("gnmi: TLS target, Capabilities, Get, Set, auth, faults, control endpoint") {
  SimulatorOptions o;
  o.devices = {{"gnmi1", DeviceKind::Gnmi}, {"gnmi2", DeviceKind::Gnmi}, {"eos1", DeviceKind::Eapi}};
  std::string err;
  o.faults.push_back(*parse_targeted_fault("gnmi2:reject=^forbidden", &err));
  Simulator sim(o);
  REQUIRE_MESSAGE(sim.start(&err), err);
  auto lines = sim.ready_lines();
  REQUIRE(lines.size() == 4);
  CHECK(RE2::FullMatch(lines[0], R"(\{"name":"gnmi1","kind":"gnmi","url":"127\.0\.0\.1:\d+","tls":true\})"));
  CHECK(RE2::FullMatch(lines[2], R"(\{"name":"eos1","kind":"eapi","url":"https://127\.0\.0\.1:\d+"\})"));

  Target t(sim.find("gnmi1")->url(), sim.ca_path());
  gnmi::CapabilityResponse caps;
  auto st = t.caps(&caps);
  REQUIRE_MESSAGE(st.ok(), st.error_message());
  CHECK(caps.gnmi_version() == "0.10.0");
  CHECK(caps.supported_encodings_size() == 2);
  CHECK(caps.extension_size() == 1);

  // Get at a container and at a list entry.
  json ifs = t.get_json(path({{"ietf-interfaces:interfaces", {}}}), &st);
  REQUIRE_MESSAGE(st.ok(), st.error_message());
  CHECK(ifs["interface"][0]["name"] == "eth0");
  CHECK(t.get_json(kEth0)["type"] == "iana-if-type:ethernetCsmacd");
  t.get_json(path({{"interfaces", {}}, {"interface", {{"name", "eth9"}}}}), &st);
  CHECK(st.error_code() == grpc::StatusCode::NOT_FOUND);

  // Set: update, then a failing request leaves the tree as it was.
  auto req = update(path({{"interfaces", {}}, {"interface", {{"name", "eth1"}}}}), R"({"enabled": false})");
  gnmi::SetResponse resp;
  st = t.set(req, &resp);
  REQUIRE_MESSAGE(st.ok(), st.error_message());
  CHECK(resp.response_size() == 1);
  CHECK(resp.response(0).op() == gnmi::UpdateResult::UPDATE);
  auto bad = update(path({{"interfaces", {}}, {"interface", {{"name", "eth2"}}}}), R"({"enabled": true})");
  *bad.add_delete_() = kEth0;
  auto* r = bad.add_replace();
  *r->mutable_path() = path({{"interfaces", {}}, {"interface", {{"name", "eth3"}}}});
  r->mutable_val()->set_json_ietf_val("[1, 2]");
  st = t.set(bad);
  CHECK(st.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  json tree = t.get_json(path({{"ietf-interfaces:interfaces", {}}}));
  CHECK(tree["interface"].size() == 2);
  CHECK(tree["interface"][1] == json::parse(R"({"name":"eth1","enabled":false})"));

  // Authentication: wrong, missing, the auth fault.
  Target wrong(sim.find("gnmi1")->url(), sim.ca_path());
  wrong.password = "nope";
  st = wrong.caps(&caps);
  CHECK(st.error_code() == grpc::StatusCode::UNAUTHENTICATED);
  CHECK(st.error_message().find("wrong username or password") != std::string::npos);
  wrong.user.clear();
  wrong.password.clear();
  CHECK(wrong.caps(&caps).error_code() == grpc::StatusCode::UNAUTHENTICATED);

  // reject=REGEX on gnmi2: ABORTED, naming the value; nothing changes.
  Target t2(sim.find("gnmi2")->url(), sim.ca_path());
  auto rej = update(path({{"interfaces", {}}, {"interface", {{"name", "eth0"}}}}), R"({"description": "forbidden words"})");
  st = t2.set(rej);
  CHECK(st.error_code() == grpc::StatusCode::ABORTED);
  CHECK(st.error_message().find("'forbidden words'") != std::string::npos);
  CHECK(!t2.get_json(kEth0).contains("description"));

  // The control endpoint.
  auto ctl = control(sim);
  auto res = ctl->Get("/devices/gnmi1");
  REQUIRE(res);
  json d = json::parse(res->body);
  CHECK(d["kind"] == "gnmi");
  CHECK(d["tls"] == true);
  CHECK(d["sets"] == 1);
  CHECK(d["pending_commit"].is_null());
  CHECK(d["tree"]["ietf-interfaces:interfaces"]["interface"].size() == 2);
  CHECK(d["requests"].get<int>() >= 8);
  res = ctl->Put("/devices/gnmi1/config", R"({"openconfig-interfaces:interfaces": {"interface": [{"name": "Ethernet1"}]}})",
                 "application/json");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(t.get_json(path({{"interfaces", {}}, {"interface", {{"name", "Ethernet1"}}}}))["name"] == "Ethernet1");
  res = ctl->Put("/devices/gnmi1/config", R"({"interfaces": {}})", "application/json");
  REQUIRE(res);
  CHECK(res->status == 400);

  // Faults at runtime: unavailable, auth, latency, hang (released when cleared), refuse.
  REQUIRE(ctl->Post("/devices/gnmi1/faults", R"(["unavailable"])", "application/json"));
  CHECK(t.caps(&caps).error_code() == grpc::StatusCode::UNAVAILABLE);
  REQUIRE(ctl->Post("/devices/gnmi1/faults", R"(["auth", "latency=100"])", "application/json"));
  auto t0 = std::chrono::steady_clock::now();
  CHECK(t.caps(&caps).error_code() == grpc::StatusCode::UNAUTHENTICATED);
  CHECK(std::chrono::steady_clock::now() - t0 >= std::chrono::milliseconds(100));
  REQUIRE(ctl->Post("/devices/gnmi1/faults", R"(["hang"])", "application/json"));
  t.timeout_ms = 300;
  t0 = std::chrono::steady_clock::now();
  CHECK(t.caps(&caps).error_code() == grpc::StatusCode::DEADLINE_EXCEEDED);
  CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(2));
  // A held call ends when the faults change.
  grpc::Status held;
  std::thread waiter([&] {
    Target h(sim.find("gnmi1")->url(), sim.ca_path());
    h.timeout_ms = 5000;
    gnmi::CapabilityResponse c;
    held = h.caps(&c);
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  REQUIRE(ctl->Post("/devices/gnmi1/faults", "[]", "application/json"));
  waiter.join();
  CHECK(held.error_code() == grpc::StatusCode::UNAVAILABLE);
  t.timeout_ms = 3000;
  CHECK(t.caps(&caps).ok());
  REQUIRE(ctl->Post("/devices/gnmi1/faults", R"(["refuse"])", "application/json"));
  Target fresh(sim.find("gnmi1")->url(), sim.ca_path());
  fresh.timeout_ms = 500;
  st = fresh.caps(&caps);
  CHECK(!st.ok());
  CHECK(st.error_code() != grpc::StatusCode::UNAUTHENTICATED);
  REQUIRE(ctl->Post("/devices/gnmi1/faults", R"(["no-json-ietf","no-commit-confirm"])", "application/json"));
  Target again(sim.find("gnmi1")->url(), sim.ca_path());
  st = again.caps(&caps);
  REQUIRE_MESSAGE(st.ok(), st.error_message());
  CHECK(caps.supported_encodings_size() == 1);
  CHECK(caps.supported_encodings(0) == gnmi::JSON);
  CHECK(caps.extension_size() == 0);
  sim.stop();
}

TEST_CASE("gnmi: commit confirmed over gRPC (plaintext): confirm, expiry rollback, die-after-commit") {
  SimulatorOptions o;
  o.https = false;
  o.devices = {{"gnmi1", DeviceKind::Gnmi}, {"gnmi2", DeviceKind::Gnmi}};
  std::string err;
  o.faults.push_back(*parse_targeted_fault("gnmi2:die-after-commit", &err));
  Simulator sim(o);
  REQUIRE_MESSAGE(sim.start(&err), err);
  CHECK(sim.ready_lines()[0].find("\"tls\":false") != std::string::npos);
  Target t(sim.find("gnmi1")->url(), "");
  json before = t.get_json(path({}));
  REQUIRE(before.contains("ietf-interfaces:interfaces"));

  // Commit and confirm.
  auto req = update(kEth0, R"({"enabled": false})");
  with_commit(req, "one", 0, 400);
  auto st = t.set(req);
  REQUIRE_MESSAGE(st.ok(), st.error_message());
  CHECK(t.set(update(kEth0, R"({"enabled": true})")).error_code() == grpc::StatusCode::FAILED_PRECONDITION);
  gnmi::SetRequest confirm;
  with_commit(confirm, "two", 1);
  CHECK(t.set(confirm).error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  confirm = gnmi::SetRequest();
  with_commit(confirm, "one", 1);
  REQUIRE(t.set(confirm).ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  CHECK(t.get_json(kEth0)["enabled"] == false);

  // Commit, no confirm: rolled back after the rollback duration.
  auto req2 = update(kEth0, R"({"description": "temporary"})");
  with_commit(req2, "three", 0, 300);
  REQUIRE(t.set(req2).ok());
  CHECK(t.get_json(kEth0)["description"] == "temporary");
  auto ctl = control(sim);
  json d = json::parse(ctl->Get("/devices/gnmi1")->body);
  CHECK(d["pending_commit"]["id"] == "three");
  CHECK(d["pending_commit"]["expires_in_s"].get<double>() <= 0.3);
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  CHECK(!t.get_json(kEth0).contains("description"));
  CHECK(json::parse(ctl->Get("/devices/gnmi1")->body)["pending_commit"].is_null());

  // die-after-commit: after the commit, RPCs hang until the rollback, then answer.
  Target t2(sim.find("gnmi2")->url(), "");
  auto req3 = update(kEth0, R"({"description": "doomed"})");
  with_commit(req3, "four", 0, 700);
  REQUIRE(t2.set(req3).ok());
  t2.timeout_ms = 200;
  gnmi::SetRequest confirm4;
  with_commit(confirm4, "four", 1);
  CHECK(t2.set(confirm4).error_code() == grpc::StatusCode::DEADLINE_EXCEEDED);
  t2.timeout_ms = 3000;
  auto t0 = std::chrono::steady_clock::now();
  json eth0 = t2.get_json(kEth0, &st);
  REQUIRE_MESSAGE(st.ok(), st.error_message());
  CHECK(!eth0.contains("description"));
  CHECK(std::chrono::steady_clock::now() - t0 >= std::chrono::milliseconds(200));
  sim.stop();
}

namespace {

// Starts the cfgc-devsim binary with `args`; returns its pid, stdin's write end, and the
// parsed lines up to the ready line.
pid_t spawn_devsim(std::vector<std::string> args, int* stdin_fd, std::vector<json>* lines) {
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
    std::vector<char*> argv{const_cast<char*>(CFGC_DEVSIM_BINARY)};
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(CFGC_DEVSIM_BINARY, argv.data());
    _exit(127);
  }
  close(in[0]);
  close(out[1]);
  std::string text;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (text.find("\"ready\"") == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    pollfd p{out[0], POLLIN, 0};
    if (poll(&p, 1, 200) <= 0) continue;
    char buf[65536];
    ssize_t k = read(out[0], buf, sizeof buf);
    if (k <= 0) break;
    text.append(buf, static_cast<size_t>(k));
  }
  close(out[0]);
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) break;
    lines->push_back(json::parse(text.substr(pos, nl - pos)));
    pos = nl + 1;
  }
  *stdin_fd = in[1];
  return pid;
}

void end_devsim(pid_t pid, int stdin_fd) {
  close(stdin_fd);  // --stdin-eof-exit
  int status = -1;
  for (int i = 0; i < 200; ++i) {
    if (waitpid(pid, &status, WNOHANG) == pid) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  kill(pid, SIGKILL);
  waitpid(pid, &status, 0);
  FAIL("cfgc-devsim did not exit on stdin EOF");
}

int thread_count(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("Threads:", 0) == 0) return std::stoi(line.substr(8));
  }
  return -1;
}

}  // namespace

TEST_CASE("gnmi: the binary's ready lines for gNMI targets") {
  int in = -1;
  std::vector<json> lines;
  pid_t pid = spawn_devsim({"--gnmi", "2", "--device", "edge1=gnmi", "--gnmi-models", "acme-if@1.0,ietf-ip",
                            "--stdin-eof-exit"},
                           &in, &lines);
  REQUIRE(lines.size() == 4);
  CHECK(lines[0]["name"] == "gnmi1");
  CHECK(lines[2]["name"] == "edge1");
  CHECK(lines[2]["kind"] == "gnmi");
  CHECK(lines[2]["tls"] == true);
  Target t(lines[2]["url"], lines[3]["ca"]);
  gnmi::CapabilityResponse caps;
  auto st = t.caps(&caps);
  REQUIRE_MESSAGE(st.ok(), st.error_message());
  REQUIRE(caps.supported_models_size() == 2);
  CHECK(caps.supported_models(0).name() == "acme-if");
  CHECK(caps.supported_models(0).version() == "1.0");
  end_devsim(pid, in);
}

// Not run by default (cfgc_devsim_tests -tc='gnmi: 1?000*' --no-skip): 1,000 TLS targets in
// the binary, every one asked Capabilities, Get and Set at once, 100 RPCs held by `hang`;
// prints the simulator's thread count.
TEST_CASE("gnmi: 1,000 targets and their threads" * doctest::skip()) {
  int in = -1;
  std::vector<json> lines;
  pid_t pid = spawn_devsim({"--gnmi", "1000", "--fault", "gnmi1000:hang", "--stdin-eof-exit"}, &in, &lines);
  REQUIRE(lines.size() == 1001);
  int idle = thread_count(pid);
  std::string ca = lines.back()["ca"];
  std::vector<std::unique_ptr<Target>> targets;
  for (int i = 0; i < 1000; ++i) targets.push_back(std::make_unique<Target>(lines[i]["url"], ca));
  std::mutex mu;
  std::condition_variable cv;
  int done = 0, ok = 0;
  struct Rpc {
    grpc::ClientContext ctx;
    gnmi::CapabilityRequest creq;
    gnmi::CapabilityResponse cresp;
    gnmi::GetRequest greq;
    gnmi::GetResponse gresp;
    gnmi::SetRequest sreq;
    gnmi::SetResponse sresp;
  };
  std::vector<std::unique_ptr<Rpc>> rpcs;
  auto t0 = std::chrono::steady_clock::now();
  auto finished = [&](grpc::Status s) {
    std::lock_guard lock(mu);
    ++done;
    if (s.ok()) ++ok;
    cv.notify_all();
  };
  int max_threads = idle;
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 1000; ++i) {
      auto r = std::make_unique<Rpc>();
      targets[i]->timeout_ms = i == 999 ? 1000 : 30000;
      targets[i]->prepare(r->ctx);
      if (round == 0) {
        targets[i]->stub->async()->Capabilities(&r->ctx, &r->creq, &r->cresp, finished);
      } else if (round == 1) {
        *r->greq.add_path() = kEth0;
        r->greq.set_encoding(gnmi::JSON_IETF);
        targets[i]->stub->async()->Get(&r->ctx, &r->greq, &r->gresp, finished);
      } else {
        r->sreq = update(kEth0, R"({"description": "bulk"})");
        targets[i]->stub->async()->Set(&r->ctx, &r->sreq, &r->sresp, finished);
      }
      rpcs.push_back(std::move(r));
    }
    max_threads = std::max(max_threads, thread_count(pid));
  }
  // 99 more RPCs held by the hang fault.
  for (int i = 0; i < 99; ++i) {
    auto r = std::make_unique<Rpc>();
    targets[999]->prepare(r->ctx);
    targets[999]->stub->async()->Capabilities(&r->ctx, &r->creq, &r->cresp, finished);
    rpcs.push_back(std::move(r));
  }
  {
    std::unique_lock lock(mu);
    while (done < 3099) {
      cv.wait_for(lock, std::chrono::milliseconds(100));
      max_threads = std::max(max_threads, thread_count(pid));
    }
  }
  auto elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  int after = thread_count(pid);
  MESSAGE("1,000 gNMI targets: threads idle ", idle, ", at most ", max_threads, " under load, ", after,
          " after; ", ok, " of 3,099 RPCs ok in ", elapsed, " s");
  CHECK(ok == 2997);  // gnmi1000's 102 RPCs hang until their deadline
  CHECK(max_threads < 64);
  end_devsim(pid, in);
}
