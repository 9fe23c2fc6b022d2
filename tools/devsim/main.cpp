// cfgc-devsim: serves simulated Arista eAPI, NVIDIA NVUE and gNMI devices on loopback ports for
// `cfgc push` to be tried and tested against. See docs/devsim.md.

#include <arpa/inet.h>
#include <signal.h>

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <re2/re2.h>
#include <string>
#include <thread>

#include "simulator.h"

using namespace cfgc::devsim;

namespace {

constexpr const char* kHelp =
    R"(cfgc-devsim: simulated Arista EOS (eAPI), NVIDIA Cumulus (NVUE REST API) and gNMI devices

Usage:
  cfgc-devsim [--eapi N] [--nvue N] [--gnmi N] [--device NAME=KIND]... [--http] [--bind ADDR]
              [--cert-dir DIR] [--username U] [--password-env VAR] [--latency MS] [--fault SPEC]...
              [--threads N] [--seed N] [--gnmi-models LIST] [--stdin-eof-exit]

Devices (each on its own OS-chosen port of the bind address):
  --eapi N             add N eAPI devices named eos1..eosN (POST /command-api, JSON-RPC runCmds)
  --nvue N             add N NVUE devices named cl1..clN (REST API below /nvue_v1)
  --gnmi N             add N gNMI targets named gnmi1..gnmiN (gRPC: Capabilities, Get, Set with
                       JSON_IETF and the commit-confirmed extension)
  --device NAME=KIND   add one named device; KIND is eapi, nvue or gnmi (repeatable)

Transport and credentials:
  --http               serve plain HTTP, and plaintext gRPC for gNMI (default: HTTPS / gRPC over TLS
                       with a self-signed certificate generated at startup, EC P-256, for
                       127.0.0.1 and localhost)
  --bind ADDR          loopback address to listen on (127.0.0.0/8 only; default 127.0.0.1)
  --cert-dir DIR       write cert.pem and key.pem there (default: a private temporary
                       directory removed at exit); clients use cert.pem as their CA
  --username U         Basic-auth user, and gNMI's username metadata (default admin)
  --password-env VAR   read the password from environment variable VAR (default password: admin)

Behaviour:
  --latency MS         delay every response by MS milliseconds
  --threads N          threads answering HTTP requests per eAPI/NVUE device (default 2, at most
                       1024); a kept-alive connection holds one, so give a device serving many
                       concurrent clients as many
  --fault NAME:KIND[=ARG]
                       give device NAME (or * for all) a fault (repeatable):
                         refuse            connections are refused (listener closed after the
                                           ready line reports its URL)
                         hang              accept requests and never answer
                         http500           every API request gets HTTP 500
                         auth              every credential is rejected with 401
                         latency=MS        this device answers after MS milliseconds
                         reject=REGEX      eAPI: configuration commands matching REGEX fail with
                                           "Invalid input"; NVUE: a revision whose PATCHes hold a key
                                           or string value matching REGEX applies to state invalid
                         apply-fail        NVUE apply ends in apply_fail; eAPI commit fails
                         die-after-commit  eAPI: after `commit timer`, API requests hang until the
                                           timer expires and the configuration rolls back
                         random=P          each request fails with probability P as http500, auth,
                                           latency=1000 or apply-fail (see --seed)
                         unavailable       gNMI: every RPC fails with UNAVAILABLE
                         no-json-ietf      gNMI: JSON_IETF is neither advertised nor accepted
                         no-commit-confirm gNMI: the commit-confirmed extension is neither advertised
                                           nor accepted
                       gNMI maps them to status codes: hang holds RPCs, auth is UNAUTHENTICATED,
                       http500 INTERNAL, reject=REGEX ABORTED, apply-fail ABORTED on Set,
                       die-after-commit holds RPCs after a commit until its rollback
  --seed N             seed for random faults (default 1)
  --gnmi-models LIST   models gNMI targets list in Capabilities: NAME[@VERSION],... (default:
                       ietf-interfaces, ietf-ip, iana-if-type, openconfig-interfaces)
  --stdin-eof-exit     exit when standard input reaches end of file (for test harnesses)
  -h, --help           show this help

Ready protocol: once every server listens, one JSON object per line is printed on stdout:
  {"name":"eos1","kind":"eapi","url":"https://127.0.0.1:40123"}     (one per device)
  {"name":"gnmi1","kind":"gnmi","url":"127.0.0.1:40125","tls":true} (gNMI: a gRPC target)
  {"ready":true,"control":"http://127.0.0.1:PORT","ca":"/path/cert.pem"}   ("ca" is null with --http)
The simulator then serves until SIGINT/SIGTERM, POST /shutdown on the control endpoint, or
(with --stdin-eof-exit) end of standard input.

Control endpoint (plain HTTP, JSON):
  GET  /devices                 the devices: name, kind, url, faults
  GET  /devices/NAME            state: running_config, startup_config, sessions, pending_commit
                                (eapi); applied, startup, revisions (nvue); tree, pending_commit,
                                sets (gnmi); requests, faults
  PUT  /devices/NAME/config     seed state: EOS configuration text (eapi) or a JSON tree (nvue;
                                gnmi: RFC 7951 with module-qualified top-level members)
  POST /devices/NAME/faults     replace the device's faults: a JSON list such as ["http500"]; [] clears
  POST /shutdown                stop the simulator
)";

[[noreturn]] void usage_error(const std::string& message) {
  std::fprintf(stderr, "cfgc-devsim: %s\n(see cfgc-devsim --help)\n", message.c_str());
  std::exit(2);
}

