#include "output/render.hpp"

#include "output/xlsx.hpp"
#include "util/csv.hpp"
#include "util/date.hpp"
#include "util/messages.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>

namespace casectl::output {

namespace {

const char* const k_bold = "\x1b[1m";
const char* const k_red = "\x1b[31m";
const char* const k_reset = "\x1b[0m";

// Columns this narrow are never cut (ids, dates, codes, counts): a cut one says nothing.
constexpr std::size_t k_uncut_width = 12;

// The widths of a table's columns shrunk, widest first, until a line (columns and the two spaces
// between them) fits `max_width`; a column is shrunk no further than k_uncut_width, so a table
// that cannot fit even so wraps as it would have.
void fit_widths(std::vector<std::size_t>& widths, std::size_t max_width) {
  if (max_width == 0 || widths.empty()) return;
  auto total = [&] {
    std::size_t sum = 2 * (widths.size() - 1);
    for (std::size_t w : widths) sum += w;
    return sum;
  };
  while (total() > max_width) {
    auto widest = std::max_element(widths.begin(), widths.end());
    if (*widest <= k_uncut_width) return;
    std::size_t over = total() - max_width;
    *widest = *widest > over + k_uncut_width ? *widest - over : k_uncut_width;
  }
}

std::string dump(const Record& value, int indent = -1) {
  return value.dump(indent, ' ', false, Record::error_handler_t::replace);
}

std::string pad(const std::string& text, std::size_t width) {
  std::size_t shown = text::display_width(text);
  return shown >= width ? text : text + std::string(width - shown, ' ');
}

Status write_to(std::FILE* out, const std::string& text) {
  if (text.empty()) return Status::ok();
  if (std::fwrite(text.data(), 1, text.size(), out) != text.size() || std::ferror(out)) {
    if (errno == EPIPE) return Status::broken_pipe();
    return Status::internal(trf("cannot write the output: {}", std::strerror(errno)));
  }
  return Status::ok();
}

std::string indent_lines(const std::string& text, const std::string& prefix) {
  std::string out = prefix;
  for (char c : text) {
    out += c;
    if (c == '\n') out += prefix;
  }
  return out;
}

} // namespace

Result<Format> parse_format(const std::string& name) {
  if (name == "table") return Format::table;
  if (name == "tsv") return Format::tsv;
  if (name == "csv") return Format::csv;
  if (name == "json") return Format::json;
  if (name == "ndjson") return Format::ndjson;
  if (name == "xlsx") return Format::xlsx;
  return Status::usage(trf("unknown output format '{}'{}; use table, tsv, csv, json, ndjson or xlsx", name,
                           text::did_you_mean(name, {"table", "tsv", "csv", "json", "ndjson", "xlsx"})));
}

std::string printable(std::string text) {
  for (char& c : text)
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  return text;
}

std::string cut_to_width(const std::string& text, std::size_t width) {
  if (text::display_width(text) <= width) return text;
  if (width == 0) return "";
  std::string kept;
  std::size_t shown = 0;
  for (std::size_t i = 0; i < text.size();) {
    unsigned char lead = static_cast<unsigned char>(text[i]);
    std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    std::string character = text.substr(i, length);
    std::size_t w = text::display_width(character);
    if (shown + w + 1 > width) break; // room for the "…"
    kept += character;
    shown += w;
    i += length;
  }
  return kept + "…";
}

bool alarming(const std::string& field, const std::string& value) {
  if (field == "urgency") return value == "emergency";
  if (field == "kind")
    return value == "overdue-task" || value == "overdue-review" || value == "late-response" || value == "under-delivered";
  if (field == "risk") return value == "high" || value == "very-high";
  return false;
}

std::string shown_to_people(std::string cell) {
  if (cell.size() != 20 || cell[10] != 'T' || cell.back() != 'Z') return cell;
  Result<date::Timestamp> moment = date::parse_timestamp(cell);
  return moment ? date::format_local(*moment) : cell;
}

std::string cell_text(const Record& value) {
  if (value.is_null()) return "";
  if (value.is_string()) return value.get<std::string>();
  if (value.is_object()) {
    // "center=3, auezov=1"; "login=kim, role=psychologist": for a person to read (values may hold
    // ", " themselves: a script takes -o json); the null fields say nothing and are left out.
    std::string pairs;
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (it.value().is_null()) continue;
      if (!pairs.empty()) pairs += ", ";
      pairs += it.key() + "=" + cell_text(it.value());
    }
    return pairs;
  }
  if (value.is_array()) {
    const bool objects = std::any_of(value.begin(), value.end(), [](const Record& v) { return v.is_object(); });
    std::string joined;
    for (const Record& v : value) {
      if (!joined.empty()) joined += objects ? "; " : ";";
      joined += cell_text(v);
    }
    return joined;
  }
  return dump(value);
}

