#include "scheduler.h"

namespace cfgc::devsim {

Scheduler::Scheduler() : thread_([this] { run(); }) {}

Scheduler::~Scheduler() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void Scheduler::at(Clock::time_point when, const void* owner, std::function<void()> fn) {
  {
    std::lock_guard lock(mu_);
    tasks_.emplace(std::make_pair(when, seq_++), std::make_pair(owner, std::move(fn)));
  }
  cv_.notify_all();
}

void Scheduler::cancel(const void* owner) {
  std::unique_lock lock(mu_);
  std::erase_if(tasks_, [owner](const auto& t) { return t.second.first == owner; });
  if (std::this_thread::get_id() == thread_.get_id()) return;  // called from owner's own task
  cv_.wait(lock, [&] { return running_ != owner; });
}

void Scheduler::run() {
  std::unique_lock lock(mu_);
  while (!stop_) {
    if (tasks_.empty()) {
      cv_.wait(lock);
      continue;
    }
    auto first = tasks_.begin();
    if (Clock::now() < first->first.first) {
      cv_.wait_until(lock, first->first.first);
      continue;
    }
    auto [owner, fn] = std::move(first->second);
    tasks_.erase(first);
    running_ = owner;
    lock.unlock();
    fn();
    lock.lock();
    running_ = nullptr;
    cv_.notify_all();
  }
}

}  // namespace cfgc::devsim
