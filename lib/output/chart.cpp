#include "output/chart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace casectl::chart {

namespace {

constexpr double k_width = 640;    // every chart's width in SVG units (scaled to the page's width)
constexpr double k_font = 10;      // labels
constexpr double k_value_font = 9; // the values written at bars and points
constexpr const char* k_dark = "#1f4e79";
constexpr const char* k_light = "#a9c6e3";
constexpr const char* k_grid = "#d9d9d9";
constexpr const char* k_axis = "#595959";
// The parts of a stacked bar (and series beyond two): dark and light in turn, so that neighbours
// differ in greyscale too.
constexpr const char* k_parts[] = {"#1f4e79", "#bdd7ee", "#843c0c", "#f8cbad", "#375623",
                                   "#c5e0b4", "#404040", "#d9d9d9", "#7030a0", "#e4d0f2"};
constexpr std::size_t k_part_count = sizeof(k_parts) / sizeof(k_parts[0]);

struct Look {
  std::string fill, stroke;
  bool dark = true; // a label on it is white
};

// Of two series the current one dark, the other light with a dark outline; from three on, the
// parts' colours.
Look series_look(std::size_t i, std::size_t count, std::size_t current = 0) {
  if (count <= 2) return i == current ? Look{k_dark, "none", true} : Look{k_light, k_dark, false};
  // Three or more side by side: dark, light, then an orange of middle lightness, so that the three
  // differ in greyscale as well as in hue.
  if (i == 0) return {k_dark, "none", true};
  if (i == 1) return {k_light, k_dark, false};
  if (i == 2) return {"#d97b30", "none", true};
  return {k_parts[i % k_part_count], "none", i % 2 == 0};
}

Look part_look(std::size_t i) { return {k_parts[i % k_part_count], "#ffffff", i % 2 == 0}; }

std::string escaped(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    // Control characters are not allowed in XML: a task's text may hold one.
    default: out += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
    }
  }
  return out;
}

std::size_t code_points(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// About how wide a text is drawn: wide enough for Cyrillic in a sans-serif face.
double text_width(const std::string& text, double font) { return static_cast<double>(code_points(text)) * font * 0.6; }

// A coordinate: two decimals are finer than any screen or printer.
std::string at(double v) { return fmt::format("{:.2f}", v); }

std::string value_label(const std::optional<double>& v, const Chart& chart) {
  if (!v) return "—";
  std::string text = format_number(*v, chart.language);
  if (!chart.unit.empty()) text += "\u00a0" + chart.unit;
  return text;
}

Axis axis_of(const Chart& chart) {
  if (chart.axis_max) return {*chart.axis_max, *chart.axis_max / 5};
  double largest = 0;
  for (const Series& s : chart.series)
    for (const std::optional<double>& v : s.values)
      if (v) largest = std::max(largest, *v);
  return nice_axis(largest, chart.whole_numbers);
}

std::string svg_open(double height, const std::string& title) {
  return fmt::format("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {} {}\" width=\"100%\" "
                     "role=\"img\" aria-label=\"{}\" font-family=\"PT Sans, Segoe UI, Arial, "
                     "sans-serif\" font-size=\"{}\"><title>{}</title>",
                     at(k_width), at(height), escaped(title), k_font, escaped(title));
}

std::string text_at(double x, double y, const std::string& text, const char* anchor, double font = k_font,
                    const char* fill = "#1a1a1a") {
  return fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"{}\" font-size=\"{}\" fill=\"{}\">{}</text>", at(x), at(y), anchor,
                     font, fill, escaped(text));
}

// The legend across the top, wrapping; returns its height and appends it to `out`.
struct LegendItem {
  std::string name;
  Look look;
  bool line = false, dashed = false;
};

