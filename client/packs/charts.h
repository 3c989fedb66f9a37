// Charts of a report's tables, drawn with cairo and pango for the HTML and
// PDF packs. Made to be read without colour: one dark ink, the previous
// period hatched rather than tinted, and every bar labelled with its own
// figure (as the table gives it: "fewer than 5" draws no bar). Each chart
// has words for the people who cannot see it, and always sits beside the
// table that holds its figures.
// Pure: any thread (each call makes its own cairo surface or uses the
// caller's).
#pragma once

#include <string>

#include "carevoice/v1/report.pb.h"

typedef struct _cairo cairo_t;

namespace carevoice::client::packs {

// Whether `table` asks for a chart ("bar": its first figure column;
// "trend": this period against the previous; "line": its first one or two
// figure columns over its rows in order, months say, solid and dashed with
// round and square marks) and has rows to draw (two for a line).
bool HasChart(const v1::ReportTable& table);

// The chart's height, in points, when drawn `width` points wide.
double ChartHeight(const v1::ReportTable& table, double width);

// Draws the chart with its top left at the current origin of `cr`.
void DrawChart(cairo_t* cr, const v1::ReportTable& table, double width);

// The chart as an SVG document (fonts drawn as outlines), `width` points
// wide.
std::string ChartSvg(const v1::ReportTable& table, double width);

// The words under a chart: "Chart: <caption>. The figures are in the
// table below." (no second full stop after a caption's own ? or !).
std::string ChartCaption(const v1::ReportTable& table);

// What the chart shows, in words, for alt text and PDF /Alt: its kind,
// what it counts, and every bar's figure in order.
std::string ChartAlt(const v1::ReportTable& table);

}  // namespace carevoice::client::packs
