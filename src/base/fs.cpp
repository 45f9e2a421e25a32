#include "base/fs.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <cstdio>

#include "base/hash.h"

namespace omb {
namespace {

Error os_error(const std::string& path, int err, const char* what) {
  Errc code = (err == ENOENT || err == ENOTDIR) ? Errc::not_found : Errc::io;
  std::string msg = what;
  msg += ": ";
  msg += (err == ENOENT) ? "no such file" : std::strerror(err);
  return make_error(code, msg, path);
}

}  // namespace

Result<std::string> read_file(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return os_error(path, errno, "cannot open");
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    int e = errno;
    ::close(fd);
    return os_error(path, e, "cannot stat");
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    return make_error(Errc::io, "is a directory", path);
  }
  std::string data;
  if (st.st_size > 0) data.reserve(static_cast<size_t>(st.st_size));
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      int e = errno;
      ::close(fd);
      return os_error(path, e, "cannot read");
    }
    data.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return data;
}

Status read_pieces(const std::string& path, std::size_t piece, const std::function<bool(std::string_view)>& fn) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return os_error(path, errno, "cannot open");
  struct stat st {};
  if (::fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
    int e = errno;
    ::close(fd);
    return S_ISDIR(st.st_mode) ? make_error(Errc::io, "is a directory", path) : os_error(path, e, "cannot stat");
  }
  std::string buf(piece == 0 ? 1 : piece, '\0');
  std::size_t have = 0;
  for (;;) {
    ssize_t n = ::read(fd, buf.data() + have, buf.size() - have);
    if (n < 0) {
      if (errno == EINTR) continue;
      int e = errno;
      ::close(fd);
      return os_error(path, e, "cannot read");
    }
    have += static_cast<std::size_t>(n);
    if (n == 0 || have == buf.size()) {
      bool go_on = have == 0 || fn(std::string_view(buf.data(), have));
      if (n == 0 || !go_on) break;
      have = 0;
    }
  }
  ::close(fd);
  return {};
}

Status read_pieces_as_hashed(const std::string& path, const std::string& hash, std::size_t skip, std::size_t piece,
                             const char* doing, const std::function<void(std::string_view)>& fn) {
  StreamHash h;
  Status read = read_pieces(path, piece, [&](std::string_view bytes) {
    h.update(bytes);
    std::size_t k = std::min(skip, bytes.size());
    skip -= k;
    fn(bytes.substr(k));
    return true;
  });
  if (!read.ok()) return make_error(Errc::changed, read.error().message + " (while it was being " + doing + ")", path);
  if (h.hex() != hash) return make_error(Errc::changed, std::string("changed while it was being ") + doing, path);
  return {};
}

Status write_file(const std::string& path, const std::string& data) {
  std::string tmp = path + ".tmp";
  FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) return os_error(path, errno, "cannot write");
  size_t n = std::fwrite(data.data(), 1, data.size(), f);
  int e = errno;
  if (std::fclose(f) != 0 || n != data.size()) {
    std::remove(tmp.c_str());
    return os_error(path, e, "cannot write");
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) return os_error(path, errno, "cannot write");
  return {};
}

}  // namespace omb