double legend(const std::vector<LegendItem>& items, double top, std::string& out) {
  if (items.empty()) return 0;
  const double row = 16;
  double x = 8, y = top;
  out += "<g class=\"legend\">";
  for (const LegendItem& item : items) {
    double w = 14 + text_width(item.name, k_font) + 16;
    if (x > 8 && x + w > k_width - 8) {
      x = 8;
      y += row;
    }
    if (item.line) {
      out += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"2\"{}/>", at(x), at(y + 5),
                         at(x + 12), at(y + 5), k_dark, item.dashed ? " stroke-dasharray=\"4,2\"" : "");
    } else {
      out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"{}\" stroke=\"{}\"/>", at(x), at(y),
                         item.look.fill, item.look.stroke);
    }
    out += text_at(x + 14, y + 9, item.name, "start");
    x += w;
  }
  out += "</g>";
  return y + row - top;
}

std::vector<LegendItem> series_legend(const Chart& chart) {
  std::vector<LegendItem> items;
  for (std::size_t i = 0; i < chart.series.size(); ++i)
    items.push_back({chart.series[i].name, series_look(i, chart.series.size(), chart.current)});
  return items;
}

// `value_axis`: "y" when values go up (columns, lines, panels), "x" when they go right (bars).
std::string plot_open(const Axis& axis, double length, double zero, const char* value_axis) {
  return fmt::format("<g class=\"plot\" data-axis=\"{}\" data-max=\"{}\" data-length=\"{}\" data-zero=\"{}\">", value_axis,
                     axis.max, at(length), at(zero));
}

std::string bar_rect(double x, double y, double w, double h, const Look& look, std::size_t series, std::size_t category,
                     double value) {
  return fmt::format("<rect class=\"bar\" data-series=\"{}\" data-category=\"{}\" data-value=\"{}\" x=\"{}\" y=\"{}\" "
                     "width=\"{}\" height=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"0.8\"/>",
                     series, category, value, at(x), at(y), at(w), at(h), look.fill, look.stroke);
}

double widest(const std::vector<std::string>& texts, double font) {
  double w = 0;
  for (const std::string& t : texts) w = std::max(w, text_width(t, font));
  return w;
}

std::vector<std::string> tick_labels(const Axis& axis, const Chart& chart) {
  std::vector<std::string> labels;
  for (int i = 0; i * axis.step <= axis.max + axis.step / 1000; ++i)
    labels.push_back(format_number(i * axis.step, chart.language));
  return labels;
}

// The vertical axis's grid and tick labels, for a plot from `left` to `left + width` whose value 0
// is at y = `bottom` and whose top is `height` above it.
void vertical_grid(const Axis& axis, const Chart& chart, double left, double width, double bottom, double height,
                   std::string& out) {
  std::vector<std::string> labels = tick_labels(axis, chart);
  for (std::size_t i = 0; i < labels.size(); ++i) {
    double y = bottom - static_cast<double>(i) * axis.step / axis.max * height;
    out += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"0.6\"/>", at(left), at(y),
                       at(left + width), at(y), i == 0 ? k_axis : k_grid);
    out += text_at(left - 4, y + 3.5, labels[i], "end");
  }
}

// Category labels under a vertical plot, turned when they do not fit their slot; returns the height
// they take.
double category_labels(const std::vector<std::string>& categories, double left, double slot, double top, std::string& out,
                       bool measure_only = false) {
  double w = widest(categories, k_font);
  bool turned = w > slot - 2;
  if (measure_only) return turned ? std::min(w, 120.0) * 0.7 + 12 : 16;
  for (std::size_t c = 0; c < categories.size(); ++c) {
    double x = left + (static_cast<double>(c) + 0.5) * slot;
    if (turned)
      out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\" transform=\"rotate(-40 {} {})\">{}</text>", at(x),
                         at(top + 10), at(x), at(top + 10), escaped(categories[c]));
    else out += text_at(x, top + 12, categories[c], "middle");
  }
  return 0;
}

