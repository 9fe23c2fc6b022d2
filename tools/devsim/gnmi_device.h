#pragma once
// One simulated gNMI target's behaviour behind the gRPC server: Capabilities, Get and Set
// (delete, replace, update as one all-or-nothing transaction) on a JSON_IETF tree, and the
// commit-confirmed extension (commit with a rollback timer, confirm, cancel, new rollback
// duration). Independent of the transport: gnmi_server.cpp calls it with the request's
// effective faults once authentication passed.

#include <grpcpp/support/status.h>

#include <chrono>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "faults.h"
#include "gnmi.pb.h"
#include "gnmi_model.h"
#include "gnmi_tree.h"

namespace cfgc::devsim {

class GnmiDevice {
 public:
  using Clock = std::chrono::steady_clock;
  GnmiDevice(std::string name, std::vector<GnmiModel> models, std::function<Clock::time_point()> clock = Clock::now);

  grpc::Status capabilities(const gnmi::CapabilityRequest& req, gnmi::CapabilityResponse* resp, const FaultSet& faults);
  grpc::Status get(const gnmi::GetRequest& req, gnmi::GetResponse* resp, const FaultSet& faults);
  grpc::Status set(const gnmi::SetRequest& req, gnmi::SetResponse* resp, const FaultSet& faults);

  // The control endpoint's view: tree, pending_commit ({id, expires_in_s} or null), sets.
  nlohmann::json describe();
  // Replaces the tree (a JSON object with module-qualified members); drops a pending commit.
  // "" or an error message.
  std::string seed(const nlohmann::json& tree);
  // With the die-after-commit fault at commit time: when the pending commit rolls back.
  std::optional<Clock::time_point> hang_until();

  // The tree a new device starts with: eth0 in ietf-interfaces.
  static nlohmann::json default_tree();
  // The rollback timer when a commit gives no rollback_duration (the specification's 10 min).
  static constexpr std::chrono::minutes kDefaultRollback{10};

 private:
  struct Pending {
    std::string id;
    nlohmann::json before;
    Clock::time_point deadline;
    bool die = false;
  };
  void expire_locked();
  grpc::Status commit_action(const gnmi::SetRequest& req, const gnmi_ext::Commit& commit, gnmi::SetResponse* resp,
                             const FaultSet& faults);
  grpc::Status apply(const gnmi::SetRequest& req, gnmi::SetResponse* resp, const FaultSet& faults,
                     nlohmann::json* tree);
  grpc::Status to_path(const gnmi::Path* prefix, const gnmi::Path& path, GnmiPath* out) const;

  std::string name_;
  std::vector<GnmiModel> models_;
  std::function<Clock::time_point()> clock_;
  std::mutex mu_;
  nlohmann::json tree_;
  std::optional<Pending> pending_;
  long sets_ = 0;
  long rollbacks_ = 0;
};

}  // namespace cfgc::devsim
