#pragma once
// One simulated NVIDIA Cumulus Linux switch behind the NVUE REST API: the applied and
// startup trees, and revisions (changesets) that are edited while pending and then applied
// through the states apply → applying → applied / invalid / apply_fail / ays_fail.

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "faults.h"
#include "http_reply.h"
#include "nvue_tree.h"

namespace cfgc::devsim {

class NvueDevice {
 public:
  using Clock = std::chrono::steady_clock;
  explicit NvueDevice(std::string name, std::function<Clock::time_point()> clock = Clock::now);

  // Handles one request below /nvue_v1: `path` is the decoded path segments after
  // /nvue_v1, `rev` the ?rev= parameter if given, `user` the authenticated user.
  HttpReply handle(const std::string& method, const NvuePath& path, const std::optional<std::string>& rev,
                   std::string_view body, const FaultSet& faults, const std::string& user);

  // The control endpoint's view: applied and startup trees, revisions and their states.
  nlohmann::json describe();
  // Seeds the applied and startup trees.
  void set_applied(nlohmann::json tree);

  // How long a revision stays in `apply` and then in `applying`.
  static constexpr std::chrono::milliseconds kApplyStep{20};
  static constexpr std::chrono::milliseconds kApplyingTime{200};

 private:
  struct Op {
    bool remove = false;
    NvuePath path;
    nlohmann::json doc;
  };
  struct Revision {
    std::string state = "pending";
    std::vector<Op> ops;
    nlohmann::json issue = nlohmann::json::object();
    std::string progress;
    Clock::time_point apply_at{};
    bool ays_yes = false;
    FaultSet faults;
  };

  nlohmann::json tree_of(const Revision& r) const;
  void advance(Revision& r);
  nlohmann::json revision_json(Revision& r);
  HttpReply handle_revision(const std::string& method, const NvuePath& path, std::string_view body,
                            const FaultSet& faults, const std::string& user);
  std::string new_revision_id(const std::string& user);

  std::string name_;
  std::function<Clock::time_point()> clock_;
  std::mutex mu_;
  nlohmann::json applied_;
  nlohmann::json startup_;
  std::map<std::string, Revision> revisions_;
  std::vector<std::string> order_;
  unsigned counter_ = 0;
};

}  // namespace cfgc::devsim
