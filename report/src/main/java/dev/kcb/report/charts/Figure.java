package dev.kcb.report.charts;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import org.knowm.xchart.internal.chartpart.Chart;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A finished chart: our title, subtitle and environment footer around an XChart body. XChart has no subtitle or
 * footer, so the frame is drawn here, the same way for PNG (Java2D) and SVG (VectorGraphics2D, which XChart itself
 * depends on for its VectorGraphicsEncoder).
 */
public record Figure(String title, String subtitle, String footer, Chart<?, ?> body, int width, int height) {

    /** The report's standard size ({@link ChartTheme#WIDTH} x {@link ChartTheme#HEIGHT}). */
    public Figure(String title, String subtitle, String footer, Chart<?, ?> body) {
        this(title, subtitle, footer, body, ChartTheme.WIDTH, ChartTheme.HEIGHT);
    }

    public void paint(Graphics2D g) {
        int w = width;
        int h = height;
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setFont(ChartTheme.TITLE);
        g.setColor(ChartTheme.INK);
        g.drawString(fit(g, title, w - 32), 16, 26);
        if (subtitle != null && !subtitle.isEmpty()) {
            g.setFont(ChartTheme.SUBTITLE);
            g.setColor(ChartTheme.MUTED);
            g.drawString(fit(g, subtitle, w - 32), 16, 47);
        }
        // XChart leaves the graphics state changed (fonts, clip); paint it on a child context
        Graphics2D gb = (Graphics2D) g.create();
        try {
            gb.translate(0, ChartTheme.HEADER);
            body.paint(gb, w, h - ChartTheme.HEADER - ChartTheme.FOOTER);
        } finally {
            gb.dispose();
        }
        g.setFont(ChartTheme.FOOTER_FONT);
        g.setColor(ChartTheme.MUTED);
        g.drawString(fit(g, footer, w - 32), 16, h - 9);
    }

    public BufferedImage image() {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            paint(g);
        } finally {
            g.dispose();
        }
        return img;
    }

    public void writePng(Path file) throws IOException {
        if (!ImageIO.write(image(), "png", file.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }

    public void writeSvg(Path file) throws IOException {
        VectorGraphics2D g = new VectorGraphics2D();
        paint(g);
        try (OutputStream out = Files.newOutputStream(file)) {
            new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, width, height)).writeTo(out);
        }
    }

    /** Cuts a line that would not fit, with an ellipsis, rather than letting it run off the image. */
    private static String fit(Graphics2D g, String text, int width) {
        FontMetrics fm = g.getFontMetrics();
        if (fm.stringWidth(text) <= width) {
            return text;
        }
        String s = text;
        while (s.length() > 1 && fm.stringWidth(s + "…") > width) {
            s = s.substring(0, s.length() - 1);
        }
        return s + "…";
    }
}