namespace {

// The headers of tables and workbooks in Russian and Kazakh, by their English text; sorted by it.
struct HeaderWords {
  const char* en;
  const char* ru;
  const char* kk;
};
const HeaderWords k_header_words[] = {
    {"ACTION", "ДЕЙСТВИЕ", "ӘРЕКЕТ"},
    {"ACTIVE", "В РАБОТЕ", "ЖҰМЫСТА"},
    {"ACTOR", "КТО", "КІМ"},
    {"ADDRESS", "АДРЕС", "МЕКЕНЖАЙ"},
    {"AGENCY", "ВЕДОМСТВО", "ВЕДОМСТВО"},
    {"AS", "РОЛЬ", "РӨЛІ"},
    {"ASSESSMENT", "ОЦЕНКА", "БАҒАЛАУ"},
    {"AT", "КОГДА", "ҚАШАН"},
    {"BASELINE", "ИСХОДНО", "БАСТАПҚЫ"},
    {"BY DISTRICT", "ПО РАЙОНАМ", "АУДАНДАР БОЙЫНША"},
    {"BYTES", "БАЙТ", "БАЙТ"},
    {"CAPACITY", "ЛИМИТ", "ЛИМИТ"},
    {"CASE", "СЛУЧАЙ", "ІС"},
    {"CASE ID", "СЛУЧАЙ", "ІС"},
    {"CASE MANAGER", "КУРАТОР", "ЖАУАПТЫ МАМАН"},
    {"CASE NAME", "СЕМЬЯ", "ОТБАСЫ"},
    {"CASES", "СЛУЧАЕВ", "ІСТЕР"},
    {"CHANGE", "ИЗМЕНЕНИЕ", "ӨЗГЕРІС"},
    {"CHANGE %", "ИЗМЕНЕНИЕ, %", "ӨЗГЕРІС, %"},
    {"CHECK", "ПРОВЕРКА", "ТЕКСЕРУ"},
    {"CLOSED", "ЗАКРЫТО", "ЖАБЫЛДЫ"},
    {"COMMAND", "КОМАНДА", "КОМАНДА"},
    {"CONSULTATIONS", "КОНСУЛЬТАЦИИ", "КЕҢЕСТЕР"},
    {"DELIVERED", "ОКАЗАНО", "КӨРСЕТІЛДІ"},
    {"DELIVERED %", "ОКАЗАНО, %", "КӨРСЕТІЛДІ, %"},
    {"DETAIL", "ПОДРОБНОСТИ", "ТОЛЫҒЫРАҚ"},
    {"DISTRICT", "РАЙОН", "АУДАН"},
    {"DISTRICTS", "РАЙОНЫ", "АУДАНДАР"},
    {"DOMAIN", "СФЕРА", "САЛА"},
    {"DUE", "СРОК", "МЕРЗІМІ"},
    {"EFFECTIVE", "ДЕЙСТВУЕТ С", "КҮШІНЕ ЕНДІ"},
    {"FAMILIES", "СЕМЕЙ", "ОТБАСЫ"},
    {"FAMILY", "СЕМЬЯ", "ОТБАСЫ"},
    {"FIGURE", "ПОКАЗАТЕЛЬ", "КӨРСЕТКІШ"},
    {"FILE", "ФАЙЛ", "ФАЙЛ"},
    {"FINAL", "ИТОГ", "ҚОРЫТЫНДЫ"},
    {"FIRST RESPONSES", "ПЕРВИЧНЫЕ ОТВЕТЫ", "АЛҒАШҚЫ ЖАУАПТАР"},
    {"FREE", "СВОБОДНО", "БОС"},
    {"FREQUENCY", "ПЕРИОДИЧНОСТЬ", "ЖИІЛІГІ"},
    {"FROM", "БЫЛО", "БҰРЫН"},
    {"GOAL", "ЦЕЛЬ", "МАҚСАТ"},
    {"GROUP", "ГРУППА", "ТОП"},
    {"GROUP LABEL", "НАЗВАНИЕ ГРУППЫ", "ТОП АТАУЫ"},
    {"GROUPS", "КАТЕГОРИИ", "САНАТТАР"},
    {"INTAKE", "ПРИЁМ", "ҚАБЫЛДАУ"},
    {"KEY", "КЛЮЧ", "КІЛТ"},
    {"KIND", "ВИД", "ТҮРІ"},
    {"LABEL", "НАЗВАНИЕ", "АТАУЫ"},
    {"LATEST", "ПОСЛЕДНЯЯ", "СОҢҒЫ"},
    {"LOAD %", "НАГРУЗКА, %", "ЖҮКТЕМЕ, %"},
    {"LOGIN", "ЛОГИН", "ЛОГИН"},
    {"MANAGER", "КУРАТОР", "ЖАУАПТЫ МАМАН"},
    {"MEMBERS", "СОСТАВ", "ҚҰРАМЫ"},
    {"NAME", "ИМЯ", "АТЫ"},
    {"OK", "ИСПРАВНО", "ҚАЛЫПТЫ"},
    {"ON TEAMS", "В КОМАНДАХ", "ТОПТАРДА"},
    {"OPEN", "ОТКРЫТО", "АШЫҚ"},
    {"OPEN AT END", "ОТКРЫТО НА КОНЕЦ", "КЕЗЕҢ СОҢЫНДА АШЫҚ"},
    {"OPENED", "ОТКРЫТ", "АШЫЛДЫ"},
    {"ORIGIN CASE", "ИСХОДНЫЙ СЛУЧАЙ", "БАСТАПҚЫ ІС"},
    {"ORIGIN STORE", "ИСХОДНОЕ ХРАНИЛИЩЕ", "БАСТАПҚЫ ҚОЙМА"},
    {"OUTCOME", "ИТОГ", "НӘТИЖЕСІ"},
    {"PEOPLE", "ЧЕЛОВЕК", "АДАМ"},
    {"PEOPLE CONSULTED", "ПОЛУЧИЛИ КОНСУЛЬТАЦИЮ", "КЕҢЕС АЛҒАНДАР"},
    {"PHONE", "ТЕЛЕФОН", "ТЕЛЕФОН"},
    {"PREVIOUS", "БЫЛО", "БҰРЫН"},
    {"PRIORITY", "ПРИОРИТЕТ", "БАСЫМДЫҒЫ"},
    {"REVIEWS", "ПЕРЕСМОТРЫ", "МОНИТОРИНГ"},
    {"ROLE", "РОЛЬ", "РӨЛІ"},
    {"SERVICE", "УСЛУГА", "ҚЫЗМЕТ"},
    {"SERVICES", "УСЛУГИ", "ҚЫЗМЕТТЕР"},
    {"SHORTFALL", "НЕ ОКАЗАНО", "КӨРСЕТІЛМЕДІ"},
    {"SOURCE", "ИСТОЧНИК", "КӨЗІ"},
    {"STATUS", "СТАТУС", "МӘРТЕБЕСІ"},
    {"SUPERVISOR", "СУПЕРВИЗОР", "СУПЕРВИЗОР"},
    {"TASK", "ЗАДАЧА", "МІНДЕТ"},
    {"TASKS", "ЗАДАЧИ", "МІНДЕТТЕР"},
    {"TO", "СТАЛО", "ЖАҢА"},
    {"TOTAL", "ВСЕГО", "БАРЛЫҒЫ"},
    {"TREND", "ДИНАМИКА", "ДИНАМИКА"},
    {"URGENCY", "СРОЧНОСТЬ", "ШҰҒЫЛДЫҒЫ"},
    {"VALUE", "ЗНАЧЕНИЕ", "МӘНІ"},
    {"WHAT", "ЧТО", "НЕ"},
    {"WHAT CHANGED", "ЧТО ИЗМЕНЕНО", "НЕ ӨЗГЕРДІ"},
    {"WHO", "КТО", "КІМ"},
};

// The names of a case card's lines in Russian and Kazakh, by field; sorted by field. A field not
// here keeps its name.
const HeaderWords k_card_words[] = {
    {"address", "Адрес", "Мекенжайы"},
    {"agencies_informed", "Ведомства уведомлены", "Хабардар етілген ведомстволар"},
    {"assessments", "Оценки", "Бағалаулар"},
    {"case_id", "Случай", "Іс"},
    {"case_manager", "Куратор", "Жауапты маман"},
    {"case_manager_name", "Куратор (ФИО)", "Жауапты маман (аты-жөні)"},
    {"closed", "Закрыт", "Жабылды"},
    {"closure", "Закрытие", "Жабу"},
    {"closures", "Закрытия", "Жабулар"},
    {"consent", "Согласие на обработку данных", "Деректерді өңдеуге келісім"},
    {"consultation", "Консультация", "Кеңес"},
    {"created_at", "Создан", "Құрылды"},
    {"created_by", "Кем создан", "Кім құрды"},
    {"district", "Район", "Аудан"},
    {"events", "События", "Оқиғалар"},
    {"external_id", "Внешний номер", "Сыртқы нөмір"},
    {"groups", "Категории", "Санаттар"},
    {"kind", "Вид", "Түрі"},
    {"members", "Члены семьи", "Отбасы мүшелері"},
    {"name", "Имя", "Аты"},
    {"next_review_on", "Следующий пересмотр", "Келесі мониторинг"},
    {"note", "Примечание", "Ескертпе"},
    {"opened", "Открыт", "Ашылды"},
    {"phone", "Телефон", "Телефоны"},
    {"problems", "Проблемы", "Проблемалары"},
    {"referrer", "Направил", "Жолдаған"},
    {"removed_members", "Выбывшие члены семьи", "Шыққан отбасы мүшелері"},
    {"response_due", "Ответ до", "Жауап беру мерзімі"},
    {"risk", "Риск", "Қауіп деңгейі"},
    {"services", "Услуги", "Қызметтер"},
    {"source", "Источник", "Көзі"},
    {"status", "Статус", "Мәртебесі"},
    {"supervisor", "Супервизор", "Супервизор"},
    {"supervisor_name", "Супервизор (ФИО)", "Супервизор (аты-жөні)"},
    {"task_notes", "Отметки по задачам", "Міндеттер бойынша белгілер"},
    {"team", "Команда", "Топ"},
    {"updated_at", "Изменён", "Өзгертілді"},
    {"urgency", "Срочность", "Шұғылдығы"},
};

// `key` in Russian or Kazakh from a table of words sorted by key; nullopt for another language or
// a key the table does not have.
template <std::size_t N>
std::optional<std::string> in_words(const HeaderWords (&words)[N], const std::string& key, const std::string& language) {
  if (language != "ru" && language != "kk") return std::nullopt;
  auto found = std::lower_bound(std::begin(words), std::end(words), key,
                                [](const HeaderWords& w, const std::string& k) { return w.en < k; });
  if (found == std::end(words) || found->en != key) return std::nullopt;
  return std::string(language == "ru" ? found->ru : found->kk);
}

} // namespace

