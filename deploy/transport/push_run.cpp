// The push engine proper: every device's job (push_job.h) as a coroutine on one libcurl
// multi loop (http_client.h), started in batches, bounded by --parallel, stopped by
// --max-fail, with the --atomic confirmation round. Part of the transport plugin.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <optional>

#include "deploy/push/push_engine.h"
#include "deploy/push/transport_api.h"

namespace cfgc::push {

PushRun run_push_direct(const std::vector<DeviceSpec>& devices, const EngineOptions& opts,
                        const ProgressFn& progress) {
  using clock = std::chrono::steady_clock;
  auto t0 = clock::now();
  PushRun run;
  run.results.resize(devices.size());
  for (size_t i = 0; i < devices.size(); ++i) {
    run.results[i].name = devices[i].name;
    run.results[i].transport = devices[i].transport;
    run.results[i].url = devices[i].url;
  }
  HttpClient http(
      static_cast<long>(std::min<size_t>(2 * std::max<size_t>(1, opts.parallel) + 8, 100000)));
  std::optional<AtomicGate> gate;
  if (opts.push.atomic && !opts.push.dry_run) gate.emplace(http, devices.size());
  JobContext ctx{http, opts.push, gate ? &*gate : nullptr,
                 progress ? progress : ProgressFn([](auto&, auto) {})};

  struct Running {
    size_t index;
    Task<void> task;
    clock::time_point start;
  };
  std::vector<std::unique_ptr<Running>> jobs;
  size_t next = 0, failed = 0;
  size_t batch = opts.batch == 0 ? devices.size() : opts.batch;
  size_t parallel = std::max<size_t>(1, opts.parallel);
  size_t batch_end = std::min(devices.size(), batch);
  bool stopped = false;

  auto finish_done = [&] {
    for (auto& j : jobs) {
      if (!j || !j->task.done()) continue;
      DeviceResult& r = run.results[j->index];
      try {
        j->task.result();
      } catch (const std::exception& e) {
        r.outcome = Outcome::Failed;
        r.error = std::string("internal error: ") + e.what();
      }
      r.seconds = std::chrono::duration<double>(clock::now() - j->start).count();
      if (!r.succeeded()) ++failed;
      ctx.progress(r, "done");
      j.reset();
    }
    std::erase_if(jobs, [](const auto& j) { return !j; });
  };
  // Jobs waiting at the --atomic gate give their --parallel slot back.
  auto active = [&] { return jobs.size() - (gate ? gate->waiting() : 0); };
  auto start_more = [&] {
    if (stopped) return;
    for (;;) {
      if (failed >= opts.max_fail) {
        stopped = true;
        return;
      }
      if (next >= batch_end) {
        // The next batch starts when this one is finished (or waits at the gate).
        if (next >= devices.size() || active() > 0) return;
        batch_end = std::min(devices.size(), batch_end + batch);
      }
      if (active() >= parallel) return;
      size_t i = next++;
      Task<void> task =
          devices[i].transport == Transport::Eapi   ? push_eapi(ctx, devices[i], run.results[i])
          : devices[i].transport == Transport::Nvue ? push_nvue(ctx, devices[i], run.results[i])
                                                    : push_gnmi(ctx, devices[i], run.results[i]);
      jobs.push_back(std::make_unique<Running>(Running{i, std::move(task), clock::now()}));
      Running* raw = jobs.back().get();
      ctx.progress(run.results[i], "started");
      raw->task.start();
    }
  };
  if (gate) gate->on_wait = [&] { http.post([&] { start_more(); }); };
  start_more();
  http.run([&] {
    finish_done();
    start_more();
    return jobs.empty() && (stopped || next >= devices.size());
  });
  // Devices never started (max-fail reached): skipped. Under --atomic they count as failures
  // at the gate, so the others roll back.
  for (size_t i = next; i < devices.size(); ++i) {
    run.results[i].outcome = Outcome::Skipped;
    if (gate) gate->leave(false);
  }
  if (gate && next < devices.size()) {
    // Jobs waiting at the gate resume now and roll back.
    http.run([&] {
      finish_done();
      return jobs.empty();
    });
  }
  for (auto& j : jobs) {
    // Left waiting forever (should not happen): never a hang, and said plainly.
    DeviceResult& r = run.results[j->index];
    r.outcome = Outcome::Failed;
    r.error = "internal error: the device's job never finished";
  }
  run.requests = http.requests_sent();
  run.seconds = std::chrono::duration<double>(clock::now() - t0).count();
  return run;
}

}  // namespace cfgc::push
