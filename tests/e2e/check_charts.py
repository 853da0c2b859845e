#!/usr/bin/env python3
"""Checks the charts of a casectl HTML page against what lib/output/chart.hpp promises.

usage: check_charts.py PAGE.html             geometry of every chart; prints one line per chart
       check_charts.py PAGE.html --values T  also prints the values of the chart titled T, one per
                                             line: "SERIES CATEGORY VALUE"

Every chart must be well-formed XML with a <title>; inside each <g class="plot" data-axis=A
data-max=M data-length=L data-zero=Z>, every <rect class="bar"> must be value / M x L long along
the value axis (A "y": its height, standing on Z; A "x": its width, starting at Z or after it) and every <circle class="point"> value / M x L away from Z; M must
be at least the largest value and, but for a percentage axis (100), less than twice it. Exit 1 naming the first chart and mark that breaks a rule.
"""
import re
import sys
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
TOLERANCE = 0.02


def charts(page):
    for match in re.finditer(r'<svg xmlns="http://www.w3.org/2000/svg" class="chart".*?</svg>', page, re.S):
        yield match.group(0)


def check(svg_text):
    svg = ET.fromstring(svg_text)  # raises on markup that is not well-formed
    title = svg.find(SVG + "title")
    if title is None or not (title.text or "").strip():
        raise ValueError("a chart without a <title>")
    name = title.text
    marks = 0
    for plot in svg.iter(SVG + "g"):
        if plot.get("class") != "plot":
            continue
        top, length, zero = float(plot.get("data-max")), float(plot.get("data-length")), float(plot.get("data-zero"))
        # The longest drawing: a value, or in a stacked bar (parts starting after 0) its parts' sum.
        by_category = {}
        for m in plot:
            if m.get("class") in ("bar", "point"):
                by_category.setdefault(m.get("data-category"), []).append(m)
        largest = 0.0
        for marks_of in by_category.values():
            values = [float(m.get("data-value")) for m in marks_of]
            stacked = plot.get("data-axis") == "x" and any(float(m.get("x")) > zero + TOLERANCE for m in marks_of)
            largest = max(largest, sum(values) if stacked else max(values))
        if largest > 0 and top != 100 and top >= 2 * largest and top > 1:
            raise ValueError(f"{name}: the axis ends at {top}, twice the largest value {largest} or more: the bars are drawn too short")
        for mark in plot:
            if mark.get("class") not in ("bar", "point"):
                continue
            marks += 1
            value = float(mark.get("data-value"))
            where = f"{name}: series {mark.get('data-series')}, category {mark.get('data-category')}, value {value}"
            if value > top + 1e-9:
                raise ValueError(f"{where} is beyond the axis's end {top}")
            expected = value / top * length
            if mark.get("class") == "point":
                drawn = zero - float(mark.get("cy"))
            else:
                x, y = float(mark.get("x")), float(mark.get("y"))
                w, h = float(mark.get("width")), float(mark.get("height"))
                if plot.get("data-axis") == "y":
                    drawn = h
                    if abs(y + h - zero) > TOLERANCE:
                        raise ValueError(f"{where}: a column not standing on 0 (ends at {y + h}, 0 at {zero})")
                else:
                    drawn = w
                    if x < zero - TOLERANCE:
                        raise ValueError(f"{where}: a bar starting before 0 (x {x}, 0 at {zero})")
            if abs(drawn - expected) > TOLERANCE:
                raise ValueError(f"{where}: drawn {drawn:.2f} long, {expected:.2f} expected (axis 0..{top} over {length})")
    return name, marks, svg


def main():
    page = open(sys.argv[1], encoding="utf-8").read()
    wanted = sys.argv[3] if len(sys.argv) > 3 and sys.argv[2] == "--values" else None
    found = False
    for text in charts(page):
        found = True
        try:
            name, marks, svg = check(text)
        except (ValueError, ET.ParseError) as e:
            print(f"{sys.argv[1]}: {e}", file=sys.stderr)
            return 1
        if wanted is None:
            print(f"{name}\t{marks}")
        elif name == wanted:
            for mark in svg.iter():
                if mark.get("class") in ("bar", "point"):
                    print(mark.get("data-series"), mark.get("data-category"), mark.get("data-value"))
    if not found:
        print(f"{sys.argv[1]}: no chart", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
