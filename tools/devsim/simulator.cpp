#include "simulator.h"

#include <httplib.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <set>

#include "control_api.h"

namespace cfgc::devsim {

using nlohmann::json;

Simulator::Simulator(SimulatorOptions options) : options_(std::move(options)) {
  settings_.https = options_.https;
  settings_.bind = options_.bind;
  settings_.username = options_.username;
  settings_.password = options_.password;
  settings_.latency_ms = options_.latency_ms;
  settings_.http_threads = options_.http_threads;
  settings_.gnmi_models = options_.gnmi_models.empty() ? default_gnmi_models() : options_.gnmi_models;
}

Simulator::~Simulator() { stop(); }

bool Simulator::start(std::string* error) {
  std::set<std::string> names;
  for (const auto& d : options_.devices) {
    if (!names.insert(d.name).second) {
      *error = "device '" + d.name + "' is defined twice";
      return false;
    }
  }
  for (const auto& f : options_.faults) {
    if (f.device != "*" && !names.count(f.device)) {
      *error = "fault '" + f.device + ":" + f.fault.spec + "' names no device";
      return false;
    }
  }
  if (options_.https) {
    tls_ = TlsIdentity::generate(options_.bind, error);
    if (!tls_) return false;
    settings_.tls = tls_.get();
    std::string dir = options_.cert_dir;
    if (dir.empty()) {
      std::string tmpl = (std::filesystem::temp_directory_path() / "cfgc-devsim-XXXXXX").string();
      if (!mkdtemp(tmpl.data())) {
        *error = "cannot create a temporary directory for the certificate";
        return false;
      }
      temp_dir_ = dir = tmpl;
    } else {
      std::error_code ec;
      std::filesystem::create_directories(dir, ec);
      if (ec) {
        *error = "cannot create --cert-dir " + dir + ": " + ec.message();
        return false;
      }
    }
    if (!tls_->write(dir, error)) return false;
    ca_path_ = std::filesystem::absolute(std::filesystem::path(dir) / "cert.pem").string();
  }
  for (const auto& spec : options_.devices) {
    if (spec.kind == DeviceKind::Gnmi && !scheduler_) {
      scheduler_ = std::make_unique<Scheduler>();
      settings_.scheduler = scheduler_.get();
    }
  }
  for (const auto& spec : options_.devices) {
    auto d = std::make_unique<DeviceServer>(spec.name, spec.kind, settings_, options_.seed);
    std::vector<Fault> faults;
    for (const auto& f : options_.faults) {
      if (f.device == "*" || f.device == spec.name) faults.push_back(f.fault);
    }
    d->set_faults(std::move(faults));
    if (!d->start(error)) return false;
    devices_.push_back(std::move(d));
  }

  control_ = std::make_unique<httplib::Server>();
  control_->new_task_queue = [] { return new httplib::ThreadPool(4); };
  control_->set_keep_alive_timeout(2);
  install_control_api(*control_, *this);
  control_port_ = control_->bind_to_any_port(options_.bind);
  if (control_port_ <= 0) {
    *error = "cannot bind the control endpoint on " + options_.bind;
    return false;
  }
  httplib::Server* s = control_.get();
  control_thread_ = std::thread([s] { s->listen_after_bind(); });
  for (int i = 0; i < 5000 && !s->is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));

  // Every port is reported; devices told to refuse connections close their listener now.
  for (auto& d : devices_) d->sync_listener();
  return true;
}

std::vector<std::string> Simulator::ready_lines() const {
  std::vector<std::string> lines;
  for (const auto& d : devices_) {
    nlohmann::ordered_json line{{"name", d->name()}, {"kind", kind_name(d->kind())}, {"url", d->url()}};
    if (d->kind() == DeviceKind::Gnmi) line["tls"] = options_.https;
    lines.push_back(line.dump());
  }
  nlohmann::ordered_json ready = {{"ready", true},
                                  {"control", control_url()},
                                  {"ca", ca_path_.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(ca_path_)}};
  lines.push_back(ready.dump());
  return lines;
}

std::string Simulator::control_url() const {
  return "http://" + options_.bind + ":" + std::to_string(control_port_);
}

DeviceServer* Simulator::find(const std::string& name) {
  for (auto& d : devices_) {
    if (d->name() == name) return d.get();
  }
  return nullptr;
}

void Simulator::request_shutdown() {
  {
    std::lock_guard lock(mu_);
    shutdown_ = true;
  }
  cv_.notify_all();
}

void Simulator::wait_for_shutdown() {
  std::unique_lock lock(mu_);
  cv_.wait(lock, [&] { return shutdown_; });
}

void Simulator::stop() {
  {
    std::lock_guard lock(mu_);
    if (stopped_) return;
    stopped_ = true;
  }
  if (control_) {
    control_->stop();
    if (control_thread_.joinable()) control_thread_.join();
  }
  for (auto& d : devices_) d->stop();
  if (!temp_dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(temp_dir_, ec);
    temp_dir_.clear();
  }
}

}  // namespace cfgc::devsim
