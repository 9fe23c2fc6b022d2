#pragma once
// The seam between cfgc and the code that talks to devices (deploy/transport/). libcurl and
// gRPC bring some eighty shared libraries (protobuf, abseil, c-ares, GnuTLS, Kerberos, LDAP…)
// whose loading alone takes 15 ms, more than `cfgc vet` needs on a small repository. So that
// code is a plugin, libcfgc_transport.so, loaded on first use: by `cfgc push`, and by the
// HTTP tasks of `cfgc cmd`. Every other command starts without it.
//
// Types cross the seam as C++ objects: plugin and binary come from one build, which the ABI
// stamp checks (a plugin left over from another build is refused, not trusted).

#include <string>
#include <vector>

#include "deploy/push/http_client.h"
#include "deploy/push/push_engine.h"

namespace cfgc::push {

// What the plugin provides.
struct TransportApi {
  const char* abi = nullptr;  // kTransportAbi of the build that made the plugin
  PushRun (*run_push)(const std::vector<DeviceSpec>&, const EngineOptions&, const ProgressFn&);
  HttpResponse (*perform)(const HttpRequest&);
  HttpLoop* (*http_loop_start)(size_t);
  void (*http_loop_send)(HttpLoop*, HttpRequest, std::function<void(HttpResponse)>);
  void (*http_loop_stop)(HttpLoop*);
};

// Changes with the layout of every type that crosses the seam.
#define CFGC_TRANSPORT_ABI_STRINGIFY2(x) #x
#define CFGC_TRANSPORT_ABI_STRINGIFY(x) CFGC_TRANSPORT_ABI_STRINGIFY2(x)
inline constexpr const char* kTransportAbi =
    "cfgc-transport-3 " __VERSION__ " " CFGC_TRANSPORT_ABI_STRINGIFY(__cplusplus);
inline constexpr size_t kTransportLayout =
    sizeof(DeviceSpec) * 1000003 + sizeof(EngineOptions) * 10007 + sizeof(PushRun) * 101 +
    sizeof(HttpRequest) * 11 + sizeof(HttpResponse) + sizeof(DeviceResult) * 7;

// The implementations, in the plugin (deploy/transport/): run_push and perform (push_engine.h,
// http_client.h) call them through the loaded TransportApi.
PushRun run_push_direct(const std::vector<DeviceSpec>& devices, const EngineOptions& opts,
                        const ProgressFn& progress);
HttpResponse perform_direct(const HttpRequest& req);
HttpLoop* http_loop_start_direct(size_t connections);
void http_loop_send_direct(HttpLoop* loop, HttpRequest req, std::function<void(HttpResponse)> done);
void http_loop_stop_direct(HttpLoop* loop);

// The plugin's functions, loaded on the first call; null with `error` set when it cannot be
// loaded (the message says which files were tried and why each failed).
const TransportApi* transport(std::string& error);

}  // namespace cfgc::push

// The plugin's one exported symbol.
extern "C" const cfgc::push::TransportApi* cfgc_transport_api(size_t layout);
