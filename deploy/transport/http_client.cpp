#include "deploy/push/http_client.h"

#include <curl/curl.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <stdexcept>

#include "deploy/push/transport_api.h"

namespace cfgc::push {

namespace {

std::once_flag curl_init_once;

size_t write_body(char* data, size_t size, size_t n, void* user) {
  static_cast<std::string*>(user)->append(data, size * n);
  return size * n;
}

}  // namespace

// One request in flight: the easy handle, its buffers and who waits for it.
struct HttpClient::Transfer {
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  HttpRequest req;
  HttpResponse* out = nullptr;
  std::coroutine_handle<> waiter;
  char error[CURL_ERROR_SIZE] = {};
  ~Transfer() {
    if (headers) curl_slist_free_all(headers);
    if (easy) curl_easy_cleanup(easy);
  }
};

// The callbacks of curl's socket interface (run() explains it).
struct CurlSocketCallbacks {
  // curl tells which events a socket waits for, or that it is done with it.
  static int on_socket(CURL*, curl_socket_t s, int what, void* user, void*) {
    auto* c = static_cast<HttpClient*>(user);
    if (what == CURL_POLL_REMOVE) {
      epoll_ctl(c->epoll_fd_, EPOLL_CTL_DEL, s, nullptr);
      return 0;
    }
    epoll_event ev{};
    ev.data.fd = s;
    ev.events = ((what & CURL_POLL_IN) ? EPOLLIN : 0u) | ((what & CURL_POLL_OUT) ? EPOLLOUT : 0u);
    if (epoll_ctl(c->epoll_fd_, EPOLL_CTL_MOD, s, &ev) != 0) {
      epoll_ctl(c->epoll_fd_, EPOLL_CTL_ADD, s, &ev);
    }
    return 0;
  }
  // curl wants to be called after timeout_ms (0: at once; -1: no timer).
  static int on_timer(CURLM*, long timeout_ms, void* user) {
    auto* c = static_cast<HttpClient*>(user);
    c->curl_timer_set_ = timeout_ms >= 0;
    if (timeout_ms >= 0)
      c->curl_deadline_ = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    return 0;
  }
};

HttpClient::HttpClient(long idle_connections, long host_connections) {
  std::call_once(curl_init_once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  multi_ = curl_multi_init();
  if (!multi_) throw std::runtime_error("curl_multi_init failed");
  // Several requests to one device reuse its connection rather than opening new ones; the
  // oldest idle connections (devices done) are closed beyond the cache size.
  curl_multi_setopt(multi_, CURLMOPT_MAX_HOST_CONNECTIONS, host_connections);
  curl_multi_setopt(multi_, CURLMOPT_MAXCONNECTS, std::max(4L, idle_connections));
  epoll_fd_ = epoll_create1(EPOLL_CLOEXEC);
  wake_fd_ = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (epoll_fd_ < 0 || wake_fd_ < 0) {
    if (epoll_fd_ >= 0) close(epoll_fd_);
    if (wake_fd_ >= 0) close(wake_fd_);
    curl_multi_cleanup(multi_);
    throw std::runtime_error("cannot create the HTTP client's event set (epoll, eventfd)");
  }
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.fd = wake_fd_;
  epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, wake_fd_, &ev);
  curl_multi_setopt(multi_, CURLMOPT_SOCKETFUNCTION, &CurlSocketCallbacks::on_socket);
  curl_multi_setopt(multi_, CURLMOPT_SOCKETDATA, this);
  curl_multi_setopt(multi_, CURLMOPT_TIMERFUNCTION, &CurlSocketCallbacks::on_timer);
  curl_multi_setopt(multi_, CURLMOPT_TIMERDATA, this);
}

HttpClient::~HttpClient() {
  for (auto& [easy, t] : transfers_) curl_multi_remove_handle(multi_, easy);
  transfers_.clear();
  for (void* e : spare_easy_) curl_easy_cleanup(static_cast<CURL*>(e));
  curl_multi_cleanup(multi_);
  close(epoll_fd_);
  close(wake_fd_);
}

void HttpClient::SendAwaiter::await_suspend(std::coroutine_handle<> h) {
  client->start(std::move(req), &resp, h);
}

void HttpClient::SleepAwaiter::await_suspend(std::coroutine_handle<> h) {
  client->timers_.emplace(std::chrono::steady_clock::now() + std::chrono::milliseconds(ms), h);
}

void HttpClient::post(std::function<void()> fn) { posted_.push_back(std::move(fn)); }

void HttpClient::begin_foreign() {
  std::lock_guard<std::mutex> lock(foreign_mu_);
  ++foreign_pending_;
}

void HttpClient::post_foreign(std::function<void()> fn) {
  {
    std::lock_guard<std::mutex> lock(foreign_mu_);
    foreign_.push_back(std::move(fn));
  }
  uint64_t one = 1;
  [[maybe_unused]] ssize_t w = write(wake_fd_, &one, sizeof one);  // EAGAIN: already woken
}

void HttpClient::drain_foreign() {
  std::vector<std::function<void()>> got;
  {
    std::lock_guard<std::mutex> lock(foreign_mu_);
    got.swap(foreign_);
    foreign_pending_ -= got.size();
  }
  for (auto& fn : got) posted_.push_back(std::move(fn));
}

namespace {

size_t write_header(char* data, size_t size, size_t n, void* user) {
  auto* out = static_cast<HttpResponse*>(user);
  std::string_view line(data, size * n);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  if (line.starts_with("HTTP/")) {
    // A new response (after a 100 Continue or a redirect): its own headers only.
    out->headers.clear();
    size_t sp = line.find(' ');
    out->status_line = sp == std::string_view::npos ? "" : std::string(line.substr(sp + 1));
  } else if (size_t colon = line.find(':'); colon != std::string_view::npos) {
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    out->headers.emplace_back(std::string(line.substr(0, colon)), std::string(value));
  }
  return size * n;
}

// An easy handle set up for `r`, writing into `out`; `headers` receives the header list to
// free and `error` is curl's error buffer (CURL_ERROR_SIZE bytes).
CURL* make_easy(const HttpRequest& r, HttpResponse* out, curl_slist** headers, char* error,
                CURL* reuse = nullptr) {
  CURL* e = reuse ? reuse : curl_easy_init();
  if (!e) return nullptr;
  curl_easy_setopt(e, CURLOPT_URL, r.url.c_str());
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, write_body);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, &out->body);
  curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, write_header);
  curl_easy_setopt(e, CURLOPT_HEADERDATA, out);
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, r.connect_timeout_ms);
  curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, r.timeout_ms);
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
  if (r.method == "GET") {
    curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
  } else {
    if (r.method != "POST") curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, r.method.c_str());
    curl_easy_setopt(e, CURLOPT_POST, 1L);
    curl_easy_setopt(e, CURLOPT_POSTFIELDS, r.body.c_str());
    curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE, static_cast<long>(r.body.size()));
  }
  for (const std::string& hdr : r.headers) *headers = curl_slist_append(*headers, hdr.c_str());
  // No "Expect: 100-continue" round trip for bodies.
  *headers = curl_slist_append(*headers, "Expect:");
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, *headers);
  if (!r.username.empty()) {
    curl_easy_setopt(e, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
    curl_easy_setopt(e, CURLOPT_USERNAME, r.username.c_str());
    curl_easy_setopt(e, CURLOPT_PASSWORD, r.password.c_str());
  }
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, r.tls.verify ? 1L : 0L);
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, r.tls.verify ? 2L : 0L);
  if (!r.tls.ca_file.empty()) curl_easy_setopt(e, CURLOPT_CAINFO, r.tls.ca_file.c_str());
  if (!r.tls.ca_pem.empty()) {
    curl_blob blob{const_cast<char*>(r.tls.ca_pem.data()), r.tls.ca_pem.size(), CURL_BLOB_COPY};
    curl_easy_setopt(e, CURLOPT_CAINFO_BLOB, &blob);
  }
  return e;
}

