// Charts as inline SVG for the HTML pages of reports (report kpi's kpi.html and dashboard.html,
// and -o html of caseload, outcomes and services): an axis, vertical columns, lines, horizontal
// bars, stacked bars, a legend, and a row of small panels comparing two values. Domain-free: the
// callers give numbers and their labels, already in the reader's language.
//
// What every chart promises, so that a reader (and tests/e2e/test_charts.sh) can rely on it:
// - Self-contained SVG: no script, no external assets, colours inline (no page CSS needed), a
//   <title> and role="img" for screen readers, every value also written as text in the drawing.
// - Readable in greyscale: of two series the current one (Chart::current) is dark and the other
//   light with a dark outline; lines differ by dash and marker; the parts of a stacked bar alternate dark and
//   light, separated by white.
// - Measurable: the plot area is a <g class="plot" data-axis="A" data-max="M" data-length="L"
//   data-zero="Z"> (A "y" where values go up, "x" where they go right; M the value at the axis's
//   end, L its length in SVG units, Z the coordinate of 0 on it) and every drawn value a <rect class="bar"> (or a
//   <circle class="point">) with data-series (index), data-category (index) and data-value; a
//   bar's length along the value axis (and a point's distance from Z) is value / M × L, to 0.01.
//   Nothing is drawn for an absent value. Axes start at 0.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace casectl::chart {

// A number as a reader of `language` writes it: whole numbers without decimals, others with one;
// in "ru" and "kk" a decimal comma and thousands apart by a no-break space (12 345,5), in "en"
// 12,345.5.
std::string format_number(double value, const std::string& language);

// An axis from 0 to `max` in ticks of `step`: the smallest round top (steps of 1, 2, 2.5 or 5 times
// a power of ten, at most 6 of them) at or above `largest`. With whole_numbers the step is at least
// 1. A largest value of 0 (or less) gives 0 to 1.
struct Axis {
  double max = 1;
  double step = 1;
};
Axis nice_axis(double largest, bool whole_numbers);

struct Series {
  std::string name;                          // in the legend
  std::vector<std::optional<double>> values; // one per category; none: nothing drawn
};

struct Chart {
  std::string title;                   // what the chart shows (the SVG's <title>)
  std::vector<std::string> categories; // months, districts, periods: one label each
  std::vector<Series> series;
  std::string language = "ru";    // how numbers are written
  std::optional<double> axis_max; // a fixed end of the axis (100 for percentages)
  bool whole_numbers = true;      // counts: no ticks between whole numbers
  std::string unit;               // after each value label: "%" (a no-break space before it)
  std::size_t current = 0;        // of two series, the one drawn dark (solid): the period reported
};

// Vertical columns: a group per category (left to right), a column per series in it.
std::string columns(const Chart& chart);

// Lines: a line per series through its values at the categories, a marker at each value; an absent
// value breaks the line.
std::string lines(const Chart& chart);

// Horizontal bars: a row per category (top to bottom), a bar per series in it, on one scale.
std::string bars(const Chart& chart);

// Stacked horizontal bars: a bar per category, made of a part per series (in the series' order,
// left to right), all on one scale; the legend names the parts.
std::string stacked_bars(const Chart& chart);

// One small panel of a row: a figure in two periods and its change.
struct Change {
  std::string label;                     // the figure
  std::optional<double> value, previous; // in the period and in the period compared with
  std::optional<double> percent;         // (value - previous) / previous × 100; none when previous is 0
};

// A row of small panels, each a figure's two values as two columns on the panel's own scale
// (previous light at the left, data-series 0; current dark, data-series 1; each labelled) and its change in % written large ("−13
// %"). `now` and `before` name the two periods in the legend.
std::string change_panels(const std::string& title, const std::vector<Change>& changes, const std::string& now,
                          const std::string& before, const std::string& language);

} // namespace casectl::chart
