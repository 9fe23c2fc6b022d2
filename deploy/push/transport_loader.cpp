// Loads the transport plugin (transport_api.h) on first use, and the two calls cfgc makes
// through it: run_push (push_engine.h) and perform (http_client.h).
#include <dlfcn.h>
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <mutex>

#include "deploy/push/transport_api.h"

#ifndef CFGC_TRANSPORT_RELDIR
#define CFGC_TRANSPORT_RELDIR "../lib/cfgc"
#endif

namespace cfgc::push {

namespace {

constexpr const char* kPluginName = "libcfgc_transport.so";

// Where to look: $CFGC_TRANSPORT_PLUGIN (a file), then beside the binary (the build tree),
// then the installed location relative to the binary (<prefix>/lib/cfgc).
std::vector<std::string> candidates() {
  std::vector<std::string> out;
  if (const char* env = std::getenv("CFGC_TRANSPORT_PLUGIN"); env && *env) out.push_back(env);
  std::error_code ec;
  std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    std::filesystem::path dir = exe.parent_path();
    out.push_back((dir / kPluginName).string());
    out.push_back((dir / CFGC_TRANSPORT_RELDIR / kPluginName).lexically_normal().string());
  }
  return out;
}

struct Loaded {
  const TransportApi* api = nullptr;
  std::string error;
};

Loaded load() {
  Loaded l;
  std::string tried;
  for (const std::string& path : candidates()) {
    std::string why;
    if (::access(path.c_str(), F_OK) != 0) {
      why = "not found";
    } else if (void* h = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL)) {
      using Entry = const TransportApi* (*)(size_t);
      auto entry = reinterpret_cast<Entry>(::dlsym(h, "cfgc_transport_api"));
      const TransportApi* api = entry ? entry(kTransportLayout) : nullptr;
      if (api && std::string_view(api->abi) == kTransportAbi) {
        l.api = api;
        return l;
      }
      why = entry ? "built by another build of cfgc (reinstall both together)"
                  : "not a cfgc transport plugin";
      ::dlclose(h);
    } else {
      const char* e = ::dlerror();
      why = e ? e : "cannot be loaded";
    }
    tried += fmt::format("\n    {}: {}", path, why);
  }
  l.error = fmt::format(
      "cannot load the device transports ({}, which holds the libcurl and gRPC clients); "
      "tried:{}",
      kPluginName, tried);
  return l;
}

}  // namespace

const TransportApi* transport(std::string& error) {
  static std::once_flag once;
  static Loaded loaded;
  std::call_once(once, [] { loaded = load(); });
  if (!loaded.api) error = loaded.error;
  return loaded.api;
}

PushRun run_push(const std::vector<DeviceSpec>& devices, const EngineOptions& opts,
                 const ProgressFn& progress) {
  std::string error;
  if (const TransportApi* t = transport(error)) return t->run_push(devices, opts, progress);
  PushRun run;
  for (const DeviceSpec& d : devices) {
    DeviceResult r;
    r.name = d.name;
    r.transport = d.transport;
    r.url = d.url;
    r.outcome = Outcome::Failed;
    r.error = error;
    run.results.push_back(std::move(r));
  }
  return run;
}

HttpResponse perform(const HttpRequest& req) {
  std::string error;
  if (const TransportApi* t = transport(error)) return t->perform(req);
  HttpResponse r;
  r.error = error;
  return r;
}

// The loop belongs to the plugin that made it: the binary only passes its handle back.
HttpLoop* http_loop_start(size_t connections, std::string& error) {
  const TransportApi* t = transport(error);
  return t ? t->http_loop_start(connections) : nullptr;
}

void http_loop_send(HttpLoop* loop, HttpRequest req, std::function<void(HttpResponse)> done) {
  std::string error;
  transport(error)->http_loop_send(loop, std::move(req), std::move(done));
}

void http_loop_stop(HttpLoop* loop) {
  std::string error;
  if (loop) transport(error)->http_loop_stop(loop);
}

}  // namespace cfgc::push
