// The plugin's entry point: the functions cfgc calls through TransportApi (transport_api.h).
#include "deploy/push/transport_api.h"

extern "C" __attribute__((visibility("default"))) const cfgc::push::TransportApi*
cfgc_transport_api(size_t layout) {
  static const cfgc::push::TransportApi api{
      cfgc::push::kTransportAbi,          &cfgc::push::run_push_direct,
      &cfgc::push::perform_direct,        &cfgc::push::http_loop_start_direct,
      &cfgc::push::http_loop_send_direct, &cfgc::push::http_loop_stop_direct};
  // Built from other sources than the caller: refuse rather than exchange objects whose
  // layouts differ.
  if (layout != cfgc::push::kTransportLayout) return nullptr;
  return &api;
}
