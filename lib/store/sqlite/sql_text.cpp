#include "store/sqlite/sql_text.hpp"

namespace casectl::store::sqlite {

std::string text_of(const SQLite::Column& c) { return c.isNull() ? std::string() : c.getString(); }

std::string placeholders(std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
  return out;
}

} // namespace casectl::store::sqlite
