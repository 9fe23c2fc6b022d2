#include "deploy/push/push_engine.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <chrono>
#include <memory>
#include <optional>

namespace cfgc::push {

size_t PushRun::count(Outcome o) const {
  return static_cast<size_t>(std::count_if(results.begin(), results.end(), [o](const DeviceResult& r) { return r.outcome == o; }));
}

bool PushRun::all_succeeded() const {
  return std::all_of(results.begin(), results.end(), [](const DeviceResult& r) { return r.succeeded(); });
}

std::string report_json(const PushRun& run, const EngineOptions& opts) {
  nlohmann::ordered_json devices = nlohmann::ordered_json::array();
  for (const DeviceResult& r : run.results) {
    nlohmann::ordered_json d;
    d["name"] = r.name;
    d["transport"] = transport_name(r.transport);
    d["url"] = r.url;
    d["result"] = outcome_name(r.outcome);
    d["diff"] = r.diff;
    if (!r.error.empty()) d["error"] = r.error;
    if (!r.failed_step.empty()) d["failed_step"] = r.failed_step;
    if (!r.rollback.empty()) d["rollback"] = r.rollback;
    d["seconds"] = std::round(r.seconds * 1000) / 1000;
    d["requests"] = r.requests;
    devices.push_back(std::move(d));
  }
  nlohmann::ordered_json doc;
  doc["dry_run"] = opts.push.dry_run;
  doc["atomic"] = opts.push.atomic;
  doc["session"] = opts.push.session_name;
  doc["seconds"] = std::round(run.seconds * 1000) / 1000;
  doc["requests"] = run.requests;
  doc["summary"] = {{"changed", run.count(Outcome::Changed)},
                    {"would_change", run.count(Outcome::WouldChange)},
                    {"unchanged", run.count(Outcome::Unchanged)},
                    {"failed", run.count(Outcome::Failed)},
                    {"rolled_back", run.count(Outcome::RolledBack)},
                    {"skipped", run.count(Outcome::Skipped)}};
  doc["devices"] = std::move(devices);
  return doc.dump(2) + "\n";
}

}  // namespace cfgc::push
