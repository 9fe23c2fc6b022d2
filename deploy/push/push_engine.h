#pragma once
// The push engine: runs the device jobs (push_job.h) on one HttpClient, at most `parallel`
// at a time, in rolling batches that stop once `max_fail` devices failed (the rest are
// skipped), and with `atomic` confirms the changed devices only if every device succeeded.

#include <cstddef>
#include <functional>
#include <string_view>
#include <vector>

#include "deploy/push/device.h"
#include "deploy/push/push_job.h"

namespace cfgc::push {

struct EngineOptions {
  PushOptions push;
  size_t parallel = 20;
  size_t batch = 0;                           // devices per batch; 0: all in one
  size_t max_fail = static_cast<size_t>(-1);  // stop starting devices once this many failed
};

struct PushRun {
  std::vector<DeviceResult> results;  // in the order of the devices given
  double seconds = 0;
  uint64_t requests = 0;
  size_t count(Outcome o) const;
  bool all_succeeded() const;
};

using ProgressFn = std::function<void(const DeviceResult&, std::string_view state)>;

PushRun run_push(const std::vector<DeviceSpec>& devices, const EngineOptions& opts, const ProgressFn& progress);

// The --report document: per device transport, address, outcome, diff, error, rollback and
// timings; no credentials.
std::string report_json(const PushRun& run, const EngineOptions& opts);

}  // namespace cfgc::push
