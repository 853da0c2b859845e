// One line of progress on stderr, rewritten in place, for work that takes seconds: bulk intake,
// report cases. Only when stderr is a terminal (a script's stderr stays as it was), at most four
// times a second, and wiped before anything else is printed there.
#pragma once

#include <chrono>
#include <cstdio>
#include <string>

namespace casectl::cli {

class Progress {
 public:
  // `unit`: what is counted ("records", "documents"); `total_bytes`: the size of the input when it
  // is known (a file, not a pipe), for the percentage and the time left; 0 when it is not.
  Progress(std::FILE* err, bool terminal, std::string unit, long long total_bytes = 0);
  ~Progress() { clear(); }

  // `done` items so far, `bytes_done` of the input read (0 when unknown).
  void update(long long done, long long bytes_done = 0);
  // A stage with no count to show: "committing…".
  void say(const std::string& stage);
  // Wipes the line (before a message, or at the end).
  void clear();

 private:
  void show(const std::string& line);
  std::FILE* m_err;
  bool m_on;
  std::string m_unit;
  long long m_total_bytes;
  std::chrono::steady_clock::time_point m_start, m_last;
  bool m_shown = false;
};

} // namespace casectl::cli
