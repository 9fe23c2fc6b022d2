// HttpLoop (http_client.h): one HttpClient driven by a thread of its own, fed from any thread.
#include <coroutine>
#include <exception>
#include <thread>

#include "deploy/push/http_client.h"
#include "deploy/push/transport_api.h"

namespace cfgc::push {

struct HttpLoop {
  // No limit per host: cfgc cmd bounds the requests in flight itself (--parallel), and a
  // workflow may well send all of them to one API server. As many idle connections are kept
  // as requests may be in flight: all of them come back for the next wave of requests.
  explicit HttpLoop(size_t connections) : client{static_cast<long>(connections), 0} {}
  HttpClient client;
  std::thread thread;
};

namespace {

// A coroutine nobody awaits: it runs until its first suspension when called, and frees itself
// when it returns.
struct Detached {
  struct promise_type {
    Detached get_return_object() noexcept { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() noexcept { std::terminate(); }
  };
};

Detached send_then(HttpClient& client, HttpRequest req, std::function<void(HttpResponse)> done) {
  // Named, not a temporary: GCC 12 destroys temporaries of a co_await expression twice.
  auto wait = client.send(std::move(req));
  HttpResponse r = co_await wait;
  done(std::move(r));
}

}  // namespace

HttpLoop* http_loop_start_direct(size_t connections) {
  auto* loop = new HttpLoop(connections);
  loop->client.hold();  // run() keeps waiting for sends until http_loop_stop
  loop->thread = std::thread([loop] { loop->client.run([] { return false; }); });
  return loop;
}

void http_loop_send_direct(HttpLoop* loop, HttpRequest req,
                           std::function<void(HttpResponse)> done) {
  loop->client.post_from_thread([loop, req = std::move(req), done = std::move(done)]() mutable {
    send_then(loop->client, std::move(req), std::move(done));
  });
}

void http_loop_stop_direct(HttpLoop* loop) {
  loop->client.release();  // run() returns once the sends in flight are answered
  loop->thread.join();
  delete loop;
}

}  // namespace cfgc::push
