#pragma once
// One simulated device on its own loopback port: the HTTP(S) server, Basic authentication,
// the device's faults (hang, latency, 500s, refused connections...) and request counting,
// in front of an EapiDevice or an NvueDevice; or, for a gNMI target, a GnmiServer (gRPC)
// that shares the faults and the request count.

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "eapi_device.h"
#include "faults.h"
#include "gnmi_model.h"
#include "nvue_device.h"
#include "tls_cert.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace cfgc::devsim {

class GnmiServer;
class Scheduler;

enum class DeviceKind { Eapi, Nvue, Gnmi };
const char* kind_name(DeviceKind kind);

// Settings every device server shares.
struct ServerSettings {
  bool https = true;
  std::string bind = "127.0.0.1";
  const TlsIdentity* tls = nullptr;  // when https
  std::string username = "admin";
  std::string password = "admin";
  int latency_ms = 0;  // for every response, unless a latency fault overrides it
  // Threads answering HTTP requests per device. A connection holds its thread while kept
  // alive, so one device serving many concurrent clients (a benchmark) needs more than 2.
  int http_threads = 2;
  std::vector<GnmiModel> gnmi_models;  // gNMI Capabilities (empty: the defaults)
  Scheduler* scheduler = nullptr;      // delayed gNMI answers (set when there are gNMI devices)
};

class DeviceServer {
 public:
  DeviceServer(std::string name, DeviceKind kind, const ServerSettings& settings, uint64_t seed);
  ~DeviceServer();
  DeviceServer(const DeviceServer&) = delete;
  DeviceServer& operator=(const DeviceServer&) = delete;

  // Binds (an OS-chosen port the first time, the same port afterwards) and serves from a
  // thread of its own. False with *error when the port cannot be bound.
  bool start(std::string* error);
  // Stops serving and closes the listener (connections are then refused); wakes hung
  // requests.
  void stop();
  // Applies the `refuse` fault: stops listening while it is set, listens again when not.
  void sync_listener();

  const std::string& name() const { return name_; }
  DeviceKind kind() const { return kind_; }
  int port() const { return port_; }
  // "https://ADDR:PORT" / "http://ADDR:PORT"; gNMI: "ADDR:PORT" (a gRPC target).
  std::string url() const;

  void set_faults(std::vector<Fault> faults);
  std::vector<std::string> fault_specs();
  // The control endpoint's view of the device.
  nlohmann::json describe();
  // Seeds the state: EOS text for eAPI, a JSON tree for NVUE and gNMI. "" or an error message.
  std::string seed_config(const std::string& body);

 private:
  void handle(const httplib::Request& req, httplib::Response& res);
  bool authorized(const httplib::Request& req, std::string* user) const;
  // Sleeps until `deadline`; false when woken early because the server is stopping or
  // (with `until_faults_change`) the faults were replaced.
  bool sleep_until(std::chrono::steady_clock::time_point deadline, bool until_faults_change = false);

  std::string name_;
  DeviceKind kind_;
  const ServerSettings& settings_;
  std::unique_ptr<EapiDevice> eapi_;
  std::unique_ptr<NvueDevice> nvue_;
  std::unique_ptr<GnmiServer> gnmi_;

  std::mutex life_mu_;  // start/stop
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  std::atomic<int> port_{0};

  std::mutex wake_mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  unsigned fault_generation_ = 0;  // bumped when the faults change: wakes hung requests

  std::mutex faults_mu_;
  FaultSet faults_;
  std::mt19937_64 rng_;
  std::atomic<long> requests_{0};
};

}  // namespace cfgc::devsim
