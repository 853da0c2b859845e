#include "output/chart.hpp"

#include <doctest/doctest.h>

#include <array>
#include <map>
#include <regex>
#include <string>
#include <vector>

using namespace casectl;

namespace {

// One drawn value: its attributes, as the header promises them.
struct Mark {
  std::map<std::string, std::string> attr;
  double number(const std::string& name) const { return std::stod(attr.at(name)); }
};

std::vector<Mark> marks(const std::string& svg, const std::string& element, const std::string& cls) {
  std::vector<Mark> found;
  std::regex tag("<" + element + " class=\"" + cls + "\"([^>]*)/>");
  std::regex attribute("([a-z-]+)=\"([^\"]*)\"");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), tag); it != std::sregex_iterator(); ++it) {
    Mark m;
    std::string inside = (*it)[1];
    for (auto a = std::sregex_iterator(inside.begin(), inside.end(), attribute); a != std::sregex_iterator(); ++a)
      m.attr[(*a)[1]] = (*a)[2];
    found.push_back(m);
  }
  return found;
}

// The plot groups' data-max, data-length and data-zero, in order.
std::vector<std::array<double, 3>> plots(const std::string& svg) {
  std::vector<std::array<double, 3>> found;
  std::regex tag(R"re(<g class="plot" data-axis="[xy]" data-max="([^"]+)" data-length="([^"]+)" data-zero="([^"]+)">)re");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), tag); it != std::sregex_iterator(); ++it)
    found.push_back({std::stod((*it)[1]), std::stod((*it)[2]), std::stod((*it)[3])});
  return found;
}

chart::Chart two_years() {
  chart::Chart c;
  c.title = "Семей на сопровождении";
  c.categories = {"янв", "фев", "мар"};
  c.series = {{"2026", {9, 25, std::nullopt}}, {"2025", {0, 12, 3}}};
  return c;
}

} // namespace

TEST_CASE("nice_axis: a round top at or above the largest value, in at most 6 steps") {
  CHECK(chart::nice_axis(9, true).max == 10);
  CHECK(chart::nice_axis(25, true).max == 25);
  CHECK(chart::nice_axis(25, true).step == 5);
  CHECK(chart::nice_axis(101, true).max == 125);
  CHECK(chart::nice_axis(1, true).max == 1);
  CHECK(chart::nice_axis(0, true).max == 1);
  CHECK(chart::nice_axis(0.3, false).max == doctest::Approx(0.3));
  CHECK(chart::nice_axis(123456, true).max == 125000);
  for (double v : {1.0, 7.0, 33.3, 99.0, 1001.0, 48213.0}) {
    chart::Axis a = chart::nice_axis(v, true);
    CHECK(a.max >= v);
    CHECK(a.max / a.step <= 6.0001);
  }
}

TEST_CASE("format_number: as Russian and English readers write numbers") {
  CHECK(chart::format_number(12345.5, "ru") == "12\u00a0345,5");
  CHECK(chart::format_number(12345.5, "en") == "12,345.5");
  CHECK(chart::format_number(33.333, "ru") == "33,3");
  CHECK(chart::format_number(7, "kk") == "7");
  CHECK(chart::format_number(-13, "ru") == "−13");
  CHECK(chart::format_number(1000000, "en") == "1,000,000");
}

TEST_CASE("columns: one bar per present value, its height proportional on the axis") {
  std::string svg = chart::columns(two_years());
  std::vector<Mark> bars = marks(svg, "rect", "bar");
  REQUIRE(bars.size() == 5); // the absent March value of 2026 draws nothing
  auto plot = plots(svg);
  REQUIRE(plot.size() == 1);
  CHECK(plot[0][0] == 25);
  for (const Mark& b : bars) {
    CHECK(b.number("height") == doctest::Approx(b.number("data-value") / plot[0][0] * plot[0][1]).epsilon(0.001));
    CHECK(b.number("y") + b.number("height") == doctest::Approx(plot[0][2]));
  }
  // Bars of one month side by side, months left to right.
  CHECK(bars[0].number("x") < bars[1].number("x"));
  CHECK(bars[1].attr["data-category"] == "0");
  CHECK(bars[2].attr["data-category"] == "1");
  CHECK(bars[2].number("x") > bars[1].number("x"));
  // Values are text in the drawing, legend names both series, title for screen readers.
  CHECK(svg.find(">25</text>") != std::string::npos);
  CHECK(svg.find(">2025</text>") != std::string::npos);
  CHECK(svg.find("<title>Семей на сопровождении</title>") != std::string::npos);
  CHECK(svg.find("<script") == std::string::npos);
}

TEST_CASE("columns: a bar drawn at a wrong length would be caught (the fixture differs from a doubled value)") {
  chart::Chart c = two_years();
  std::string once = chart::columns(c);
  c.series[0].values[1] = 50;
  std::vector<Mark> changed = marks(chart::columns(c), "rect", "bar");
  std::vector<Mark> before = marks(once, "rect", "bar");
  // The axis grows to 50, so the 9 of January gets shorter: every bar is drawn against the one axis.
  CHECK(changed[0].number("height") < before[0].number("height"));
}

TEST_CASE("lines: a point per present value at its height, a gap for an absent one") {
  chart::Chart c = two_years();
  c.axis_max = 100;
  c.whole_numbers = false;
  c.unit = "%";
  std::string svg = chart::lines(c);
  std::vector<Mark> points = marks(svg, "circle", "point");
  REQUIRE(points.size() == 5);
  auto plot = plots(svg);
  REQUIRE(plot.size() == 1);
  CHECK(plot[0][0] == 100);
  for (const Mark& p : points)
    CHECK(plot[0][2] - p.number("cy") == doctest::Approx(p.number("data-value") / 100 * plot[0][1]).epsilon(0.001));
  CHECK(svg.find("25\u00a0%") != std::string::npos);
}

TEST_CASE("bars: districts side by side on one shared scale") {
  chart::Chart c;
  c.title = "Районы";
  c.categories = {"Алмалинский", "Ауэзовский <старый>"};
  c.series = {{"Семей", {40, 10}}, {"Новых", {5, 2}}, {"Закрыто", {3, 0}}};
  std::string svg = chart::bars(c);
  std::vector<Mark> bars = marks(svg, "rect", "bar");
  REQUIRE(bars.size() == 6);
  auto plot = plots(svg);
  CHECK(plot[0][0] == 40);
  for (const Mark& b : bars) {
    CHECK(b.number("width") == doctest::Approx(b.number("data-value") / 40 * plot[0][1]).epsilon(0.001));
    CHECK(b.number("x") == doctest::Approx(plot[0][2]));
  }
  CHECK(svg.find("&lt;старый&gt;") != std::string::npos);
  CHECK(svg.find("<старый>") == std::string::npos);
  c.categories[0] = "Патронаж\x01на дому";
  CHECK(chart::bars(c).find("Патронаж на дому") != std::string::npos);
}

TEST_CASE("stacked_bars: parts laid end to end, each as long as its value, both periods on one scale") {
  chart::Chart c;
  c.title = "Новые случаи по источникам";
  c.categories = {"ноябрь 2026", "октябрь 2026"};
  c.series = {{"Телефон доверия", {4, 1}}, {"Школа", {1, 0}}, {"Полиция", {2, 5}}};
  std::string svg = chart::stacked_bars(c);
  std::vector<Mark> parts = marks(svg, "rect", "bar");
  REQUIRE(parts.size() == 6);
  auto plot = plots(svg);
  CHECK(plot[0][0] == 8); // the round top above the larger total, 7 (and 6)
  double x = plot[0][2];
  for (const Mark& p : parts)
    if (p.attr.at("data-category") == "0") {
      CHECK(p.number("x") == doctest::Approx(x));
      CHECK(p.number("width") == doctest::Approx(p.number("data-value") / 8 * plot[0][1]).epsilon(0.001));
      x += p.number("width");
    }
  CHECK(svg.find(">Полиция</text>") != std::string::npos);
}

TEST_CASE("change_panels: each figure's two values on its own scale, and the change in %") {
  std::vector<chart::Change> changes = {
      {"Семей на сопровождении", 87, 100, -13}, {"Детей помещено в учреждения", 4, 9, -55.6}, {"Новое", 3, 0, std::nullopt}};
  std::string svg = chart::change_panels("Год к году", changes, "2026", "2025", "ru");
  CHECK(plots(svg).size() == 3);
  std::vector<Mark> bars = marks(svg, "rect", "bar");
  REQUIRE(bars.size() == 6);
  CHECK(svg.find("−13\u00a0%") != std::string::npos);
  CHECK(svg.find("−55,6\u00a0%") != std::string::npos);
  CHECK(svg.find(">—</text>") != std::string::npos); // no change in % from 0
  auto plot = plots(svg);
  for (const Mark& b : bars) {
    std::size_t panel = std::stoul(b.attr.at("data-category"));
    CHECK(b.number("height") == doctest::Approx(b.number("data-value") / plot[panel][0] * plot[panel][1]).epsilon(0.001));
  }
}

TEST_CASE("columns: turned month labels of a long period start inside the drawing (regression: 'янв 24' was cut at the left)") {
  chart::Chart c;
  c.title = "Три года";
  for (int y = 24; y <= 26; ++y)
    for (const char* m : {"янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"})
      c.categories.push_back(std::string(m) + " " + std::to_string(y));
  c.series = {{"2024-2026", std::vector<std::optional<double>>(36, 5.0)}};
  std::string svg = chart::columns(c);
  std::smatch first;
  REQUIRE(std::regex_search(svg, first,
                            std::regex(R"re(<text x="([0-9.]+)" y="[0-9.]+" text-anchor="end" transform="rotate\(-40)re")));
  // "янв 24" is 6 letters of about 6 units at font 10; turned by 40°, it reaches 0.77 of that left.
  CHECK(std::stod(first[1]) >= 0.77 * 6 * 6);
}