std::string card_line_name(const std::string& field, const std::string& language) {
  return in_words(k_card_words, field, language).value_or(field);
}

std::string header_in(const Column& column, const std::string& language) {
  if (language == "ru" && !column.header_ru.empty()) return column.header_ru;
  if (language == "kk" && !column.header_kk.empty()) return column.header_kk;
  return in_words(k_header_words, column.header, language).value_or(column.header);
}

RecordWriter::RecordWriter(std::FILE* out, RenderOptions options, std::vector<Column> columns)
    : m_out(out), m_options(options), m_columns(std::move(columns)) {
  // A table shows X's label in X's column, unless the label has a column of its own.
  for (const Column& column : m_columns) {
    std::string label = column.field + "_label";
    bool own_column = std::any_of(m_columns.begin(), m_columns.end(), [&](const Column& c) { return c.field == label; });
    m_label_fields.push_back(own_column ? std::string() : label);
  }
}

RecordWriter::~RecordWriter() = default;

Status RecordWriter::start_sheet() {
  if (m_sheet) return Status::ok();
  std::vector<std::string> headers;
  for (const Column& column : m_columns) headers.push_back(header_in(column, m_options.language));
  Result<std::unique_ptr<XlsxSheet>> sheet = XlsxSheet::start(headers, m_options.headers);
  if (!sheet) return sheet.status();
  m_sheet = std::move(*sheet);
  return Status::ok();
}

