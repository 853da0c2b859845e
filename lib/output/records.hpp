// The record type every output format renders: a JSON object with fields in a stable order.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace casectl {

using Record = nlohmann::ordered_json;

// A column a table, TSV or CSV shows: the record's field and its header.
struct Column {
  std::string field;  // key in the record; also the TSV/CSV header
  std::string header; // header of the aligned table and the workbook, in English
  // The header in Russian and Kazakh where the English one alone cannot say which is meant ("DUE":
  // a date in `due`, a number of visits in `report services`); "" = the common translation of
  // `header` (output::header_in).
  std::string header_ru = {};
  std::string header_kk = {};
};

} // namespace casectl
