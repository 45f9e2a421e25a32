// web/http_server.cpp — IoPool and HttpServer (web/http_server.h).
#include "web/http_server.h"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <iterator>

namespace omb::web {

namespace {

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

thread_local bool tl_refusing = false;                // IoPool: this task runs because the queue is full

// A connection counts as waiting in line (busy_budget applies) once it has
// waited this long: a task waits a moment while a thread starts or wakes.
constexpr std::int64_t kWaitingNs = 200'000'000;

}  // namespace

// ---- IoPool ----------------------------------------------------------------

IoPool::IoPool(std::size_t max_threads, std::size_t kept, std::size_t max_pending,
               std::chrono::milliseconds idle_retire, std::atomic<std::int64_t>* oldest_wait)
    : max_threads_(std::max<std::size_t>(1, max_threads)),
      kept_(kept),
      max_pending_(max_pending),
      idle_retire_(idle_retire),
      oldest_wait_(oldest_wait) {}

IoPool::~IoPool() { shutdown(); }

bool IoPool::refusing() { return tl_refusing; }

std::size_t IoPool::threads() const {
  std::lock_guard lk(mu_);
  return threads_.size();
}

void IoPool::publish() {
  // Only a real shortage counts: every thread busy and no more to start (a
  // task waiting a moment for a thread being started is not one).
  const bool short_of_threads = threads_.size() >= max_threads_ || start_failed_;
  if (oldest_wait_) oldest_wait_->store(jobs_.size() > idle_ && short_of_threads ? jobs_.front().queued : 0);
}

void IoPool::enqueue(std::function<void()> fn) {
  bool run_here = true;
  try {
    join_retired();
    std::lock_guard lk(mu_);
    if (!shutdown_ && (jobs_.size() < idle_ || threads_.size() < max_threads_ || jobs_.size() < max_pending_)) {
      jobs_.push_back(Job{now_ns(), {}});
      jobs_.back().fn = std::move(fn);  // moved once the node exists
      run_here = false;
      if (jobs_.size() <= idle_) {
        cv_.notify_one();  // an idle thread takes it
      } else if (threads_.size() < max_threads_ && !start_thread() && threads_.empty()) {
        fn = std::move(jobs_.back().fn);  // no thread to run it: refuse it here
        jobs_.pop_back();
        run_here = true;
      }
      publish();
    }
  } catch (...) {  // bad_alloc, or join_retired's system_error: refuse the connection
  }
  if (run_here && fn) {
    tl_refusing = true;
    try {
      fn();
    } catch (...) {
    }
    tl_refusing = false;
  }
}

bool IoPool::start_thread() {
  try {
    threads_.emplace_back();
  } catch (...) {
    start_failed_ = true;
    return false;
  }
  const auto it = std::prev(threads_.end());
  try {
    *it = std::thread([this, it] { work(it); });  // `it` is used under mu_ only
  } catch (...) {
    threads_.erase(it);
    start_failed_ = true;
    return false;
  }
  start_failed_ = false;
  return true;
}

void IoPool::work(std::list<std::thread>::iterator self) {
  std::unique_lock lk(mu_);
  for (;;) {
    if (!jobs_.empty()) {
      std::function<void()> fn = std::move(jobs_.front().fn);
      jobs_.pop_front();
      publish();
      lk.unlock();
      try {
        fn();
        fn = nullptr;  // its captures go before the lock is taken again
      } catch (...) {
      }
      lk.lock();
      continue;
    }
    if (shutdown_) return;  // shutdown() joins this thread
    ++idle_;
    publish();
    const bool woken = cv_.wait_for(lk, idle_retire_, [&] { return !jobs_.empty() || shutdown_; });
    --idle_;
    publish();
    if (!woken && threads_.size() > kept_) {
      retired_.splice(retired_.end(), threads_, self);  // joined by the next enqueue or shutdown
      return;
    }
  }
}

void IoPool::join_retired() {
  std::list<std::thread> done;
  {
    std::lock_guard lk(mu_);
    done.splice(done.end(), retired_);
  }
  for (auto& t : done)
    if (t.joinable()) t.join();
}

void IoPool::shutdown() {
  {
    std::lock_guard lk(mu_);
    shutdown_ = true;
  }
  cv_.notify_all();
  // Workers run what is queued, then end; after shutdown_ none moves itself
  // between the lists, so taking them all here is safe.
  std::list<std::thread> all;
  {
    std::lock_guard lk(mu_);
    all.splice(all.end(), threads_);
    all.splice(all.end(), retired_);
  }
  for (auto& t : all)
    if (t.joinable()) t.join();
}

// ---- HttpServer --------------------------------------------------------------

namespace {

using ProcessRequest = bool (httplib::Server::*)(httplib::Stream&, bool, bool&,
                                                 const std::function<void(httplib::Request&)>&);

// cpp-httplib 0.11.4 keeps Server::process_request (parse a request, route it,
// write the response) private, and its only caller, the connection loop, too.
// An explicit instantiation may name a private member ([temp.spec.general]/6):
// Reach hands out a pointer to it, so the loop can be our own.
struct ProcessRequestTag {
  friend ProcessRequest process_request_of(ProcessRequestTag);
};
template <ProcessRequest P>
struct Reach {
  friend ProcessRequest process_request_of(ProcessRequestTag) { return P; }
};
template struct Reach<&httplib::Server::process_request>;

constexpr std::int64_t kNoDeadline = INT64_MAX;
// A wait is cut into slices this long, so a crowd is noticed soon.
constexpr std::int64_t kSliceNs = 250'000'000;
// Between requests, a connection waits this long for the next one while
// others wait in line for a thread.
constexpr std::int64_t kCrowdedIdleNs = 200'000'000;

std::int64_t to_ns(std::chrono::milliseconds d) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(d).count();
}

// A connection's socket as cpp-httplib's Stream, with a clock: reads and
// writes fail once the current request (or response) is past its deadline,
// or once the request is longer than its byte limit. Reads are buffered
// (cpp-httplib reads a request line a byte at a time).
class ConnStream final : public httplib::Stream {
 public:
  ConnStream(socket_t fd, const HttpLimits& l, const HttpServer& server) : fd_(fd), l_(l), server_(server) {}

