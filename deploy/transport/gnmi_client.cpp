#include "deploy/transport/gnmi_client.h"

#include <absl/synchronization/mutex.h>
#include <fmt/core.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/security/tls_certificate_verifier.h>
#include <grpcpp/security/tls_credentials_options.h>

#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

namespace cfgc::push {

std::string grpc_code_name(int code) {
  static const char* names[] = {"OK",
                                "CANCELLED",
                                "UNKNOWN",
                                "INVALID_ARGUMENT",
                                "DEADLINE_EXCEEDED",
                                "NOT_FOUND",
                                "ALREADY_EXISTS",
                                "PERMISSION_DENIED",
                                "RESOURCE_EXHAUSTED",
                                "FAILED_PRECONDITION",
                                "ABORTED",
                                "OUT_OF_RANGE",
                                "UNIMPLEMENTED",
                                "INTERNAL",
                                "UNAVAILABLE",
                                "DATA_LOSS",
                                "UNAUTHENTICATED"};
  return code >= 0 && code <= 16 ? names[code] : fmt::format("CODE_{}", code);
}

namespace {

GnmiStatus from(const grpc::Status& s) {
  GnmiStatus out;
  out.ok = s.ok();
  if (!out.ok) {
    out.code = grpc_code_name(static_cast<int>(s.error_code()));
    out.message = s.error_message();
  }
  return out;
}

// The channel credentials for these options, made once per run and shared by every target
// with the same ones: with OpenSSL 3, building TLS credentials (a context, the CA parsed) costs
// more than a target's whole push.
std::shared_ptr<grpc::ChannelCredentials> credentials(const GnmiTargetOptions& opts,
                                                      std::string& error) {
  static std::mutex mu;
  static std::map<std::string, std::pair<std::shared_ptr<grpc::ChannelCredentials>, std::string>>
      made;
  std::string key = fmt::format("{}|{}|{}", opts.plaintext, opts.verify, opts.ca_file);
  std::lock_guard<std::mutex> lock(mu);
  auto it = made.find(key);
  if (it != made.end()) {
    error = it->second.second;
    return it->second.first;
  }
  std::shared_ptr<grpc::ChannelCredentials> creds;
  std::string err;
  if (opts.plaintext) {
    creds = grpc::InsecureChannelCredentials();
  } else if (!opts.verify) {
    grpc::experimental::TlsChannelCredentialsOptions tls;
    tls.set_verify_server_certs(false);
    tls.set_check_call_host(false);
    tls.set_certificate_verifier(std::make_shared<grpc::experimental::NoOpCertificateVerifier>());
    creds = grpc::experimental::TlsCredentials(tls);
  } else {
    grpc::SslCredentialsOptions ssl;
    if (!opts.ca_file.empty()) {
      std::ifstream in(opts.ca_file);
      if (!in) {
        err = fmt::format("cannot read the CA file {}", opts.ca_file);
      } else {
        std::ostringstream s;
        s << in.rdbuf();
        ssl.pem_root_certs = s.str();
      }
    }
    creds = grpc::SslCredentials(ssl);
  }
  made.emplace(key, std::make_pair(creds, err));
  error = err;
  return creds;
}

}  // namespace

GnmiTarget::GnmiTarget(GnmiTargetOptions opts) : opts_(std::move(opts)) {
  // gRPC's mutexes are Abseil's, whose deadlock detection (on in Debian's build) records every
  // lock order in a global graph: a tenth of a push to a thousand targets. Off: gRPC's locking
  // is gRPC's to test.
  static std::once_flag quiet_mutexes;
  std::call_once(quiet_mutexes,
                 [] { absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore); });
  std::shared_ptr<grpc::ChannelCredentials> creds = credentials(opts_, setup_error_);
  grpc::ChannelArguments args;
  // Fail fast on an address that never answers: the RPC deadline bounds it anyway.
  args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 200);
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 1000);
  channel_ = grpc::CreateCustomChannel(opts_.address, creds, args);
  stub_ = gnmi::gNMI::NewStub(channel_);
}

void GnmiTarget::prepare(grpc::ClientContext& ctx) const {
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(opts_.timeout_ms));
  if (!opts_.username.empty()) {
    ctx.AddMetadata("username", opts_.username);
    ctx.AddMetadata("password", opts_.password);
  }
}

namespace {

// One call in flight: what gRPC reads and writes until it calls back, and the target, kept
// alive for as long.
template <class Request, class Response>
struct Call {
  std::shared_ptr<GnmiTarget> target;
  grpc::ClientContext ctx;
  Request req;
  Response resp;
  GnmiTarget::Done<Response> done;
};

// Starts rpc(ctx, req, resp, callback) for a Call, which frees itself when called back.
template <class Request, class Response, class Rpc>
void start(std::shared_ptr<GnmiTarget> target, const std::string& setup_error, Request req,
           GnmiTarget::Done<Response> done, Rpc rpc) {
  if (!setup_error.empty()) {
    done(GnmiStatus{false, "INVALID_ARGUMENT", setup_error}, Response());
    return;
  }
  auto* call =
      new Call<Request, Response>{std::move(target), {}, std::move(req), {}, std::move(done)};
  rpc(call->ctx, call->req, call->resp, [call](grpc::Status s) {
    std::unique_ptr<Call<Request, Response>> owned(call);
    GnmiTarget::Done<Response> done = std::move(owned->done);
    Response resp = std::move(owned->resp);
    // Freed before `done` hands the answer over: the last reference to the target (and its
    // channel) is then the push job's, dropped on the loop's thread, never on gRPC's.
    owned.reset();
    done(from(s), std::move(resp));
  });
}

}  // namespace

void GnmiTarget::capabilities(Done<gnmi::CapabilityResponse> done) {
  start(shared_from_this(), setup_error_, gnmi::CapabilityRequest(), std::move(done),
        [this](grpc::ClientContext& ctx, const gnmi::CapabilityRequest& req,
               gnmi::CapabilityResponse& resp, std::function<void(grpc::Status)> cb) {
          prepare(ctx);
          stub_->async()->Capabilities(&ctx, &req, &resp, std::move(cb));
        });
}

void GnmiTarget::get(gnmi::GetRequest req, Done<gnmi::GetResponse> done) {
  start(shared_from_this(), setup_error_, std::move(req), std::move(done),
        [this](grpc::ClientContext& ctx, const gnmi::GetRequest& req, gnmi::GetResponse& resp,
               std::function<void(grpc::Status)> cb) {
          prepare(ctx);
          stub_->async()->Get(&ctx, &req, &resp, std::move(cb));
        });
}

void GnmiTarget::set(gnmi::SetRequest req, Done<gnmi::SetResponse> done) {
  start(shared_from_this(), setup_error_, std::move(req), std::move(done),
        [this](grpc::ClientContext& ctx, const gnmi::SetRequest& req, gnmi::SetResponse& resp,
               std::function<void(grpc::Status)> cb) {
          prepare(ctx);
          stub_->async()->Set(&ctx, &req, &resp, std::move(cb));
        });
}

}  // namespace cfgc::push
