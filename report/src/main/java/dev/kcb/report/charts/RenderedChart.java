package dev.kcb.report.charts;

/**
 * A chart ready to write: which benchmark section it belongs to, its file name (no extension), the page caption
 * saying what to read from it, and the figure.
 */
public record RenderedChart(String benchmark, String name, String title, String caption, Figure figure) {
}
