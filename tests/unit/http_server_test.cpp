// web/http_server.h: IoPool, the web server's task queue (issue #15) — a
// thread per connection up to its bound, then a line, then refusal at once;
// what is queued still runs at shutdown; no exception escapes a task.
#include <catch2/catch.hpp>

#include <condition_variable>
#include <future>
#include <mutex>
#include <stdexcept>

#include "web/http_server.h"

using namespace omb::web;

namespace {

// Counts tasks that started; lets a test wait for a number of them.
struct Started {
  std::mutex mu;
  std::condition_variable cv;
  int n = 0;
  void one() {
    std::lock_guard lk(mu);
    ++n;
    cv.notify_all();
  }
  void wait_for(int k) {
    std::unique_lock lk(mu);
    cv.wait(lk, [&] { return n >= k; });
  }
};

}  // namespace

TEST_CASE("IoPool: threads up to the bound, then a line, then refused at once (issue #15)", "[web]") {
  Started started;
  std::promise<void> release;
  std::shared_future<void> go = release.get_future().share();
  std::atomic<int> refusing_in_tasks{0};
  auto blocker = [&] {
    if (IoPool::refusing()) ++refusing_in_tasks;
    started.one();
    go.wait();
  };
  std::atomic<bool> queued_ran{false}, refused_ran_here{false};
  {
    IoPool pool(3, 0, 1, std::chrono::seconds(60));
    for (int i = 0; i < 3; ++i) pool.enqueue(blocker);
    started.wait_for(3);  // three at once: each has a thread of its own
    CHECK(pool.threads() == 3);
    pool.enqueue([&] { queued_ran = true; });  // every thread busy: waits in line
    CHECK_FALSE(queued_ran);
    const auto caller = std::this_thread::get_id();
    pool.enqueue([&] {  // the line is full: runs here, now, to be refused
      refused_ran_here = IoPool::refusing() && std::this_thread::get_id() == caller;
    });
    CHECK(refused_ran_here);
    CHECK_FALSE(IoPool::refusing());
    release.set_value();
    pool.shutdown();
    CHECK(queued_ran);  // what waited in line ran before shutdown returned
    CHECK(pool.threads() == 0);
  }
  CHECK(refusing_in_tasks == 0);
}

TEST_CASE("IoPool: an idle thread takes the next task; a throwing task harms nothing", "[web]") {
  IoPool pool(4, 4, 0, std::chrono::seconds(60));
  for (int i = 0; i < 20; ++i) {
    std::promise<void> done;
    auto f = done.get_future();
    pool.enqueue([&] { done.set_value(); });
    f.wait();  // one at a time: threads come back to idle and serve the next ones
  }
  CHECK(pool.threads() >= 1);
  CHECK(pool.threads() <= 4);
  pool.enqueue([] { throw std::runtime_error("escaped"); });
  std::promise<void> after;
  auto f = after.get_future();
  pool.enqueue([&] { after.set_value(); });
  f.wait();
  pool.shutdown();
  CHECK(pool.threads() == 0);
}
