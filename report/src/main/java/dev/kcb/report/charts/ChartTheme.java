package dev.kcb.report.charts;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.HashMap;
import java.util.Map;

/**
 * All chart styling in one place: size, fonts, colours, axes. One instance per report, so a series label
 * ("acks=all", a run id) keeps its colour across every chart of the report.
 */
public final class ChartTheme {
    public static final int WIDTH = 900;
    public static final int HEIGHT = 540;
    /** Space above the XChart body for our title and subtitle, and below it for the environment footer. */
    public static final int HEADER = 58;
    public static final int FOOTER = 26;

    static final String FAMILY = Font.SANS_SERIF;
    static final Font TITLE = new Font(FAMILY, Font.BOLD, 18);
    static final Font SUBTITLE = new Font(FAMILY, Font.PLAIN, 13);
    static final Font FOOTER_FONT = new Font(FAMILY, Font.PLAIN, 11);
    static final Font AXIS_TITLE = new Font(FAMILY, Font.PLAIN, 14);
    static final Font TICKS = new Font(FAMILY, Font.PLAIN, 12);
    static final Font LEGEND = new Font(FAMILY, Font.PLAIN, 12);
    static final Font CELL = new Font(FAMILY, Font.BOLD, 13);

    static final Color INK = new Color(0x22, 0x22, 0x22);
    static final Color MUTED = new Color(0x66, 0x66, 0x66);
    static final Color GRID = new Color(0xE4, 0xE4, 0xE4);

    /** Okabe–Ito, colour-blind safe (yellow left out: unreadable on white), then neutral greys. */
    private static final Color[] PALETTE = {
            new Color(0x00, 0x72, 0xB2), new Color(0xE6, 0x9F, 0x00), new Color(0x00, 0x9E, 0x73),
            new Color(0xD5, 0x5E, 0x00), new Color(0xCC, 0x79, 0xA7), new Color(0x56, 0xB4, 0xE9),
            new Color(0x00, 0x00, 0x00), new Color(0x99, 0x99, 0x99)};
    /** Heat-map ramp: light to mid blue (sequential; higher is darker), light enough for dark cell labels. */
    private static final Color[] RAMP = {new Color(0xF7, 0xFB, 0xFF), new Color(0xC6, 0xDB, 0xEF),
            new Color(0x6B, 0xAE, 0xD6), new Color(0x31, 0x82, 0xBD)};

    private static final BasicStroke SOLID = new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    private static final float[][] DASHES = {{9f, 5f}, {3f, 4f}, {12f, 4f, 3f, 4f}};
    private static final Marker[] MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND, SeriesMarkers.SQUARE, SeriesMarkers.TRIANGLE_UP};

    private final Map<String, Color> assigned = new HashMap<>();

    /** The colour for a series label, the same in every chart of this report. */
    public Color colour(String seriesLabel) {
        return assigned.computeIfAbsent(seriesLabel, k -> PALETTE[assigned.size() % PALETTE.length]);
    }

    public XYChart xy(String xTitle, String yTitle) {
        XYChart c = new XYChart(WIDTH, bodyHeight());
        c.setXAxisTitle(xTitle);
        c.setYAxisTitle(yTitle);
        axes(c.getStyler());
        c.getStyler().setMarkerSize(8);
        c.getStyler().setErrorBarsColorSeriesColor(true);
        return c;
    }

    public CategoryChart bars(String xTitle, String yTitle) {
        CategoryChart c = new CategoryChart(WIDTH, bodyHeight());
        c.setXAxisTitle(xTitle);
        c.setYAxisTitle(yTitle);
        axes(c.getStyler());
        c.getStyler().setPlotGridVerticalLinesVisible(false);
        c.getStyler().setAvailableSpaceFill(0.8);
        c.getStyler().setOverlapped(false);
        return c;
    }

    /**
     * Bars with interval whiskers, on an axis from 0 to above the highest whisker: XChart's default pads it by 4% each
     * side, and a whisker below zero (a wide interval: a rate or a time is never negative) ran through the zero line
     * into it (a hair below zero, so that XChart still labels the zero tick at the plot's edge). Whiskers are drawn in
     * ink: in the bar's own colour they vanish into the bar.
     */
    public static void whiskersFromZero(CategoryChart c, double top) {
        c.getStyler().setErrorBarsColor(INK);
        c.getStyler().setPlotContentSize(1.0);
        c.getStyler().setYAxisMin(-1e-3 * top);
        c.getStyler().setYAxisMax(1.05 * top);
    }

    public HeatMapChart heatMap(String xTitle, String yTitle) {
        // the two-arg constructor leaves the heat-map styler without a theme (no range colours: nothing is drawn)
        HeatMapChart c = new HeatMapChart(WIDTH, bodyHeight(), Styler.ChartTheme.XChart);
        c.setXAxisTitle(xTitle);
        c.setYAxisTitle(yTitle);
        axes(c.getStyler());
        c.getStyler().setPlotGridLinesVisible(false);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setRangeColors(RAMP);
        c.getStyler().setShowValue(true);
        c.getStyler().setValueFont(CELL);
        c.getStyler().setValueFontColor(INK);
        c.getStyler().setDrawBorder(true);
        c.getStyler().setPlotContentSize(1);
        return c;
    }

    /**
     * Style a line series: the colour of its key; the first run solid with round markers, later runs dashed with
     * other markers, so overlaid runs of the same config share a colour and still tell apart.
     */
    public void line(XYSeries s, String colourKey, int runIndex) {
        Color colour = colour(colourKey);
        s.setLineColor(colour);
        s.setMarkerColor(colour);
        s.setLineStyle(runIndex <= 0 ? SOLID : new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                DASHES[(runIndex - 1) % DASHES.length], 0f));
        s.setMarker(MARKERS[Math.max(runIndex, 0) % MARKERS.length]);
    }

    public void bar(CategorySeries s, String colourKey) {
        s.setFillColor(colour(colourKey));
    }

    public static int bodyHeight() {
        return HEIGHT - HEADER - FOOTER;
    }

    private static void axes(AxesChartStyler s) {
        s.setChartTitleVisible(false);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setPlotGridLinesColor(GRID);
        s.setPlotGridLinesStroke(new BasicStroke(1f));
        s.setPlotGridVerticalLinesVisible(false);
        s.setAxisTickMarksColor(MUTED);
        s.setAxisTickLabelsColor(INK);
        s.setChartFontColor(INK);
        s.setAxisTitleFont(AXIS_TITLE);
        s.setAxisTickLabelsFont(TICKS);
        s.setLegendFont(LEGEND);
        s.setLegendBorderColor(Color.WHITE);
        s.setLegendBackgroundColor(Color.WHITE);
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setChartPadding(12);
        s.setToolTipsEnabled(false);
        s.setAntiAlias(true);
        s.setPlotMargin(6);
        // "10,000" rather than XChart's "1E4" (log axes) or "10000"
        s.setXAxisDecimalPattern("#,##0.###");
        s.setYAxisDecimalPattern("#,##0.###");
    }
}