// The left edge of a vertical plot: room for the tick labels and, when the category labels are
// turned, for the first of them, which reaches left of its column (cos 40° of its length).
double plot_left(const Axis& axis, const Chart& chart) {
  double left = 10 + widest(tick_labels(axis, chart), k_font);
  double slot = (k_width - left - 8) / static_cast<double>(std::max<std::size_t>(chart.categories.size(), 1));
  double w = widest(chart.categories, k_font);
  if (w > slot - 2) left = std::max(left, w * 0.77 - slot / 2 + 4);
  return left;
}

} // namespace

std::string format_number(double value, const std::string& language) {
  bool comma = language != "en";
  double rounded = std::round(value * 10) / 10;
  bool whole = rounded == std::round(rounded);
  std::string digits = whole ? fmt::format("{:.0f}", std::fabs(rounded)) : fmt::format("{:.1f}", std::fabs(rounded));
  std::string::size_type point = digits.find('.');
  std::string integer = digits.substr(0, point), fraction = point == std::string::npos ? "" : digits.substr(point + 1);
  std::string grouped;
  for (std::size_t i = 0; i < integer.size(); ++i) {
    if (i > 0 && (integer.size() - i) % 3 == 0) grouped += comma ? "\u00a0" : ",";
    grouped += integer[i];
  }
  std::string out = (rounded < 0 ? "−" : "") + grouped;
  if (!fraction.empty()) out += (comma ? "," : ".") + fraction;
  return out;
}

Axis nice_axis(double largest, bool whole_numbers) {
  if (!(largest > 0)) return {1, 1};
  double raw = largest / 5;
  double power = std::pow(10.0, std::floor(std::log10(raw)));
  double step = power * 10;
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (m * power >= raw) {
      step = m * power;
      break;
    }
  if (whole_numbers) step = std::max(1.0, std::ceil(step));
  double max = std::ceil(largest / step - 1e-9) * step;
  return {max, step};
}

std::string columns(const Chart& chart) {
  const std::size_t n = std::max<std::size_t>(chart.categories.size(), 1), ns = std::max<std::size_t>(chart.series.size(), 1);
  Axis axis = axis_of(chart);
  std::string body;
  double legend_h = legend(series_legend(chart), 4, body);
  double left = plot_left(axis, chart);
  double width = k_width - left - 8, slot = width / static_cast<double>(n);
  double bar_w = std::min(28.0, slot * 0.8 / static_cast<double>(ns));
  // Values that do not fit across a column are written upwards above it.
  double label_w = 0;
  for (const Series& s : chart.series)
    for (const std::optional<double>& v : s.values) label_w = std::max(label_w, text_width(value_label(v, chart), k_value_font));
  bool upright = label_w > bar_w + 2;
  double head = upright ? label_w + 6 : 14;
  double top = 4 + legend_h + head, height = 150, bottom = top + height;
  std::string out;
  vertical_grid(axis, chart, left, width, bottom, height, out);
  out += plot_open(axis, height, bottom, "y");
  for (std::size_t c = 0; c < chart.categories.size(); ++c) {
    double group_x = left + static_cast<double>(c) * slot + (slot - static_cast<double>(ns) * bar_w) / 2;
    for (std::size_t s = 0; s < chart.series.size(); ++s) {
      const std::optional<double>& v = c < chart.series[s].values.size() ? chart.series[s].values[c] : std::nullopt;
      if (!v) continue;
      double h = *v / axis.max * height, x = group_x + static_cast<double>(s) * bar_w;
      out += bar_rect(x, bottom - h, bar_w, h, series_look(s, ns, chart.current), s, c, *v);
      double cx = x + bar_w / 2, y = bottom - h - 3;
      if (upright)
        out += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"{}\" transform=\"rotate(-90 {} {})\">{}</text>", at(cx + 3),
                           at(y), k_value_font, at(cx + 3), at(y), escaped(value_label(v, chart)));
      else out += text_at(cx, y, value_label(v, chart), "middle", k_value_font);
    }
  }
  out += "</g>";
  double labels_h = category_labels(chart.categories, left, slot, bottom, out, true);
  category_labels(chart.categories, left, slot, bottom, out);
  return svg_open(bottom + labels_h + 4, chart.title) + body + out + "</svg>";
}

