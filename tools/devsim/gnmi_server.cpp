#include "gnmi_server.h"

#include <absl/synchronization/mutex.h>
#include <grpcpp/grpcpp.h>

#include <mutex>

#include "device_server.h"
#include "gnmi.grpc.pb.h"
#include "scheduler.h"

namespace cfgc::devsim {

class GnmiServer::Service final : public gnmi::gNMI::CallbackService {
 public:
  explicit Service(GnmiServer* s) : s_(s) {}

  grpc::ServerUnaryReactor* Capabilities(grpc::CallbackServerContext* ctx, const gnmi::CapabilityRequest* req,
                                         gnmi::CapabilityResponse* resp) override {
    return s_->begin(ctx, [this, req, resp](const FaultSet& f) { return s_->device_.capabilities(*req, resp, f); });
  }
  grpc::ServerUnaryReactor* Get(grpc::CallbackServerContext* ctx, const gnmi::GetRequest* req,
                                gnmi::GetResponse* resp) override {
    return s_->begin(ctx, [this, req, resp](const FaultSet& f) { return s_->device_.get(*req, resp, f); });
  }
  grpc::ServerUnaryReactor* Set(grpc::CallbackServerContext* ctx, const gnmi::SetRequest* req,
                                gnmi::SetResponse* resp) override {
    return s_->begin(ctx, [this, req, resp](const FaultSet& f) {
      if (f.has(FaultKind::ApplyFail))
        return grpc::Status(grpc::StatusCode::ABORTED, "the configuration could not be applied (simulated apply failure)");
      return s_->device_.set(*req, resp, f);
    });
  }

 private:
  GnmiServer* s_;
};

GnmiServer::GnmiServer(std::string name, const ServerSettings& settings, std::function<FaultSet()> on_request)
    : name_(std::move(name)),
      settings_(settings),
      on_request_(std::move(on_request)),
      device_(name_, settings.gnmi_models.empty() ? default_gnmi_models() : settings.gnmi_models) {
  // Abseil's mutex deadlock detection (on in Debian's build) costs gRPC servers a tenth of
  // their CPU: off, as in cfgc's gNMI client.
  static std::once_flag quiet_mutexes;
  std::call_once(quiet_mutexes,
                 [] { absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore); });
  scheduler_ = settings.scheduler;
  if (!scheduler_) {
    own_scheduler_ = std::make_unique<Scheduler>();
    scheduler_ = own_scheduler_.get();
  }
}

GnmiServer::~GnmiServer() { stop(); }

bool GnmiServer::start(int* port, std::string* error) {
  std::lock_guard life(life_mu_);
  if (server_) return true;
  auto service = std::make_unique<Service>(this);
  std::shared_ptr<grpc::ServerCredentials> creds;
  if (settings_.https) {
    grpc::SslServerCredentialsOptions tls;
    tls.pem_key_cert_pairs.push_back({settings_.tls->key_pem(), settings_.tls->cert_pem()});
    creds = grpc::SslServerCredentials(tls);
  } else {
    creds = grpc::InsecureServerCredentials();
  }
  grpc::ServerBuilder builder;
  int selected = 0;
  builder.AddListeningPort(settings_.bind + ":" + std::to_string(*port), creds, &selected);
  builder.RegisterService(service.get());
  // Only this server takes the port (a restarted listener binds the same port again).
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  // Callback methods only: no per-server polling threads. A small quota all the same.
  grpc::ResourceQuota quota("cfgc-devsim-" + name_);
  quota.SetMaxThreads(4);
  builder.SetResourceQuota(quota);
  {
    std::lock_guard lock(mu_);
    stopping_ = false;
  }
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (!server || selected == 0) {
    std::lock_guard lock(mu_);
    stopping_ = true;
    *error = name_ + ": cannot listen on " + settings_.bind + ":" + std::to_string(*port) + " (gRPC)";
    return false;
  }
  *port = selected;
  service_ = std::move(service);
  server_ = std::move(server);
  return true;
}

void GnmiServer::stop() {
  std::lock_guard life(life_mu_);
  std::map<uint64_t, std::shared_ptr<Call>> held;
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    held.swap(held_);
  }
  scheduler_->cancel(this);
  for (auto& [id, call] : held) {
    call->reactor->Finish(grpc::Status(grpc::StatusCode::UNAVAILABLE, name_ + ": the target is shutting down"));
  }
  if (server_) {
    server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(1));
    server_->Wait();
    server_.reset();
  }
  service_.reset();
}

