#pragma once
// Reading the devices to push: the instance's `push` struct (exported to JSON, shaped by
// schemas/deploy), with --target address overrides, --limit, and credentials from the
// source (@tag fields), a --credentials file or the environment.

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

#include "compiler/base/result.h"
#include "deploy/push/device.h"

namespace cfgc::push {

struct SpecOptions {
  std::map<std::string, std::string> targets;  // --target NAME=URL
  std::vector<std::string> limit;               // --limit: names, groups or globs
  std::string credentials_file;                 // --credentials FILE
  TlsOptions tls;                               // run-wide --ca / --skip-verify
  bool skip_verify_given = false;
  bool need_credentials = true;                 // false for --list
  bool insecure = false;                        // --insecure: plaintext gRPC for gNMI
};

// The devices of `push` (name → device), in name order. Problems are appended to `errors`
// as "push.NAME.field: message" lines; a device with a problem is left out. `path` is the
// struct's path for messages ("push").
std::vector<DeviceSpec> read_devices(const nlohmann::json& push, const std::string& path, const SpecOptions& opts,
                                     std::vector<std::string>& errors);

// The base URL of a device: "https://HOST" for eAPI, "https://HOST:8765" for NVUE when the
// address has no scheme; trailing '/' and eAPI's /command-api dropped. An error for an
// address that carries credentials or another scheme.
Result<std::string> device_url(Transport t, std::string_view address);

// Replaces every occurrence of a secret in `text` with "********" (secrets shorter than 3
// characters are ignored; they would mask ordinary text).
std::string redact(std::string text, const std::vector<std::string>& secrets);

}  // namespace cfgc::push
