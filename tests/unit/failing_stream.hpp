// Streams for reader tests: one whose read fails after some text (as a disk giving EIO does),
// and one that never ends.
#pragma once

#include <ios>
#include <stdexcept>
#include <streambuf>
#include <string>

namespace casectl::testing {

// Gives `text`, then throws from underflow() as std::filebuf does when read(2) fails.
class FailingBuffer : public std::streambuf {
 public:
  explicit FailingBuffer(std::string text) : m_text(std::move(text)) {
    setg(m_text.data(), m_text.data(), m_text.data() + m_text.size());
  }

 protected:
  int_type underflow() override { throw std::ios_base::failure("Input/output error"); }

 private:
  std::string m_text;
};

// `prefix`, then `fill` for ever (counts what was taken, to prove a reader stopped).
class EndlessBuffer : public std::streambuf {
 public:
  EndlessBuffer(std::string prefix, char fill) : m_prefix(std::move(prefix)), m_chunk(4096, fill) {
    setg(m_prefix.data(), m_prefix.data(), m_prefix.data() + m_prefix.size());
  }
  std::size_t taken() const { return m_taken; }

 protected:
  int_type underflow() override {
    m_taken += m_chunk.size();
    setg(m_chunk.data(), m_chunk.data(), m_chunk.data() + m_chunk.size());
    return traits_type::to_int_type(m_chunk[0]);
  }

 private:
  std::string m_prefix;
  std::string m_chunk;
  std::size_t m_taken = 0;
};

} // namespace casectl::testing
