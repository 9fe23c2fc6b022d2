#include "deploy/push/push_job.h"

#include <fmt/core.h>

#include <algorithm>

namespace cfgc::push {

void AtomicGate::count(bool ok) {
  ++arrived_;
  any_failed_ |= !ok;
  if (arrived_ >= expected_) {
    // Everyone is here: resume the waiting jobs from the loop, not from inside this call.
    for (auto h : waiting_) http_.post([h] { h.resume(); });
    waiting_.clear();
  }
}

void AtomicGate::leave(bool ok) { count(ok); }

void AtomicGate::Awaiter::await_suspend(std::coroutine_handle<> h) {
  gate->waiting_.push_back(h);
  if (gate->on_wait) gate->on_wait();
  gate->count(true);
}

HttpRequest device_request(const JobContext& ctx, const DeviceSpec& dev) {
  HttpRequest r;
  r.username = dev.username;
  r.password = dev.password;
  r.tls = dev.tls;
  r.connect_timeout_ms = ctx.opts.connect_timeout_ms;
  r.timeout_ms = ctx.opts.request_timeout_ms;
  return r;
}

std::string http_failure(const HttpResponse& r, std::string_view what) {
  if (!r.error.empty()) {
    return fmt::format("{}: {}{}", what, r.timed_out ? "no answer in time: " : "", r.error);
  }
  if (r.status == 401) return fmt::format("{}: authentication failed (HTTP 401): check the username and password", what);
  if (r.status == 403) return fmt::format("{}: not authorized (HTTP 403)", what);
  std::string head = r.body.substr(0, 200);
  std::replace(head.begin(), head.end(), '\n', ' ');
  while (!head.empty() && head.back() == ' ') head.pop_back();
  return fmt::format("{}: HTTP {}{}{}", what, r.status, head.empty() ? "" : ": ", head);
}

}  // namespace cfgc::push
