#include "control_api.h"

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "simulator.h"

namespace cfgc::devsim {

using nlohmann::json;

namespace {

void send(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(2) + "\n", "application/json");
}

void error(httplib::Response& res, int status, const std::string& message) {
  send(res, status, {{"error", message}});
}

}  // namespace

void install_control_api(httplib::Server& server, Simulator& sim) {
  server.Get("/devices", [&sim](const httplib::Request&, httplib::Response& res) {
    json list = json::array();
    for (const auto& d : sim.devices()) {
      list.push_back({{"name", d->name()}, {"kind", kind_name(d->kind())}, {"url", d->url()}, {"faults", d->fault_specs()}});
    }
    send(res, 200, list);
  });
  server.Get("/devices/([^/]+)", [&sim](const httplib::Request& req, httplib::Response& res) {
    DeviceServer* d = sim.find(req.matches[1]);
    if (!d) return error(res, 404, "no device named '" + std::string(req.matches[1]) + "'");
    send(res, 200, d->describe());
  });
  server.Put("/devices/([^/]+)/config", [&sim](const httplib::Request& req, httplib::Response& res) {
    DeviceServer* d = sim.find(req.matches[1]);
    if (!d) return error(res, 404, "no device named '" + std::string(req.matches[1]) + "'");
    std::string err = d->seed_config(req.body);
    if (!err.empty()) return error(res, 400, err);
    send(res, 200, {{"ok", true}});
  });
  server.Post("/devices/([^/]+)/faults", [&sim](const httplib::Request& req, httplib::Response& res) {
    DeviceServer* d = sim.find(req.matches[1]);
    if (!d) return error(res, 404, "no device named '" + std::string(req.matches[1]) + "'");
    json list;
    try {
      list = json::parse(req.body);
    } catch (const json::exception& e) {
      return error(res, 400, std::string("body is not JSON: ") + e.what());
    }
    if (!list.is_array()) return error(res, 400, "body must be a JSON list of fault specs, e.g. [\"http500\"]");
    std::vector<Fault> faults;
    for (const auto& item : list) {
      if (!item.is_string()) return error(res, 400, "fault specs must be strings");
      std::string err;
      auto f = parse_device_fault(item.get<std::string>(), d->name(), &err);
      if (!f) return error(res, 400, err);
      faults.push_back(std::move(*f));
    }
    d->set_faults(std::move(faults));
    d->sync_listener();
    send(res, 200, {{"ok", true}, {"faults", d->fault_specs()}});
  });
  server.Post("/shutdown", [&sim](const httplib::Request&, httplib::Response& res) {
    send(res, 200, {{"ok", true}});
    sim.request_shutdown();
  });
}

}  // namespace cfgc::devsim
