#include "device_server.h"

#include <httplib.h>
#include <sys/socket.h>

#include <cctype>

#include "gnmi_server.h"

namespace cfgc::devsim {

using nlohmann::json;

namespace {

std::string base64_decode(std::string_view in) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-') return 62;
    if (c == '/' || c == '_') return 63;
    return -1;
  };
  std::string out;
  unsigned buf = 0;
  int bits = 0;
  for (char c : in) {
    if (c == '=') break;
    int v = value(c);
    if (v < 0) return "";
    buf = (buf << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buf >> bits) & 0xff);
    }
  }
  return out;
}

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

std::string percent_decode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// The path segments of the request target (decoded one by one, so %2F stays inside a
// segment), or nullopt when the target is not below `prefix`.
std::optional<NvuePath> segments_below(const std::string& target, std::string_view prefix) {
  std::string_view path(target);
  path = path.substr(0, path.find('?'));
  if (!path.starts_with(prefix)) return std::nullopt;
  path.remove_prefix(prefix.size());
  if (!path.empty() && path[0] != '/') return std::nullopt;
  NvuePath out;
  size_t i = 0;
  while (i < path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    if (j > i) out.push_back(percent_decode(path.substr(i, j - i)));
    i = j + 1;
  }
  return out;
}

void reply(httplib::Response& res, const HttpReply& r) {
  res.status = r.status;
  res.set_content(r.body, r.content_type.c_str());
}

}  // namespace

const char* kind_name(DeviceKind kind) {
  switch (kind) {
    case DeviceKind::Eapi: return "eapi";
    case DeviceKind::Nvue: return "nvue";
    case DeviceKind::Gnmi: return "gnmi";
  }
  return "?";
}

DeviceServer::DeviceServer(std::string name, DeviceKind kind, const ServerSettings& settings, uint64_t seed)
    : name_(std::move(name)), kind_(kind), settings_(settings), rng_(seed ^ std::hash<std::string>{}(name_)) {
  if (kind == DeviceKind::Eapi) {
    eapi_ = std::make_unique<EapiDevice>(name_);
  } else if (kind == DeviceKind::Nvue) {
    nvue_ = std::make_unique<NvueDevice>(name_);
  } else {
    gnmi_ = std::make_unique<GnmiServer>(name_, settings_, [this] {
      ++requests_;
      std::lock_guard lock(faults_mu_);
      FaultSet faults = faults_;
      faults.roll_random(rng_);
      return faults;
    });
  }
}

DeviceServer::~DeviceServer() { stop(); }

std::string DeviceServer::url() const {
  if (gnmi_) return settings_.bind + ":" + std::to_string(port_.load());
  return std::string(settings_.https ? "https" : "http") + "://" + settings_.bind + ":" + std::to_string(port_.load());
}