  // Waits for the next request: true when a byte of it (or the end of the
  // connection) is there; false after `keep_alive`, or after kCrowdedIdleNs
  // while crowded (a client that sends its next request at once keeps its
  // connection; an idle one lets go of its thread).
  bool wait_request() {
    if (off_ < len_) return true;
    const std::int64_t start = now_ns();
    const std::int64_t until = start + to_ns(l_.keep_alive);
    for (int r = poll_ns(POLLIN, 0);;) {
      if (r > 0) return true;
      if (r < 0) return false;
      const std::int64_t now = now_ns();
      const std::int64_t limit = server_.crowded() ? std::min(until, start + kCrowdedIdleNs) : until;
      if (now >= limit) return false;
      r = poll_ns(POLLIN, std::min(limit - now, kSliceNs));
    }
  }
  // The clock of a request (or response) starts now.
  void start_clock() {
    start_ = now_ns();
    deadline_ = start_ + to_ns(l_.io_budget);
    bytes_ = 0;
  }
  void stop_clock() { deadline_ = kNoDeadline; }
  bool expired() const { return expired_; }

  bool is_readable() const override { return off_ < len_ || wait(POLLIN, l_.read_timeout); }
  bool is_writable() const override { return wait(POLLOUT, l_.write_timeout); }

  ssize_t read(char* ptr, size_t size) override {
    if (off_ >= len_) {
      if (bytes_ >= l_.request_bytes) {
        expired_ = true;
        return -1;
      }
      ssize_t n = 0;
      for (;;) {
        if (!wait(POLLIN, l_.read_timeout)) return -1;
        n = ::recv(fd_, buf_, sizeof buf_, MSG_DONTWAIT);
        if (n >= 0) break;
        if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) return -1;
      }
      if (n == 0) return 0;
      off_ = 0;
      len_ = static_cast<std::size_t>(n);
      bytes_ += len_;
    }
    const std::size_t k = std::min(size, len_ - off_);
    std::memcpy(ptr, buf_ + off_, k);
    off_ += k;
    return static_cast<ssize_t>(k);
  }

  ssize_t write(const char* ptr, size_t size) override {
    for (;;) {
      if (!wait(POLLOUT, l_.write_timeout)) return -1;
      const ssize_t n = ::send(fd_, ptr, size, MSG_DONTWAIT | MSG_NOSIGNAL);
      if (n >= 0) return n;
      if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) return -1;
    }
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override { name_of(::getpeername, ip, port); }
  void get_local_ip_and_port(std::string& ip, int& port) const override { name_of(::getsockname, ip, port); }
  socket_t socket() const override { return fd_; }

