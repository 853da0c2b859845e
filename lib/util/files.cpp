#include "util/files.hpp"

#include "util/messages.hpp"

#include <fmt/format.h>

#include <pwd.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

namespace casectl::files {

Result<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::unreadable(trf("cannot read {}: {}", path, std::strerror(errno)));
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) return Status::unreadable(trf("cannot read {}: {}", path, std::strerror(errno)));
  return content.str();
}

bool exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

Entry entry_at(const std::string& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return Entry::none;
  return S_ISDIR(st.st_mode) ? Entry::directory : Entry::other;
}

Status write_file_atomically(const std::string& path, std::string_view content) {
  AtomicOutput output;
  CASECTL_TRY(output.open(path));
  if (!output.write(content)) return Status::cannot_write(trf("cannot write {}: {}", path, std::strerror(errno)));
  return output.commit();
}

AtomicOutput::~AtomicOutput() { discard(); }

void AtomicOutput::discard() {
  if (!m_file) return;
  std::fclose(m_file);
  m_file = nullptr;
  if (!m_direct) ::unlink(m_temporary.c_str());
}

Status AtomicOutput::open(const std::string& path) {
  discard();
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode))
    return Status::cannot_write(trf("{} is a symbolic link; casectl does not write through links: give the path of "
                                    "the file itself",
                                    path));
  if (::lstat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
    return Status::cannot_write(trf("cannot write {}: it is a directory", path));
  m_path = path;
  m_failed = false;
  // A device or a pipe (/dev/null, a FIFO another program reads) is written as it is: renaming a
  // temporary file over it would replace the device itself (as root) or fail.
  m_direct = ::lstat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode);
  if (m_direct) {
    // A pipe nobody reads would block the open, and with it the store's transaction: refuse it.
    const bool pipe = S_ISFIFO(st.st_mode);
    int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | (pipe ? O_NONBLOCK : 0));
    if (fd < 0)
      return Status::cannot_write(
          errno == ENXIO ? fmt::format("cannot write {}: it is a pipe that nobody reads; start its reader first", path)
                         : fmt::format("cannot write {}: {}", path, std::strerror(errno)));
    if (pipe) ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    m_file = ::fdopen(fd, "wb");
    if (!m_file) {
      int error = errno;
      ::close(fd);
      return Status::cannot_write(trf("cannot write {}: {}", path, std::strerror(error)));
    }
    return Status::ok();
  }
  std::size_t slash = path.find_last_of('/');
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  m_temporary = (slash == std::string::npos ? std::string() : path.substr(0, slash + 1)) + ".casectl-" + name + ".XXXXXX";
  int fd = ::mkstemp(m_temporary.data()); // mode 0600, O_EXCL
  if (fd < 0) return Status::cannot_write(trf("cannot write {}: {}", path, std::strerror(errno)));
  m_file = ::fdopen(fd, "wb");
  if (!m_file) {
    int error = errno;
    ::close(fd);
    ::unlink(m_temporary.c_str());
    return Status::cannot_write(trf("cannot write {}: {}", path, std::strerror(error)));
  }
  m_path = path;
  m_failed = false;
  return Status::ok();
}

int AtomicOutput::descriptor() {
  if (!m_file) return -1;
  if (std::fflush(m_file) != 0) m_failed = true;
  return ::fileno(m_file);
}

bool AtomicOutput::write(std::string_view bytes) {
  if (!m_file || m_failed) return false;
  if (!bytes.empty() && std::fwrite(bytes.data(), 1, bytes.size(), m_file) != bytes.size()) m_failed = true;
  return !m_failed;
}

Status AtomicOutput::flush() {
  if (!m_file) return Status::cannot_write(trf("cannot write {}: it was not opened", m_path));
  if (m_failed || std::fflush(m_file) != 0 || (!m_direct && ::fsync(::fileno(m_file)) != 0)) {
    int error = errno;
    discard();
    return Status::cannot_write(trf("cannot write {}: {}", m_path, std::strerror(error)));
  }
  return Status::ok();
}

Status AtomicOutput::commit() {
  CASECTL_TRY(flush());
  int closed = std::fclose(m_file);
  m_file = nullptr;
  if (m_direct) {
    if (closed != 0) return Status::cannot_write(trf("cannot write {}: {}", m_path, std::strerror(errno)));
    return Status::ok();
  }
  if (closed != 0 || ::rename(m_temporary.c_str(), m_path.c_str()) != 0) {
    int error = errno;
    ::unlink(m_temporary.c_str());
    return Status::cannot_write(trf("cannot write {}: {}", m_path, std::strerror(error)));
  }
  return Status::ok();
}

InputBuffer::~InputBuffer() {
  if (m_owns) ::close(m_fd);
}

InputBuffer::int_type InputBuffer::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  for (;;) {
    ssize_t n = ::read(m_fd, m_buffer, sizeof m_buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw std::system_error(errno, std::generic_category());
    if (n == 0) return traits_type::eof();
    setg(m_buffer, m_buffer, m_buffer + n);
    return traits_type::to_int_type(*gptr());
  }
}

Status make_private(const std::string& path, const std::string& what) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode) || (st.st_mode & 077) == 0) return Status::ok();
  auto mode = static_cast<unsigned>(st.st_mode & 0777);
  if (st.st_uid != ::geteuid())
    return Status::cannot_write(trf("{} {} can be read by other users (mode {:04o}) and belongs to another user, so "
                                    "casectl cannot make it private; ask its owner to run 'chmod 600 {}'",
                                    what, path, mode, path));
  if (::chmod(path.c_str(), 0600) != 0)
    return Status::cannot_write(trf("{} {} can be read by other users (mode {:04o}) and cannot be made private: {}; "
                                    "run 'chmod 600 {}'",
                                    what, path, mode, std::strerror(errno), path));
  return Status::ok();
}

Status make_private_dirs(const std::string& dir) {
  if (dir.empty() || dir == "." || dir == "/") return Status::ok();
  struct stat st {};
  if (::stat(dir.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) return Status::ok();
    return Status::cannot_write(trf("{} exists and is not a directory", dir));
  }
  CASECTL_TRY(make_private_dirs(parent_dir(dir)));
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST)
    return Status::cannot_write(trf("cannot create directory {}: {}", dir, std::strerror(errno)));
  return Status::ok();
}

std::string parent_dir(const std::string& path) {
  std::size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

std::string os_login() {
  // getpwuid_r, so that nothing else's use of the static getpwuid buffer can interfere.
  passwd entry{};
  passwd* found = nullptr;
  std::string buffer(16384, '\0');
  uid_t uid = ::geteuid();
  if (::getpwuid_r(uid, &entry, buffer.data(), buffer.size(), &found) == 0 && found && found->pw_name) return found->pw_name;
  return fmt::format("uid {}", uid);
}

} // namespace casectl::files
