// Renders records in every output format: an aligned table, TSV, CSV, JSON, NDJSON and an Excel
// workbook (xlsx.hpp).
// Templates (Mustache) render the same records elsewhere.
#pragma once

#include "output/records.hpp"
#include "util/status.hpp"

#include <cstdio>
#include <memory>

namespace casectl::output {

enum class Format { table, tsv, csv, json, ndjson, xlsx };

// Parses a format name; fails with Status::usage listing the formats.
Result<Format> parse_format(const std::string& name);

struct RenderOptions {
  Format format = Format::tsv;
  bool headers = true;        // the header line of table, TSV and CSV; --no-headers clears it
  bool color = false;         // bold headers in a table; only on a terminal without NO_COLOR
  bool guard_formulas = true; // CSV only: neutralise cells a spreadsheet would run as formulas
  // CSV only (--bom, --delimiter, --excel): a UTF-8 byte order mark before the first byte, and
  // the cell separator (',', ';' or tab; cells holding it are quoted).
  bool bom = false;
  char delimiter = ',';
  // Table only: the terminal's width in columns (0: no limit, as when piped). A wider table has its
  // widest columns shortened, their cells cut with "…", so that no line wraps.
  std::size_t max_width = 0;
  // The language of the headers of a table and a workbook (ru, kk, en); TSV and CSV headers are
  // the field names in every language, for scripts.
  std::string language = "en";
};

// The header people read for `column` in `language`: its own Russian or Kazakh header, else the
// common translation of its English header, else the English header as it is.
std::string header_in(const Column& column, const std::string& language);

// The name of a card's line for `field` in `language` (show -o table, and its workbook): "Статус"
// for status in Russian, "Мәртебесі" in Kazakh; the field's own name in English and for a field the
// card names do not list.
std::string card_line_name(const std::string& field, const std::string& language);

// The text of one field in a table, TSV or CSV cell, for people as well as scripts (no JSON):
// strings as they are, null as empty, numbers and true/false as JSON writes them, a list's items
// joined by ";", an object as "key=value" pairs joined by ", " (null fields left out), and a list
// of objects as those joined by "; ".
std::string cell_text(const Record& value);

// What a person reads in a table or card cell: a UTC moment ("2026-12-01T20:30:00Z") in local
// time ("2026-12-02 01:30" at UTC+5, see date::format_local); any other text as it is. TSV, CSV
// and JSON keep moments in UTC.
std::string shown_to_people(std::string cell);

// Control characters (tab, new line...) as spaces, so that a value stays on its table line or
// in its one-line Excel cell.
std::string printable(std::string text);

// `text` cut to at most `width` display columns, ending in "…" when it was cut (whole characters:
// a Cyrillic letter is one column, a wide CJK character two).
std::string cut_to_width(const std::string& text, std::size_t width);

// Whether the code `value` of `field` is what a coordinator must see first, shown in red on a
// colour terminal: an emergency urgency, an overdue task or review, a late first response, an
// under-delivered service, a high or very high risk.
bool alarming(const std::string& field, const std::string& value);

class XlsxSheet;

// Writes records one at a time. Table output is held until finish() so that columns align by
// display width; xlsx rows go to a temporary file and the workbook is copied out by finish();
// every other format is written as it comes, so memory stays flat.
// A reader that went away (`| head`) gives Status::broken_pipe; other write errors Status::internal.
class RecordWriter {
 public:
  RecordWriter(std::FILE* out, RenderOptions options, std::vector<Column> columns);
  ~RecordWriter();
  Status add(const Record& record);
  Status finish();

 private:
  Status write(const std::string& text);
  Status write_row(const std::vector<std::string>& cells);
  Status start_sheet();
  std::FILE* m_out;
  RenderOptions m_options;
  std::vector<Column> m_columns;
  std::vector<std::string> m_label_fields;       // per column: the X_label a table shows for X, or ""
  std::vector<std::vector<std::string>> m_table; // table format only
  std::vector<std::vector<bool>> m_alarms;       // table format only: per cell, alarming()
  std::unique_ptr<XlsxSheet> m_sheet;            // xlsx format only, made by the first add() or finish()
  std::size_t m_count = 0;
  bool m_started = false;
  bool m_bom_written = false;
};

// Writes one record. The table format shows it as a card: one "field  value" line per field;
// a list of objects (household members), or of two or more values, one item a line under the
// field name. In xlsx the same lines as rows of two columns, field and value (the header row
// "field", "value"). Other formats as RecordWriter would.
Status write_card(std::FILE* out, const RenderOptions& options, const Record& record);

} // namespace casectl::output
