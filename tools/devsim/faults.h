#pragma once
// Faults a simulated device can be told to show: refused connections, hangs, HTTP 500s,
// rejected credentials, latency, rejected commands, failing commits/applies, dying after a
// timed commit, random failures, and gNMI's unavailable targets and missing capabilities.
// Parsed from `--fault NAME:KIND[=ARG]` and from the control endpoint's `POST /devices/NAME/faults`.

#include <memory>
#include <optional>
#include <random>
#include <re2/re2.h>
#include <string>
#include <string_view>
#include <vector>

namespace cfgc::devsim {

enum class FaultKind {
  Refuse,
  Hang,
  Http500,
  Auth,
  Latency,
  Reject,
  ApplyFail,
  DieAfterCommit,
  Random,
  Unavailable,      // gNMI: every RPC fails with UNAVAILABLE
  NoJsonIetf,       // gNMI: JSON_IETF is neither advertised nor accepted
  NoCommitConfirm,  // gNMI: the commit-confirmed extension is neither advertised nor accepted
};

// One fault: its kind and argument, and the text it was parsed from.
struct Fault {
  FaultKind kind = FaultKind::Http500;
  int ms = 0;                                 // latency=MS
  double probability = 0;                     // random=P
  std::string pattern;                        // reject=REGEX
  std::shared_ptr<const RE2> regex;          // reject=REGEX, compiled (RE2: linear time)
  std::string spec;                           // "KIND[=ARG]" as given
};

// Parses "KIND[=ARG]". On failure returns nullopt and sets *error.
std::optional<Fault> parse_fault(std::string_view text, std::string* error);

// A fault for one device (or "*" for all) from "NAME:KIND[=ARG]".
struct TargetedFault {
  std::string device;
  Fault fault;
};
std::optional<TargetedFault> parse_targeted_fault(std::string_view text, std::string* error);

// Parses a control-endpoint fault entry: "KIND[=ARG]", or "NAME:KIND[=ARG]" whose NAME is
// `device` or "*".
std::optional<Fault> parse_device_fault(std::string_view text, std::string_view device,
                                        std::string* error);

// The faults active on one device; a value, copied per request.
class FaultSet {
 public:
  FaultSet() = default;
  explicit FaultSet(std::vector<Fault> faults) : faults_(std::move(faults)) {}

  bool has(FaultKind kind) const;
  // The latency fault's delay, if any (the last one given wins).
  std::optional<int> latency_ms() const;
  // The first reject pattern that `text` contains a match of, or nullopt.
  std::optional<std::string> rejecting_pattern(std::string_view text) const;
  double random_probability() const;
  void add(Fault f) { faults_.push_back(std::move(f)); }
  std::vector<std::string> specs() const;
  bool empty() const { return faults_.empty(); }

  // With probability random_probability(), adds one of http500, auth, latency=1000 or
  // apply-fail to the set (a request's effective faults). Returns the added kind's spec.
  std::optional<std::string> roll_random(std::mt19937_64& rng);

 private:
  std::vector<Fault> faults_;
};

}  // namespace cfgc::devsim
