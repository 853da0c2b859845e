#include "cases/store_backup.hpp"

#include "cases/store_check.hpp"
#include "cases/store_copy.hpp"
#include "util/files.hpp"
#include "util/messages.hpp"

#include "util/process.hpp"

#include <fmt/format.h>

#include <fcntl.h>
#include <fstream>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

namespace casectl {

namespace {

constexpr std::string_view k_prefix = "casectl-";
constexpr std::string_view k_suffix = ".db";

bool is_directory(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

constexpr std::string_view k_encrypted = ".age";

// casectl-YYYYMMDD-HHMMSS.db (or .db.age, encrypted): the names `backup` gives in a directory, and
// the only files `keep` removes.
bool is_backup_name(std::string name) {
  if (name.size() > k_encrypted.size() && name.compare(name.size() - k_encrypted.size(), k_encrypted.size(), k_encrypted) == 0)
    name.resize(name.size() - k_encrypted.size());
  if (name.size() != k_prefix.size() + 15 + k_suffix.size()) return false;
  if (name.compare(0, k_prefix.size(), k_prefix) != 0 ||
      name.compare(name.size() - k_suffix.size(), k_suffix.size(), k_suffix) != 0)
    return false;
  for (std::size_t i = 0; i < 15; ++i) {
    char c = name[k_prefix.size() + i];
    if (i == 8 ? c != '-' : (c < '0' || c > '9')) return false;
  }
  return true;
}

std::string backup_name(date::Timestamp recorded) {
  std::string moment = date::format_timestamp(recorded); // 2026-12-02T01:16:05Z
  std::string digits;
  for (char c : moment)
    if (c >= '0' && c <= '9') digits += c;
  return fmt::format("{}{}-{}{}", k_prefix, digits.substr(0, 8), digits.substr(8, 6), k_suffix);
}

// Where the backup goes, and whether it goes into a directory.
Result<std::pair<std::string, bool>> target_of(const BackupRequest& request, const ChangeContext& change) {
  if (request.to.empty()) return Status::usage(tr("--to names the backup: a new file, or a directory"));
  if (request.keep < 0) return Status::usage(tr("--keep takes a whole number ≥ 1 (how many backups to keep)"));
  bool directory = request.to.back() == '/' || is_directory(request.to);
  if (!directory) {
    if (request.keep > 0) return Status::usage(trf("--keep needs a directory to keep backups in; {} is a file", request.to));
    CASECTL_TRY(files::make_private_dirs(files::parent_dir(request.to)));
    return std::make_pair(request.to, false);
  }
  CASECTL_TRY(files::make_private_dirs(request.to));
  std::string dir = request.to.back() == '/' ? request.to : request.to + "/";
  std::string name = backup_name(change.clock.recorded);
  if (!request.encrypt_to.empty()) name += k_encrypted;
  return std::make_pair(dir + name, true);
}

// A new empty file beside `path`, mode 0600, for the backup to be written into.
Result<std::string> temporary_beside(const std::string& path) {
  std::string dir = files::parent_dir(path);
  std::string name = dir + "/.casectl-backup-XXXXXX";
  int fd = ::mkstemp(name.data());
  if (fd < 0) return Status::cannot_write(trf("cannot write the backup into {}: {}", dir, std::strerror(errno)));
  ::close(fd);
  return name;
}

Result<std::unique_ptr<store::CaseStore>> open_file(const std::string& path, store::Mode mode, int busy_timeout_ms) {
  store::OpenOptions options;
  options.location = path;
  options.busy_timeout_ms = busy_timeout_ms;
  options.mode = mode;
  return store::open(options);
}

// Writes the snapshot into `temporary`; true when it was copied table by table.
Result<bool> write_snapshot(store::CaseStore& store, const config::Config& config, const ChangeContext& change,
                            const std::string& temporary, int busy_timeout_ms) {
  Result<bool> done = store.snapshot_to_file(temporary);
  if (!done) return done.status();
  if (*done) return false;
  Result<std::unique_ptr<store::CaseStore>> target = open_file(temporary, store::Mode::write, busy_timeout_ms);
  if (!target) return target.status();
  Result<CopyReport> copied = copy_store(store, **target, config, change, false);
  if (!copied) return copied.status();
  return true;
}

// Checks the backup as `casectl check` would; the number of cases in it.
Result<long long> check_backup(const std::string& temporary, const std::string& path, const config::Config& config,
                               int busy_timeout_ms, std::vector<CheckResult>& checks) {
  Result<std::unique_ptr<store::CaseStore>> backup = open_file(temporary, store::Mode::read, busy_timeout_ms);
  if (!backup) return backup.status();
  Result<std::vector<CheckResult>> results = check_store(**backup, config, std::nullopt);
  if (!results) return results.status();
  for (const CheckResult& r : *results)
    if (!r.ok)
      return Status::internal(trf("the backup {} failed its check, so it was not kept: {}: {}", path, r.check, r.detail));
  checks = std::move(*results);
  return (*backup)->count_rows("cases");
}

// Encrypts the file `plain` with age for `recipients` into a new temporary file beside `path`,
// whose name it returns.
Result<std::string> encrypted_copy(const std::string& plain, const std::string& path,
                                   const std::vector<std::string>& recipients) {
  Result<std::string> encrypted = temporary_beside(path);
  if (!encrypted) return encrypted.status();
  Status status = [&]() -> Status {
    int out = ::open(encrypted->c_str(), O_WRONLY | O_CLOEXEC);
    if (out < 0) return Status::cannot_write(trf("cannot write {}: {}", *encrypted, std::strerror(errno)));
    process::PipedProgram age;
    Status started = age.start(process::age_encrypt_arguments(recipients), out, "age");
    ::close(out); // age has its own copy
    CASECTL_TRY(started);
    std::ifstream in(plain, std::ios::binary);
    char buffer[1 << 16];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0)
      if (!age.write(std::string_view(buffer, static_cast<std::size_t>(in.gcount())))) break;
    Status done = age.finish();
    if (!done) return done;
    if (in.bad()) return Status::internal(trf("cannot read the backup {} back to encrypt it", plain));
    return Status::ok();
  }();
  if (status) return *encrypted;
  ::unlink(encrypted->c_str());
  return status;
}

// The backups of `dir` beyond the newest `keep`, oldest first (their names sort by time).
std::vector<std::string> backups_beyond(const std::string& dir, int keep) {
  std::vector<std::string> names;
  if (DIR* d = ::opendir(dir.c_str())) {
    while (dirent* e = ::readdir(d))
      if (is_backup_name(e->d_name)) names.push_back(e->d_name);
    ::closedir(d);
  }
  std::sort(names.begin(), names.end());
  if (static_cast<int>(names.size()) <= keep) return {};
  names.resize(names.size() - keep);
  return names;
}

} // namespace

Result<BackupReport> backup_store(store::CaseStore& store, const config::Config& config, const ChangeContext& change,
                                  const BackupRequest& request) {
  Result<std::pair<std::string, bool>> target = target_of(request, change);
  if (!target) return target.status();
  const auto& [path, into_directory] = *target;
  if (files::exists(path))
    return Status::conflict(trf("{} already exists; name a new file, or a directory to keep backups in", path));
  Result<std::string> temporary = temporary_beside(path);
  if (!temporary) return temporary.status();
  BackupReport report;
  report.path = path;
  std::string encrypted_temporary;
  Status status = [&]() -> Status {
    if (request.stage) request.stage("copying");
    Result<bool> by_tables = write_snapshot(store, config, change, *temporary, request.busy_timeout_ms);
    if (!by_tables) return by_tables.status();
    report.copied_by_tables = *by_tables;
    if (request.stage) request.stage("checking");
    Result<long long> cases = check_backup(*temporary, path, config, request.busy_timeout_ms, report.checks);
    if (!cases) return cases.status();
    report.cases = *cases;
    std::string finished = *temporary;
    if (!request.encrypt_to.empty()) {
      if (request.stage) request.stage("encrypting");
      Result<std::string> encrypted = encrypted_copy(*temporary, path, request.encrypt_to);
      if (!encrypted) return encrypted.status();
      finished = *encrypted;
      encrypted_temporary = *encrypted;
    }
    // link() fails when another backup took the name meanwhile, where rename() would replace it.
    if (::link(finished.c_str(), path.c_str()) == 0) return Status::ok();
    if (errno == EEXIST) return Status::conflict(trf("{} was created while the backup was written; nothing was replaced", path));
    // A file system without hard links: the name was free a moment ago.
    if (::rename(finished.c_str(), path.c_str()) != 0)
      return Status::cannot_write(trf("cannot name the backup {}: {}", path, std::strerror(errno)));
    return Status::ok();
  }();
  store::remove_sqlite_file(*temporary);
  if (!encrypted_temporary.empty()) ::unlink(encrypted_temporary.c_str()); // named by link(), or not kept
  if (!status) return status;
  if (into_directory && request.keep > 0) {
    std::string dir = files::parent_dir(path);
    for (const std::string& old : backups_beyond(dir, request.keep)) {
      std::string old_path = dir + "/" + old;
      if (::unlink(old_path.c_str()) == 0) report.removed.push_back(old_path);
    }
  }
  return report;
}

} // namespace casectl
