#pragma once
// The control endpoint (plain HTTP on loopback, JSON): lists devices and their state, seeds
// configuration, replaces faults at runtime, and shuts the simulator down.

namespace httplib {
class Server;
}

namespace cfgc::devsim {

class Simulator;

// Registers GET /devices, GET /devices/NAME, PUT /devices/NAME/config,
// POST /devices/NAME/faults and POST /shutdown.
void install_control_api(httplib::Server& server, Simulator& sim);

}  // namespace cfgc::devsim
