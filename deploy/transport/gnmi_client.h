#pragma once
// One gNMI target over gRPC: the channel (TLS verified by default, against --ca or the
// system's CAs; TLS without verification or plaintext only when asked), username/password
// metadata and a deadline on every RPC, and gRPC statuses as text with their code names
// (UNAUTHENTICATED, INVALID_ARGUMENT, ...). Calls are asynchronous (gRPC's callback API).

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "gnmi.grpc.pb.h"

namespace cfgc::push {

struct GnmiTargetOptions {
  std::string address;  // host:port
  bool plaintext = false;
  bool verify = true;
  std::string ca_file;
  std::string username, password;
  long timeout_ms = 30000;
};

struct GnmiStatus {
  bool ok = true;
  std::string code;     // "INVALID_ARGUMENT"
  std::string message;  // the target's message
  std::string text() const { return ok ? "OK" : code + (message.empty() ? "" : ": " + message); }
};

class GnmiTarget : public std::enable_shared_from_this<GnmiTarget> {
 public:
  explicit GnmiTarget(GnmiTargetOptions opts);
  // An error reading the CA file (the channel is then not usable).
  const std::string& setup_error() const { return setup_error_; }

  // The RPCs, asynchronous: `done` is called once, on a gRPC thread, when the call ends (the
  // deadline bounds it). No thread waits for an answer: a hundred targets at a time cost a
  // hundred blocked threads handing each answer over, more CPU than the RPCs themselves.
  template <class Response>
  using Done = std::function<void(GnmiStatus, Response)>;
  void capabilities(Done<gnmi::CapabilityResponse> done);
  void get(gnmi::GetRequest req, Done<gnmi::GetResponse> done);
  void set(gnmi::SetRequest req, Done<gnmi::SetResponse> done);

 private:
  void prepare(grpc::ClientContext& ctx) const;
  GnmiTargetOptions opts_;
  std::string setup_error_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<gnmi::gNMI::Stub> stub_;
};

std::string grpc_code_name(int code);

}  // namespace cfgc::push