Status RecordWriter::write(const std::string& text) {
  if (m_options.format != Format::csv || !m_options.bom || m_bom_written) return write_to(m_out, text);
  m_bom_written = true;
  return write_to(m_out, std::string(csv::k_utf8_bom) + text);
}

Status RecordWriter::write_row(const std::vector<std::string>& cells) {
  const bool is_csv = m_options.format == Format::csv;
  std::string line;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i) line += is_csv ? m_options.delimiter : '\t';
    line += is_csv ? csv::cell(cells[i], m_options.guard_formulas, m_options.delimiter) : csv::tsv_cell(cells[i]);
  }
  line += is_csv ? "\r\n" : "\n";
  return write(line);
}

Status RecordWriter::add(const Record& record) {
  ++m_count;
  switch (m_options.format) {
  case Format::json: {
    Status status = write(std::string(m_started ? ",\n" : "[\n") + indent_lines(dump(record, 2), "  "));
    m_started = true;
    return status;
  }
  case Format::ndjson: return write(dump(record) + "\n");
  case Format::xlsx: {
    CASECTL_TRY(start_sheet());
    std::vector<Record> cells;
    for (std::size_t i = 0; i < m_columns.size(); ++i) {
      auto it = record.find(m_columns[i].field);
      // A workbook is for people, as a table is: labels in place of codes.
      if (!m_label_fields[i].empty())
        if (auto label = record.find(m_label_fields[i]); label != record.end()) it = label;
      cells.push_back(it == record.end() ? Record() : *it);
    }
    return m_sheet->add_row(cells);
  }
  case Format::table:
  case Format::tsv:
  case Format::csv: {
    std::vector<std::string> cells;
    const bool for_people = m_options.format == Format::table;
    for (std::size_t i = 0; i < m_columns.size(); ++i) {
      auto it = record.find(m_columns[i].field);
      // People read a code's label where the record has one; scripts (TSV, CSV) keep the code.
      if (for_people && !m_label_fields[i].empty())
        if (auto label = record.find(m_label_fields[i]); label != record.end()) it = label;
      cells.push_back(it == record.end() ? std::string() : cell_text(*it));
    }
    if (for_people) {
      for (std::string& cell : cells) cell = printable(shown_to_people(std::move(cell)));
      m_table.push_back(std::move(cells));
      std::vector<bool> alarms;
      for (const Column& column : m_columns) {
        auto code = record.find(column.field);
        alarms.push_back(m_options.color && code != record.end() && code->is_string() &&
                         alarming(column.field, code->get<std::string>()));
      }
      m_alarms.push_back(std::move(alarms));
      return Status::ok();
    }
    if (!m_started && m_options.headers) {
      std::vector<std::string> header;
      for (const Column& column : m_columns) header.push_back(column.field);
      CASECTL_TRY(write_row(header));
    }
    m_started = true;
    return write_row(cells);
  }
  }
  return Status::ok();
}