// The outcome of a finished transfer into `out`.
void finish(CURL* e, CURLcode rc, const char* error, HttpResponse& out) {
  curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &out.status);
  double secs = 0;
  curl_easy_getinfo(e, CURLINFO_TOTAL_TIME, &secs);
  out.seconds = secs;
  if (rc != CURLE_OK) {
    out.timed_out = rc == CURLE_OPERATION_TIMEDOUT;
    std::string detail = error[0] ? std::string(error) : std::string(curl_easy_strerror(rc));
    while (!detail.empty() && (detail.back() == '\n' || detail.back() == ' ')) detail.pop_back();
    out.error = detail;
    out.status = 0;
  }
}

}  // namespace

void HttpClient::start(HttpRequest&& req, HttpResponse* out, std::coroutine_handle<> h) {
  auto t = std::make_unique<Transfer>();
  t->req = std::move(req);
  t->out = out;
  t->waiter = h;
  CURL* spare = nullptr;
  if (!spare_easy_.empty()) {
    spare = static_cast<CURL*>(spare_easy_.back());
    spare_easy_.pop_back();
  }
  CURL* e = make_easy(t->req, out, &t->headers, t->error, spare);
  if (!e) {
    out->error = "cannot create a transfer (out of memory)";
    post([h] { h.resume(); });
    return;
  }
  t->easy = e;
  curl_easy_setopt(e, CURLOPT_PRIVATE, t.get());
  curl_multi_add_handle(multi_, e);
  ++sent_;
  transfers_.emplace(e, std::move(t));
}

namespace {

// One easy handle per calling thread, reset between requests: spares a handle's setup per
// request.
struct ThreadEasy {
  CURL* easy = nullptr;
  ~ThreadEasy() {
    if (easy) curl_easy_cleanup(easy);
  }
};
thread_local ThreadEasy thread_easy;

}  // namespace

