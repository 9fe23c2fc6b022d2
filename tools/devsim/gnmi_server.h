#pragma once
// The gRPC side of one simulated gNMI target: a grpc::Server on its own loopback port (TLS
// with the simulator's certificate, or plaintext), serving gnmi.gNMI with the callback API so
// that a thousand targets share gRPC's few threads. Each RPC is counted, gets the device's
// faults (latency through the shared Scheduler, hang, die-after-commit, unavailable, auth),
// has its username/password metadata checked, and then reaches the GnmiDevice.

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "faults.h"
#include "gnmi_device.h"

namespace grpc {
class CallbackServerContext;
class Server;
class ServerUnaryReactor;
class Status;
}  // namespace grpc

namespace cfgc::devsim {

class Scheduler;
struct ServerSettings;

class GnmiServer {
 public:
  // `on_request` counts a request and returns its effective faults.
  GnmiServer(std::string name, const ServerSettings& settings, std::function<FaultSet()> on_request);
  ~GnmiServer();
  GnmiServer(const GnmiServer&) = delete;
  GnmiServer& operator=(const GnmiServer&) = delete;

  // Listens on *port of the bind address (0: an OS-chosen port, written back).
  bool start(int* port, std::string* error);
  // Answers every held RPC with UNAVAILABLE and stops listening.
  void stop();
  bool listening();
  // Held RPCs (hang, die-after-commit) end with UNAVAILABLE: the device's faults changed.
  void release_held();

  GnmiDevice& device() { return device_; }

 private:
  class Service;
  struct Call {
    grpc::ServerUnaryReactor* reactor = nullptr;
    std::function<grpc::Status(const FaultSet&)> work;
    FaultSet faults;
    std::string auth_error;  // "" when the credentials are right
    bool release_on_fault_change = false;
  };

  grpc::ServerUnaryReactor* begin(grpc::CallbackServerContext* ctx,
                                  std::function<grpc::Status(const FaultSet&)> work);
  // After the latency: hang, die-after-commit, then finish().
  void proceed(std::shared_ptr<Call> call);
  void finish(const std::shared_ptr<Call>& call);
  // Holds `call` (woken at `wake` when given). False when the server is stopping (the call
  // is then answered with UNAVAILABLE).
  bool hold(const std::shared_ptr<Call>& call, bool release_on_fault_change,
            std::optional<std::chrono::steady_clock::time_point> wake, bool then_proceed);
  std::shared_ptr<Call> unhold(uint64_t id);

  std::string name_;
  const ServerSettings& settings_;
  std::function<FaultSet()> on_request_;
  GnmiDevice device_;
  std::unique_ptr<Scheduler> own_scheduler_;  // when the settings bring none
  Scheduler* scheduler_ = nullptr;

  std::mutex life_mu_;  // start/stop
  std::unique_ptr<Service> service_;
  std::unique_ptr<grpc::Server> server_;

  std::mutex mu_;
  bool stopping_ = true;
  uint64_t next_id_ = 0;
  std::map<uint64_t, std::shared_ptr<Call>> held_;
};

}  // namespace cfgc::devsim
