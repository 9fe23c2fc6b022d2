#pragma once
// The simulator process's state: the TLS identity, every device server, the control
// endpoint, and shutdown. main.cpp parses the command line into SimulatorOptions; tests
// run a Simulator in-process.

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "device_server.h"
#include "faults.h"
#include "gnmi_model.h"
#include "scheduler.h"
#include "tls_cert.h"

namespace httplib {
class Server;
}

namespace cfgc::devsim {

struct DeviceSpec {
  std::string name;
  DeviceKind kind;
};

struct SimulatorOptions {
  std::vector<DeviceSpec> devices;
  bool https = true;
  std::string bind = "127.0.0.1";
  std::string cert_dir;  // empty: a private temporary directory, removed at exit
  std::string username = "admin";
  std::string password = "admin";
  int latency_ms = 0;
  int http_threads = 2;  // per eAPI/NVUE device
  std::vector<TargetedFault> faults;
  uint64_t seed = 1;
  std::vector<GnmiModel> gnmi_models;  // empty: default_gnmi_models()
};

class Simulator {
 public:
  explicit Simulator(SimulatorOptions options);
  ~Simulator();
  Simulator(const Simulator&) = delete;
  Simulator& operator=(const Simulator&) = delete;

  // Generates the certificate, binds every device and the control endpoint, and closes the
  // listeners of devices with the `refuse` fault. False with *error on failure.
  bool start(std::string* error);
  // One JSON object per line: a line per device, then the ready line.
  std::vector<std::string> ready_lines() const;

  void request_shutdown();
  void wait_for_shutdown();
  // Stops every server (idempotent).
  void stop();

  DeviceServer* find(const std::string& name);
  const std::vector<std::unique_ptr<DeviceServer>>& devices() const { return devices_; }
  std::string control_url() const;
  // The certificate clients use as CA ("" with plain HTTP).
  const std::string& ca_path() const { return ca_path_; }

 private:
  SimulatorOptions options_;
  ServerSettings settings_;
  std::unique_ptr<TlsIdentity> tls_;
  std::string temp_dir_;
  std::string ca_path_;
  std::unique_ptr<Scheduler> scheduler_;  // outlives the devices
  std::vector<std::unique_ptr<DeviceServer>> devices_;
  std::unique_ptr<httplib::Server> control_;
  std::thread control_thread_;
  int control_port_ = 0;

  std::mutex mu_;
  std::condition_variable cv_;
  bool shutdown_ = false;
  bool stopped_ = false;
};

}  // namespace cfgc::devsim
