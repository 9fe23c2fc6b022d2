#pragma once
// What `cfgc push` knows about one device (DeviceSpec: read from the instance's `push`
// struct, see schemas/deploy) and what happened to it (DeviceResult: printed, and written to
// the --report file). Passwords live in DeviceSpec only: nothing that is printed or reported
// holds one.

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "deploy/push/http_client.h"

namespace cfgc::push {

enum class Transport { Eapi, Nvue, Gnmi };
enum class Mode { Replace, Merge };

std::string_view transport_name(Transport t);

struct DeviceSpec {
  std::string name;
  Transport transport = Transport::Eapi;
  std::string url;  // scheme://host[:port] (gNMI: host:port), without path or credentials
  Mode mode = Mode::Replace;
  TlsOptions tls;
  std::string username;
  std::string password;
  std::string eos_config;     // eAPI: EOS CLI text (running-config, or lines to merge)
  nlohmann::json nvue_config;  // NVUE: the configuration tree (as `nv set` builds it)
  nlohmann::json json_ietf;    // gNMI: RFC 7951 tree, top-level members module-qualified
  bool plaintext = false;      // gNMI: gRPC without TLS (--insecure, or insecure: true)
  // gNMI: the YANG modules typing `config` (a value from `cfgc import yang`): the config is
  // rendered as JSON_IETF and validated by libyang before anything is sent.
  std::vector<std::string> yang_modules, yang_paths, yang_features;
  bool save = true;           // eAPI: copy running-config startup-config once confirmed
};

// Where a device ended. Changed and Unchanged are successes; a dry run ends in WouldChange
// or Unchanged.
enum class Outcome { Pending, Unchanged, Changed, WouldChange, Failed, RolledBack, Skipped };

std::string_view outcome_name(Outcome o);

struct DeviceResult {
  std::string name;
  Transport transport = Transport::Eapi;
  std::string url;
  Outcome outcome = Outcome::Pending;
  std::string diff;            // what changes (or would), as text
  std::string error;           // why it failed, with the device's own message
  std::string failed_step;     // the step or command that failed
  std::string rollback;        // how the device was brought back, when it was
  double seconds = 0;          // wall time of the device's push
  int requests = 0;            // API calls made
  bool succeeded() const {
    return outcome == Outcome::Unchanged || outcome == Outcome::Changed || outcome == Outcome::WouldChange;
  }
};

}  // namespace cfgc::push
