#pragma once
// One thread that runs delayed work for every gNMI device of the simulator: answers held back
// by latency, and RPCs parked by die-after-commit until a commit's rollback. gRPC's callback
// handlers must not block, so nothing sleeps on a gRPC thread.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <utility>

namespace cfgc::devsim {

class Scheduler {
 public:
  using Clock = std::chrono::steady_clock;
  Scheduler();
  ~Scheduler();
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  // Runs `fn` on the scheduler's thread at `when` (or soon after); `owner` names who may
  // cancel it.
  void at(Clock::time_point when, const void* owner, std::function<void()> fn);
  // Drops `owner`'s queued work and waits until none of its work is running.
  void cancel(const void* owner);

 private:
  void run();

  std::mutex mu_;
  std::condition_variable cv_;
  std::map<std::pair<Clock::time_point, unsigned long>, std::pair<const void*, std::function<void()>>> tasks_;
  unsigned long seq_ = 0;
  const void* running_ = nullptr;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace cfgc::devsim
