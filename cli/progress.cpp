#include "progress.hpp"

#include <fmt/format.h>

namespace casectl::cli {

namespace {

constexpr std::chrono::milliseconds k_every{250};

std::string minutes_and_seconds(double seconds) {
  long long s = static_cast<long long>(seconds + 0.5);
  return fmt::format("{}:{:02}", s / 60, s % 60);
}

} // namespace

Progress::Progress(std::FILE* err, bool terminal, std::string unit, long long total_bytes)
    : m_err(err), m_on(terminal), m_unit(std::move(unit)), m_total_bytes(total_bytes), m_start(std::chrono::steady_clock::now()),
      m_last(m_start - k_every) {} // the first count shows at once

void Progress::update(long long done, long long bytes_done) {
  if (!m_on) return;
  auto now = std::chrono::steady_clock::now();
  if (now - m_last < k_every) return;
  m_last = now;
  double elapsed = std::chrono::duration<double>(now - m_start).count();
  std::string line = fmt::format("casectl: {} {}", done, m_unit);
  if (m_total_bytes > 0 && bytes_done > 0) {
    double share = std::min(1.0, static_cast<double>(bytes_done) / static_cast<double>(m_total_bytes));
    line += fmt::format(", {:.0f} %", share * 100);
    if (share > 0.01) line += fmt::format(", about {} left", minutes_and_seconds(elapsed * (1 - share) / share));
  }
  if (elapsed > 0) line += fmt::format(", {:.0f} a second", static_cast<double>(done) / elapsed);
  show(line);
}

void Progress::say(const std::string& stage) {
  if (!m_on) return;
  show("casectl: " + stage);
}

void Progress::show(const std::string& line) {
  std::fprintf(m_err, "\r\x1b[K%s", line.c_str());
  std::fflush(m_err);
  m_shown = true;
}

void Progress::clear() {
  if (!m_shown) return;
  std::fputs("\r\x1b[K", m_err);
  std::fflush(m_err);
  m_shown = false;
}

} // namespace casectl::cli