 private:
  // poll() for `events` up to `ns` (0: just look); > 0 ready, 0 not yet, < 0 failed.
  int poll_ns(short events, std::int64_t ns) const {
    pollfd p{fd_, events, 0};
    const int r = ::poll(&p, 1, ns <= 0 ? 0 : static_cast<int>(std::max<std::int64_t>(1, ns / 1000000)));
    if (r < 0 && errno == EINTR) return 0;
    return r;
  }
  // Waits until the socket is ready for `events`, at most `timeout` and
  // never past the deadline (then expired() is true).
  bool wait(short events, std::chrono::milliseconds timeout) const {
    const std::int64_t until = now_ns() + to_ns(timeout);
    for (;;) {
      const std::int64_t now = now_ns();
      std::int64_t limit = deadline_;
      if (limit != kNoDeadline && server_.crowded()) limit = std::min(limit, start_ + to_ns(l_.busy_budget));
      if (now >= limit) {
        expired_ = true;
        return false;
      }
      if (now >= until) return false;
      const int r = poll_ns(events, std::min({until - now, limit - now, kSliceNs}));
      if (r > 0) return true;
      if (r < 0) return false;
    }
  }
  void name_of(int (*get)(int, sockaddr*, socklen_t*), std::string& ip, int& port) const {
    sockaddr_storage a{};
    socklen_t n = sizeof a;
    ip.clear();
    port = 0;
    if (get(fd_, reinterpret_cast<sockaddr*>(&a), &n) != 0) return;
    char host[NI_MAXHOST], serv[NI_MAXSERV];
    if (::getnameinfo(reinterpret_cast<sockaddr*>(&a), n, host, sizeof host, serv, sizeof serv,
                      NI_NUMERICHOST | NI_NUMERICSERV) != 0)
      return;
    ip = host;
    port = std::atoi(serv);
  }

  const socket_t fd_;
  const HttpLimits& l_;
  const HttpServer& server_;
  char buf_[4096];
  std::size_t off_ = 0, len_ = 0;
  std::size_t bytes_ = 0;  // read of this request
  std::int64_t start_ = 0, deadline_ = kNoDeadline;
  mutable bool expired_ = false;
};

thread_local ConnStream* tl_stream = nullptr;  // the connection this thread carries

}  // namespace

HttpServer::HttpServer(HttpLimits limits) : limits_(limits) {
  new_task_queue = [this] {
    return new IoPool(limits_.io_threads, limits_.io_threads_kept, limits_.pending, limits_.idle_retire,
                      &oldest_wait_);
  };
  // cpp-httplib sets these as SO_RCVTIMEO/SO_SNDTIMEO on each socket; the
  // loop below polls before every read and write and does not rely on them.
  set_read_timeout(std::chrono::duration_cast<std::chrono::seconds>(limits_.read_timeout).count(),
                   (limits_.read_timeout.count() % 1000) * 1000);
  set_write_timeout(std::chrono::duration_cast<std::chrono::seconds>(limits_.write_timeout).count(),
                    (limits_.write_timeout.count() % 1000) * 1000);
  // What the Keep-Alive header of each response says.
  set_keep_alive_timeout(std::max<time_t>(1, std::chrono::ceil<std::chrono::seconds>(limits_.keep_alive).count()));
  set_keep_alive_max_count(std::max<std::size_t>(1, limits_.keep_alive_requests));
}

bool HttpServer::bind(const std::string& host, int port) {
  if (!bind_to_port(host, port)) return false;
  // cpp-httplib 0.11.4 listens with a backlog of 5: a burst of connections
  // beyond it waits for SYN retries (1 s and more). Listening again widens it.
  const socket_t s = svr_sock_;
  if (s != INVALID_SOCKET) ::listen(s, limits_.backlog);
  return true;
}

bool HttpServer::crowded() const {
  const std::int64_t since = oldest_wait_.load(std::memory_order_relaxed);
  return since != 0 && now_ns() - since > kWaitingNs;
}

HttpServer::Working::Working() {
  if (tl_stream) tl_stream->stop_clock();
}

HttpServer::Working::~Working() {
  if (tl_stream) tl_stream->start_clock();
}

void HttpServer::progress() {
  if (tl_stream) tl_stream->start_clock();
}

void HttpServer::refuse(socket_t sock) {
  static constexpr char kBusy[] =
      "HTTP/1.1 503 Service Unavailable\r\n"
      "Content-Type: text/plain; charset=utf-8\r\n"
      "Content-Length: 5\r\n"
      "Retry-After: 1\r\n"
      "X-Content-Type-Options: nosniff\r\n"
      "Connection: close\r\n\r\n"
      "busy\n";
  (void)!::send(sock, kBusy, sizeof kBusy - 1, MSG_DONTWAIT | MSG_NOSIGNAL);
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
}

bool HttpServer::process_and_close_socket(socket_t sock) {
  if (IoPool::refusing()) {
    refuse(sock);
    return false;
  }
  bool ret = false;
  try {
    ConnStream strm(sock, limits_, *this);
    tl_stream = &strm;
    for (std::size_t left = limits_.keep_alive_requests; left > 0 && svr_sock_ != INVALID_SOCKET; --left) {
      if (!strm.wait_request()) break;
      strm.start_clock();
      bool closed = false;
      ret = (this->*process_request_of(ProcessRequestTag{}))(strm, left == 1, closed, nullptr);
      if (!ret || closed || strm.expired()) break;
    }
  } catch (...) {  // bad_alloc: the connection ends
    ret = false;
  }
  tl_stream = nullptr;
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return ret;
}

}  // namespace omb::web
