#include "util/files.hpp"

#include <fmt/format.h>

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

namespace casectl::files {

Result<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::unreadable(fmt::format("cannot read {}: {}", path, std::strerror(errno)));
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) return Status::unreadable(fmt::format("cannot read {}: {}", path, std::strerror(errno)));
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
  std::size_t slash = path.find_last_of('/');
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  std::string temporary = (slash == std::string::npos ? std::string() : path.substr(0, slash + 1)) + ".casectl-" + name + ".XXXXXX";
  int fd = ::mkstemp(temporary.data()); // mode 0600
  if (fd < 0) return Status::cannot_write(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
  auto failed = [&](int error) {
    if (fd >= 0) ::close(fd);
    ::unlink(temporary.c_str());
    return Status::cannot_write(fmt::format("cannot write {}: {}", path, std::strerror(error)));
  };
  const char* at = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    ssize_t n = ::write(fd, at, left);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return failed(errno);
    at += n;
    left -= static_cast<std::size_t>(n);
  }
  int closed = ::close(fd);
  fd = -1;
  if (closed != 0) return failed(errno);
  if (::rename(temporary.c_str(), path.c_str()) != 0) return failed(errno);
  return Status::ok();
}

Status make_private_dirs(const std::string& dir) {
  if (dir.empty() || dir == "." || dir == "/") return Status::ok();
  struct stat st {};
  if (::stat(dir.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) return Status::ok();
    return Status::cannot_write(fmt::format("{} exists and is not a directory", dir));
  }
  CASECTL_TRY(make_private_dirs(parent_dir(dir)));
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST)
    return Status::cannot_write(fmt::format("cannot create directory {}: {}", dir, std::strerror(errno)));
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
  if (::getpwuid_r(uid, &entry, buffer.data(), buffer.size(), &found) == 0 && found && found->pw_name)
    return found->pw_name;
  return fmt::format("uid {}", uid);
}

namespace {
std::string xdg_home(const char* variable, const char* fallback) {
  std::string value = env(variable);
  if (!value.empty()) return value;
  std::string home = env("HOME");
  return home.empty() ? "" : home + "/" + fallback;
}
} // namespace

std::string data_home() { return xdg_home("XDG_DATA_HOME", ".local/share"); }

std::string config_home() { return xdg_home("XDG_CONFIG_HOME", ".config"); }

} // namespace casectl::files