Status RecordWriter::finish() {
  switch (m_options.format) {
  case Format::json: return write(m_started ? "\n]\n" : "[]\n");
  case Format::ndjson: return Status::ok();
  case Format::xlsx: CASECTL_TRY(start_sheet()); return m_sheet->finish(m_out);
  case Format::tsv:
  case Format::csv:
    if (!m_started && m_options.headers) {
      std::vector<std::string> header;
      for (const Column& column : m_columns) header.push_back(column.field);
      return write_row(header);
    }
    return Status::ok();
  case Format::table: break;
  }
  std::vector<std::size_t> widths(m_columns.size(), 0);
  if (m_options.headers)
    for (std::size_t i = 0; i < m_columns.size(); ++i)
      widths[i] = text::display_width(header_in(m_columns[i], m_options.language));
  for (const auto& row : m_table)
    for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], text::display_width(row[i]));
  fit_widths(widths, m_options.max_width);
  auto line_of = [&](const std::vector<std::string>& cells, const std::vector<bool>* alarms) {
    std::string line;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      bool last = i + 1 == cells.size();
      std::string cell = cut_to_width(cells[i], widths[i]);
      if (!last) cell = pad(cell, widths[i]);
      // The colour goes around the padded cell, so that its codes take no column.
      if (alarms && (*alarms)[i]) cell = k_red + cell + k_reset;
      line += last ? cell : cell + "  ";
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    return line + "\n";
  };
  if (m_options.headers) {
    std::vector<std::string> header;
    for (const Column& column : m_columns) header.push_back(header_in(column, m_options.language));
    std::string line = line_of(header, nullptr);
    if (m_options.color) line = k_bold + line.substr(0, line.size() - 1) + k_reset + "\n";
    CASECTL_TRY(write(line));
  }
  for (std::size_t r = 0; r < m_table.size(); ++r) CASECTL_TRY(write(line_of(m_table[r], &m_alarms[r])));
  return Status::ok();
}

