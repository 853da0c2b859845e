#include "pager.hpp"

#include "util/text.hpp"

#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace casectl::cli {

namespace {

// The pager command to run, or "" for none.
std::string pager_command() {
  for (const char* variable : {"CASECTL_PAGER", "PAGER"}) {
    const char* value = std::getenv(variable);
    if (value) return text::trim(value) == "cat" ? std::string() : text::trim(value);
  }
  return "less -FRX";
}

// Whether the program a shell command starts with can be run: a path that is executable, or a
// name found on PATH. A pager that is not there must not swallow the output.
bool installed(const std::string& command) {
  std::string program = command.substr(0, command.find_first_of(" \t"));
  if (program.empty()) return false;
  if (program.find('/') != std::string::npos) return ::access(program.c_str(), X_OK) == 0;
  const char* path = std::getenv("PATH");
  for (const std::string& dir : text::split(path ? path : "/usr/bin:/bin", ':'))
    if (!dir.empty() && ::access((dir + "/" + program).c_str(), X_OK) == 0) return true;
  return false;
}

} // namespace

pid_t start_pager() {
  if (::isatty(STDOUT_FILENO) != 1) return -1;
  std::string command = pager_command();
  if (command.empty() || !installed(command)) return -1;
  int ends[2];
  if (::pipe(ends) != 0) return -1;
  std::fflush(stdout);
  pid_t pid = ::fork();
  if (pid < 0) {
    ::close(ends[0]);
    ::close(ends[1]);
    return -1;
  }
  if (pid == 0) {
    ::dup2(ends[0], STDIN_FILENO);
    ::close(ends[0]);
    ::close(ends[1]);
    ::setenv("LESS", "FRX", 0); // git's defaults, when the user set none
    ::setenv("LV", "-c", 0);
    ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::dup2(ends[1], STDOUT_FILENO);
  ::close(ends[0]);
  ::close(ends[1]);
  return pid;
}

void finish_pager(pid_t pager) {
  if (pager < 0) return;
  std::fflush(stdout);
  ::close(STDOUT_FILENO);
  int status = 0;
  while (::waitpid(pager, &status, 0) < 0 && errno == EINTR) {}
}

unsigned terminal_width() {
  if (::isatty(STDOUT_FILENO) != 1) return 0;
  struct winsize size {};
  if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  const char* columns = std::getenv("COLUMNS");
  int n = columns ? std::atoi(columns) : 0;
  return n > 0 ? static_cast<unsigned>(n) : 80;
}

} // namespace casectl::cli
