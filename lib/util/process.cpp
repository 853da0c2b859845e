#include "util/process.hpp"

#include "util/messages.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <spawn.h>

#include <algorithm>
#include <string_view>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace casectl::process {

PipedProgram::~PipedProgram() {
  if (running()) (void)finish();
}

namespace {

// casectl's environment with `extra` laid over it.
std::vector<std::string> environment_with(const std::vector<std::string>& extra) {
  std::vector<std::string> all(extra);
  for (char** e = environ; *e; ++e) {
    std::string_view entry(*e);
    std::string_view name = entry.substr(0, entry.find('='));
    bool replaced = std::any_of(extra.begin(), extra.end(), [&](const std::string& x) {
      return x.size() > name.size() && x.compare(0, name.size(), name) == 0 && x[name.size()] == '=';
    });
    if (!replaced) all.emplace_back(entry);
  }
  return all;
}

} // namespace

Status PipedProgram::start(const std::vector<std::string>& argv, int out_fd, const std::string& package,
                           const std::vector<std::string>& environment) {
  m_name = argv.at(0);
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) return Status::internal(trf("cannot make a pipe: {}", std::strerror(errno)));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  // dup2 clears close-on-exec on the copies: the program keeps its stdin and stdout, nothing else.
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[0], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out_fd, STDOUT_FILENO);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::vector<std::string> variables = environment_with(environment);
  std::vector<char*> env;
  for (std::string& v : variables) env.push_back(v.data());
  env.push_back(nullptr);
  int error = ::posix_spawnp(&m_pid, m_name.c_str(), &actions, nullptr, args.data(), env.data());
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipe_fds[0]);
  if (error != 0) {
    ::close(pipe_fds[1]);
    m_pid = -1;
    if (error == ENOENT)
      return Status::cannot_write(
          trf("{} is not installed: install the Debian package {} (apt-get install {})", m_name, package, package));
    return Status::cannot_write(trf("cannot run {}: {}", m_name, std::strerror(error)));
  }
  m_input = pipe_fds[1];
  return Status::ok();
}

bool PipedProgram::write(std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(m_input, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

Status PipedProgram::finish() {
  if (!running()) return Status::ok();
  if (m_input >= 0) ::close(m_input);
  m_input = -1;
  int status = 0;
  while (::waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {}
  m_pid = -1;
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return Status::ok();
  if (WIFEXITED(status))
    return Status::cannot_write(trf("{} failed (exit {}; its message is above)", m_name, WEXITSTATUS(status)));
  return Status::cannot_write(trf("{} was stopped by signal {}", m_name, WTERMSIG(status)));
}

std::vector<std::string> age_encrypt_arguments(const std::vector<std::string>& recipients) {
  std::vector<std::string> argv = {"age", "--encrypt"};
  for (const std::string& r : recipients) {
    bool key = r.rfind("age1", 0) == 0 || r.rfind("ssh-", 0) == 0;
    argv.push_back(key ? "-r" : "-R");
    argv.push_back(r);
  }
  return argv;
}

} // namespace casectl::process
