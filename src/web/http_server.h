// web/http_server.h — cpp-httplib's server made to keep serving while slow or
// idle clients hold connections (issue #15).
//
// cpp-httplib 0.11.4 hands each accepted socket to a thread of its task queue,
// which waits for a request, reads it, calls the handler, writes the response
// and waits for the next request on the same connection. So its thread pool
// bounds connections, not work: eight clients sending a byte a second, or
// eight idle keep-alive connections, took all eight threads. And 0.11.4 bounds
// each read (the read timeout) but never a whole request: a client sending a
// header byte a second is read for as long as it goes on (nor is the number
// of header lines, or the length of a line while it is read, limited). Its
// keep-alive wait polls every 10 ms, and its listen backlog is 5.
//
// Here:
//  - IoPool (the server's task queue): threads that only carry connections
//    (their socket I/O, and the call of the handler). It grows on demand up to
//    `io_threads`; threads idle for `idle_retire` end, down to
//    `io_threads_kept`. When every thread is busy, up to `pending` connections
//    wait in line, first come first served; a connection beyond that is
//    refused at once: the accepting thread writes "503 busy" without waiting
//    and closes it.
//  - HttpServer: an httplib::Server with that queue, a listen backlog of
//    `backlog`, and its own connection loop around cpp-httplib's request
//    parser and router, over a socket stream that keeps a clock:
//      * between requests a connection waits at most `keep_alive` for the
//        next one (the first one too), and 200 ms while others wait in line
//        for a thread (crowded: every thread busy, none more to start);
//      * a request must arrive whole (line, headers, body) within
//        `io_budget` of its first byte, and within `request_bytes`; each
//        read waits at most `read_timeout`; past either the connection ends;
//      * the response must be sent within `io_budget` of the handler's
//        return (each write waits at most `write_timeout`);
//      * while connections wait in line, `busy_budget` (the shorter) applies
//        instead of `io_budget`.
//    The clock stops while the handler works: the caller bounds work itself
//    (serve()'s pool of database connections); and work never waits on a
//    client's socket.
//
// In a handler (on the connection's own thread): HttpServer::Working, for the
// time of the work, stops the clock; HttpServer::progress() starts it afresh
// (a content provider calls it per chunk, so a download that keeps moving is
// not cut, one that stalls for `io_budget` is). Elsewhere both do nothing.
//
// No exception leaves an IoPool thread or the connection loop; the handler
// must not throw either (cpp-httplib would answer a bare 500).
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <list>
#include <mutex>
#include <string>
#include <thread>

namespace omb::web {

struct HttpLimits {
  std::size_t io_threads = 512;                    // connections carried at once
  std::size_t io_threads_kept = 16;                // threads kept when idle
  std::size_t pending = 1024;                      // connections waiting for a thread; beyond: 503 at once
  std::chrono::milliseconds idle_retire{10000};    // an idle thread above io_threads_kept ends
  std::chrono::milliseconds keep_alive{2000};      // wait for the next request on a connection
  std::size_t keep_alive_requests = 100;           // requests on one connection
  std::chrono::milliseconds read_timeout{5000};    // one read
  std::chrono::milliseconds write_timeout{10000};  // one write
  std::chrono::milliseconds io_budget{10000};      // to receive a request, or to send a response
  std::chrono::milliseconds busy_budget{2000};     // the same while connections wait in line
  std::size_t request_bytes = 192 * 1024;          // a request's line, headers and body
  int backlog = 1024;                              // the listen backlog
};

// The task queue: grows to `max_threads`, keeps `kept` idle ones, queues up
// to `max_pending`. A task beyond that runs at once on the enqueuing thread
// with refusing() true (the server then refuses its connection).
class IoPool : public httplib::TaskQueue {
 public:
  // `oldest_wait` (may be null; must outlive the pool) is kept at the
  // steady_clock time, in ns, since when the oldest queued task waits for a
  // thread; 0: none waits.
  IoPool(std::size_t max_threads, std::size_t kept, std::size_t max_pending, std::chrono::milliseconds idle_retire,
         std::atomic<std::int64_t>* oldest_wait = nullptr);
  ~IoPool() override;
  IoPool(const IoPool&) = delete;
  IoPool& operator=(const IoPool&) = delete;

  void enqueue(std::function<void()> fn) override;
  void shutdown() override;  // runs what is queued, then joins every thread

  std::size_t threads() const;  // threads alive
  static bool refusing();       // true inside a task run because the queue was full

 private:
  struct Job {
    std::int64_t queued;  // steady_clock ns
    std::function<void()> fn;
  };
  void work(std::list<std::thread>::iterator self);
  bool start_thread();  // with mu_ held; false: none could be started
  void publish();       // with mu_ held: updates *oldest_wait_
  void join_retired();  // without mu_

  const std::size_t max_threads_, kept_, max_pending_;
  const std::chrono::milliseconds idle_retire_;
  std::atomic<std::int64_t>* oldest_wait_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::list<Job> jobs_;
  std::list<std::thread> threads_;  // alive
  std::list<std::thread> retired_;  // ended, to be joined
  std::size_t idle_ = 0;            // threads waiting for a job
  bool start_failed_ = false;       // the last thread could not be started
  bool shutdown_ = false;
};

class HttpServer : public httplib::Server {
 public:
  explicit HttpServer(HttpLimits limits = {});

  // bind_to_port, then the larger backlog.
  bool bind(const std::string& host, int port);

  // Stops this connection's clock while it lives; starts it afresh after.
  class Working {
   public:
    Working();
    ~Working();
    Working(const Working&) = delete;
    Working& operator=(const Working&) = delete;
  };
  static void progress();

  // True while a connection has waited over 200 ms for a thread, every
  // thread busy and none more to start.
  bool crowded() const;

 private:
  bool process_and_close_socket(socket_t sock) override;
  static void refuse(socket_t sock);

  const HttpLimits limits_;
  std::atomic<std::int64_t> oldest_wait_{0};  // IoPool: since when a connection waits (ns; 0: none)
};

}  // namespace omb::web