bool DeviceServer::start(std::string* error) {
  if (gnmi_) {
    int port = port_;
    if (!gnmi_->start(&port, error)) return false;
    port_ = port;
    return true;
  }
  std::lock_guard life(life_mu_);
  if (server_) return true;
  std::unique_ptr<httplib::Server> server;
  if (settings_.https) {
    server = std::make_unique<httplib::SSLServer>(settings_.tls->cert(), settings_.tls->key());
  } else {
    server = std::make_unique<httplib::Server>();
  }
  if (!server->is_valid()) {
    *error = name_ + ": cannot set up the HTTPS server";
    return false;
  }
  server->new_task_queue = [threads = settings_.http_threads] {
    return new httplib::ThreadPool(threads);
  };
  server->set_keep_alive_timeout(2);
  // Answers go out at once: without it, Nagle + the client's delayed ACK add ~40 ms per reply.
  server->set_tcp_nodelay(true);
  server->set_read_timeout(10);
  server->set_write_timeout(10);
  server->set_keep_alive_max_count(1000);
  // cpp-httplib's listen backlog is compiled into Debian's library as 5: a burst of 100
  // concurrent connects overflows it and the dropped SYNs are retried a second later. The
  // listener's descriptor is caught here (the hook runs before bind) and listen() is called
  // again with a full backlog below, which Linux allows on a listening socket.
  int listener_fd = -1;
  server->set_socket_options([&listener_fd](socket_t sock) {
    httplib::default_socket_options(sock);
    listener_fd = sock;
  });
  auto h = [this](const httplib::Request& req, httplib::Response& res) { handle(req, res); };
  server->Get(".*", h);
  server->Post(".*", h);
  server->Put(".*", h);
  server->Patch(".*", h);
  server->Delete(".*", h);
  server->Options(".*", h);
  if (port_ == 0) {
    int port = server->bind_to_any_port(settings_.bind);
    if (port <= 0) {
      *error = name_ + ": cannot bind a port on " + settings_.bind;
      return false;
    }
    port_ = port;
  } else if (!server->bind_to_port(settings_.bind, port_)) {
    *error = name_ + ": cannot bind " + settings_.bind + ":" + std::to_string(port_.load());
    return false;
  }
  if (listener_fd >= 0) ::listen(listener_fd, SOMAXCONN);
  {
    std::lock_guard lock(wake_mu_);
    stopping_ = false;
  }
  httplib::Server* s = server.get();
  thread_ = std::thread([s] { s->listen_after_bind(); });
  for (int i = 0; i < 5000 && !s->is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  server_ = std::move(server);
  return true;
}

void DeviceServer::stop() {
  if (gnmi_) {
    gnmi_->stop();
    return;
  }
  std::lock_guard life(life_mu_);
  if (!server_) return;
  {
    std::lock_guard lock(wake_mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  server_->stop();
  if (thread_.joinable()) thread_.join();
  server_.reset();
}

void DeviceServer::sync_listener() {
  bool refuse;
  {
    std::lock_guard lock(faults_mu_);
    refuse = faults_.has(FaultKind::Refuse);
  }
  bool listening;
  if (gnmi_) {
    listening = gnmi_->listening();
  } else {
    std::lock_guard life(life_mu_);
    listening = server_ != nullptr;
  }
  if (refuse && listening) stop();
  if (!refuse && !listening) {
    std::string error;
    start(&error);
  }
}

void DeviceServer::set_faults(std::vector<Fault> faults) {
  {
    std::lock_guard lock(faults_mu_);
    faults_ = FaultSet(std::move(faults));
  }
  {
    std::lock_guard lock(wake_mu_);
    ++fault_generation_;
  }
  wake_.notify_all();
  if (gnmi_) gnmi_->release_held();
}

std::vector<std::string> DeviceServer::fault_specs() {
  std::lock_guard lock(faults_mu_);
  return faults_.specs();
}

json DeviceServer::describe() {
  json d = eapi_ ? eapi_->describe() : nvue_ ? nvue_->describe() : gnmi_->device().describe();
  d["url"] = url();
  if (gnmi_) d["tls"] = settings_.https;
  d["requests"] = requests_.load();
  d["faults"] = fault_specs();
  return d;
}

std::string DeviceServer::seed_config(const std::string& body) {
  if (eapi_) {
    eapi_->set_config(body);
    return "";
  }
  try {
    json tree = json::parse(body);
    if (gnmi_) return gnmi_->device().seed(tree);
    if (!tree.is_object()) return "the NVUE tree must be a JSON object";
    nvue_->set_applied(std::move(tree));
  } catch (const json::exception& e) {
    return std::string("not valid JSON: ") + e.what();
  }
  return "";
}

bool DeviceServer::sleep_until(std::chrono::steady_clock::time_point deadline, bool until_faults_change) {
  std::unique_lock lock(wake_mu_);
  unsigned generation = fault_generation_;
  auto woken = [&] { return stopping_ || (until_faults_change && fault_generation_ != generation); };
  if (deadline == std::chrono::steady_clock::time_point::max()) {
    wake_.wait(lock, woken);
    return false;
  }
  return !wake_.wait_until(lock, deadline, woken);
}

bool DeviceServer::authorized(const httplib::Request& req, std::string* user) const {
  std::string auth = req.get_header_value("Authorization");
  if (auth.size() < 6 || strncasecmp(auth.c_str(), "Basic ", 6) != 0) return false;
  std::string decoded = base64_decode(auth.substr(6));
  auto colon = decoded.find(':');
  if (colon == std::string::npos) return false;
  *user = decoded.substr(0, colon);
  return *user == settings_.username && decoded.substr(colon + 1) == settings_.password;
}

void DeviceServer::handle(const httplib::Request& req, httplib::Response& res) {
  ++requests_;
  FaultSet faults;
  {
    std::lock_guard lock(faults_mu_);
    faults = faults_;
    faults.roll_random(rng_);
  }
  int latency = faults.latency_ms().value_or(settings_.latency_ms);
  if (latency > 0 && !sleep_until(std::chrono::steady_clock::now() + std::chrono::milliseconds(latency))) {
    res.status = 503;
    return;
  }
  if (faults.has(FaultKind::Hang)) {
    // Never answers: held until the server stops or the device's faults are replaced.
    sleep_until(std::chrono::steady_clock::time_point::max(), true);
    res.status = 503;
    return;
  }
  if (eapi_ && faults.has(FaultKind::DieAfterCommit)) {
    if (auto until = eapi_->hang_until()) {
      if (!sleep_until(*until, true)) {
        res.status = 503;
        return;
      }
    }
  }
  std::string user;
  if (faults.has(FaultKind::Auth) || !authorized(req, &user)) {
    res.set_header("WWW-Authenticate", eapi_ ? "Basic realm=\"eAPI\"" : "Basic realm=\"NVUE\"");
    if (nvue_) {
      reply(res, HttpReply::problem(401, "Authentication failed"));
    } else {
      res.status = 401;
      res.set_content("Unauthorized\n", "text/plain");
    }
    return;
  }
  if (faults.has(FaultKind::Http500)) {
    if (nvue_) {
      reply(res, HttpReply::problem(500, "Internal server error (simulated)"));
    } else {
      res.status = 500;
      res.set_content("Internal Server Error\n", "text/plain");
    }
    return;
  }
  if (eapi_) {
    if (req.path != "/command-api") {
      res.status = 404;
      res.set_content("Not Found\n", "text/plain");
      return;
    }
    if (req.method != "POST") {
      res.status = 405;
      res.set_header("Allow", "POST");
      res.set_content("Method Not Allowed\n", "text/plain");
      return;
    }
    res.set_content(eapi_->handle_request(req.body, faults).dump(), "application/json");
    return;
  }
  auto path = segments_below(req.target, "/nvue_v1");
  if (!path) {
    reply(res, HttpReply::problem(404, "The resource " + req.path + " was not found"));
    return;
  }
  std::optional<std::string> rev;
  if (req.has_param("rev")) rev = req.get_param_value("rev");
  reply(res, nvue_->handle(req.method, *path, rev, req.body, faults, user));
}

}  // namespace cfgc::devsim
