#pragma once
// HttpClient: many HTTP(S) requests in flight from one thread, on libcurl's multi interface,
// for the push engine (hundreds of devices, one thread). Requests are awaited from C++20
// coroutines (push_task.h): `HttpResponse r = co_await client.send(req);` suspends the device's
// job until the response, an error or the timeout; `co_await client.sleep(ms)` waits without
// blocking the others. run() drives everything until no job is left.
//
// Connections are kept open and reused by later requests to the same device (the multi
// handle's connection cache). Every request has a connect and a total timeout; TLS peers are
// verified unless the request says otherwise; credentials go through curl's own options, never into
// URLs or messages.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <coroutine>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace cfgc::push {

struct TlsOptions {
  bool verify = true;   // peer certificate and host name
  std::string ca_file;  // PEM bundle to verify against instead of the system's CAs
  std::string ca_pem;   // the same, given as PEM text (tool/http's caCert)
};

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::string body;
  std::vector<std::string> headers;  // "Name: value"
  std::string username;              // Basic auth when not empty
  std::string password;
  TlsOptions tls;
  long connect_timeout_ms = 5000;
  long timeout_ms = 30000;
};

struct HttpResponse {
  long status = 0;  // HTTP status; 0 when no response arrived
  std::string body;
  std::string error;  // transport failure (refused, timeout, TLS); empty if none
  bool timed_out = false;
  double seconds = 0;       // time the request took
  std::string status_line;  // "200 OK" (from the status line; the reason may be empty)
  std::vector<std::pair<std::string, std::string>> headers;  // in the order received
  bool ok() const { return error.empty() && status >= 200 && status < 300; }
};

class HttpClient {
 public:
  // Keeps at most `idle_connections` connections open for reuse: the devices in progress
  // need theirs, finished ones should not hold a server's worker (the engine passes about
  // twice --parallel).
  // At most `host_connections` connections to one host at a time (0: no limit), so that
  // a push does not flood one device.
  explicit HttpClient(long idle_connections = 64, long host_connections = 4);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Awaitable: the response to req.
  struct SendAwaiter {
    HttpClient* client;
    HttpRequest req;
    HttpResponse resp;
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> h);
    HttpResponse await_resume() { return std::move(resp); }
  };
  SendAwaiter send(HttpRequest req) { return SendAwaiter{this, std::move(req), {}}; }

  // Awaitable: resumes after ms milliseconds.
  struct SleepAwaiter {
    HttpClient* client;
    long ms;
    bool await_ready() const noexcept { return ms <= 0; }
    void await_suspend(std::coroutine_handle<> h);
    void await_resume() const noexcept {}
  };
  SleepAwaiter sleep(long ms) { return SleepAwaiter{this, ms}; }

  // Runs `fn` from the loop (not from inside the caller): used to resume a coroutine later.
  void post(std::function<void()> fn);

  // Awaitable: start(done) begins an asynchronous call (gRPC's callback API) that calls
  // done(result) once, from any thread; resumes with the result on the loop's thread. The loop
  // waits for it.
  template <class R>
  struct CallbackAwaiter {
    HttpClient* client;
    std::function<void(std::function<void(R)>)> start;
    std::optional<R> result;
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> h) {
      client->begin_foreign();
      start([this, h](R r) {
        result.emplace(std::move(r));
        client->post_foreign([h] { h.resume(); });
      });
    }
    R await_resume() { return std::move(*result); }
  };
  template <class R>
  CallbackAwaiter<R> called_back(std::function<void(std::function<void(R)>)> start) {
    return CallbackAwaiter<R>{this, std::move(start), std::nullopt};
  }

  // Drives transfers, timers and posted work until `done()` is true after a round, or until
  // nothing is left to drive (a job waiting on something no one will do: never a hang).
  void run(const std::function<bool()>& done);

  // Number of requests sent so far (for the report and the benchmark).
  uint64_t requests_sent() const { return sent_; }

  // From any thread: runs fn on the loop's thread (HttpLoop sends this way).
  void post_from_thread(std::function<void()> fn) {
    if (std::this_thread::get_id() == loop_thread_.load(std::memory_order_relaxed)) {
      post(std::move(fn));  // from a callback on the loop's own thread: no wakeup needed
      return;
    }
    begin_foreign();
    post_foreign(std::move(fn));
  }
  // Keeps run() going while nothing is in flight, until release() (from any thread).
  void hold() { begin_foreign(); }
  void release() {
    post_foreign([] {});
  }

 private:
  struct Transfer;
  void start(HttpRequest&& req, HttpResponse* out, std::coroutine_handle<> h);
  void finish_transfers();

  // Work handed back from other threads (called_back): queued under a lock, the loop woken.
  void begin_foreign();
  void post_foreign(std::function<void()> fn);
  void drain_foreign();

  // curl's socket interface: the loop waits on an epoll set of the transfers' sockets and
  // tells curl which one is ready (curl_multi_socket_action), so each event costs work for
  // one transfer; curl_multi_perform visited all of them at every wake-up (a thousand quick
  // requests, a hundred at a time, spent 40 % of the loop there). Other threads wake the loop
  // through an eventfd in the same set.
  friend struct CurlSocketCallbacks;
  void* multi_ = nullptr;  // CURLM*
  int epoll_fd_ = -1;
  int wake_fd_ = -1;
  bool curl_timer_set_ = false;  // curl asked to be called back at curl_deadline_
  std::chrono::steady_clock::time_point curl_deadline_;
  std::mutex foreign_mu_;
  std::atomic<std::thread::id> loop_thread_{};  // the thread in run()
  std::vector<std::function<void()>> foreign_;
  size_t foreign_pending_ = 0;  // calls of other threads not yet handed back
  std::map<void*, std::unique_ptr<Transfer>> transfers_;  // by CURL* easy handle
  std::multimap<std::chrono::steady_clock::time_point, std::coroutine_handle<>> timers_;
  std::vector<std::function<void()>> posted_;
  // Easy handles of finished transfers, reset for the next ones: a fresh handle allocates its
  // buffers anew, and a thousand quick requests spent a tenth of their time zeroing pages.
  std::vector<void*> spare_easy_;
  uint64_t sent_ = 0;
};

// One request, answered on the calling thread: the same options, TLS and timeouts as
// HttpClient's.
HttpResponse perform(const HttpRequest& req);

// Many requests sent from any thread, all on one thread's HttpClient (a curl multi loop):
// `cfgc cmd` runs its tool/http tasks this way, since a thousand of them each blocking a
// thread cost more than the calls. `connections`: the requests in flight at most (idle
// connections kept for reuse). http_loop_start returns null with `error` set when the
// transports cannot be loaded; `done` runs on the loop's thread, once per send;
// http_loop_stop waits for the sends in flight, then ends the loop.
struct HttpLoop;
HttpLoop* http_loop_start(size_t connections, std::string& error);
void http_loop_send(HttpLoop* loop, HttpRequest req, std::function<void(HttpResponse)> done);
void http_loop_stop(HttpLoop* loop);

// "%2F"-style escaping of one URL path segment or query value (RFC 3986 unreserved kept).
std::string url_escape(std::string_view s);

}  // namespace cfgc::push