std::string lines(const Chart& chart) {
  const std::size_t n = std::max<std::size_t>(chart.categories.size(), 1);
  Axis axis = axis_of(chart);
  std::string body;
  std::vector<LegendItem> items;
  for (std::size_t i = 0; i < chart.series.size(); ++i) items.push_back({chart.series[i].name, {}, true, i != chart.current});
  double legend_h = legend(items, 4, body);
  double left = plot_left(axis, chart);
  double width = k_width - left - 8, slot = width / static_cast<double>(n);
  double top = 4 + legend_h + 14, height = 150, bottom = top + height;
  std::string out;
  vertical_grid(axis, chart, left, width, bottom, height, out);
  out += plot_open(axis, height, bottom, "y");
  for (std::size_t s = 0; s < chart.series.size(); ++s) {
    const Series& series = chart.series[s];
    std::string path, points;
    for (std::size_t c = 0; c < chart.categories.size(); ++c) {
      const std::optional<double>& v = c < series.values.size() ? series.values[c] : std::nullopt;
      if (!v) {
        path += ' '; // a gap: the next value starts a new run
        continue;
      }
      double x = left + (static_cast<double>(c) + 0.5) * slot, y = bottom - *v / axis.max * height;
      bool starts = path.empty() || path.back() == ' ';
      path += fmt::format("{}{},{}", starts ? "M" : " L", at(x), at(y));
      points += fmt::format("<circle class=\"point\" data-series=\"{}\" data-category=\"{}\" data-value=\"{}\" cx=\"{}\" "
                            "cy=\"{}\" r=\"3.2\" fill=\"{}\" stroke=\"{}\" stroke-width=\"1.5\"/>",
                            s, c, *v, at(x), at(y), s == chart.current ? k_dark : "#ffffff", k_dark);
      points += text_at(x, s == chart.current ? y - 6 : y + 13, value_label(v, chart), "middle", k_value_font);
    }
    out += fmt::format("<path d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"{}/>", path, k_dark,
                       s != chart.current ? " stroke-dasharray=\"4,2\"" : "");
    out += points;
  }
  out += "</g>";
  double labels_h = category_labels(chart.categories, left, slot, bottom, out, true);
  category_labels(chart.categories, left, slot, bottom, out);
  return svg_open(bottom + labels_h + 4, chart.title) + body + out + "</svg>";
}

namespace {

// The value axis under a horizontal plot: grid lines up through the rows and tick labels below.
void horizontal_grid(const Axis& axis, const Chart& chart, double left, double width, double top, double bottom,
                     std::string& out) {
  std::vector<std::string> labels = tick_labels(axis, chart);
  for (std::size_t i = 0; i < labels.size(); ++i) {
    double x = left + static_cast<double>(i) * axis.step / axis.max * width;
    out += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"0.6\"/>", at(x), at(top),
                       at(x), at(bottom), i == 0 ? k_axis : k_grid);
    out += text_at(x, bottom + 12, labels[i], "middle");
  }
}

// A row label at the left, cut with "…" to what `room` allows.
std::string row_label(const std::string& label, double room) {
  std::size_t fits = static_cast<std::size_t>(room / (k_font * 0.6));
  if (code_points(label) <= fits || fits < 2) return label;
  std::string out;
  std::size_t taken = 0;
  for (std::size_t i = 0; i < label.size(); ++i) {
    if ((label[i] & 0xC0) != 0x80 && ++taken > fits - 1) break;
    out += label[i];
  }
  return out + "…";
}

} // namespace

