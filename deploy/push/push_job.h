#pragma once
// A device job: the push of one device as a coroutine (task.h) over the shared HttpClient.
// One per transport (eapi_push.cpp, nvue_push.cpp); the engine (push_engine.h) starts them,
// bounded by --parallel, and reads their DeviceResult when they finish.

#include <coroutine>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "deploy/push/device.h"
#include "deploy/push/http_client.h"
#include "deploy/push/task.h"

namespace cfgc::push {

struct PushOptions {
  bool dry_run = false;
  bool atomic = false;
  long confirm_timeout_s = 300;  // eAPI commit timer: the device rolls back by itself after it
  long apply_timeout_s = 180;    // NVUE: how long an apply may take
  long connect_timeout_ms = 5000;
  long request_timeout_ms = 30000;
  long poll_interval_ms = 250;   // NVUE revision state polling: at most this far apart
  std::string session_name;      // eAPI configuration session (unique per run)
  TlsOptions tls;                // defaults for devices that say nothing (--ca, --skip-verify)
};

// --atomic: every changed device waits here, committed but not confirmed, until all devices
// of the run are done; they confirm only if none failed, else they all roll back.
class AtomicGate {
 public:
  AtomicGate(HttpClient& http, size_t expected) : http_(http), expected_(expected) {}
  // Called when a job starts waiting (the engine frees its --parallel slot).
  std::function<void()> on_wait;

  // Jobs waiting here now.
  size_t waiting() const { return waiting_.size(); }
  // For a job that will not wait here (unchanged, failed, skipped).
  void leave(bool ok);

  struct Awaiter {
    AtomicGate* gate;
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> h);
    bool await_resume() const noexcept { return !gate->any_failed_; }
  };
  // Awaitable: true when every device succeeded (confirm), false (roll back) otherwise.
  Awaiter arrive() { return Awaiter{this}; }

 private:
  void count(bool ok);
  HttpClient& http_;
  size_t expected_;
  size_t arrived_ = 0;
  bool any_failed_ = false;
  std::vector<std::coroutine_handle<>> waiting_;
};

struct JobContext {
  HttpClient& http;
  const PushOptions& opts;
  AtomicGate* gate = nullptr;  // with --atomic
  // Called as a device moves on ("preparing", "committing", ...), for progress lines.
  std::function<void(const DeviceResult&, std::string_view)> progress;
};

Task<void> push_eapi(JobContext& ctx, const DeviceSpec& dev, DeviceResult& res);
Task<void> push_nvue(JobContext& ctx, const DeviceSpec& dev, DeviceResult& res);
Task<void> push_gnmi(JobContext& ctx, const DeviceSpec& dev, DeviceResult& res);

// The request every API call of a device starts from: credentials, TLS, timeouts.
HttpRequest device_request(const JobContext& ctx, const DeviceSpec& dev);

// "connection refused (https://127.0.0.1:4431)"-style text for a request that got no answer,
// or "HTTP 503: <body head>" for an unexpected status.
std::string http_failure(const HttpResponse& r, std::string_view what);

}  // namespace cfgc::push