int parse_count(const std::string& flag, const std::string& v) {
  int n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || p != v.data() + v.size() || n < 0 || n > 100000)
    usage_error(flag + " needs a non-negative number, got '" + v + "'");
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  SimulatorOptions opts;
  int eapi = 0, nvue = 0, gnmi = 0;
  std::vector<DeviceSpec> named;
  bool stdin_eof_exit = false;
  std::string password_env;
  static const RE2 kName(R"([A-Za-z0-9][A-Za-z0-9_.-]*)");

  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i], value;
    bool has_inline = false;
    if (arg.starts_with("--") && arg.find('=') != std::string::npos) {
      value = arg.substr(arg.find('=') + 1);
      arg = arg.substr(0, arg.find('='));
      has_inline = true;
    }
    auto next = [&]() -> std::string {
      if (has_inline) return value;
      if (i + 1 >= argc) usage_error(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "-h" || arg == "--help") {
      std::fputs(kHelp, stdout);
      return 0;
    } else if (arg == "--eapi") {
      eapi = parse_count(arg, next());
    } else if (arg == "--nvue") {
      nvue = parse_count(arg, next());
    } else if (arg == "--gnmi") {
      gnmi = parse_count(arg, next());
    } else if (arg == "--gnmi-models") {
      std::string v = next(), err;
      opts.gnmi_models.clear();
      size_t pos = 0;
      while (pos <= v.size()) {
        size_t comma = v.find(',', pos);
        if (comma == std::string::npos) comma = v.size();
        auto m = parse_gnmi_model(std::string_view(v).substr(pos, comma - pos), &err);
        if (!m) usage_error("--gnmi-models: " + err);
        opts.gnmi_models.push_back(std::move(*m));
        pos = comma + 1;
      }
    } else if (arg == "--device") {
      std::string v = next();
      auto eq = v.find('=');
      std::string name = v.substr(0, eq), kind = eq == std::string::npos ? "" : v.substr(eq + 1);
      if (!RE2::FullMatch(name, kName)) usage_error("--device " + v + ": bad device name");
      if (kind == "eapi") {
        named.push_back({name, DeviceKind::Eapi});
      } else if (kind == "nvue") {
        named.push_back({name, DeviceKind::Nvue});
      } else if (kind == "gnmi") {
        named.push_back({name, DeviceKind::Gnmi});
      } else {
        usage_error("--device " + v + ": expected NAME=eapi, NAME=nvue or NAME=gnmi");
      }
    } else if (arg == "--http") {
      opts.https = false;
    } else if (arg == "--bind") {
      std::string v = next();
      if (v == "localhost") v = "127.0.0.1";
      in_addr addr{};
      if (inet_pton(AF_INET, v.c_str(), &addr) != 1 || (ntohl(addr.s_addr) >> 24) != 127)
        usage_error("--bind " + v + ": only loopback addresses (127.0.0.0/8) are allowed");
      opts.bind = v;
    } else if (arg == "--cert-dir") {
      opts.cert_dir = next();
    } else if (arg == "--username") {
      opts.username = next();
      if (opts.username.empty() || opts.username.find(':') != std::string::npos)
        usage_error("--username must be non-empty and hold no ':'");
    } else if (arg == "--password-env") {
      password_env = next();
      const char* pw = std::getenv(password_env.c_str());
      if (!pw) usage_error("--password-env " + password_env + ": the environment variable is not set");
      opts.password = pw;
    } else if (arg == "--latency") {
      opts.latency_ms = parse_count(arg, next());
    } else if (arg == "--threads") {
      opts.http_threads = parse_count(arg, next());
      if (opts.http_threads < 1 || opts.http_threads > 1024)
        usage_error("--threads must be between 1 and 1024");
    } else if (arg == "--fault") {
      std::string err;
      auto f = parse_targeted_fault(next(), &err);
      if (!f) usage_error("--fault: " + err);
      opts.faults.push_back(std::move(*f));
    } else if (arg == "--seed") {
      std::string v = next();
      uint64_t seed = 0;
      auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), seed);
      if (ec != std::errc() || p != v.data() + v.size()) usage_error("--seed needs a number, got '" + v + "'");
      opts.seed = seed;
    } else if (arg == "--stdin-eof-exit") {
      stdin_eof_exit = true;
    } else {
      usage_error("unknown argument '" + std::string(argv[i]) + "'");
    }
  }
  for (int i = 1; i <= eapi; ++i) opts.devices.push_back({"eos" + std::to_string(i), DeviceKind::Eapi});
  for (int i = 1; i <= nvue; ++i) opts.devices.push_back({"cl" + std::to_string(i), DeviceKind::Nvue});
  for (int i = 1; i <= gnmi; ++i) opts.devices.push_back({"gnmi" + std::to_string(i), DeviceKind::Gnmi});
  for (auto& d : named) opts.devices.push_back(std::move(d));
  if (opts.devices.empty()) usage_error("no devices: give --eapi N, --nvue N, --gnmi N or --device NAME=KIND");

  // Signals are taken by one thread (sigwait); every other thread blocks them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  Simulator sim(std::move(opts));
  std::string error;
  if (!sim.start(&error)) {
    std::fprintf(stderr, "cfgc-devsim: %s\n", error.c_str());
    sim.stop();
    return 1;
  }
  for (const auto& line : sim.ready_lines()) std::fprintf(stdout, "%s\n", line.c_str());
  std::fflush(stdout);

  std::thread([&sim, signals] {
    int sig = 0;
    sigwait(&signals, &sig);
    sim.request_shutdown();
  }).detach();
  if (stdin_eof_exit) {
    std::thread([&sim] {
      char buf[256];
      while (std::fread(buf, 1, sizeof buf, stdin) > 0) {
      }
      sim.request_shutdown();
    }).detach();
  }
  sim.wait_for_shutdown();
  sim.stop();
  return 0;
}