std::string bars(const Chart& chart) {
  const std::size_t ns = std::max<std::size_t>(chart.series.size(), 1);
  Axis axis = axis_of(chart);
  std::string body;
  double legend_h = chart.series.size() > 1 ? legend(series_legend(chart), 4, body) : 0;
  double label_room = std::min(200.0, widest(chart.categories, k_font));
  double value_room = 0;
  for (const Series& s : chart.series)
    for (const std::optional<double>& v : s.values)
      value_room = std::max(value_room, text_width(value_label(v, chart), k_value_font));
  double left = 8 + label_room + 6, width = k_width - left - value_room - 12;
  const double bar_h = 11, row_h = static_cast<double>(ns) * bar_h + 8;
  double top = 4 + legend_h + 4, bottom = top + row_h * static_cast<double>(chart.categories.size());
  std::string out;
  horizontal_grid(axis, chart, left, width, top, bottom, out);
  out += plot_open(axis, width, left, "x");
  for (std::size_t c = 0; c < chart.categories.size(); ++c) {
    double row_y = top + static_cast<double>(c) * row_h + 4;
    out +=
        text_at(left - 6, row_y + static_cast<double>(ns) * bar_h / 2 + 3.5, row_label(chart.categories[c], label_room), "end");
    for (std::size_t s = 0; s < chart.series.size(); ++s) {
      const std::optional<double>& v = c < chart.series[s].values.size() ? chart.series[s].values[c] : std::nullopt;
      if (!v) continue;
      double w = *v / axis.max * width, y = row_y + static_cast<double>(s) * bar_h;
      out += bar_rect(left, y, w, bar_h - 1, series_look(s, ns, chart.current), s, c, *v);
      out += text_at(left + w + 3, y + 8, value_label(v, chart), "start", k_value_font);
    }
  }
  out += "</g>";
  return svg_open(bottom + 18, chart.title) + body + out + "</svg>";
}

std::string stacked_bars(const Chart& chart) {
  Axis axis;
  double largest = 0;
  for (std::size_t c = 0; c < chart.categories.size(); ++c) {
    double total = 0;
    for (const Series& s : chart.series)
      if (c < s.values.size() && s.values[c]) total += *s.values[c];
    largest = std::max(largest, total);
  }
  axis = chart.axis_max ? Axis{*chart.axis_max, *chart.axis_max / 5} : nice_axis(largest, chart.whole_numbers);
  std::string body;
  std::vector<LegendItem> items;
  for (std::size_t i = 0; i < chart.series.size(); ++i) items.push_back({chart.series[i].name, part_look(i)});
  double legend_h = legend(items, 4, body);
  double label_room = std::min(200.0, widest(chart.categories, k_font));
  double left = 8 + label_room + 6, width = k_width - left - 48;
  const double bar_h = 20, row_h = 28;
  double top = 4 + legend_h + 6, bottom = top + row_h * static_cast<double>(chart.categories.size());
  std::string out;
  horizontal_grid(axis, chart, left, width, top, bottom, out);
  out += plot_open(axis, width, left, "x");
  for (std::size_t c = 0; c < chart.categories.size(); ++c) {
    double y = top + static_cast<double>(c) * row_h + 4, x = left, total = 0;
    out += text_at(left - 6, y + bar_h / 2 + 3.5, row_label(chart.categories[c], label_room), "end");
    for (std::size_t s = 0; s < chart.series.size(); ++s) {
      const std::optional<double>& v = c < chart.series[s].values.size() ? chart.series[s].values[c] : std::nullopt;
      if (!v) continue;
      double w = *v / axis.max * width;
      Look look = part_look(s);
      out += bar_rect(x, y, w, bar_h, look, s, c, *v);
      std::string label = value_label(v, chart);
      if (*v > 0 && text_width(label, k_value_font) + 4 <= w)
        out += text_at(x + w / 2, y + bar_h / 2 + 3, label, "middle", k_value_font, look.dark ? "#ffffff" : "#1a1a1a");
      x += w;
      total += *v;
    }
    out += text_at(x + 4, y + bar_h / 2 + 3.5, value_label(total, chart), "start", k_font);
  }
  if (chart.series.empty())
    out += text_at(left + width / 2, top + 16, chart.language == "en" ? "no data" : chart.language == "kk" ? "деректер жоқ" : "нет данных", "middle");
  out += "</g>";
  return svg_open(bottom + 18, chart.title) + body + out + "</svg>";
}