HttpResponse perform_direct(const HttpRequest& req) {
  std::call_once(curl_init_once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  HttpResponse out;
  curl_slist* headers = nullptr;
  char error[CURL_ERROR_SIZE] = {};
  if (thread_easy.easy) curl_easy_reset(thread_easy.easy);
  CURL* e = make_easy(req, &out, &headers, error, thread_easy.easy);
  if (!e) {
    out.error = "cannot create a transfer (out of memory)";
    return out;
  }
  thread_easy.easy = e;
  // No idle connection left open: a device's API server may give each connection a worker
  // of its own, and the next task is likely for another device.
  curl_easy_setopt(e, CURLOPT_FORBID_REUSE, 1L);
  CURLcode rc = curl_easy_perform(e);
  finish(e, rc, error, out);
  // The handle keeps pointers to these until its next reset: clear them now.
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, nullptr);
  curl_easy_setopt(e, CURLOPT_ERRORBUFFER, nullptr);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, nullptr);
  curl_easy_setopt(e, CURLOPT_HEADERDATA, nullptr);
  curl_slist_free_all(headers);
  return out;
}

void HttpClient::finish_transfers() {
  int left = 0;
  std::vector<std::coroutine_handle<>> ready;
  while (CURLMsg* m = curl_multi_info_read(multi_, &left)) {
    if (m->msg != CURLMSG_DONE) continue;
    CURL* e = m->easy_handle;
    auto it = transfers_.find(e);
    if (it == transfers_.end()) continue;
    Transfer& t = *it->second;
    finish(e, m->data.result, t.error, *t.out);
    ready.push_back(t.waiter);
    curl_multi_remove_handle(multi_, e);
    if (spare_easy_.size() < 256) {
      curl_easy_reset(e);
      spare_easy_.push_back(e);
      t.easy = nullptr;  // kept, not cleaned up with the transfer
    }
    transfers_.erase(it);
  }
  for (auto h : ready) h.resume();
}

void HttpClient::run(const std::function<bool()>& done) {
  using clock = std::chrono::steady_clock;
  loop_thread_ = std::this_thread::get_id();
  for (;;) {
    // Posted work and due timers first: they may start transfers or finish jobs.
    drain_foreign();
    while (!posted_.empty()) {
      std::vector<std::function<void()>> now;
      now.swap(posted_);
      for (auto& fn : now) fn();
    }
    auto now = clock::now();
    while (!timers_.empty() && timers_.begin()->first <= now) {
      auto h = timers_.begin()->second;
      timers_.erase(timers_.begin());
      h.resume();
    }
    if (!posted_.empty()) continue;
    if (done() && transfers_.empty()) return;
    int running = 0;
    if (curl_timer_set_ && clock::now() >= curl_deadline_) {
      // curl's timeouts, and the start of transfers just added (a timer of 0).
      curl_timer_set_ = false;
      curl_multi_socket_action(multi_, CURL_SOCKET_TIMEOUT, 0, &running);
    }
    finish_transfers();
    if (!posted_.empty()) continue;
    if (done() && transfers_.empty()) return;
    long wait_ms = 200;
    auto until = [&](clock::time_point t) {
      auto ms = std::chrono::ceil<std::chrono::milliseconds>(t - clock::now()).count();
      wait_ms = std::max<long>(0, std::min<long>(wait_ms, ms));
    };
    if (!timers_.empty()) until(timers_.begin()->first);
    if (curl_timer_set_) until(curl_deadline_);
    // Nothing in flight, scheduled or posted, yet not done: a job waits for something that
    // will never come. Return rather than hang; the caller reports the unfinished jobs.
    bool foreign_running;
    {
      std::lock_guard<std::mutex> lock(foreign_mu_);
      foreign_running = foreign_pending_ > 0;
    }
    if (transfers_.empty() && timers_.empty() && posted_.empty() && !foreign_running) return;
    epoll_event events[64];
    int n = epoll_wait(epoll_fd_, events, 64, static_cast<int>(wait_ms));
    for (int i = 0; i < n; ++i) {
      int fd = events[i].data.fd;
      if (fd == wake_fd_) {
        uint64_t count;
        [[maybe_unused]] ssize_t r = read(wake_fd_, &count, sizeof count);
        continue;
      }
      uint32_t e = events[i].events;
      int flags = ((e & EPOLLIN) ? CURL_CSELECT_IN : 0) | ((e & EPOLLOUT) ? CURL_CSELECT_OUT : 0) |
                  ((e & (EPOLLERR | EPOLLHUP)) ? CURL_CSELECT_ERR : 0);
      curl_multi_socket_action(multi_, fd, flags, &running);
      finish_transfers();
      // An answer may have started the next request (cfgc cmd hands the next task over
      // this way): it goes out now, not after the rest of a burst of answers.
      if (!posted_.empty()) {
        std::vector<std::function<void()>> now;
        now.swap(posted_);
        for (auto& fn : now) fn();
        if (curl_timer_set_ && clock::now() >= curl_deadline_) {
          curl_timer_set_ = false;
          curl_multi_socket_action(multi_, CURL_SOCKET_TIMEOUT, 0, &running);
          finish_transfers();
        }
      }
    }
  }
}

std::string url_escape(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

}  // namespace cfgc::push