bool GnmiServer::listening() {
  std::lock_guard life(life_mu_);
  return server_ != nullptr;
}

void GnmiServer::release_held() {
  std::vector<std::shared_ptr<Call>> released;
  {
    std::lock_guard lock(mu_);
    for (auto it = held_.begin(); it != held_.end();) {
      if (it->second->release_on_fault_change) {
        released.push_back(std::move(it->second));
        it = held_.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (auto& call : released) {
    call->reactor->Finish(
        grpc::Status(grpc::StatusCode::UNAVAILABLE, name_ + ": the held request was released (the faults changed)"));
  }
}

bool GnmiServer::hold(const std::shared_ptr<Call>& call, bool release_on_fault_change,
                      std::optional<std::chrono::steady_clock::time_point> wake, bool then_proceed) {
  {
    std::lock_guard lock(mu_);
    if (!stopping_) {
      uint64_t id = next_id_++;
      call->release_on_fault_change = release_on_fault_change;
      held_[id] = call;
      // Scheduled under mu_: stop() sets stopping_ before it cancels this server's work.
      if (wake) {
        scheduler_->at(*wake, this, [this, id, then_proceed] {
          if (auto c = unhold(id)) {
            if (then_proceed) {
              proceed(std::move(c));
            } else {
              finish(c);
            }
          }
        });
      }
      return true;
    }
  }
  call->reactor->Finish(grpc::Status(grpc::StatusCode::UNAVAILABLE, name_ + ": the target is shutting down"));
  return false;
}

std::shared_ptr<GnmiServer::Call> GnmiServer::unhold(uint64_t id) {
  std::lock_guard lock(mu_);
  auto it = held_.find(id);
  if (it == held_.end()) return nullptr;
  auto call = std::move(it->second);
  held_.erase(it);
  return call;
}

grpc::ServerUnaryReactor* GnmiServer::begin(grpc::CallbackServerContext* ctx,
                                            std::function<grpc::Status(const FaultSet&)> work) {
  auto call = std::make_shared<Call>();
  call->reactor = ctx->DefaultReactor();
  call->work = std::move(work);
  call->faults = on_request_();
  const auto& md = ctx->client_metadata();
  auto user = md.find("username"), pass = md.find("password");
  if (user == md.end() || pass == md.end()) {
    call->auth_error = "authentication failed: the request carries no username/password metadata";
  } else if (std::string(user->second.data(), user->second.size()) != settings_.username ||
             std::string(pass->second.data(), pass->second.size()) != settings_.password) {
    call->auth_error = "authentication failed: wrong username or password";
  }
  grpc::ServerUnaryReactor* reactor = call->reactor;
  int latency = call->faults.latency_ms().value_or(settings_.latency_ms);
  if (latency > 0) {
    hold(call, false, std::chrono::steady_clock::now() + std::chrono::milliseconds(latency), true);
  } else {
    proceed(std::move(call));
  }
  return reactor;
}

void GnmiServer::proceed(std::shared_ptr<Call> call) {
  if (call->faults.has(FaultKind::Hang)) {
    // Never answered: held until the server stops or the device's faults are replaced.
    hold(call, true, std::nullopt, false);
    return;
  }
  if (call->faults.has(FaultKind::DieAfterCommit)) {
    if (auto until = device_.hang_until()) {
      // Unanswered until the pending commit rolls back, then served.
      hold(call, true, *until, false);
      return;
    }
  }
  finish(call);
}

void GnmiServer::finish(const std::shared_ptr<Call>& call) {
  const FaultSet& f = call->faults;
  grpc::Status s;
  if (f.has(FaultKind::Unavailable)) {
    s = grpc::Status(grpc::StatusCode::UNAVAILABLE, name_ + ": the target is unavailable (simulated)");
  } else if (f.has(FaultKind::Auth)) {
    s = grpc::Status(grpc::StatusCode::UNAUTHENTICATED, "authentication failed: credentials rejected (simulated)");
  } else if (!call->auth_error.empty()) {
    s = grpc::Status(grpc::StatusCode::UNAUTHENTICATED, call->auth_error);
  } else if (f.has(FaultKind::Http500)) {
    s = grpc::Status(grpc::StatusCode::INTERNAL, name_ + ": internal error (simulated)");
  } else {
    s = call->work(f);
  }
  call->reactor->Finish(s);
}

}  // namespace cfgc::devsim