namespace {

// A label broken into lines of about `room` units (at most two; the rest cut with "…").
std::vector<std::string> wrapped(const std::string& label, double room, double font) {
  std::vector<std::string> out(1);
  std::string word;
  auto place = [&] {
    if (word.empty()) return;
    std::string tried = out.back().empty() ? word : out.back() + " " + word;
    if (text_width(tried, font) <= room || out.back().empty()) out.back() = tried;
    else out.push_back(word);
    word.clear();
  };
  for (char ch : label) {
    if (ch == ' ') place();
    else word += ch;
  }
  place();
  if (out.size() > 2) {
    out.resize(2);
    out[1] += "…";
  }
  return out;
}

} // namespace

std::string change_panels(const std::string& title, const std::vector<Change>& changes, const std::string& now,
                          const std::string& before, const std::string& language) {
  const std::size_t per_row = std::min<std::size_t>(std::max<std::size_t>(changes.size(), 1), 4);
  const double panel_w = k_width / static_cast<double>(per_row), panel_h = 170;
  std::string body;
  double legend_h = legend({{before, series_look(1, 2)}, {now, series_look(0, 2)}}, 4, body);
  double top0 = 4 + legend_h + 4;
  std::string out;
  Chart numbers;
  numbers.language = language;
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const Change& change = changes[i];
    double x0 = static_cast<double>(i % per_row) * panel_w, y0 = top0 + static_cast<double>(i / per_row) * panel_h;
    std::vector<std::string> label = wrapped(change.label, panel_w - 16, k_font);
    for (std::size_t l = 0; l < label.size(); ++l)
      out += text_at(x0 + panel_w / 2, y0 + 12 + static_cast<double>(l) * 12, label[l], "middle");
    std::string percent =
        change.percent ? (*change.percent > 0 ? "+" : "") + format_number(*change.percent, language) + "\u00a0%" : "—";
    out += text_at(x0 + panel_w / 2, y0 + 50, percent, "middle", 20);
    Axis axis = nice_axis(std::max(change.value.value_or(0), change.previous.value_or(0)), false);
    const double height = 70, bottom = y0 + 62 + height + 12, bar_w = std::min(36.0, panel_w / 5);
    out += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"0.6\"/>", at(x0 + 16),
                       at(bottom), at(x0 + panel_w - 16), at(bottom), k_axis);
    out += plot_open(axis, height, bottom, "y");
    const std::optional<double>* values[] = {&change.previous, &change.value};
    for (std::size_t s = 0; s < 2; ++s) {
      double x = x0 + panel_w / 2 + (s == 0 ? -bar_w - 6 : 6);
      const std::optional<double>& v = *values[s];
      if (v) {
        double h = *v / axis.max * height;
        out += bar_rect(x, bottom - h, bar_w, h, series_look(s == 0 ? 1 : 0, 2), s, i, *v);
        out += text_at(x + bar_w / 2, bottom - h - 3, value_label(v, numbers), "middle", k_value_font);
      } else {
        out += text_at(x + bar_w / 2, bottom - 3, "—", "middle", k_value_font);
      }
    }
    out += "</g>";
  }
  double rows = static_cast<double>((changes.size() + per_row - 1) / per_row);
  return svg_open(top0 + rows * panel_h, title) + body + out + "</svg>";
}

} // namespace casectl::chart