namespace {

const std::string k_label_suffix = "_label";

// X_label beside X: shown in X's place on a card, not on a line of its own.
bool is_label_of_another(const Record& record, const std::string& key) {
  return key.size() > k_label_suffix.size() && key.ends_with(k_label_suffix) &&
         record.contains(key.substr(0, key.size() - k_label_suffix.size()));
}

const Record& label_or_value(const Record& record, const std::string& key, const Record& value) {
  auto label = record.find(key + k_label_suffix);
  return label == record.end() ? value : *label;
}

// One line of a card: a field and its value, or (field empty) one item of the list above it.
struct CardLine {
  std::string field;
  Record value;
};

// Fields of a household member that say again what its other fields say (the role, the birth
// date, the number itself): left off its line on a card, kept in every other format.
bool repeats_on_card_line(const std::string& key) {
  static const char* const repeated[] = {
      "relationship", "relationship_label", "national_id_kind", "national_id_kind_label", "age", "minor"};
  return std::find(std::begin(repeated), std::end(repeated), key) != std::end(repeated);
}

// The card's lines: "field  value"; a list of objects, or of two or more values, as the field
// alone and then one line per item (an object's non-null values joined by ", ", but those
// repeats_on_card_line names).
std::vector<CardLine> card_lines(const Record& record) {
  std::vector<CardLine> lines;
  for (auto it = record.begin(); it != record.end(); ++it) {
    if (is_label_of_another(record, it.key())) continue;
    const Record& value = label_or_value(record, it.key(), it.value());
    bool objects = value.is_array() && !value.empty() && value.front().is_object();
    if (!value.is_array() || (value.size() < 2 && !objects)) {
      lines.push_back({it.key(), value});
      continue;
    }
    lines.push_back({it.key(), Record()});
    for (const Record& item : value) {
      if (!item.is_object()) {
        lines.push_back({"", item});
        continue;
      }
      std::vector<std::string> parts;
      for (auto field = item.begin(); field != item.end(); ++field)
        if (!field.value().is_null() && !repeats_on_card_line(field.key()))
          parts.push_back(printable(shown_to_people(cell_text(field.value()))));
      lines.push_back({"", text::join(parts, ", ")});
    }
  }
  return lines;
}

// A card's true or false as people write it in Russian and Kazakh (да/нет, иә/жоқ); any other
// value as it is.
Record yes_or_no(const Record& value, const std::string& language) {
  if (!value.is_boolean() || (language != "ru" && language != "kk")) return value;
  if (language == "ru") return value.get<bool>() ? "да" : "нет";
  return value.get<bool>() ? "иә" : "жоқ";
}

Status write_card_sheet(std::FILE* out, const RenderOptions& options, const Record& record) {
  RecordWriter writer(out, options, {{"field", "field"}, {"value", "value"}});
  for (CardLine& line : card_lines(record))
    CASECTL_TRY(writer.add(
        Record{{"field", card_line_name(line.field, options.language)}, {"value", yes_or_no(line.value, options.language)}}));
  return writer.finish();
}

} // namespace

Status write_card(std::FILE* out, const RenderOptions& options, const Record& record) {
  if (options.format == Format::xlsx) return write_card_sheet(out, options, record);
  if (options.format != Format::table) {
    std::vector<Column> columns;
    for (auto it = record.begin(); it != record.end(); ++it) columns.push_back({it.key(), it.key()});
    if (options.format == Format::json) {
      return write_to(out, dump(record, 2) + "\n");
    }
    RecordWriter writer(out, options, columns);
    CASECTL_TRY(writer.add(record));
    return writer.finish();
  }
  std::size_t width = 0;
  for (auto it = record.begin(); it != record.end(); ++it)
    if (!is_label_of_another(record, it.key()))
      width = std::max(width, text::display_width(card_line_name(it.key(), options.language)));
  std::string card;
  for (const CardLine& line : card_lines(record)) {
    std::string key = pad(card_line_name(line.field, options.language), width);
    if (options.color && !line.field.empty()) key = k_bold + key + k_reset;
    std::string text = key + "  " + printable(shown_to_people(cell_text(yes_or_no(line.value, options.language))));
    while (!text.empty() && text.back() == ' ') text.pop_back();
    card += text + "\n";
  }
  return write_to(out, card);
}

} // namespace casectl::output
